package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// Options tunes the gap-analysis report.
type Options struct {
	Top         int    // fixes in the executive summary; 0 means 10
	ToolVersion string // aimsready version printed on the cover
	// The consultant's part of the answers file (deliverable.go); the
	// branding with its logo already loaded, flags applied.
	Commentary assess.Commentary
	Engagement assess.Engagement
	Branding   Branding
}

// Points is a score (0–100) or a gain in points. Renderers format it with
// Pct or Gain; JSON rounds it with Round2 so outputs are stable.
type Points float64

// MarshalJSON writes the value rounded to two decimals.
func (p Points) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(Round2(float64(p)), 'f', -1, 64)), nil
}

// Report is the gap-analysis report: one model every renderer (Markdown,
// PDF, CSV, JSON) draws from. Build fills it from a scored result; it holds
// no number the result does not.
type Report struct {
	Cover    Cover     `json:"cover"`
	Summary  Summary   `json:"summary"`
	Sections []Section `json:"sections"`
	Fixes    []Fix     `json:"fixes"`
	Roadmap  Roadmap   `json:"roadmap"`
	SoA      SoA       `json:"statement_of_applicability"`
	// Evidence is the evidence register judged on the assessment date.
	Evidence       EvidenceRegister `json:"evidence_register"`
	CrossFramework []Framework      `json:"cross_framework"`
	Method         Method           `json:"method"`
	Disclaimer     string           `json:"disclaimer"`
	Commentary     Commentary       `json:"commentary,omitzero"`
	Engagement     Engagement       `json:"engagement,omitzero"`
	Branding       Branding         `json:"branding,omitzero"`
}

// Cover is who, what and when.
type Cover struct {
	Title          string   `json:"title"`
	Standard       string   `json:"standard"`
	Organization   string   `json:"organization"`
	Assessor       string   `json:"assessor"`
	Date           string   `json:"date"`
	Scope          string   `json:"scope"`
	Profile        string   `json:"profile"`
	Roles          []string `json:"roles"`
	Systems        []System `json:"systems"`
	Catalog        string   `json:"catalog"` // id@version used for scoring
	CatalogTitle   string   `json:"catalog_title"`
	AnswersCatalog string   `json:"answers_catalog"` // id@version the answers were given against
	ToolVersion    string   `json:"tool_version"`
}

// System is an AI system in scope.
type System struct {
	Name    string `json:"name"`
	Purpose string `json:"purpose"`
	Role    string `json:"role"`
	Risk    string `json:"risk"`
}

// Summary is the executive summary.
type Summary struct {
	Overall Points `json:"overall"`
	// Documentation and Implementation readiness; null when no criterion
	// of that kind is in scope.
	Documentation  *Points `json:"documentation_readiness"`
	Implementation *Points `json:"implementation_readiness"`
	// EvidenceCoverage is the weighted share of the criteria met that
	// reviewed, current evidence backs; null when nothing is met.
	EvidenceCoverage *Points        `json:"evidence_coverage"`
	Thresholds       Thresholds     `json:"thresholds"`
	Verdict          Verdict        `json:"verdict"`
	BlockerCount     int            `json:"blocker_count"`
	Blockers         []Blocker      `json:"blockers"`
	Questions        int            `json:"questions"`
	Assessed         int            `json:"assessed"` // questions answered, excluded controls included
	NotAssessed      []string       `json:"not_assessed"`
	Excluded         []string       `json:"excluded"`
	SoAMissing       []string       `json:"soa_missing"`
	SoAUnjustified   []string       `json:"soa_unjustified"`
	SoAGeneric       []string       `json:"soa_generic_exclusions"`
	Overdue          []Fix          `json:"overdue"`
	FixCount         int            `json:"fix_count"`
	TopFixes         []Fix          `json:"top_fixes"`
	Sections         []SectionScore `json:"section_scores"`
}

