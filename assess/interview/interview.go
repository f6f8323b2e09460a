// Package interview is the terminal interview that fills an answers file in:
// huh forms over Bubble Tea, in full-screen or accessible (screen reader)
// mode, saving through package assess after every answer.
//
// It is the only package that imports terminal and TUI libraries (with its
// subpackage termquiet). It imports assess for answers, scoring and saving;
// assess, catalog and report must never import it, and it must not import
// report or cmd.
package interview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
)

// ErrInterrupted is returned when the user stops the interview (Ctrl-C or
// Esc, a signal, or the end of the input). Every answer given before was
// saved.
var ErrInterrupted = errors.New("interview interrupted")

// ErrInputEnded is returned (it is an ErrInterrupted) when the input ended
// before the interview was complete.
var ErrInputEnded = fmt.Errorf("%w: the input ended", ErrInterrupted)

// Interview walks an assessment through a terminal with huh forms and saves
// the answers file after every answer, so it can be stopped or killed at any
// moment and resumed where it stopped.
type Interview struct {
	Catalog *catalog.Catalog
	// Path is the answers file. An existing file is resumed; one that does
	// not parse is never overwritten.
	Path string
	// Sections limits the questions to these section ids (catalog order).
	Sections []string
	// Quick asks only the catalog's quick-snapshot questions; a new file
	// gets the quick profile.
	Quick bool
	// Full turns a quick snapshot into a full assessment, keeping its
	// answers, so the questions it left out are asked too.
	Full bool
	// Revisit asks answered questions (and the details) again, with the
	// earlier answers pre-selected.
	Revisit bool
	// Accessible uses huh's screen-reader mode: plain numbered prompts read
	// line by line from In.
	Accessible bool
	// Plain draws without colour (NO_COLOR).
	Plain bool

	In  io.Reader
	Out io.Writer
	// Width and Height bound the forms; 0 means the terminal's size, and
	// the width never exceeds MaxFormWidth.
	Width, Height int
	// Now gives the default date of a new assessment; nil means time.Now.
	Now func() time.Time

	// Command returns the command line that runs aimsready with args (not
	// yet shell-quoted), as the user started it, for hints; nil means
	// "aimsready" and args as they are.
	Command func(args ...string) string
	// Named rewrites "aimsready COMMAND" in messages from other packages
	// to the command as started; nil leaves them.
	Named func(string) string

	// Answers is the assessment being filled in. Nil means Run loads Path
	// or, if it does not exist, starts a new assessment.
	Answers *assess.Answers
	// Warnings are those of loading Path, also printed to Out.
	Warnings []assess.Warning

	look    look
	theme   *huh.Theme
	keys    *huh.KeyMap
	out     *gatedWriter
	hub     *inputHub   // full-screen mode with an input that is not a terminal
	lines   *lineReader // accessible mode
	plan    *Plan
	tracked *assess.Tracked
	resumed bool // Path existed
	// said is set once the "answers are saved, Esc to stop" hint was shown.
	said bool
	// skipped are the questions skipped for now in this run, in order.
	skipped []*catalog.Question
}

// PlanOptions chooses the questions of an interview.
type PlanOptions struct {
	Sections []string // section ids; none means every section
	Quick    bool     // only quick-snapshot questions
	Revisit  bool     // ask answered questions again
}

// Plan is what an interview covers.
type Plan struct {
	// Scope is every question the interview covers, answered or not, in
	// catalog order: progress is counted over it.
	Scope []*catalog.Question
	// Ask are the questions still to ask, in catalog order.
	Ask []*catalog.Question
}

// FindSection returns the section with the given id, ignoring case and
// surrounding space, or nil.
func FindSection(c *catalog.Catalog, id string) *catalog.Section {
	id = strings.TrimSpace(id)
	for _, s := range c.Sections {
		if strings.EqualFold(s.ID, id) {
			return s
		}
	}
	return nil
}

// SectionIDs lists the catalog's section ids in order.
func SectionIDs(c *catalog.Catalog) []string {
	ids := make([]string, len(c.Sections))
	for i, s := range c.Sections {
		ids[i] = s.ID
	}
	return ids
}

