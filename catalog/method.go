package catalog

import (
	"fmt"
	"math"
	"strings"
)

// EvidenceKind says what it takes to meet a criterion. Documentation
// readiness (what a Stage 1 audit reviews) counts document criteria;
// implementation readiness (what Stage 2 tests) counts practice and record
// criteria.
type EvidenceKind string

const (
	EvidenceDocument EvidenceKind = "document" // a documented policy, process, plan or method exists and is approved
	EvidencePractice EvidenceKind = "practice" // the activity is done as described, shown by artefacts of the work
	EvidenceRecord   EvidenceKind = "record"   // records show it operating over time
)

// EvidenceKinds lists the kinds in display order.
var EvidenceKinds = []EvidenceKind{EvidenceDocument, EvidencePractice, EvidenceRecord}

// Method holds the catalog's verdict thresholds. A custom catalog may set
// its own; zero values take the defaults below.
type Method struct {
	// ImplementationThreshold is the implementation readiness (0–100) an
	// organisation needs before the verdict says ready for Stage 2.
	ImplementationThreshold float64 `yaml:"implementation-threshold,omitempty" json:"implementation-threshold"`
	// ClauseFloor is the score every clause 4–10 needs for Stage 2.
	ClauseFloor float64 `yaml:"clause-floor,omitempty" json:"clause-floor"`
	// EvidenceThreshold is the evidence coverage (0–100) under which the
	// verdict says readiness rests mostly on claims.
	EvidenceThreshold float64 `yaml:"evidence-threshold,omitempty" json:"evidence-threshold"`
}

// Default thresholds; the README explains the choice.
const (
	DefaultImplementationThreshold = 70
	DefaultClauseFloor             = 50
	DefaultEvidenceThreshold       = 50
)

// WithDefaults fills unset thresholds.
func (m Method) WithDefaults() Method {
	if m.ImplementationThreshold == 0 {
		m.ImplementationThreshold = DefaultImplementationThreshold
	}
	if m.ClauseFloor == 0 {
		m.ClauseFloor = DefaultClauseFloor
	}
	if m.EvidenceThreshold == 0 {
		m.EvidenceThreshold = DefaultEvidenceThreshold
	}
	return m
}

// Change is one catalog version's changelog.
type Change struct {
	Version   string           `yaml:"version" json:"version"`
	Summary   string           `yaml:"summary,omitempty" json:"summary,omitempty"`
	Questions []QuestionChange `yaml:"questions,omitempty" json:"questions,omitempty"`
}

// QuestionChange says in one line what changed in a question and why.
type QuestionChange struct {
	ID     string `yaml:"id" json:"id"`
	Change string `yaml:"change" json:"change"`
}

// Workstream is a group of fixes a project manager would staff as one
// piece of work.
type Workstream struct {
	ID, Title string
}

// Workstreams lists the known workstreams in roadmap order.
var Workstreams = []Workstream{
	{"governance", "Governance and leadership"},
	{"risk-impact", "Risk and impact assessment"},
	{"lifecycle-data", "AI life cycle and data"},
	{"operations", "Operations and monitoring"},
	{"use-suppliers", "Responsible use and third parties"},
	{"people-communication", "People, awareness and communication"},
	{"documentation", "Documented information"},
	{"assurance", "Audit, review and improvement"},
}

// WorkstreamTitle returns a workstream's title, or the id when unknown.
func WorkstreamTitle(id string) string {
	for _, w := range Workstreams {
		if w.ID == id {
			return w.Title
		}
	}
	return id
}

func knownWorkstream(id string) bool {
	for _, w := range Workstreams {
		if w.ID == id {
			return true
		}
	}
	return false
}

// WorkstreamID is the question's workstream: its own, its section's, or
// "governance" when neither says.
func (q *Question) WorkstreamID() string {
	switch {
	case q.Workstream != "":
		return q.Workstream
	case q.Section != nil && q.Section.Workstream != "":
		return q.Section.Workstream
	}
	return "governance"
}

// WeightFor is the question's weight for an organisation holding roles:
// each role it holds weighs the question at its role weight, or at the base
// weight when none is listed for that role, and the largest counts. So a
// role weight can lower a question for an organisation holding only that
// role without lowering it for one that also holds another. With no role
// known the base weight applies.
func (q *Question) WeightFor(roles []Role) float64 {
	if len(roles) == 0 {
		return q.Weight
	}
	w := 0.0
	for _, r := range roles {
		rw, ok := q.RoleWeights[r]
		if !ok {
			rw = q.Weight
		}
		w = max(w, rw)
	}
	return w
}

