package assess

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// The consultant's part of an answers file: their own words (commentary),
// the record of how the assessment was done (engagement) and how the report
// is presented (branding). All three are optional; when present they are
// checked as strictly as the answers. Texts may use a small Markdown
// subset (paragraphs, "- " bullet lists, **bold**, *italics*), which the
// reports render; they are stored as written.

// Commentary is what the consultant concludes, in their own words.
type Commentary struct {
	Executive       string           // executive commentary
	Findings        []string         // key findings, in order
	Recommendations []string         // recommendations, in order
	Sections        []SectionComment // a comment per clause or Annex A area
}

// SectionComment is the consultant's comment on one section.
type SectionComment struct {
	Section string // section id: "6", "A.5"
	Text    string
}

// Comment returns the comment on section id, or "".
func (c Commentary) Comment(id string) string {
	for _, sc := range c.Sections {
		if sc.Section == id {
			return sc.Text
		}
	}
	return ""
}

func (c Commentary) empty() bool {
	return c.Executive == "" && len(c.Findings) == 0 && len(c.Recommendations) == 0 && len(c.Sections) == 0
}

// Engagement records how the assessment was carried out, which an auditor
// or a board reads to judge how far the findings reach.
type Engagement struct {
	PeriodStart  string // YYYY-MM-DD
	PeriodEnd    string // YYYY-MM-DD
	Interviewees []Interviewee
	Documents    []string // documents sampled
	Limitations  string
}

// Interviewee is one person interviewed.
type Interviewee struct {
	Name string
	Role string
	Date string // YYYY-MM-DD, may be empty
}

func (e Engagement) empty() bool {
	return e.PeriodStart == "" && e.PeriodEnd == "" && len(e.Interviewees) == 0 && len(e.Documents) == 0 && e.Limitations == ""
}

// Branding is how the report carries the consultant's name.
type Branding struct {
	Firm    string // consultancy that issues the report
	Logo    string // PNG or JPEG, as written: relative to the answers file
	Marking string // confidentiality marking on every page
	Draft   bool   // DRAFT watermark
	Version string // document version
}

func (b Branding) empty() bool { return b == Branding{} }

var (
	commentaryKeys  = []string{"executive", "findings", "recommendations", "sections"}
	engagementKeys  = []string{"period", "interviewees", "documents", "limitations"}
	periodKeys      = []string{"start", "end"}
	intervieweeKeys = []string{"name", "role", "date"}
	brandingKeys    = []string{"firm", "logo", "confidentiality", "draft", "version"}
)

// LogoExtensions are the logo file types the PDF can embed.
var LogoExtensions = []string{".png", ".jpg", ".jpeg"}

// parseDeliverable reads the commentary, engagement and branding sections.
func parseDeliverable(r *strictyaml.Reader, file string, nodes map[string]*yaml.Node, a *Answers, c *catalog.Catalog, sameVersion bool) []Warning {
	var ws []Warning
	a.Commentary, ws = parseCommentary(r, file, nodes["commentary"], c, sameVersion)
	var ews []Warning
	a.Engagement, ews = parseEngagement(r, file, nodes["engagement"])
	a.Branding = parseBranding(r, nodes["branding"])
	return append(ws, ews...)
}

func parseCommentary(r *strictyaml.Reader, file string, n *yaml.Node, c *catalog.Catalog, sameVersion bool) (Commentary, []Warning) {
	var cm Commentary
	var ws []Warning
	fields, _ := r.Mapping(n, "commentary", commentaryKeys)
	for _, f := range fields {
		switch f.Key {
		case "executive":
			cm.Executive = strings.TrimSpace(r.String(f.Value, "commentary: executive"))
		case "findings":
			cm.Findings = nonEmptyItems(r, f.Value, "commentary: findings")
		case "recommendations":
			cm.Recommendations = nonEmptyItems(r, f.Value, "commentary: recommendations")
		case "sections":
			entries, _ := r.Mapping(f.Value, "commentary: sections", nil)
			for _, e := range entries {
				text := strings.TrimSpace(r.String(e.Value, fmt.Sprintf("commentary: sections: %q", e.Key)))
				if c.Section(e.Key) == nil {
					if sameVersion {
						r.Errorf(e.KeyNode, "commentary: sections: unknown section %q (known: %s)", e.Key, strings.Join(sectionIDs(c), ", "))
						continue
					}
					// From another catalog version: kept so saving does not lose it.
					ws = append(ws, Warning{File: file, Line: e.KeyNode.Line, Msg: fmt.Sprintf("commentary on section %q, which %s does not have: kept, not shown", e.Key, c.Ident())})
				}
				if text != "" {
					cm.Sections = append(cm.Sections, SectionComment{Section: e.Key, Text: text})
				}
			}
		}
	}
	return cm, ws
}