// Verdict is the two-stage verdict and why.
type Verdict struct {
	Level   int      `json:"level"` // 0 snapshot, 1 not ready, 2 Stage 1 only, 3 Stage 1 and 2
	Ready   bool     `json:"ready_for_stage1"`
	Stage2  bool     `json:"ready_for_stage2"`
	Label   string   `json:"label"`
	Reason  string   `json:"reason"`
	Reasons []string `json:"reasons"`
}

// Thresholds are the catalog's verdict thresholds in force.
type Thresholds struct {
	Implementation float64 `json:"implementation"`
	ClauseFloor    float64 `json:"clause_floor"`
	Evidence       float64 `json:"evidence_coverage"`
}

// Blocker is something that would stop a Stage 1 audit.
type Blocker struct {
	Question      string `json:"question"`
	QuestionTitle string `json:"question_title"`
	Criterion     string `json:"criterion"`
	Text          string `json:"text"`
	Reason        string `json:"reason"`
	Fix           string `json:"fix"`
}

// notAssessedNote says in one line what an unanswered question means for
// the score and where its fixes are.
func notAssessedNote(q Question) string {
	return fmt.Sprintf("Not answered yet: its %d criteria count as not met (score 0) and are in the fix list.", len(q.Unmet))
}

// Label is the section's score for display, or "n/a" when every question
// in it was excluded.
func (s SectionScore) Label() string {
	if s.Score == nil {
		return "n/a"
	}
	return Pct(float64(*s.Score))
}

// Value is the score for drawing, 0 when there is none.
func (s SectionScore) Value() float64 {
	if s.Score == nil {
		return 0
	}
	return float64(*s.Score)
}

// SectionScore is one bar of the section chart.
type SectionScore struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Kind  string  `json:"kind"`  // clause or annex
	Score *Points `json:"score"` // null when every question was excluded
	// Documentation and Implementation readiness of the section; null
	// when it has no criterion of that kind.
	Documentation    *Points `json:"documentation_readiness"`
	Implementation   *Points `json:"implementation_readiness"`
	EvidenceCoverage *Points `json:"evidence_coverage"`
	Answered         int     `json:"answered"`
	Total            int     `json:"total"`
	Excluded         int     `json:"excluded"`
}

// Section is one clause or Annex A area in detail.
type Section struct {
	SectionScore
	Intro     string     `json:"intro"`
	Questions []Question `json:"questions"`
}

// Question is one question as answered and scored.
type Question struct {
	ID            string      `json:"id"`
	Title         string      `json:"title"`
	Kind          string      `json:"kind"` // clause or control
	Citation      string      `json:"citation"`
	Weight        float64     `json:"weight"`
	Status        string      `json:"status"`
	StatusLabel   string      `json:"status_label"`
	Score         *Points     `json:"score"` // null for an excluded control
	Met           []Criterion `json:"met"`
	Unmet         []Criterion `json:"unmet"`
	Justification string      `json:"justification"`
	// JustificationIssue says why an excluded control's justification is
	// too thin to survive an audit; empty otherwise.
	JustificationIssue string `json:"justification_issue,omitempty"`
	Notes              string `json:"notes"`
	// Evidence lists the references named under the question itself (the
	// format before the register); EvidenceItems the register ids backing
	// its criteria.
	Evidence      []string `json:"evidence"`
	EvidenceItems []string `json:"evidence_items"`
	Refs          []Ref    `json:"refs"`
}

// Criterion is one criterion of a question with its text.
type Criterion struct {
	ID         string  `json:"id"`
	Text       string  `json:"text"`
	Weight     float64 `json:"weight"`
	Documented bool    `json:"documented"`
	Evidence   string  `json:"evidence_kind"` // document, practice or record
	SameAs     string  `json:"same_as,omitempty"`
	FixRank    int     `json:"fix_rank,omitempty"` // rank in the fix list when not met
	// EvidenceItems are the register ids backing the criterion; Claimed
	// marks a met criterion that no reviewed, current item backs.
	EvidenceItems []string `json:"evidence_items,omitempty"`
	Claimed       bool     `json:"claimed,omitempty"`
}

// Ref is a cross-reference to another framework.
type Ref struct {
	Framework     string `json:"framework"`
	FrameworkName string `json:"framework_name"`
	ID            string `json:"id"`
	Title         string `json:"title"`
	Basis         string `json:"basis"`
}

