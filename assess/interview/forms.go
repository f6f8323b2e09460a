package interview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// This file builds the interview's huh forms. It does no I/O: a form is a
// list of pages bound to plain values, and apply functions turn those values
// into answers, so tests can check what is asked and what is recorded
// without a terminal.

// MaxFormWidth is the widest the interview draws, for comfortable reading.
const MaxFormWidth = 80

// page is one screen of a form. In the full-screen mode all pages of a form
// run as one huh form (hidden pages are skipped and shift+tab goes back); in
// accessible mode each page runs as a form of its own, because huh's
// accessible mode asks every field of every group, hidden or not.
type page struct {
	group  *huh.Group
	hidden func() bool // nil: always shown
	// list, when set, is a list on the page that may be taller than the
	// screen; the full-screen form marks what lies above or below it.
	list *scrollList
}

// scrollList is what it takes to find a multi-select's items on screen:
// huh scrolls a long list without saying so, and a criterion cut off at the
// bottom of an 80x24 terminal reads as the last one.
type scrollList struct {
	title string     // the list's title as drawn
	items [][]string // each item's lines as drawn, trimmed
}

// newScrollList records the items of a list titled title; texts are the
// option texts as passed to huh (wrapped with newlines).
func newScrollList(title string, texts []string) *scrollList {
	s := &scrollList{title: title}
	for _, t := range texts {
		var lines []string
		for _, line := range strings.Split(t, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				lines = append(lines, line)
			}
		}
		s.items = append(s.items, lines)
	}
	return s
}