// MakePlan decides which questions an interview asks: those of the chosen
// sections in the assessment's profile (only quick ones with Quick), minus
// those already assessed unless Revisit.
func MakePlan(c *catalog.Catalog, a *assess.Answers, o PlanOptions) (*Plan, error) {
	var only map[string]bool
	if len(o.Sections) > 0 {
		only = map[string]bool{}
		for _, id := range o.Sections {
			s := FindSection(c, id)
			if s == nil {
				return nil, fmt.Errorf("unknown section %q (sections: %s)", id, strings.Join(SectionIDs(c), ", "))
			}
			only[s.ID] = true
		}
	}
	p := &Plan{}
	for _, s := range c.Sections {
		if only != nil && !only[s.ID] {
			continue
		}
		for _, q := range s.Questions {
			if !a.InProfile(q) || (o.Quick && !q.Quick) {
				continue
			}
			p.Scope = append(p.Scope, q)
			if o.Revisit || !isAssessed(a, q.ID) {
				p.Ask = append(p.Ask, q)
			}
		}
	}
	return p, nil
}

func isAssessed(a *assess.Answers, id string) bool {
	ans := a.Answers[id]
	return ans != nil && ans.Assessed
}

// progressOf says where question q stands in the plan right now.
func (p *Plan) progressOf(a *assess.Answers, q *catalog.Question) progress {
	pr := progress{Total: len(p.Scope)}
	for i, sq := range p.Scope {
		if sq == q {
			pr.N = i + 1
		}
		if isAssessed(a, sq.ID) {
			pr.Done++
		}
	}
	return pr
}

// NeedsDetails reports whether the assessment details are incomplete.
func NeedsDetails(a *assess.Answers) bool {
	return strings.TrimSpace(a.Organization) == "" || strings.TrimSpace(a.Assessor) == "" ||
		strings.TrimSpace(a.Scope) == "" || len(a.Roles) == 0
}

// Run loads or starts the assessment, asks the details if they are missing,
// then every planned question section by section, saving after each answer.
// It returns ErrInterrupted (wrapped) when the user stops, after the last
// answer was saved.
func (iv *Interview) Run(ctx context.Context) error {
	if iv.Catalog == nil {
		return errors.New("interview: no catalog")
	}
	if iv.Path == "" {
		iv.Path = assess.DefaultAnswersFile
	}
	if iv.In == nil {
		iv.In = os.Stdin
	}
	if iv.Out == nil {
		iv.Out = os.Stdout
	}
	iv.setup()
	// Before anything is asked: the file can be saved where it is, and no
	// other interview has it open.
	if err := assess.CanWrite(iv.Path); err != nil {
		return err
	}
	lock, err := assess.LockFile(iv.Path)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	assess.CleanTemp(iv.Path)
	if err := iv.load(); err != nil {
		return err
	}
	for _, w := range iv.Warnings {
		iv.printf("warning: %s\n", iv.named(w.String()))
	}
	a := iv.Answers
	if iv.resumed {
		done := 0
		for _, q := range iv.Catalog.Questions() {
			if a.InProfile(q) && isAssessed(a, q.ID) {
				done++
			}
		}
		iv.printf("Resuming %s: %s answered so far.\n", iv.Path, plural(done, "question"))
	}
	if a.Profile == assess.ProfileQuick && iv.Full {
		before := iv.inProfile()
		a.Profile = assess.ProfileFull
		if err := iv.save(); err != nil {
			return err
		}
		iv.printf("%s was a quick snapshot and is now a full assessment: its answers are kept, and %d more questions are in scope.\n", iv.Path, iv.inProfile()-before)
	} else if a.Profile == assess.ProfileQuick && !iv.Quick {
		iv.printf("%s is a quick snapshot: only its quick-snapshot questions are asked. To assess everything, keeping these answers, run:\n  %s\n", iv.Path, iv.command(iv.assessArgs("--full")...))
	}
	plan, err := MakePlan(iv.Catalog, a, PlanOptions{Sections: iv.Sections, Quick: iv.Quick, Revisit: iv.Revisit})
	if err != nil {
		return err
	}
	iv.plan = plan

	if NeedsDetails(a) || (iv.Revisit && len(iv.Sections) == 0) {
		if err := iv.askDetails(ctx); err != nil {
			return err
		}
	}

	if len(plan.Ask) == 0 {
		iv.printf("All %s in scope are already answered. To go through them again, run:\n  %s\n", plural(len(plan.Scope), "question"), iv.command(iv.assessArgs("--revisit")...))
		return nil
	}
	for i := 0; i < len(plan.Ask); {
		sec := plan.Ask[i].Section
		j := i
		for j < len(plan.Ask) && plan.Ask[j].Section == sec {
			j++
		}
		iv.refreshLook()
		if err := iv.runPages(ctx, "", []page{sectionIntro(sec, j-i, !iv.said, iv.look)}); err != nil {
			return err
		}
		iv.said = true
		for _, q := range plan.Ask[i:j] {
			if err := iv.askQuestion(ctx, q); err != nil {
				return err
			}
		}
		iv.printSectionScore(sec)
		i = j
	}
	if left := iv.leftOpen(plan.Scope); len(left) > 0 {
		answered := 0
		for _, q := range plan.Scope {
			if isAssessed(a, q.ID) {
				answered++
			}
		}
		iv.printf("%d of %d questions in scope are answered; skipped for now: %s. To answer what is left, run:\n  %s\n",
			answered, len(plan.Scope), questionIDs(left), iv.command(iv.assessArgs()...))
		return nil
	}
	iv.printf("All %d questions in scope are answered.\n", len(plan.Scope))
	// The consultant's own words, once the whole assessment is answered
	// (not after a section or a revisit of part of it).
	if len(iv.Sections) == 0 && !iv.Revisit && iv.complete() {
		return iv.askConclusions(ctx)
	}
	return nil
}