// Fix is one entry of the prioritized fix list.
type Fix struct {
	ID              string `json:"id"`
	Rank            int    `json:"rank"`
	Phase           int    `json:"phase"`
	PhaseTitle      string `json:"phase_title"`
	Workstream      string `json:"workstream"`
	WorkstreamTitle string `json:"workstream_title"`
	Question        string `json:"question"`
	QuestionTitle   string `json:"question_title"`
	Criterion       string `json:"criterion"`
	CriterionText   string `json:"criterion_text"`
	// NoEvent says what is enough before the first event (first audit,
	// first review); the fix list shows it under what is missing.
	NoEvent    string   `json:"no_event,omitempty"`
	Fix        string   `json:"fix"`
	Evidence   string   `json:"evidence_kind"`
	Effort     string   `json:"effort"`
	Days       float64  `json:"days"`
	Importance Points   `json:"importance"`
	Gain       Points   `json:"gain"`
	Blocker    bool     `json:"blocker"`
	Assessed   bool     `json:"assessed"`
	Cites      []string `json:"cites"`
	Also       []string `json:"also_closes"` // other questions the same artefact closes
	Owner      string   `json:"owner"`       // from the plan, when there is one
	Due        string   `json:"due"`
	Status     string   `json:"status"` // planned, in-progress, done; "" when not planned
	Overdue    bool     `json:"overdue"`
}

// Applicability decisions in the Statement of Applicability.
const (
	SoAApplicable = "applicable"
	SoAExcluded   = "excluded"
	SoAUndecided  = "undecided" // no decision recorded: the control is not assessed
)

// SoA is the Statement of Applicability: every Annex A control.
type SoA struct {
	Controls   []Control `json:"controls"`
	Applicable int       `json:"applicable"`
	Excluded   int       `json:"excluded"`
	Undecided  int       `json:"undecided"`
	Flagged    int       `json:"flagged"` // justifications that would not survive an audit
	// Unjustified counts controls decided without any justification: an SoA gap.
	Unjustified int `json:"unjustified"`
	// Note says what this table is: a draft derived from the assessment.
	Note string `json:"note"`
}

// Control is one row of the Statement of Applicability.
type Control struct {
	ID            string  `json:"id"`
	Title         string  `json:"title"`
	Area          string  `json:"area"`
	AreaTitle     string  `json:"area_title"`
	Applicability string  `json:"applicability"`
	Justification string  `json:"justification"`
	Status        string  `json:"status"` // the one status scale (StatusLabel)
	Score         *Points `json:"score"`
	// Evidence is what the SoA's evidence column shows: the register items
	// backing the control's criteria ("E-001 AI policy (reviewed)"), then
	// references named under the question; EvidenceItems their ids.
	Evidence      []string `json:"evidence"`
	EvidenceItems []string `json:"evidence_items"`
	// JustificationIssue says why a justification is too thin to survive
	// an audit, or that it is missing; empty when it is fine.
	JustificationIssue string `json:"justification_issue,omitempty"`
}

// Framework is one external framework in the cross-framework view.
type Framework struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Unit  string     `json:"unit"` // what an item is: function, risk, article
	Items []CrossRef `json:"items"`
}

// CrossRef is one function, risk or article and the questions referencing it.
type CrossRef struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Questions []string `json:"questions"`
	// Mean is the question-weighted mean score of the referencing questions
	// that apply; null when none does.
	Mean *Points `json:"mean"`
	// Referenced and Terms count the NIST subcategories of a function that
	// the catalog references, and how many the function has.
	Referenced int `json:"referenced,omitempty"`
	Terms      int `json:"terms,omitempty"`
}

// Method is the method appendix.
type Method struct {
	Scoring  []string        `json:"scoring"`
	Efforts  []EffortDays    `json:"efforts"`
	Statuses []Threshold     `json:"statuses"`
	Weights  []SectionWeight `json:"weights"`
}