// mark adds to a drawn screen, after the list's title, how many items lie
// above or below what is shown ("↓ 2 more below"). An item counts as shown
// when its first and last lines are on screen. The screen is left as it is
// when the list is not on it or shows in full.
func (s *scrollList) mark(screen string) string {
	at := strings.Index(screen, s.title)
	if at < 0 {
		return screen
	}
	shown := func(lines []string) bool {
		return len(lines) == 0 || strings.Contains(screen, lines[0]) && strings.Contains(screen, lines[len(lines)-1])
	}
	first, last := -1, -1
	for i, item := range s.items {
		if shown(item) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	above, below := first, len(s.items)-1-last
	if first < 0 { // nothing whole on screen: say so rather than guess
		above, below = 0, len(s.items)
	}
	var note string
	switch {
	case above > 0 && below > 0:
		note = fmt.Sprintf("↑%d ↓%d more", above, below)
	case below > 0:
		note = fmt.Sprintf("↓ %d more below", below)
	case above > 0:
		note = fmt.Sprintf("↑ %d more above", above)
	default:
		return screen
	}
	end := at + len(s.title)
	return screen[:end] + "  " + note + screen[end:]
}

// look is how forms are drawn.
type look struct {
	width      int  // columns of the form
	accessible bool // plain prompts for screen readers: no wrapping, no markup
}

// optionWidth is the width left for a multi-select option: the field's
// border and padding, the cursor ("> ") and the tick mark ("[•] " without
// colour) take nine columns.
func (l look) optionWidth() int { return max(20, l.width-9) }

// keepHint adds the current value to a text prompt in accessible mode,
// where huh neither shows it nor lets an empty line clear it: enter keeps
// it, and "-" clears it where clearing is allowed.
func (l look) keepHint(title, current string, clearable bool) string {
	current = strings.Join(strings.Fields(safetext.Line(current)), " ")
	if !l.accessible || current == "" {
		return title
	}
	if clearable {
		return fmt.Sprintf("%s [now: %s; enter keeps it, - clears it]", title, current)
	}
	return fmt.Sprintf("%s [now: %s; enter keeps it]", title, current)
}

// label is a field's title with its description. huh's accessible mode
// prints only the title, unwrapped, so there the description goes into the
// title ("separated by commas" and "leave empty to go on" matter to anyone),
// with the current value, wrapped at word boundaries to the form's width.
// The full-screen mode shows the description itself: label is the title.
func (l look) label(title, desc, current string, clearable bool) string {
	if !l.accessible {
		return title
	}
	// huh pads a title's lines to one width and adds a space: one column
	// to spare keeps them off the terminal's last column.
	return wordWrap(l.keepHint(sentences(title, desc), current, clearable), l.width-2)
}

// keeping lets an empty line through a field's check in accessible mode
// when the field has a value: there an empty line keeps the value shown
// (huh checks the line typed, not the value it keeps).
func (l look) keeping(current string, check func(string) error) func(string) error {
	return func(s string) error {
		if l.accessible && strings.TrimSpace(s) == "" && strings.TrimSpace(current) != "" {
			return nil
		}
		return check(s)
	}
}

// sentences joins a title and a description: "Evidence (optional).
// Documents that show it." or "Does it apply? Pre-selected from ...".
func sentences(title, desc string) string {
	title, desc = strings.TrimSpace(title), strings.TrimSpace(desc)
	switch {
	case desc == "":
		return title
	case strings.HasSuffix(title, "?") || strings.HasSuffix(title, ".") || strings.HasSuffix(title, ":"):
		return title + " " + desc
	}
	return title + ". " + desc
}

// cleared trims a text value; in accessible mode a lone "-" means empty.
func (l look) cleared(s string) string {
	s = strings.TrimSpace(assess.CleanInput(s))
	if l.accessible && s == "-" {
		return ""
	}
	return s
}

// progress is where a question stands in the interview.
type progress struct {
	N, Total int // question n of total in the interview's scope
	Done     int // questions of the scope already assessed
}

func (p progress) percent() int {
	if p.Total == 0 {
		return 100
	}
	return p.Done * 100 / p.Total
}

// sectionLabel is "Clause 6" or "Annex A.7".
func sectionLabel(s *catalog.Section) string {
	if s.Kind == catalog.KindAnnex {
		if strings.HasPrefix(s.ID, "A.") {
			return "Annex " + s.ID
		}
		return "Area " + s.ID
	}
	return "Clause " + s.ID
}

// progressLine is the header of every question screen: section on the left,
// position and percent done on the right, on one line of the form's width.
func progressLine(q *catalog.Question, p progress, width int) string {
	right := fmt.Sprintf("question %d of %d · %d%% done", p.N, p.Total, p.percent())
	left := safetext.Line(sectionLabel(q.Section) + " · " + q.Section.Title)
	room := width - lipgloss.Width(right) - 3
	if room < 12 {
		return left + "\n" + right
	}
	left = truncate(left, room)
	gap := width - lipgloss.Width(left) - lipgloss.Width(right) - 1
	return left + strings.Repeat(" ", max(2, gap)) + right
}

// questionHeading is "6.1.2 AI risk assessment".
func questionHeading(q *catalog.Question) string { return safetext.Line(q.ID + " " + q.Title) }

// questionForm asks one question: first whether to assess it now or skip
// it for now; for a control, whether it applies; then the criteria met,
// notes and evidence, or for an excluded control the justification.
type questionForm struct {
	q     *catalog.Question
	pages []page

	// Values bound to the fields.
	applies       bool
	met           []string
	notes         string
	evidence      string
	justification string // why an excluded control does not apply
	inclusion     string // why an included control applies

	// shared are the criteria answered at an earlier question (same-as):
	// shown, not asked, and kept as they were in this answer.
	shared []string

	// assessNow is false when the assessor skips the question for now:
	// nothing is recorded, and it is asked again next time.
	assessNow bool

	prev *assess.Answer
	look look
}

// skipped reports whether the assessor left the question for later.
func (qf *questionForm) skipped() bool { return !qf.assessNow }

// applicabilityDefault decides the pre-selected applicability of a control:
// the earlier decision when there is one, otherwise whether it concerns one
// of the organisation's roles.
func applicabilityDefault(q *catalog.Question, prev *assess.Answer, roles []catalog.Role) (applies bool, why string) {
	if prev != nil && prev.Assessed {
		if prev.Applicable {
			return true, "Your earlier answer (applies) is selected."
		}
		return false, "Your earlier answer (excluded) is selected."
	}
	if q.ConcernsAny(roles) {
		if len(q.Roles) == 0 || len(q.Roles) == len(catalog.Roles) {
			return true, "Pre-selected: this control concerns every organisation."
		}
		return true, fmt.Sprintf("Pre-selected from your roles: it concerns %s.", rolesPhrase(q.Roles))
	}
	return false, fmt.Sprintf("Pre-selected from your roles: it concerns %s, and %s not among them.", rolesPhrase(q.Roles), rolesNot(roles))
}

func rolesPhrase(rs []catalog.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r) + "s"
	}
	return catalog.JoinAnd(s) + " of AI systems"
}

