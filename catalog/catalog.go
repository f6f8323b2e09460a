// Package catalog holds the question catalog: its schema, the embedded
// ISO/IEC 42001:2023 catalog, loading of custom catalogs and validation.
// It knows nothing of answers or scores: it must not import assess, report or
// cmd, only catalog/strictyaml of this module.
package catalog

import (
	"fmt"
	"strings"
)

// Kind says whether a section is a mandatory management-system clause or an
// area of controls that may be excluded in the Statement of Applicability.
type Kind string

const (
	KindClause Kind = "clause" // clauses 4–10: mandatory, never excluded
	KindAnnex  Kind = "annex"  // Annex A areas: controls, each applicable or excluded
)

// Role is an organisation's role towards AI systems.
type Role string

const (
	RoleDeveloper Role = "developer"
	RoleProvider  Role = "provider"
	RoleUser      Role = "user"
)

// Roles lists the known roles in display order.
var Roles = []Role{RoleDeveloper, RoleProvider, RoleUser}

// Effort is a rough size for a fix: S days, M weeks, L months.
type Effort string

const (
	EffortS Effort = "S"
	EffortM Effort = "M"
	EffortL Effort = "L"
)

// Days is the nominal effort used to rank fixes by gain per effort.
func (e Effort) Days() float64 {
	switch e {
	case EffortS:
		return 2
	case EffortM:
		return 10
	case EffortL:
		return 40
	}
	return 10
}

// Basis says why a cross-reference exists.
type Basis string

const (
	BasisCrosswalk Basis = "crosswalk" // a published pairing
	BasisAnalysis  Basis = "analysis"  // our own reasoning
)

// Pos is a place in a catalog file; zero when unknown.
type Pos struct{ Line, Col int }

// Catalog is a versioned set of sections of questions.
type Catalog struct {
	ID       string     `yaml:"id" json:"id"`
	Version  string     `yaml:"version" json:"version"`
	Title    string     `yaml:"title" json:"title"`
	Standard string     `yaml:"standard" json:"standard"`
	Method   Method     `yaml:"method" json:"method"`
	Changes  []Change   `yaml:"changes,omitempty" json:"changes,omitempty"`
	Sections []*Section `yaml:"sections" json:"sections"`

	// File is where the catalog came from, for messages.
	File string `yaml:"-" json:"-"`

	byID map[string]*Question
}

// Section is a clause (4–10) or an Annex A area (A.2–A.10).
type Section struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
	Kind  Kind   `yaml:"kind" json:"kind"`
	Intro string `yaml:"intro" json:"intro"`
	// Workstream is the default workstream of the section's questions.
	Workstream string      `yaml:"workstream,omitempty" json:"workstream,omitempty"`
	Questions  []*Question `yaml:"questions" json:"questions"`

	Pos Pos `yaml:"-" json:"-"`
}

// Question is one leaf clause or one Annex A control.
type Question struct {
	ID     string  `yaml:"id" json:"id"`
	Title  string  `yaml:"title" json:"title"`
	Weight float64 `yaml:"weight" json:"weight"`
	// RoleWeights raise (or set) the weight for organisations holding a
	// role: a user of bought-in AI weighs supplier controls higher.
	RoleWeights map[Role]float64 `yaml:"role-weights,omitempty" json:"role-weights,omitempty"`
	Quick       bool             `yaml:"quick,omitempty" json:"quick"`
	Documented  bool             `yaml:"documented,omitempty" json:"documented"`
	Roles       []Role           `yaml:"roles,omitempty" json:"roles,omitempty"`
	// Requires lists the questions this one builds on: their fixes come first.
	Requires []string `yaml:"requires,omitempty" json:"requires,omitempty"`
	// Workstream overrides the section's workstream.
	Workstream string       `yaml:"workstream,omitempty" json:"workstream,omitempty"`
	Prompt     string       `yaml:"prompt" json:"prompt"`
	Guidance   string       `yaml:"guidance" json:"guidance"`
	Refs       []Ref        `yaml:"refs,omitempty" json:"refs,omitempty"`
	Criteria   []*Criterion `yaml:"criteria" json:"criteria"`

	// Section is the section holding this question.
	Section *Section `yaml:"-" json:"-"`
	Pos     Pos      `yaml:"-" json:"-"`
}