// EffortDays is the nominal size of an effort class used in ranking.
type EffortDays struct {
	Effort  string  `json:"effort"`
	Days    float64 `json:"days"`
	Meaning string  `json:"meaning"`
}

// Threshold is how a status follows from a score.
type Threshold struct {
	Status string `json:"status"`
	Rule   string `json:"rule"`
}

// SectionWeight is how much a section counts in the overall score.
type SectionWeight struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Questions int     `json:"questions"` // applicable questions
	Weight    float64 `json:"weight"`    // sum of their weights
	Share     Points  `json:"share"`     // percent of the overall score
}

// Build assembles the report from a scored result. Every number comes from
// res; the catalog gives only texts (criteria, intros, references).
func Build(res *assess.Result, c *catalog.Catalog, o Options) *Report {
	if o.Top <= 0 {
		o.Top = 10
	}
	r := &Report{Disclaimer: Disclaimer}
	r.Cover = buildCover(res, c, o)

	rank := map[string]int{} // question/criterion -> fix rank
	for _, f := range res.Fixes {
		rank[f.Question+"\x00"+f.Criterion] = f.Rank
		for _, q := range f.Also {
			if cq := c.Question(q); cq != nil {
				for _, cr := range cq.Criteria {
					if cr.SameAs == f.ID {
						rank[q+"\x00"+cr.ID] = f.Rank
					}
				}
			}
		}
		r.Fixes = append(r.Fixes, buildFix(&f))
	}
	if r.Fixes == nil {
		r.Fixes = []Fix{}
	}
	r.Roadmap = buildRoadmap(res)

	s := &r.Summary
	s.Overall = Points(res.Overall)
	s.Documentation, s.Implementation = readinessPoints(res.Documentation), readinessPoints(res.Implementation)
	s.EvidenceCoverage = readinessPoints(res.EvidenceCoverage)
	r.Evidence = buildEvidence(res)
	s.Thresholds = Thresholds{res.Method.ImplementationThreshold, res.Method.ClauseFloor, res.Method.EvidenceThreshold}
	v := res.Verdict
	s.Verdict = Verdict{Level: int(v.Level), Ready: v.Ready(), Stage2: v.Level == assess.LevelStage1And2,
		Label: v.Label, Reason: v.Reason, Reasons: nonNil(v.Reasons)}
	s.BlockerCount = len(res.Blockers)
	s.Blockers = []Blocker{}
	for _, b := range res.Blockers {
		s.Blockers = append(s.Blockers, Blocker{Question: b.Question, QuestionTitle: b.Title, Criterion: b.Criterion,
			Text: b.Text, Reason: b.Reason, Fix: b.Fix})
	}
	s.Questions = len(res.Questions)
	s.Assessed = len(res.Questions) - len(res.NotAssessed)
	s.NotAssessed = nonNil(res.NotAssessed)
	s.Excluded = nonNil(res.Excluded)
	s.SoAMissing = nonNil(res.SoAMissing)
	s.SoAUnjustified = nonNil(res.SoAUnjustified)
	s.SoAGeneric = nonNil(res.SoAGeneric)
	s.Overdue = []Fix{}
	overdue := map[string]bool{}
	for _, f := range res.Overdue {
		s.Overdue = append(s.Overdue, buildFix(&f))
		s.Overdue[len(s.Overdue)-1].Overdue = true
		overdue[f.ID] = true
	}
	for i := range r.Fixes {
		r.Fixes[i].Overdue = overdue[r.Fixes[i].ID]
	}
	s.FixCount = len(r.Fixes)
	s.TopFixes = r.Fixes[:min(o.Top, len(r.Fixes))]
	s.Sections = []SectionScore{}
	for _, ss := range res.Sections {
		var score *Points
		if ss.Scored() {
			v := Points(ss.Score)
			score = &v
		}
		s.Sections = append(s.Sections, SectionScore{ID: ss.ID, Title: ss.Title, Kind: string(ss.Kind),
			Score: score, Documentation: readinessPoints(ss.Documentation), Implementation: readinessPoints(ss.Implementation),
			EvidenceCoverage: readinessPoints(ss.EvidenceCoverage), Answered: ss.Answered, Total: ss.Total, Excluded: ss.Excluded})
	}

	byQuestion := map[string]*assess.QuestionScore{}
	for i := range res.Questions {
		byQuestion[res.Questions[i].ID] = &res.Questions[i]
	}
	r.Sections = []Section{}
	for _, ss := range s.Sections {
		sec := Section{SectionScore: ss, Questions: []Question{}}
		if cs := c.Section(ss.ID); cs != nil {
			sec.Intro = strings.TrimSpace(cs.Intro)
		}
		for _, qs := range res.Questions {
			if qs.Section == ss.ID {
				sec.Questions = append(sec.Questions, buildQuestion(&qs, c.Question(qs.ID), rank))
			}
		}
		r.Sections = append(r.Sections, sec)
	}

	r.SoA = buildSoA(byQuestion, c, r.Evidence)
	r.CrossFramework = buildCrossFramework(res, c)
	r.Method = buildMethod(res, c)
	r.Commentary, r.Engagement, r.Branding = deliverableFrom(o, func(id string) bool { return c.Section(id) != nil })
	return r
}