func rolesNot(rs []catalog.Role) string {
	if len(rs) == 0 {
		return "no role is recorded for your organisation, so it is"
	}
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	if len(s) == 1 {
		return "your role (" + s[0] + ") is"
	}
	return "your roles (" + catalog.JoinAnd(s) + ") are"
}

// newQuestionForm builds the pages for q. prev is the earlier answer (nil
// when none); roles are the organisation's roles.
func newQuestionForm(q *catalog.Question, prev *assess.Answer, roles []catalog.Role, p progress, l look) *questionForm {
	return buildQuestionForm(q, &assess.Answers{Roles: roles, Answers: map[string]*assess.Answer{q.ID: prev}}, p, l)
}

// buildQuestionForm builds the pages for q within the assessment a: its
// earlier answer, the organisation's roles and systems (for a drafted
// inclusion justification) and the answers that shared criteria take.
func buildQuestionForm(q *catalog.Question, a *assess.Answers, p progress, l look) *questionForm {
	prev := a.Answers[q.ID]
	roles := a.Roles
	qf := &questionForm{q: q, prev: prev, applies: true, assessNow: true, look: l}
	if prev != nil {
		qf.notes = prev.Notes
		qf.evidence = strings.Join(prev.Evidence, ", ")
		if prev.Assessed && prev.Applicable {
			qf.met = append([]string(nil), prev.Met...)
		}
		if prev.Applicable {
			qf.inclusion = prev.Justification
		} else {
			qf.justification = prev.Justification
		}
	}
	if q.IsControl() && qf.inclusion == "" && len(a.Roles)+len(a.Systems) > 0 {
		qf.inclusion = assess.DraftInclusion(q, a)
	}
	header := progressLine(q, p, l.width) + "\n" + questionHeading(q)

	// Page 1: the question, what an auditor looks for, and whether to
	// assess it now or skip it for now.
	var brief strings.Builder
	brief.WriteString(markup(q.Prompt, l))
	if l.accessible {
		brief.WriteString("\n\n" + markup("What an auditor looks for: "+q.Guidance, l))
	} else {
		brief.WriteString("\n\n*What an auditor looks for*\n" + markup(q.Guidance, l))
	}
	note := huh.NewNote().Description(brief.String())
	if l.accessible {
		note.Title(questionHeading(q))
	}
	qf.pages = append(qf.pages, page{group: huh.NewGroup(note, skipChoice(q, prev, &qf.assessNow, l)).Title(header)})
	skipping := func() bool { return !qf.assessNow }
	assessing := func() bool { return qf.assessNow && qf.applies }
	question := strings.Join(strings.Fields(q.Prompt), " ")

	// Page 1b, controls: whether it applies. A page of its own, with the
	// question repeated: beside the guidance it would push the question
	// off an 80x24 screen.
	if q.IsControl() {
		var why string
		qf.applies, why = applicabilityDefault(q, prev, roles)
		desc := question
		if !l.accessible {
			desc += "\n" // a blank line before the field
		}
		// A confirm, not a select: huh's select scrolls its second option
		// out of view when it is the default.
		applies := huh.NewConfirm().
			Title(l.label("Does this control apply?", why, "", false)).
			Description(why).
			Affirmative("Applies").
			Negative("Excluded in the SoA").
			WithButtonAlignment(lipgloss.Left).
			Value(&qf.applies)
		qf.pages = append(qf.pages, page{group: huh.NewGroup(applies).Title(header).Description(desc), hidden: skipping})
	}

	// Page 2: criteria met, notes, evidence. A criterion answered at an
	// earlier question is shown with that answer, not asked again.
	var opts []huh.Option[string]
	var sharedNotes, texts []string
	for _, cr := range q.Criteria {
		// At least one criterion is always asked here, so the page has a field.
		if tq, tc, ok := a.AnsweredElsewhere(cr); ok && len(qf.shared) < len(q.Criteria)-1 {
			state := "not answered there yet"
			if ta := a.Answers[tq.ID]; ta != nil && ta.Assessed {
				state = "not met"
				if ta.IsMet(tc.ID) {
					state = "met"
				}
			}
			qf.shared = append(qf.shared, cr.ID)
			sharedNotes = append(sharedNotes, fmt.Sprintf("Answered at %s (%s): %s", tq.ID, state, truncate(strings.Join(strings.Fields(cr.Text), " "), 90)))
			continue
		}
		text := optionText(cr.ForAssessor(), l)
		texts = append(texts, text)
		opts = append(opts, huh.NewOption(text, cr.ID))
	}
	critTitle := "Which of these are in place? Tick each one that is met."
	if l.accessible && len(sharedNotes) > 0 { // huh prints no group description in accessible mode
		critTitle = strings.Join(sharedNotes, "\n") + "\n" + critTitle
	}
	criteriaTitle := l.label(critTitle, "", "", false)
	criteria := huh.NewMultiSelect[string]().
		Title(criteriaTitle).
		Options(opts...).
		Filterable(false).
		Value(&qf.met)
	notes := huh.NewText().
		Title(l.label("Notes (optional)", "One line here; leave empty to skip.", qf.notes, true)).
		Lines(3).
		CharLimit(assess.MaxTextChars).
		ExternalEditor(false).
		Validate(withinLimits).
		Value(&qf.notes)
	evidence := huh.NewInput().
		Title(l.label("Evidence (optional)", evidenceHelp, qf.evidence, true)).
		Description(evidenceHelp).
		Placeholder("e.g. AI policy v2, risk register 2026-03").
		CharLimit(assess.MaxTextChars).
		Validate(evidenceWithinLimits).
		Value(&qf.evidence)
	prompt := question
	if len(sharedNotes) > 0 {
		prompt += "\n" + strings.Join(sharedNotes, "\n")
	}
	if !l.accessible {
		prompt += "\n" // a blank line before the fields
	}
	assessPage := huh.NewGroup(criteria, notes, evidence).Title(header).Description(prompt)
	qf.pages = append(qf.pages, page{group: assessPage, hidden: func() bool { return !assessing() }, list: newScrollList(criteriaTitle, texts)})

	// Page 3, included controls: why it applies, which the SoA must show
	// as well; a drafted starting point is offered for editing.
	if q.IsControl() {
		inclDesc := "Name the risk, obligation or AI system this control answers. Edit the suggestion."
		incl := huh.NewText().
			Title(l.label("Why does "+q.ID+" apply? (for the Statement of Applicability)", inclDesc, qf.inclusion, false)).
			Description(inclDesc).
			Lines(3).
			CharLimit(assess.MaxTextChars).
			ExternalEditor(false).
			Validate(l.keeping(qf.inclusion, all(requireText("a justification is required: the SoA must say why each included control applies"), withinLimits))).
			Value(&qf.inclusion)
		qf.pages = append(qf.pages, page{
			group:  huh.NewGroup(incl).Title(header),
			hidden: func() bool { return !assessing() },
		})
	}

	// Page 4, excluded controls only: the justification the SoA must show.
	if q.IsControl() {
		just := huh.NewText().
			Title(l.label("Why does "+q.ID+" not apply?", justificationHelp, qf.justification, false)).
			Description(justificationHelp).
			Lines(3).
			ExternalEditor(false).
			Validate(l.keeping(qf.justification, all(requireText("a justification is required to exclude a control"), withinLimits))).
			Value(&qf.justification)
		qf.pages = append(qf.pages, page{
			group:  huh.NewGroup(just).Title(header),
			hidden: func() bool { return !qf.assessNow || qf.applies },
		})
	}
	return qf
}

