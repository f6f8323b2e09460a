package assess

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aimsready/aimsready/catalog"
	"go.yaml.in/yaml/v3"
)

const fileHeader = `aimsready answers file: edit it by hand or with 'aimsready assess'.
A question counts as assessed once it has a met list of the criteria that
are met ([] when none is). An Annex A control can instead be excluded with
applicable: false and a justification. Check it with 'aimsready validate'.`

// Marshal renders the answers as YAML in catalog order, with each question's
// title and its criteria (id and statement) as comments so the file can be
// filled in by hand.
// The same answers always give the same bytes.
func Marshal(a *Answers, c *catalog.Catalog) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode, HeadComment: fileHeader}
	add := func(key string, value *yaml.Node) { root.Content = append(root.Content, str(key), value) }
	add("format", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(FormatVersion)})
	add("catalog", str(strings.TrimSpace(a.Catalog)))
	profile := a.Profile
	if profile == "" {
		profile = ProfileFull
	}
	add("profile", str(string(profile)))
	add("organization", text(a.Organization))
	add("assessor", text(a.Assessor))
	add("date", str(a.Date))
	add("scope", text(a.Scope))
	add("roles", roleList(a.Roles))
	systems := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range a.Systems {
		m := &yaml.Node{Kind: yaml.MappingNode}
		m.Content = append(m.Content, str("name"), text(s.Name), str("purpose"), text(s.Purpose))
		if len(s.Roles) > 1 {
			m.Content = append(m.Content, str("roles"), roleList(s.Roles))
		} else {
			// One role (or none) keeps the form files had before a system
			// could hold several, so they save unchanged.
			role := ""
			if len(s.Roles) == 1 {
				role = string(s.Roles[0])
			}
			m.Content = append(m.Content, str("role"), str(role))
		}
		m.Content = append(m.Content, str("risk"), str(s.Risk))
		systems.Content = append(systems.Content, m)
	}
	add("systems", systems)

	answers := &yaml.Node{Kind: yaml.MappingNode}
	for _, q := range c.Questions() {
		// Questions outside the profile are written only when answered, so
		// a quick snapshot stays short and nothing answered is dropped.
		if !a.InProfile(q) && (a.Answers[q.ID] == nil || a.Answers[q.ID].empty()) {
			continue
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: q.ID}
		key.HeadComment = questionComment(q)
		answers.Content = append(answers.Content, key, answerNode(a.Answers[q.ID], q.IsControl()))
	}
	for _, id := range sortedKeys(a.Orphans) {
		key := &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: id,
			HeadComment: fmt.Sprintf("%s is not in catalog %s; kept from an earlier catalog version and not scored", id, c.Ident())}
		answers.Content = append(answers.Content, key, answerNode(a.Orphans[id], !a.Orphans[id].Applicable || a.Orphans[id].Decided))
	}
	add("answers", answers)
	if len(a.Plan) > 0 || len(a.PlanOrphans) > 0 {
		add("plan", planNode(a, c))
	}
	if len(a.Register) > 0 {
		add("evidence", registerNode(a.Register))
		root.Content[len(root.Content)-2].HeadComment = registerComment
	}
	root.Content = append(root.Content, deliverableNodes(a, c)...)
	if a.layout != nil {
		carryLayout(root, a.layout)
	}

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func questionComment(q *catalog.Question) string {
	head := q.ID + " " + q.Title
	if q.IsControl() {
		head += " (Annex A control"
		if len(q.Roles) > 0 {
			roles := make([]string, len(q.Roles))
			for i, r := range q.Roles {
				roles[i] = string(r)
			}
			head += "; concerns " + strings.Join(roles, ", ")
		}
		head += ")"
	}
	var b strings.Builder
	b.WriteString(strings.Join(wrapWords(head, commentWidth), "\n  "))
	// Each criterion's statement beside its id, so the file can be filled
	// in by hand without looking each question up.
	b.WriteString("\ncriteria: list the ids of those met in met: [...]")
	for _, cr := range q.Criteria {
		text := cr.ID + ": " + strings.Join(strings.Fields(cr.ForAssessor()), " ")
		if cr.SameAs != "" {
			text += " (answered under " + cr.SameAs + ")"
		}
		for i, line := range wrapWords(text, commentWidth-2) {
			if i == 0 {
				b.WriteString("\n  " + line)
			} else {
				b.WriteString("\n    " + line)
			}
		}
	}
	return b.String()
}