// complete reports whether every question of the assessment's profile is
// answered.
func (iv *Interview) complete() bool {
	for _, q := range iv.Catalog.Questions() {
		if ans := iv.Answers.Answers[q.ID]; iv.Answers.InProfile(q) && (ans == nil || !ans.Assessed) {
			return false
		}
	}
	return true
}

// inProfile counts the catalog's questions in the assessment's profile.
func (iv *Interview) inProfile() int {
	n := 0
	for _, q := range iv.Catalog.Questions() {
		if iv.Answers.InProfile(q) {
			n++
		}
	}
	return n
}

// command is a hint's command line (see Interview.Command).
func (iv *Interview) command(args ...string) string {
	if iv.Command != nil {
		return iv.Command(args...)
	}
	return strings.Join(append([]string{"aimsready"}, args...), " ")
}

// assessArgs are the arguments that run this interview again, plus extra.
func (iv *Interview) assessArgs(extra ...string) []string {
	args := []string{"assess"}
	if iv.Path != assess.DefaultAnswersFile {
		args = append(args, "--answers", iv.Path)
	}
	for _, s := range iv.Sections {
		args = append(args, "--section", s)
	}
	if iv.Quick {
		args = append(args, "--quick")
	}
	return append(args, extra...)
}

// revisitArgs run the interview again over one section's answers.
func (iv *Interview) revisitArgs(section string) []string {
	args := []string{"assess"}
	if iv.Path != assess.DefaultAnswersFile {
		args = append(args, "--answers", iv.Path)
	}
	return append(args, "--revisit", "--section", section)
}

func (iv *Interview) named(s string) string {
	if iv.Named != nil {
		return iv.Named(s)
	}
	return s
}

func (iv *Interview) setup() {
	iv.refreshLook()
	iv.theme = interviewTheme(iv.Plain)
	iv.keys = interviewKeyMap()
	iv.out = &gatedWriter{w: iv.Out}
	if iv.Accessible {
		iv.lines = newLineReader(iv.In)
	} else if !isTerminalFile(iv.In) {
		iv.hub = newInputHub(iv.In)
	}
}

// refreshLook sizes the next form to the terminal as it is now.
func (iv *Interview) refreshLook() {
	iv.look = look{width: iv.formWidth(), accessible: iv.Accessible}
}

func (iv *Interview) formWidth() int {
	w := iv.Width
	if w <= 0 {
		if f, ok := iv.Out.(*os.File); ok && term.IsTerminal(f.Fd()) {
			if tw, _, err := term.GetSize(f.Fd()); err == nil {
				w = tw
			}
		}
	}
	if w <= 0 || w > MaxFormWidth {
		w = MaxFormWidth
	}
	return max(w, minFormWidth)
}