// skipChoice ends a question's first page: assess it now (the default,
// so Enter goes on as before) or skip it for now, which records nothing:
// the question stays not assessed (or keeps its earlier answer) and is
// asked again next time. Without it, the only way past a question was to
// confirm an empty criteria list, which records "assessed, nothing met".
func skipChoice(q *catalog.Question, prev *assess.Answer, value *bool, l look) huh.Field {
	skip := "Skip for now (leave it not assessed)"
	result := "it stays not assessed and is asked again next time"
	if prev != nil && prev.Assessed {
		skip = "Skip for now (keep the earlier answer)"
		result = "its earlier answer is kept"
	}
	c := huh.NewConfirm().
		Affirmative("Assess it now").
		Negative(skip).
		WithButtonAlignment(lipgloss.Left).
		Value(value)
	if l.accessible {
		// The buttons say it all on screen; a prompt line needs words.
		c.Title(l.label("Assess "+q.ID+" now?", "y or Enter assesses it; n skips it for now: "+result+".", "", false))
	}
	return c
}

const (
	evidenceHelp      = "Documents or records that show it, separated by commas: a register id (E-001), a file path (hashed now into the evidence register) or a reference."
	justificationHelp = "The Statement of Applicability must justify every excluded control."
)

// answer turns the form's values into the answer to record.
func (qf *questionForm) answer() *assess.Answer {
	ans := &assess.Answer{Applicable: true, Assessed: true}
	if qf.prev != nil {
		ans.Notes, ans.Evidence = qf.prev.Notes, qf.prev.Evidence
	}
	if qf.q.IsControl() && !qf.applies {
		ans.Applicable = false
		ans.Justification = strings.TrimSpace(assess.CleanInput(qf.justification))
		return ans
	}
	if qf.q.IsControl() {
		ans.Justification = strings.TrimSpace(qf.inclusion)
	}
	ans.Met = []string{}
	for _, id := range qf.q.CriterionIDs() { // catalog order, no duplicates
		switch {
		case slices.Contains(qf.shared, id):
			// Answered elsewhere: keep whatever this answer held.
			if qf.prev != nil && qf.prev.IsMet(id) {
				ans.Met = append(ans.Met, id)
			}
		case slices.Contains(qf.met, id):
			ans.Met = append(ans.Met, id)
		}
	}
	ans.Notes = qf.look.cleared(qf.notes)
	if qf.prev == nil || qf.evidence != strings.Join(qf.prev.Evidence, ", ") {
		ans.Evidence = SplitEvidence(qf.look.cleared(qf.evidence))
	}
	return ans
}