// Weight limits: finite, and within a range a person can explain. They
// also keep NaN, infinities, 1e308 and subnormals out of every sum.
const (
	MinWeight = 0.1
	MaxWeight = 5
)

func validWeight(w float64) bool {
	return !math.IsNaN(w) && !math.IsInf(w, 0) && w >= MinWeight && w <= MaxWeight
}

// Hedges are phrases that let two auditors judge the same criterion
// differently; `catalog lint` warns on them in criteria and fixes.
var Hedges = []string{
	"where relevant", "where feasible", "where practical", "where appropriate", "as appropriate",
	"where possible", "if possible", "as needed", "where necessary", "if necessary",
	"easy", "easily", "soon", "significant",
}

// FixVerbs are the first words a fix may start with: fixes are orders a
// project team can act on.
var FixVerbs = []string{
	"Add", "Adopt", "Agree", "Align", "Apply", "Appoint", "Approve", "Archive", "Ask", "Assess",
	"Assign", "Attach", "Automate", "Brief", "Build", "Calculate", "Capture", "Check", "Choose",
	"Classify", "Collect", "Communicate", "Compare", "Complete", "Configure", "Confirm", "Count",
	"Create", "Cross-check", "Decide", "Define", "Delegate", "Describe", "Designate", "Document",
	"Draft", "Embed", "Enable", "Encrypt", "Escalate", "Establish", "Estimate", "Evaluate",
	"Exercise", "Extend", "Extract", "Feed", "Flag", "Give", "Hold", "Identify", "Include", "Inform",
	"Integrate", "Interview", "Introduce", "Invite", "Keep", "Label", "Limit", "Link", "List", "Log",
	"Make", "Map", "Mark", "Measure", "Merge", "Monitor", "Move", "Name", "Nominate", "Note",
	"Notify", "Obtain", "Pick", "Plan", "Prepare", "Produce", "Publish", "Put", "Rank", "Record",
	"Rehearse", "Reference", "Replace", "Report", "Request", "Require", "Restrict", "Retain",
	"Review", "Rewrite", "Route", "Run", "Sample", "Schedule", "Select", "Send", "Set", "Share",
	"Sign", "Specify", "Split", "Start", "State", "Store", "Subscribe", "Summarise", "Survey", "Tag",
	"Test", "Tie", "Trace", "Track", "Train", "Translate", "Turn", "Update", "Use", "Validate",
	"Verify", "Version", "Write",
}

// Warnings are catalog lint findings that do not stop a catalog from
// loading: hedge words, fixes that do not start with a verb, duplicated
// remedies, and answering rules written into a criterion's statement.
func (c *Catalog) Warnings() []string {
	var out []string
	verbs := map[string]bool{}
	for _, v := range FixVerbs {
		verbs[v] = true
	}
	fixes := map[string]string{}
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.SameAs != "" {
				continue // text and fix come from the target
			}
			where := fmt.Sprintf("%s/%s", q.ID, cr.ID)
			if cr.Pos.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d: %s", c.File, cr.Pos.Line, cr.Pos.Col, where)
			}
			for _, field := range []struct{ name, text string }{{"text", cr.Text}, {"no-event", cr.NoEvent}, {"fix", cr.Fix}} {
				if h := hedgeIn(field.text); h != "" {
					out = append(out, fmt.Sprintf("%s: %s hedges with %q; state the condition instead", where, field.name, h))
				}
			}
			if strings.Contains(strings.ToLower(cr.Text), "answer met") || strings.Contains(strings.ToLower(cr.Text), "answer not met") {
				out = append(out, fmt.Sprintf("%s: text says how to answer; move that sentence to no-event, so the client's report states the criterion alone", where))
			}
			if first, _, _ := strings.Cut(strings.TrimSpace(cr.Fix), " "); !verbs[first] {
				out = append(out, fmt.Sprintf("%s: fix starts with %q, not a verb from the list (catalog.FixVerbs)", where, first))
			}
			norm := strings.ToLower(strings.Join(strings.Fields(cr.Fix), " "))
			if prev, dup := fixes[norm]; dup {
				out = append(out, fmt.Sprintf("%s: same fix as %s; use same-as for one artefact", where, prev))
			} else {
				fixes[norm] = q.ID + "/" + cr.ID
			}
		}
	}
	return out
}

// hedgeIn returns the first hedge found as whole words in text, or "".
func hedgeIn(text string) string {
	lower := " " + strings.ToLower(strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '\'')
	}), " ")) + " "
	for _, h := range Hedges {
		if strings.Contains(lower, " "+h+" ") {
			return h
		}
	}
	return ""
}