// Criterion is one checkable fact that is met or not met.
type Criterion struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
	// NoEvent says what is enough for an event-driven criterion before
	// the first event ("If no audit has been held yet, it is enough
	// that..."). Whoever answers reads it with the statement; the client's
	// fix list shows it under the gap, so a Stage 1 blocker on audit
	// records does not read as "hold the audit first".
	NoEvent string `yaml:"no-event,omitempty" json:"no-event,omitempty"`
	// Implies lists criteria (QUESTION/criterion) that are met whenever
	// this one truly is: "every required document exists" implies each
	// required document. An answers file that meets this one but not those
	// contradicts itself, and validate says so.
	Implies []string `yaml:"implies,omitempty" json:"implies,omitempty"`
	Weight  float64  `yaml:"weight" json:"weight"`
	// Evidence is what it takes to meet the criterion: a document, a
	// practice or records over time.
	Evidence   EvidenceKind `yaml:"evidence" json:"evidence"`
	Documented bool         `yaml:"documented,omitempty" json:"documented"`
	// BeforeStage2 marks records a certification body expects before
	// Stage 2 (a first internal audit, a first management review).
	BeforeStage2 bool   `yaml:"before-stage2,omitempty" json:"before-stage2,omitempty"`
	Fix          string `yaml:"fix" json:"fix"`
	Effort       Effort `yaml:"effort" json:"effort"`
	// Ask is what to request from the client as evidence.
	Ask string `yaml:"ask,omitempty" json:"ask,omitempty"`
	// MaxAgeMonths is how old a record may be before it is stale; 0 = no limit.
	MaxAgeMonths int `yaml:"max-age-months,omitempty" json:"max-age-months,omitempty"`
	// SameAs ("6.1.4/process-defined") says the criterion is the same
	// artefact as an earlier question's criterion: answered once there,
	// scored in both, fixed once.
	SameAs string `yaml:"same-as,omitempty" json:"same-as,omitempty"`
	// Replaces lists ids of earlier catalog versions with the same meaning,
	// so answers given against them carry over.
	Replaces []string `yaml:"replaces,omitempty" json:"replaces,omitempty"`

	// Target is the criterion SameAs names, resolved at load.
	Target *Criterion `yaml:"-" json:"-"`
	// TargetQuestion is the question holding Target.
	TargetQuestion *Question `yaml:"-" json:"-"`

	Pos Pos `yaml:"-" json:"-"`
}

// Ref is a cross-reference to another framework.
type Ref struct {
	Framework string `yaml:"framework" json:"framework"`
	ID        string `yaml:"id" json:"id"`
	Basis     Basis  `yaml:"basis" json:"basis"`

	Pos Pos `yaml:"-" json:"-"`
}

// Ident is "id@version", the form recorded in answers files and reports.
func (c *Catalog) Ident() string { return c.ID + "@" + c.Version }

// Question returns the question with the given id, or nil.
func (c *Catalog) Question(id string) *Question {
	if c.byID == nil {
		c.index()
	}
	return c.byID[id]
}

// Section returns the section with the given id, or nil.
func (c *Catalog) Section(id string) *Section {
	for _, s := range c.Sections {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Questions returns every question in catalog order.
func (c *Catalog) Questions() []*Question {
	var out []*Question
	for _, s := range c.Sections {
		out = append(out, s.Questions...)
	}
	return out
}

func (c *Catalog) index() {
	c.byID = map[string]*Question{}
	for _, s := range c.Sections {
		for _, q := range s.Questions {
			q.Section = s
			if _, dup := c.byID[q.ID]; !dup {
				c.byID[q.ID] = q
			}
		}
	}
	// Resolve shared evidence: the sharing criterion reads as its target.
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.SameAs == "" {
				continue
			}
			tq, tc, _ := strings.Cut(cr.SameAs, "/")
			if target := c.byID[tq]; target != nil {
				if t := target.Criterion(tc); t != nil {
					cr.Target, cr.TargetQuestion = t, target
					cr.Text, cr.NoEvent, cr.Fix, cr.Effort, cr.Evidence, cr.Ask = t.Text, t.NoEvent, t.Fix, t.Effort, t.Evidence, t.Ask
					cr.Documented, cr.MaxAgeMonths, cr.BeforeStage2 = false, t.MaxAgeMonths, t.BeforeStage2
				}
			}
		}
	}
}

// IsControl reports whether the question is an Annex A control (which may be
// excluded in the Statement of Applicability) rather than a mandatory clause.
func (q *Question) IsControl() bool { return q.Section != nil && q.Section.Kind == KindAnnex }

// Kind is "clause" or "control", the name users see.
func (q *Question) Kind() string {
	if q.IsControl() {
		return "control"
	}
	return "clause"
}