// nonEmptyItems reads a list of texts, refusing empty items, which are
// almost always a stray dash.
func nonEmptyItems(r *strictyaml.Reader, n *yaml.Node, what string) []string {
	var out []string
	for i, s := range r.Strings(n, what) {
		if s = strings.TrimSpace(s); s == "" {
			r.Errorf(n.Content[i], "%s: item %d is empty; remove the dash or write the text", what, i+1)
			continue
		}
		out = append(out, s)
	}
	return out
}

func sectionIDs(c *catalog.Catalog) []string {
	ids := make([]string, 0, len(c.Sections))
	for _, s := range c.Sections {
		ids = append(ids, s.ID)
	}
	return ids
}

func parseEngagement(r *strictyaml.Reader, file string, n *yaml.Node) (Engagement, []Warning) {
	var e Engagement
	var lines []int // of each interviewee, for warnings
	fields, _ := r.Mapping(n, "engagement", engagementKeys)
	for _, f := range fields {
		switch f.Key {
		case "period":
			pf, _ := r.Mapping(f.Value, "engagement: period", periodKeys)
			for _, p := range pf {
				d := readDate(r, p.Value, "engagement: period: "+p.Key)
				if p.Key == "start" {
					e.PeriodStart = d
				} else {
					e.PeriodEnd = d
				}
			}
			if e.PeriodStart != "" && e.PeriodEnd != "" && e.PeriodEnd < e.PeriodStart {
				r.Errorf(f.Value, "engagement: period ends (%s) before it starts (%s)", e.PeriodEnd, e.PeriodStart)
			}
		case "interviewees":
			for _, in := range r.Sequence(f.Value, "engagement: interviewees") {
				e.Interviewees = append(e.Interviewees, parseInterviewee(r, in))
				lines = append(lines, in.Line)
			}
		case "documents":
			e.Documents = nonEmptyItems(r, f.Value, "engagement: documents")
		case "limitations":
			e.Limitations = strings.TrimSpace(r.String(f.Value, "engagement: limitations"))
		}
	}
	// An interview dated outside the assessment period is usually a typo in
	// one of the dates: worth a warning, not a refusal.
	var ws []Warning
	for i, in := range e.Interviewees {
		if in.Date != "" && ((e.PeriodStart != "" && in.Date < e.PeriodStart) || (e.PeriodEnd != "" && in.Date > e.PeriodEnd)) {
			ws = append(ws, Warning{File: file, Line: lines[i], Msg: fmt.Sprintf("interview with %s on %s is outside the assessment period %s to %s",
				in.Name, in.Date, orOpen(e.PeriodStart), orOpen(e.PeriodEnd))})
		}
	}
	return e, ws
}

func parseInterviewee(r *strictyaml.Reader, n *yaml.Node) Interviewee {
	what := "engagement: interviewee"
	if name := strictyaml.Peek(n, "name"); name != "" {
		what += fmt.Sprintf(" %q", name)
	}
	var in Interviewee
	fields, ok := r.Mapping(n, what, intervieweeKeys)
	for _, f := range fields {
		switch f.Key {
		case "name":
			in.Name = strings.TrimSpace(r.String(f.Value, what+": name"))
		case "role":
			in.Role = strings.TrimSpace(r.String(f.Value, what+": role"))
		case "date":
			in.Date = readDate(r, f.Value, what+": date")
		}
	}
	if ok && n != nil && n.Kind == yaml.MappingNode {
		if in.Name == "" {
			r.Errorf(n, "engagement: an interviewee needs a name")
		} else if in.Role == "" {
			r.Errorf(n, "%s: role is missing; say what the person does (for example Head of Data Science)", what)
		}
	}
	return in
}

// readDate reads a YYYY-MM-DD date; an empty value reads as "".
func readDate(r *strictyaml.Reader, n *yaml.Node, what string) string {
	d := strings.TrimSpace(r.String(n, what))
	if _, err := ParseDate(d); d != "" && err != nil {
		r.Errorf(n, "%s: %q %s", what, d, DateIssue(d))
		return ""
	}
	return d
}