func buildCover(res *assess.Result, c *catalog.Catalog, o Options) Cover {
	standard := c.Standard
	if standard == "" {
		standard = "ISO/IEC 42001:2023"
	}
	cv := Cover{
		Title:    standard + " readiness assessment",
		Standard: standard, Organization: res.Organization, Assessor: res.Assessor, Date: res.Date,
		Scope: strings.TrimSpace(res.Scope), Profile: string(res.Profile), Roles: []string{}, Systems: []System{},
		Catalog: res.Catalog, CatalogTitle: res.CatalogTitle, AnswersCatalog: res.AnswersFrom, ToolVersion: o.ToolVersion,
	}
	for _, role := range res.Roles {
		cv.Roles = append(cv.Roles, string(role))
	}
	for _, sys := range res.Systems {
		cv.Systems = append(cv.Systems, System{Name: sys.Name, Purpose: sys.Purpose, Role: sys.RolesText(), Risk: orText(sys.Risk, "not rated yet")})
	}
	return cv
}

// StatusLabel is how people read a question status.
func StatusLabel(s assess.Status) string {
	switch s {
	case assess.StatusMet:
		return "Met"
	case assess.StatusLargely:
		return "Largely met"
	case assess.StatusPartial:
		return "Partially met"
	case assess.StatusNotMet:
		return "Not met"
	case assess.StatusNotAssessed:
		return "Not assessed"
	case assess.StatusExcluded:
		return "Excluded"
	}
	return string(s)
}

func buildQuestion(qs *assess.QuestionScore, q *catalog.Question, rank map[string]int) Question {
	out := Question{
		ID: qs.ID, Title: qs.Title, Kind: qs.Kind, Weight: qs.Weight, Status: string(qs.Status),
		StatusLabel: StatusLabel(qs.Status), Met: []Criterion{}, Unmet: []Criterion{},
		Justification: strings.TrimSpace(qs.Justification), Notes: strings.TrimSpace(qs.Notes),
		Evidence: nonNil(qs.Evidence), EvidenceItems: nonNil(qs.EvidenceItems), Refs: []Ref{},
	}
	if qs.Status != assess.StatusExcluded {
		score := Points(qs.Score)
		out.Score = &score
	} else {
		out.JustificationIssue = assess.ThinJustification(out.Justification)
	}
	crit := func(id string) Criterion {
		cr := Criterion{ID: id, FixRank: rank[qs.ID+"\x00"+id], EvidenceItems: qs.CriterionEvidence[id]}
		if q != nil {
			if c := q.Criterion(id); c != nil {
				cr.Text, cr.Weight, cr.Documented = strings.TrimSpace(c.Text), c.Weight, c.Documented
				cr.Evidence, cr.SameAs = string(c.Evidence), c.SameAs
			}
		}
		return cr
	}
	for _, id := range qs.Met {
		c := crit(id)
		c.FixRank = 0
		c.Claimed = slices.Contains(qs.Claimed, id)
		out.Met = append(out.Met, c)
	}
	for _, id := range qs.Unmet {
		out.Unmet = append(out.Unmet, crit(id))
	}
	if q != nil {
		out.Citation = q.Citation()
		for _, ref := range q.Refs {
			out.Refs = append(out.Refs, Ref{Framework: ref.Framework, FrameworkName: catalog.FrameworkName(ref.Framework),
				ID: ref.ID, Title: catalog.RefTitle(ref.Framework, ref.ID), Basis: string(ref.Basis)})
		}
	}
	return out
}