func isTerminalFile(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// load resumes Path, or starts a new assessment when it does not exist. A
// file that exists but does not load is an error: it is never overwritten.
func (iv *Interview) load() error {
	iv.tracked = &assess.Tracked{Path: iv.Path, Catalog: iv.Catalog}
	if iv.Answers != nil {
		return iv.tracked.Adopt()
	}
	_, err := os.Stat(iv.Path)
	switch {
	case err == nil:
		a, ws, err := iv.tracked.Load()
		if err != nil {
			return err
		}
		// Found now, not after the first answer: a file that loads but
		// could not be saved again (one at the size limit).
		if _, err := assess.MarshalChecked(iv.Path, a, iv.Catalog); err != nil {
			return fmt.Errorf("%s: the interview could not save this file as it is, so it stops before asking: %w", iv.Path, err)
		}
		iv.Answers, iv.Warnings, iv.resumed = a, ws, true
		return nil
	case errors.Is(err, fs.ErrNotExist):
		dir := filepath.Dir(iv.Path)
		if dst, derr := os.Stat(dir); derr != nil || !dst.IsDir() {
			return fmt.Errorf("%s: folder %s does not exist", iv.Path, dir)
		}
		profile := assess.ProfileFull
		if iv.Quick {
			profile = assess.ProfileQuick
		}
		now := time.Now
		if iv.Now != nil {
			now = iv.Now
		}
		iv.Answers = assess.New(iv.Catalog, "", now(), profile)
		return nil
	default:
		return fmt.Errorf("%s: %w", iv.Path, strictyaml.WithoutPath(err))
	}
}

// save writes the answers, merging what another program changed in the
// file meanwhile (see assess.Tracked).
func (iv *Interview) save() error {
	merged, err := iv.tracked.Save(iv.Answers)
	if len(merged) > 0 {
		iv.printf("Note: %s was changed by another program; its changes (%s) are kept along with yours.\n", iv.Path, strings.Join(merged, ", "))
	}
	return err
}

// printf prints a message between forms, wrapped at words to the form's
// width (indented lines, such as commands to type, stay whole); values from
// files (paths, names, titles, warnings) are neutralised and kept to one
// line (see safetext).
func (iv *Interview) printf(format string, args ...any) {
	for i, a := range args {
		switch v := a.(type) {
		case string:
			args[i] = safetext.Line(v)
		case fmt.Stringer:
			args[i] = safetext.Line(v.String())
		case error:
			args[i] = safetext.Line(v.Error())
		}
	}
	io.WriteString(iv.out, wrapParagraphs(fmt.Sprintf(format, args...), iv.look.width))
}

// askDetails asks the organisation, assessor, scope and roles, then the AI
// systems in scope.
func (iv *Interview) askDetails(ctx context.Context) error {
	a := iv.Answers
	v := detailsOf(a)
	d := newDetailsForm(v, iv.look)
	pages := d.pages
	for {
		if err := iv.runPages(ctx, "Assessment details", pages); err != nil {
			return err
		}
		if len(d.roles) > 0 {
			break
		}
		// Ask only the roles again; what was typed before is kept.
		iv.printf("Tick at least one role (x or space): roles pre-select the controls that apply.\n\n")
		pages = d.pages[len(d.pages)-1:]
	}
	d.apply(a)
	if err := iv.save(); err != nil {
		return err
	}
	iv.printf("Saved the assessment details to %s (dated %s; roles: %s).\n", iv.Path, a.Date, rolesList(a.Roles))
	for {
		s := newSystemForm(a, iv.look)
		pages := s.pages
		for {
			if err := iv.runPages(ctx, "AI systems in scope", pages); err != nil {
				return err
			}
			if !s.needsRoles() {
				break
			}
			// Ask that system's details again; what was typed is kept.
			iv.printf("Tick at least one role for %s (x or space).\n\n", strings.TrimSpace(s.name))
			pages = s.pages[1:]
		}
		sys, ok := s.system()
		if !ok {
			return nil
		}
		a.Systems = append(a.Systems, sys)
		if err := iv.save(); err != nil {
			return err
		}
		iv.printf("Saved AI system %s.\n", describeSystem(sys))
	}
}

func rolesList(rs []catalog.Role) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = string(r)
	}
	return catalog.JoinAnd(names)
}

// askQuestion asks q, records the answer and saves the file.
func (iv *Interview) askQuestion(ctx context.Context, q *catalog.Question) error {
	a := iv.Answers
	iv.refreshLook()
	p := iv.plan.progressOf(a, q)
	if iv.Revisit { // everything may be answered already: count what was reviewed
		p.Done = p.N - 1 - len(iv.leftOpen(iv.skipped))
	}
	qf := buildQuestionForm(q, a, p, iv.look)
	header := ""
	if iv.Accessible {
		header = fmt.Sprintf("%s %s: question %d of %d, %d%% done.", sectionLabel(q.Section), q.Section.Title, p.N, p.Total, p.percent())
	}
	if err := iv.runPages(ctx, header, qf.pages); err != nil {
		return err
	}
	if qf.skipped() {
		// Nothing is recorded: the file keeps what it had for q.
		iv.skipped = append(iv.skipped, q)
		if isAssessed(a, q.ID) {
			iv.printf("Skipped %s: its earlier answer is kept.\n", q.ID)
		} else {
			iv.printf("Skipped %s: left not assessed; it is asked again next time.\n", q.ID)
		}
		return nil
	}
	ans := qf.answer()
	if q.IsControl() {
		if err := iv.recheckJustification(ctx, q, ans); err != nil {
			return err
		}
	}
	chosen, err := iv.askSupports(ctx, q, progressLine(q, p, iv.look.width)+"\n"+questionHeading(q), ans, a.Answers[q.ID])
	if err != nil {
		return err
	}
	notes := attachEvidence(a, iv.Catalog, iv.Path, q, ans, a.Answers[q.ID], chosen)
	a.Answers[q.ID] = ans
	if err := iv.save(); err != nil {
		return err
	}
	iv.printf("Saved %s: %s.\n", q.ID, describeAnswer(q, ans))
	for _, n := range notes {
		iv.printf("%s\n", n)
	}
	return nil
}