// SplitEvidence splits evidence references given on one line: commas,
// semicolons and line breaks separate them; blanks are dropped.
func SplitEvidence(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// describeAnswer is the short acknowledgement printed once an answer is saved.
func describeAnswer(q *catalog.Question, a *assess.Answer) string {
	if a.Excluded() {
		return "excluded from the Statement of Applicability"
	}
	return fmt.Sprintf("%d of %d criteria met", len(a.Met), len(q.Criteria))
}

// sectionIntro opens a section: what it covers, in the catalog's words.
func sectionIntro(s *catalog.Section, left int, first bool, l look) page {
	var b strings.Builder
	b.WriteString(markup(s.Intro, l))
	fmt.Fprintf(&b, "\n\n%s to answer here.", plural(left, "question"))
	if first {
		stop := "Esc or Ctrl-C"
		if l.accessible {
			stop = "Ctrl-C"
		}
		fmt.Fprintf(&b, " Every answer is saved as soon as you give it: press %s at any time to stop, and run the same command again to resume.", stop)
	}
	desc := b.String()
	if l.accessible {
		desc = wrapParagraphs(desc, l.width)
	}
	note := huh.NewNote().
		Title(safetext.Line(sectionLabel(s) + " · " + s.Title)).
		Description(desc).
		Next(true).NextLabel("Start")
	return page{group: huh.NewGroup(note)}
}

// withinLimits refuses text over the limits an answers file takes (after
// the cleaning every typed value gets), so it is refused at the prompt,
// never by a save or a later load.
func withinLimits(s string) error {
	if msg := strictyaml.CheckText(assess.CleanInput(s), assess.MaxTextChars, assess.MaxTextLines); msg != "" {
		return fmt.Errorf("this text %s", msg)
	}
	return nil
}

// evidenceWithinLimits is withinLimits for the evidence list.
func evidenceWithinLimits(s string) error {
	if n := len(SplitEvidence(s)); n > assess.MaxListItems {
		return fmt.Errorf("%d references, over the limit of %d", n, assess.MaxListItems)
	}
	return withinLimits(s)
}

// all runs validators in turn.
func all(checks ...func(string) error) func(string) error {
	return func(s string) error {
		for _, c := range checks {
			if err := c(s); err != nil {
				return err
			}
		}
		return nil
	}
}

func requireText(msg string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s", msg)
		}
		return nil
	}
}