// Criterion returns the criterion with the given id, or nil.
func (q *Question) Criterion(id string) *Criterion {
	for _, c := range q.Criteria {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// CriterionIDs lists the criterion ids in catalog order.
func (q *Question) CriterionIDs() []string {
	ids := make([]string, len(q.Criteria))
	for i, c := range q.Criteria {
		ids[i] = c.ID
	}
	return ids
}

// TotalWeight is the sum of the criterion weights.
func (q *Question) TotalWeight() float64 {
	var t float64
	for _, c := range q.Criteria {
		t += c.Weight
	}
	return t
}

// ConcernsAny reports whether the control concerns any of the given roles;
// questions without roles concern everyone.
func (q *Question) ConcernsAny(roles []Role) bool {
	if len(q.Roles) == 0 {
		return true
	}
	for _, r := range roles {
		for _, qr := range q.Roles {
			if r == qr {
				return true
			}
		}
	}
	return false
}

// Citation is how a report cites the question: "ISO/IEC 42001:2023 6.1.2"
// for a clause, "Annex A.7.4" for a control. Custom sections cite their id.
func (q *Question) Citation() string {
	if q.IsControl() {
		if strings.HasPrefix(q.ID, "A.") {
			return "Annex " + q.ID
		}
		return q.ID
	}
	return "ISO/IEC 42001:2023 " + q.ID
}

// String renders a reference as users read it: "NIST AI RMF GOVERN 1.1 (crosswalk)".
func (r Ref) String() string {
	return fmt.Sprintf("%s %s (%s)", FrameworkName(r.Framework), r.ID, r.Basis)
}

// Scaled returns a catalog holding c's sections the given number of times
// under new ids ("S1-4", "S1-4.1", ...), sharing c's criteria. Benchmarks use
// it to check that cost grows no faster than the catalog.
func (c *Catalog) Scaled(times int) *Catalog {
	out := &Catalog{ID: c.ID + "-scaled", Version: c.Version, Title: c.Title, Standard: c.Standard, File: c.File}
	for i := 1; i <= times; i++ {
		for _, s := range c.Sections {
			ns := &Section{ID: fmt.Sprintf("S%d-%s", i, s.ID), Title: s.Title, Kind: s.Kind, Intro: s.Intro}
			for _, q := range s.Questions {
				nq := *q
				nq.ID = fmt.Sprintf("S%d-%s", i, q.ID)
				nq.Section = ns
				ns.Questions = append(ns.Questions, &nq)
			}
			out.Sections = append(out.Sections, ns)
		}
	}
	out.index()
	return out
}

// JoinAnd lists items as people write them: "a", "a and b", "a, b and c".
// Role lists in the interview and in `catalog show` read this way.
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// JoinOr is JoinAnd with "or": "6.1.2, 6.1.3 or 6.1.4".
func JoinOr(items []string) string {
	if len(items) < 2 {
		return JoinAnd(items)
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// Suggest explains an id that names no question: a heading clause such as
// 7.5 points to its sub-clauses, and a near miss (a missing or extra "A.",
// a lower-case "a.", stray spaces) points to the question meant. It returns
// "" when it has nothing useful to say.
func (c *Catalog) Suggest(id string) string {
	id = strings.TrimSpace(id)
	if id == "" {
		return ""
	}
	var under []string
	for _, q := range c.Questions() {
		if strings.HasPrefix(q.ID, id+".") {
			under = append(under, q.ID)
		}
	}
	if len(under) > 0 {
		return fmt.Sprintf("%s is a heading; its questions are %s", id, JoinAnd(under))
	}
	cands := []string{id}
	if rest, ok := strings.CutPrefix(id, "a."); ok {
		cands = append(cands, "A."+rest)
	}
	if strings.HasPrefix(id, "A.") {
		cands = append(cands, strings.TrimPrefix(id, "A."))
	} else {
		cands = append(cands, "A."+id)
	}
	for _, cand := range cands {
		if q := c.Question(cand); q != nil {
			return fmt.Sprintf("did you mean %s %s?", q.ID, q.Title)
		}
	}
	// A typo: the ids one keystroke away ("4.33" -> 4.3, "6.1.5" -> 6.1.4).
	var near []*Question
	for _, q := range c.Questions() {
		if oneEditApart(strings.ToUpper(id), strings.ToUpper(q.ID)) {
			near = append(near, q)
		}
	}
	switch {
	case len(near) == 1:
		return fmt.Sprintf("did you mean %s %s?", near[0].ID, near[0].Title)
	case len(near) > 1 && len(near) <= 4:
		ids := make([]string, len(near))
		for i, q := range near {
			ids[i] = q.ID
		}
		return "did you mean " + JoinOr(ids) + "?"
	}
	return ""
}

// oneEditApart reports whether a becomes b by inserting, deleting or
// changing one character.
func oneEditApart(a, b string) bool {
	if a == b || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

// ForAssessor is the criterion as whoever answers it reads it: the
// statement, then how to answer before the first event, if the catalog
// says.
func (cr *Criterion) ForAssessor() string {
	if strings.TrimSpace(cr.NoEvent) == "" {
		return cr.Text
	}
	return strings.TrimSpace(cr.Text) + " " + strings.TrimSpace(cr.NoEvent)
}