func buildSoA(byQuestion map[string]*assess.QuestionScore, c *catalog.Catalog, reg EvidenceRegister) SoA {
	soa := SoA{Controls: []Control{}, Note: SoANote}
	for _, sec := range c.Sections {
		if sec.Kind != catalog.KindAnnex {
			continue
		}
		for _, q := range sec.Questions {
			qs := byQuestion[q.ID]
			ctl := Control{ID: q.ID, Title: q.FullTitle(), Area: sec.ID, AreaTitle: sec.Title, Evidence: []string{},
				EvidenceItems: []string{}, Status: StatusLabel(assess.StatusNotAssessed)}
			if qs != nil {
				ctl.Status = StatusLabel(qs.Status)
			}
			switch {
			case qs == nil || !qs.Decided:
				ctl.Applicability = SoAUndecided
				soa.Undecided++
			case qs.Status == assess.StatusExcluded:
				ctl.Applicability = SoAExcluded
				soa.Excluded++
			default:
				ctl.Applicability = SoAApplicable
				soa.Applicable++
			}
			if qs != nil {
				ctl.Justification = strings.TrimSpace(qs.Justification)
				ctl.EvidenceItems = nonNil(qs.EvidenceItems)
				ctl.Evidence = append(append([]string{}, reg.labels(qs.EvidenceItems)...), qs.Evidence...)
				if qs.Status != assess.StatusExcluded {
					score := Points(qs.Score)
					ctl.Score = &score
				}
			}
			switch {
			case ctl.Applicability == SoAUndecided:
			case ctl.Justification == "":
				ctl.JustificationIssue = "no justification: an SoA gap that blocks Stage 1"
				soa.Unjustified++
			case ctl.Applicability == SoAExcluded:
				ctl.JustificationIssue = assess.ThinJustification(ctl.Justification)
			default:
				ctl.JustificationIssue = assess.ThinInclusion(ctl.Justification)
			}
			if ctl.JustificationIssue != "" {
				soa.Flagged++
			}
			soa.Controls = append(soa.Controls, ctl)
		}
	}
	return soa
}