// commentWidth keeps a question's comment, written "  # " under answers:,
// within 80 columns.
const commentWidth = 76

// wrapWords folds text at spaces into lines of at most width runes; the
// first line is width wide, the rest two less (they are indented more).
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		limit := width
		if len(lines) > 0 {
			limit = width - 2
		}
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > limit {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// roleList is a flow sequence of roles: [developer, provider].
func roleList(rs []catalog.Role) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, r := range rs {
		n.Content = append(n.Content, str(string(r)))
	}
	return n
}

// answerNode renders one answer; control says whether the question is an
// Annex A control, which alone carries an applicability decision.
func answerNode(ans *Answer, control bool) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	if ans == nil || ans.empty() { // loads as nil: written as nil
		m.Style = yaml.FlowStyle
		return m
	}
	if control && ans.Decision() {
		m.Content = append(m.Content, str("applicable"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(ans.Applicable)})
	}
	if j := strings.TrimSpace(ans.Justification); j != "" { // loading trims it
		m.Content = append(m.Content, str("justification"), text(j))
	}
	if ans.Assessed && ans.Applicable {
		met := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, id := range ans.Met {
			met.Content = append(met.Content, str(id))
		}
		for _, id := range ans.Unknown {
			met.Content = append(met.Content, str(id))
		}
		m.Content = append(m.Content, str("met"), met)
	}
	if ans.Notes != "" {
		m.Content = append(m.Content, str("notes"), text(ans.Notes))
	}
	if len(ans.Evidence) > 0 {
		ev := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range ans.Evidence {
			ev.Content = append(ev.Content, text(e))
		}
		m.Content = append(m.Content, str("evidence"), ev)
	}
	if len(m.Content) == 0 {
		m.Style = yaml.FlowStyle
	}
	return m
}

// str is a plain string scalar; the encoder quotes it when YAML would
// otherwise read it as a number, boolean or null. A value with a line
// break gets the style text chooses, which always reads back.
func str(s string) *yaml.Node {
	if strings.Contains(s, "\n") {
		return text(s)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// text is user text: multi-line values become literal blocks so notes stay
// readable and diff well, unless a literal block would not read back as
// the same text (yaml.v3 writes a tab that starts a block where its own
// parser then refuses it); those are double-quoted, which escapes
// everything.
func text(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(strings.TrimRight(s, "\n"), "\n") {
		n.Style = yaml.LiteralStyle
		if !readsBack(n) {
			n.Style = yaml.DoubleQuotedStyle
		}
	} else if strings.Contains(s, "\n") || strings.ContainsAny(s, "\r\t") {
		// A trailing line break or a CR or tab in one line: quoted, so no
		// encoder style choice can drop or change it.
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// readsBack reports whether scalar n, written as a value in the style it
// has, parses back to the same text.
func readsBack(n *yaml.Node) bool {
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "k"}, n}}
	out, err := yaml.Marshal(doc)
	if err != nil {
		return false
	}
	var back map[string]string
	return yaml.Unmarshal(out, &back) == nil && back["k"] == n.Value
}

// Save writes the answers atomically: a reader (or a crash) sees either the
// old file or the complete new one, never a torn write.
//
// Nothing is written that would not load again: the answers are checked
// with the loader's rules, and what was marshalled is parsed back, before
// the file is replaced; a refused save returns an error wrapping
// ErrNotSaved and leaves the file as it was.
func Save(path string, a *Answers, c *catalog.Catalog) error {
	data, err := MarshalChecked(path, a, c)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return WriteFileAtomic(path, data, 0o644)
}