// thinJustification is why a control's justification would not survive a
// Stage 1 review, or "".
func thinJustification(ans *assess.Answer) string {
	if ans.Excluded() {
		return assess.ThinJustification(ans.Justification)
	}
	return assess.ThinInclusion(ans.Justification)
}

// recheckJustification asks again at once when a justification is thin,
// offering to edit it or keep it as it is.
func (iv *Interview) recheckJustification(ctx context.Context, q *catalog.Question, ans *assess.Answer) error {
	for {
		issue := thinJustification(ans)
		if issue == "" {
			return nil
		}
		edit := true
		text := ans.Justification
		if ans.Excluded() && assess.UnacceptableExclusion(ans.Justification) {
			issue += "; kept as it is, the Statement of Applicability stays a Stage 1 blocker"
		}
		// A confirm, as the applicability question is: y/n in accessible mode.
		choice := huh.NewConfirm().
			Title(iv.look.label("An auditor would not accept this justification for "+q.ID+": "+issue+". Edit it now?", "", "", false)).
			Affirmative("Edit it now").
			Negative("Keep it as it is").
			WithButtonAlignment(lipgloss.Left).
			Value(&edit)
		field := huh.NewText().
			Title(iv.look.label("Justification for "+q.ID, "", text, false)).
			Lines(3).
			ExternalEditor(false).
			Validate(iv.look.keeping(text, requireText("a justification is required"))).
			Value(&text)
		header := ""
		if iv.Accessible {
			header = q.ID + ": check the justification."
		}
		pages := []page{
			{group: huh.NewGroup(choice).Title(q.ID + " " + q.Title)},
			{group: huh.NewGroup(field).Title(q.ID + " " + q.Title), hidden: func() bool { return !edit }},
		}
		if err := iv.runPages(ctx, header, pages); err != nil {
			return err
		}
		if !edit {
			return nil
		}
		ans.Justification = strings.TrimSpace(text)
	}
}

func (iv *Interview) printSectionScore(sec *catalog.Section) {
	res := assess.Score(iv.Answers, iv.Catalog)
	for _, s := range res.Sections {
		if s.ID != sec.ID {
			continue
		}
		// Rounded as the reports round, so the numbers agree.
		score := fmt.Sprintf("%.1f / 100", math.Round(s.Score*10)/10)
		if s.Excluded == s.Total {
			score = "not scored (every control excluded)"
		}
		excluded := ""
		if s.Excluded > 0 {
			excluded = fmt.Sprintf(", %d excluded", s.Excluded)
		}
		iv.printf("\nDone with %s %s.\n  Section score %s; %d of %d questions answered%s.\n", sectionLabel(sec), sec.Title, score, s.Answered, s.Total, excluded)
		if left := iv.leftOpen(sec.Questions); len(left) > 0 {
			// Indented as the score is, so wrapped here (printf leaves
			// indented lines whole and keeps each value on one line).
			text := wordWrap("Skipped for now, not assessed: "+safetext.Line(questionIDs(left))+".", iv.look.width-2)
			io.WriteString(iv.out, "  "+strings.ReplaceAll(text, "\n", "\n  ")+"\n")
		}
		io.WriteString(iv.out, "\n")
	}
}

// leftOpen are the questions of qs skipped in this run that are still not
// assessed (a skipped question with an earlier answer keeps it).
func (iv *Interview) leftOpen(qs []*catalog.Question) []*catalog.Question {
	var out []*catalog.Question
	for _, q := range qs {
		if slices.Contains(iv.skipped, q) && !isAssessed(iv.Answers, q.ID) {
			out = append(out, q)
		}
	}
	return out
}

// questionIDs is "4.2, 4.3 and A.6.1.2".
func questionIDs(qs []*catalog.Question) string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return catalog.JoinAnd(ids)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