func buildMethod(res *assess.Result, c *catalog.Catalog) Method {
	days := func(e catalog.Effort) string { return strconv.FormatFloat(e.Days(), 'f', -1, 64) }
	m := Method{
		Scoring: []string{
			"Question score: each question has criteria, each with a weight. A question's score is the weighted share of its criteria that are met, from 0 to 100.",
			"Section and overall scores: the question-weighted mean of the question scores over the applicable questions of the section, or of the whole assessment. A question's weight can depend on the organisation's roles (for a user of bought-in AI, supplier and responsible-use controls weigh more).",
			"Two readiness figures: documentation readiness is the weighted share of document criteria met (a documented policy, process, plan or method exists and is approved: what a Stage 1 audit reviews); implementation readiness is the weighted share of practice and record criteria met (the activity is done, and records show it operating over time: what a Stage 2 audit tests). Each criterion counts as much as it does in the overall score. Required documented information that is a record (results kept, audit records, review minutes) counts under implementation, so a clause made mostly of records can show low documentation readiness while its records are met; Stage 1 blockers follow the required documented information of either kind.",
			fmt.Sprintf("Evidence coverage: the weighted share of the criteria reported as met that a reviewed item of the evidence register backs, each criterion counting as much as it does in the overall score. An item counts while it is current on the assessment date: not past its valid-until date and, for records, not older than the catalog's maximum age for what it supports. A met criterion without such an item is claimed. Coverage never changes a score or the verdict's level; under %.0f the verdict says readiness rests mostly on claims.", res.Method.EvidenceThreshold),
			"Shared evidence: where two questions rely on the same artefact, the criterion is answered once, at the first question, counts in both, and is one fix citing both.",
			"Excluded controls: an Annex A control excluded in the Statement of Applicability leaves both the numerator and the denominator, so it neither raises nor lowers any score.",
			"Not assessed: a question that has not been answered scores 0, so an unfinished assessment never looks better than it is.",
			fmt.Sprintf("Verdict: Not ready for Stage 1 while there is any Stage 1 blocker (required documented information missing or not confirmed, or a control without an applicability decision or a justification in the Statement of Applicability). Ready for Stage 1, not yet for Stage 2 while implementation readiness is under %.0f, any clause 4 to 10 scores under %.0f, or the first internal audit covering the scope and the first management review are not recorded. Ready for Stage 1 and Stage 2 (estimate) otherwise. A quick snapshot never gives a verdict.",
				res.Method.ImplementationThreshold, res.Method.ClauseFloor),
			fmt.Sprintf("Phases and order: fixes are grouped into phase 1 Before Stage 1 (blockers, documents, and the foundations they build on), phase 2 Put into practice, and phase 3 Operate and keep records (work that needs elapsed time). Within a phase, more important fixes come first (question weight times criterion weight, raised to the importance of what builds on them), then Stage 1 blockers, then documents before practices before records, then smaller effort (S = %s, M = %s, L = %s person-days), then catalog order. A fix never comes before the foundations (required documented information) of the questions it builds on, nor, unless it is one, before the foundations of its own question.",
				days(catalog.EffortS), days(catalog.EffortM), days(catalog.EffortL)),
			"Fix gain: the number of points the overall score rises if that one fix is done. It is shown for information; the gains of all fixes add up to 100 minus the overall score.",
			"Cross-framework coverage: for each NIST AI RMF function, OWASP risk and EU AI Act article, the questions whose catalog entry references it, and how those questions scored (the question-weighted mean of their scores, excluded controls left out). It is coverage, not compliance: the other frameworks are not assessed. References marked crosswalk come from a published pairing; analysis marks our own reasoning.",
			fmt.Sprintf("Thin justifications: an exclusion is flagged when its justification is empty, a placeholder, a generic phrase such as \"not relevant\" or shorter than %d words; an inclusion when it is empty, a placeholder, a generic word such as \"required\" or shorter than %d words. An exclusion whose only reason is a generic phrase or placeholder counts as unjustified: a Stage 1 blocker.", assess.MinJustificationWords, assess.MinInclusionWords),
		},
		Efforts: effortDays(),
		Statuses: []Threshold{
			{StatusLabel(assess.StatusMet), "every criterion met (score 100)"},
			{StatusLabel(assess.StatusLargely), "at least two thirds of the criteria weight met (score 66.7 or more)"},
			{StatusLabel(assess.StatusPartial), "some criteria met (score above 0, under 66.7)"},
			{StatusLabel(assess.StatusNotMet), "assessed, no criterion met (score 0)"},
			{StatusLabel(assess.StatusNotAssessed), "no answer yet: scored 0"},
			{StatusLabel(assess.StatusExcluded), "control excluded in the Statement of Applicability"},
		},
		Weights: []SectionWeight{},
	}
	var total float64
	for _, ss := range res.Sections {
		sw := SectionWeight{ID: ss.ID, Title: ss.Title}
		for _, qs := range res.Questions {
			if qs.Section == ss.ID && qs.Status != assess.StatusExcluded {
				sw.Questions++
				sw.Weight += qs.Weight
			}
		}
		total += sw.Weight
		m.Weights = append(m.Weights, sw)
	}
	if total > 0 {
		for i := range m.Weights {
			m.Weights[i].Share = Points(100 * m.Weights[i].Weight / total)
		}
	}
	return m
}

// orText is s, or alt when s is blank.
func orText(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}