// markup prepares catalog text for a huh note, which reads _ * and ` as
// formatting in the full-screen mode; accessible mode prints it as is.
func markup(s string, l look) string {
	s = strings.TrimSpace(safetext.Text(s))
	if l.accessible { // no markup; wrapped at words, as huh would not
		return wrapParagraphs(s, l.width)
	}
	r := strings.NewReplacer(`\`, `\\`, "_", `\_`, "*", `\*`, "`", "\\`")
	return r.Replace(s)
}

// optionText wraps a criterion for the multi-select, which does not wrap its
// options itself; continuation lines line up under the text.
func optionText(s string, l look) string {
	s = strings.Join(strings.Fields(safetext.Line(s)), " ")
	if l.accessible {
		// huh prints "3.   text" (or "3. ✓ text"): continuation lines
		// start under the text.
		const hang = "     "
		return strings.ReplaceAll(wordWrap(s, l.width-len(hang)), "\n", "\n"+hang)
	}
	return wordWrap(s, l.optionWidth())
}

// wrapParagraphs word-wraps each line of s on its own, keeping line breaks.
// Indented lines (a command to type, a score) are left whole: a command
// broken over two lines would not work when copied.
func wrapParagraphs(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, " ") {
			lines[i] = wordWrap(line, width)
		}
	}
	return strings.Join(lines, "\n")
}

// wordWrap folds text at spaces to lines of at most width columns.
func wordWrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		wl := lipgloss.Width(w)
		if n > 0 && n+1+wl > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += wl
	}
	return b.String()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(0, n-1)]) + "…"
}

// interviewTheme is huh's Charm theme with the group description (the
// question) in the normal text colour, or the colourless base theme.
func interviewTheme(plain bool) *huh.Theme {
	if plain {
		t := huh.ThemeBase()
		t.Group.Title = t.Group.Title.Bold(true)
		t.Focused.Title = t.Focused.Title.Bold(true)
		t.Focused.NoteTitle = t.Focused.NoteTitle.Bold(true).MarginBottom(1)
		t.Blurred = t.Focused
		t.Blurred.Base = t.Blurred.Base.BorderStyle(lipgloss.HiddenBorder())
		t.Blurred.Card = t.Blurred.Base
		t.Blurred.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
		t.Blurred.SelectSelector = lipgloss.NewStyle().SetString("  ")
		// Without colour (NO_COLOR drops every style) the chosen button
		// must still show: radio marks say which one it is.
		t.Focused.Next = t.Focused.FocusedButton.UnsetForeground().UnsetBackground().Reverse(true)
		t.Focused.FocusedButton = t.Focused.Next.SetString("(•)")
		t.Focused.BlurredButton = t.Focused.BlurredButton.UnsetForeground().UnsetBackground().SetString("( )")
		t.Focused.TextInput.Placeholder = lipgloss.NewStyle().Faint(true)
		t.Blurred.FocusedButton, t.Blurred.Next, t.Blurred.BlurredButton = t.Focused.FocusedButton, t.Focused.Next, t.Focused.BlurredButton
		t.Blurred.TextInput.Placeholder = t.Focused.TextInput.Placeholder
		t.FieldSeparator = lipgloss.NewStyle().SetString("\n")
		return t
	}
	t := huh.ThemeCharm()
	t.Group.Description = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "235", Dark: "252"})
	t.Blurred.MultiSelectSelector = lipgloss.NewStyle().SetString("  ")
	t.Blurred.SelectSelector = lipgloss.NewStyle().SetString("  ")
	// One blank line between fields, not two: every line counts at 80x24.
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n")
	return t
}

// interviewKeyMap is huh's default with Esc as a second way to stop, and no
// filtering (Esc would stop the interview while filtering).
func interviewKeyMap() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "stop"))
	off := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...), key.WithDisabled()) }
	k.Select.Filter = off("/")
	k.MultiSelect.Filter = off("/")
	return k
}