func parseBranding(r *strictyaml.Reader, n *yaml.Node) Branding {
	var b Branding
	fields, _ := r.Mapping(n, "branding", brandingKeys)
	for _, f := range fields {
		switch f.Key {
		case "firm":
			b.Firm = strings.TrimSpace(r.String(f.Value, "branding: firm"))
		case "logo":
			b.Logo = strings.TrimSpace(r.String(f.Value, "branding: logo"))
			if b.Logo != "" && !slices.Contains(LogoExtensions, strings.ToLower(filepath.Ext(b.Logo))) {
				r.Errorf(f.Value, "branding: logo %q must be a PNG or JPEG file (.png, .jpg or .jpeg)", b.Logo)
			}
		case "confidentiality":
			b.Marking = strings.TrimSpace(r.String(f.Value, "branding: confidentiality"))
			if strings.Contains(b.Marking, "\n") {
				r.Errorf(f.Value, "branding: confidentiality must be one line; it is printed on every page")
			}
		case "draft":
			b.Draft = r.Bool(f.Value, "branding: draft")
		case "version":
			b.Version = strings.TrimSpace(r.String(f.Value, "branding: version"))
			if strings.Contains(b.Version, "\n") {
				r.Errorf(f.Value, "branding: version must be one line")
			}
		}
	}
	return b
}

func orOpen(d string) string {
	if d == "" {
		return "…"
	}
	return d
}

// deliverableNodes renders the commentary, engagement and branding sections
// that have content, sections in catalog order.
func deliverableNodes(a *Answers, c *catalog.Catalog) []*yaml.Node {
	var out []*yaml.Node
	if !a.Commentary.empty() {
		cm := a.Commentary
		m := &yaml.Node{Kind: yaml.MappingNode, HeadComment: "Your own words for the report. Texts may use paragraphs, - bullet lists, **bold** and *italics*."}
		if cm.Executive != "" {
			m.Content = append(m.Content, str("executive"), text(cm.Executive))
		}
		if len(cm.Findings) > 0 {
			m.Content = append(m.Content, str("findings"), textList(cm.Findings))
		}
		if len(cm.Recommendations) > 0 {
			m.Content = append(m.Content, str("recommendations"), textList(cm.Recommendations))
		}
		if len(cm.Sections) > 0 {
			secs := &yaml.Node{Kind: yaml.MappingNode}
			put := func(sc SectionComment) {
				secs.Content = append(secs.Content, &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: sc.Section}, text(sc.Text))
			}
			done := map[string]bool{}
			for _, s := range c.Sections {
				if t := cm.Comment(s.ID); t != "" {
					put(SectionComment{s.ID, t})
					done[s.ID] = true
				}
			}
			for _, sc := range cm.Sections {
				if !done[sc.Section] {
					put(sc)
				}
			}
			m.Content = append(m.Content, str("sections"), secs)
		}
		out = append(out, str("commentary"), m)
	}
	if !a.Engagement.empty() {
		e := a.Engagement
		m := &yaml.Node{Kind: yaml.MappingNode, HeadComment: "How the assessment was done: period, people interviewed, documents sampled, limitations."}
		if e.PeriodStart != "" || e.PeriodEnd != "" {
			p := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			if e.PeriodStart != "" {
				p.Content = append(p.Content, str("start"), str(e.PeriodStart))
			}
			if e.PeriodEnd != "" {
				p.Content = append(p.Content, str("end"), str(e.PeriodEnd))
			}
			m.Content = append(m.Content, str("period"), p)
		}
		if len(e.Interviewees) > 0 {
			l := &yaml.Node{Kind: yaml.SequenceNode}
			for _, in := range e.Interviewees {
				im := &yaml.Node{Kind: yaml.MappingNode}
				im.Content = append(im.Content, str("name"), text(in.Name), str("role"), text(in.Role))
				if in.Date != "" {
					im.Content = append(im.Content, str("date"), str(in.Date))
				}
				l.Content = append(l.Content, im)
			}
			m.Content = append(m.Content, str("interviewees"), l)
		}
		if len(e.Documents) > 0 {
			m.Content = append(m.Content, str("documents"), textList(e.Documents))
		}
		if e.Limitations != "" {
			m.Content = append(m.Content, str("limitations"), text(e.Limitations))
		}
		out = append(out, str("engagement"), m)
	}
	if !a.Branding.empty() {
		b := a.Branding
		m := &yaml.Node{Kind: yaml.MappingNode, HeadComment: "How the report carries your name; 'aimsready report' flags override these."}
		if b.Firm != "" {
			m.Content = append(m.Content, str("firm"), text(b.Firm))
		}
		if b.Logo != "" {
			m.Content = append(m.Content, str("logo"), str(b.Logo))
		}
		if b.Marking != "" {
			m.Content = append(m.Content, str("confidentiality"), str(b.Marking))
		}
		if b.Draft {
			m.Content = append(m.Content, str("draft"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		if b.Version != "" {
			m.Content = append(m.Content, str("version"), str(b.Version))
		}
		out = append(out, str("branding"), m)
	}
	return out
}

func textList(items []string) *yaml.Node {
	l := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		l.Content = append(l.Content, text(it))
	}
	return l
}
