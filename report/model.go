package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// Options tunes the gap-analysis report.
type Options struct {
	Top         int    // fixes in the executive summary; 0 means 10
	ToolVersion string // aimsready version printed on the cover
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
	Cover          Cover       `json:"cover"`
	Summary        Summary     `json:"summary"`
	Sections       []Section   `json:"sections"`
	Fixes          []Fix       `json:"fixes"`
	SoA            SoA         `json:"statement_of_applicability"`
	CrossFramework []Framework `json:"cross_framework"`
	Method         Method      `json:"method"`
	Disclaimer     string      `json:"disclaimer"`
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
	Overall      Points         `json:"overall"`
	Verdict      Verdict        `json:"verdict"`
	BlockerCount int            `json:"blocker_count"`
	Blockers     []Blocker      `json:"blockers"`
	Questions    int            `json:"questions"`
	Assessed     int            `json:"assessed"` // questions answered, excluded controls included
	NotAssessed  []string       `json:"not_assessed"`
	Excluded     []string       `json:"excluded"`
	SoAMissing   []string       `json:"soa_missing"`
	FixCount     int            `json:"fix_count"`
	TopFixes     []Fix          `json:"top_fixes"`
	Sections     []SectionScore `json:"section_scores"`
}

// Verdict is the Stage 1 verdict and why.
type Verdict struct {
	Ready  bool   `json:"ready"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
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
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Kind     string  `json:"kind"`  // clause or annex
	Score    *Points `json:"score"` // null when every question was excluded
	Answered int     `json:"answered"`
	Total    int     `json:"total"`
	Excluded int     `json:"excluded"`
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
	JustificationIssue string   `json:"justification_issue,omitempty"`
	Notes              string   `json:"notes"`
	Evidence           []string `json:"evidence"`
	Refs               []Ref    `json:"refs"`
}

// Criterion is one criterion of a question with its text.
type Criterion struct {
	ID         string  `json:"id"`
	Text       string  `json:"text"`
	Weight     float64 `json:"weight"`
	Documented bool    `json:"documented"`
	FixRank    int     `json:"fix_rank,omitempty"` // rank in the fix list when not met
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
	Rank          int      `json:"rank"`
	Question      string   `json:"question"`
	QuestionTitle string   `json:"question_title"`
	Criterion     string   `json:"criterion"`
	CriterionText string   `json:"criterion_text"`
	Fix           string   `json:"fix"`
	Effort        string   `json:"effort"`
	Gain          Points   `json:"gain"`
	Blocker       bool     `json:"blocker"`
	Assessed      bool     `json:"assessed"`
	Cites         []string `json:"cites"`
}

// Applicability decisions in the Statement of Applicability.
const (
	SoAApplicable = "applicable"
	SoAExcluded   = "excluded"
	SoAUndecided  = "undecided" // no decision recorded: the control is not assessed
)

// Implementation statuses in the Statement of Applicability, derived from
// the control's score.
const (
	ImplImplemented   = "Implemented"
	ImplLargely       = "Largely implemented"
	ImplPartially     = "Partially implemented"
	ImplNot           = "Not implemented"
	ImplNotAssessed   = "Not assessed"
	ImplNotApplicable = "Not applicable"
)

// SoA is the Statement of Applicability: every Annex A control.
type SoA struct {
	Controls   []Control `json:"controls"`
	Applicable int       `json:"applicable"`
	Excluded   int       `json:"excluded"`
	Undecided  int       `json:"undecided"`
	Flagged    int       `json:"flagged"` // exclusions whose justification would not survive an audit
}

// Control is one row of the Statement of Applicability.
type Control struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Area           string   `json:"area"`
	AreaTitle      string   `json:"area_title"`
	Applicability  string   `json:"applicability"`
	Justification  string   `json:"justification"`
	Implementation string   `json:"implementation"`
	Score          *Points  `json:"score"`
	Evidence       []string `json:"evidence"`
	// JustificationIssue says why an exclusion's justification is too thin
	// to survive an audit; empty when it is fine or the control applies.
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
	Scoring        []string        `json:"scoring"`
	Efforts        []EffortDays    `json:"efforts"`
	Implementation []Threshold     `json:"implementation"`
	Weights        []SectionWeight `json:"weights"`
}

// EffortDays is the nominal size of an effort class used in ranking.
type EffortDays struct {
	Effort  string  `json:"effort"`
	Days    float64 `json:"days"`
	Meaning string  `json:"meaning"`
}

// Threshold is how a control's implementation status follows from its score.
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
		r.Fixes = append(r.Fixes, Fix{
			Rank: f.Rank, Question: f.Question, QuestionTitle: f.QuestionTitle, Criterion: f.Criterion,
			CriterionText: f.Text, Fix: f.Fix, Effort: string(f.Effort), Gain: Points(f.Gain),
			Blocker: f.Blocker, Assessed: f.Assessed, Cites: nonNil(f.Cites),
		})
	}
	if r.Fixes == nil {
		r.Fixes = []Fix{}
	}

	s := &r.Summary
	s.Overall = Points(res.Overall)
	s.Verdict = Verdict{Ready: res.Verdict.Ready(), Label: res.Verdict.Label, Reason: res.Verdict.Reason}
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
			Score: score, Answered: ss.Answered, Total: ss.Total, Excluded: ss.Excluded})
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

	r.SoA = buildSoA(byQuestion, c)
	r.CrossFramework = buildCrossFramework(res, c)
	r.Method = buildMethod(res, c)
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
		cv.Systems = append(cv.Systems, System{Name: sys.Name, Purpose: sys.Purpose, Role: sys.RolesText(), Risk: sys.Risk})
	}
	return cv
}

// StatusLabel is how people read a question status.
func StatusLabel(s assess.Status) string {
	switch s {
	case assess.StatusMet:
		return "Met"
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
		Evidence: nonNil(qs.Evidence), Refs: []Ref{},
	}
	if qs.Status != assess.StatusExcluded {
		score := Points(qs.Score)
		out.Score = &score
	} else {
		out.JustificationIssue = assess.ThinJustification(out.Justification)
	}
	crit := func(id string) Criterion {
		cr := Criterion{ID: id, FixRank: rank[qs.ID+"\x00"+id]}
		if q != nil {
			if c := q.Criterion(id); c != nil {
				cr.Text, cr.Weight, cr.Documented = strings.TrimSpace(c.Text), c.Weight, c.Documented
			}
		}
		return cr
	}
	for _, id := range qs.Met {
		c := crit(id)
		c.FixRank = 0
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

// largelyThreshold: a control is largely implemented from two thirds of its
// criteria weight met.
const largelyThreshold = 200.0 / 3

// Implementation derives a control's implementation status from its score.
func Implementation(qs *assess.QuestionScore) string {
	switch {
	case qs == nil || qs.Status == assess.StatusNotAssessed:
		return ImplNotAssessed
	case qs.Status == assess.StatusExcluded:
		return ImplNotApplicable
	case qs.Status == assess.StatusMet:
		return ImplImplemented
	case qs.Score >= largelyThreshold-1e-9:
		return ImplLargely
	case qs.Score > 0:
		return ImplPartially
	}
	return ImplNot
}

func buildSoA(byQuestion map[string]*assess.QuestionScore, c *catalog.Catalog) SoA {
	soa := SoA{Controls: []Control{}}
	for _, sec := range c.Sections {
		if sec.Kind != catalog.KindAnnex {
			continue
		}
		for _, q := range sec.Questions {
			qs := byQuestion[q.ID]
			ctl := Control{ID: q.ID, Title: q.Title, Area: sec.ID, AreaTitle: sec.Title, Evidence: []string{},
				Implementation: Implementation(qs)}
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
				ctl.Evidence = nonNil(qs.Evidence)
				if qs.Status != assess.StatusExcluded {
					score := Points(qs.Score)
					ctl.Score = &score
				}
			}
			if ctl.Applicability == SoAExcluded {
				ctl.JustificationIssue = assess.ThinJustification(ctl.Justification)
				if ctl.JustificationIssue != "" {
					soa.Flagged++
				}
			}
			soa.Controls = append(soa.Controls, ctl)
		}
	}
	return soa
}

func buildCrossFramework(res *assess.Result, c *catalog.Catalog) []Framework {
	type acc struct {
		questions  []string
		weight     float64
		points     float64
		applicable bool
		referenced map[string]bool
	}
	// Gather: framework -> item -> questions, in result (catalog) order.
	accs := map[string]map[string]*acc{}
	get := func(fw, item string) *acc {
		if accs[fw] == nil {
			accs[fw] = map[string]*acc{}
		}
		a := accs[fw][item]
		if a == nil {
			a = &acc{referenced: map[string]bool{}}
			accs[fw][item] = a
		}
		return a
	}
	for i := range res.Questions {
		qs := &res.Questions[i]
		q := c.Question(qs.ID)
		if q == nil {
			continue
		}
		seen := map[string]bool{}
		for _, ref := range q.Refs {
			item := ref.ID
			if ref.Framework == catalog.FrameworkNIST {
				item = catalog.NISTFunction(ref.ID)
				if item == "" {
					continue
				}
			}
			a := get(ref.Framework, item)
			a.referenced[ref.ID] = true
			key := ref.Framework + "\x00" + item
			if seen[key] {
				continue
			}
			seen[key] = true
			a.questions = append(a.questions, qs.ID)
			if qs.Status != assess.StatusExcluded {
				a.applicable = true
				a.weight += qs.Weight
				a.points += qs.Weight * qs.Score
			}
		}
	}
	item := func(fw, id, title string) CrossRef {
		cr := CrossRef{ID: id, Title: title, Questions: []string{}}
		if a := accs[fw][id]; a != nil {
			cr.Questions = a.questions
			if a.applicable && a.weight > 0 {
				m := Points(a.points / a.weight)
				cr.Mean = &m
			}
		}
		return cr
	}

	nist := Framework{ID: catalog.FrameworkNIST, Name: catalog.FrameworkName(catalog.FrameworkNIST), Unit: "function"}
	nistTitles := map[string]string{
		"GOVERN":  "Culture, policies, roles and accountability for AI risk",
		"MAP":     "Context established and risks identified",
		"MEASURE": "Risks analysed, assessed and tracked",
		"MANAGE":  "Risks prioritised and acted upon",
	}
	for _, fn := range []string{"GOVERN", "MAP", "MEASURE", "MANAGE"} {
		cr := item(catalog.FrameworkNIST, fn, nistTitles[fn])
		for _, t := range catalog.Vocabulary(catalog.FrameworkNIST) {
			if catalog.NISTFunction(t.ID) == fn {
				cr.Terms++
				if a := accs[catalog.FrameworkNIST][fn]; a != nil && a.referenced[t.ID] {
					cr.Referenced++
				}
			}
		}
		nist.Items = append(nist.Items, cr)
	}

	owasp := Framework{ID: catalog.FrameworkOWASP, Name: catalog.FrameworkName(catalog.FrameworkOWASP) + " 2025", Unit: "risk", Items: []CrossRef{}}
	for _, t := range catalog.Vocabulary(catalog.FrameworkOWASP) {
		if strings.HasSuffix(t.ID, ":2025") {
			owasp.Items = append(owasp.Items, item(catalog.FrameworkOWASP, t.ID, t.Title))
		}
	}

	act := Framework{ID: catalog.FrameworkAIAct, Name: catalog.FrameworkName(catalog.FrameworkAIAct), Unit: "article", Items: []CrossRef{}}
	for _, t := range catalog.Vocabulary(catalog.FrameworkAIAct) {
		if accs[catalog.FrameworkAIAct][t.ID] != nil {
			act.Items = append(act.Items, item(catalog.FrameworkAIAct, t.ID, t.Title))
		}
	}
	return []Framework{nist, owasp, act}
}

func buildMethod(res *assess.Result, c *catalog.Catalog) Method {
	days := func(e catalog.Effort) string { return strconv.FormatFloat(e.Days(), 'f', -1, 64) }
	m := Method{
		Scoring: []string{
			"Question score: each question has criteria, each with a weight. A question's score is the weighted share of its criteria that are met, from 0 to 100.",
			"Section and overall scores: the question-weighted mean of the question scores over the applicable questions of the section, or of the whole assessment.",
			"Excluded controls: an Annex A control excluded in the Statement of Applicability leaves both the numerator and the denominator, so it neither raises nor lowers any score.",
			"Not assessed: a question that has not been answered scores 0, so an unfinished assessment never looks better than it is.",
			"Fix gain: the number of points the overall score rises if that one criterion is met. The gains of all fixes add up to 100 minus the overall score.",
			fmt.Sprintf("Ranking: Stage 1 blockers come first (required documented information that is missing or not confirmed), then the other fixes by gain per effort day, with effort S = %s, M = %s and L = %s days. Ties keep catalog order.",
				days(catalog.EffortS), days(catalog.EffortM), days(catalog.EffortL)),
			"Stage 1 verdict: ready when there is no blocker, that is, every required document and record is reported in place and the Statement of Applicability records a decision for every Annex A control. A quick snapshot never gives a verdict.",
			"Cross-framework view: for each NIST AI RMF function, OWASP risk and EU AI Act article, the questions whose catalog entry references it, and the question-weighted mean of their scores (excluded controls left out). References marked crosswalk come from a published pairing; analysis marks our own reasoning.",
			fmt.Sprintf("Thin exclusion justifications: an exclusion is flagged when its justification is empty, a placeholder, a generic phrase such as \"not relevant\" or \"n/a\", or shorter than %d words.", assess.MinJustificationWords),
		},
		Efforts: []EffortDays{
			{Effort: string(catalog.EffortS), Days: catalog.EffortS.Days(), Meaning: "days of work"},
			{Effort: string(catalog.EffortM), Days: catalog.EffortM.Days(), Meaning: "weeks of work"},
			{Effort: string(catalog.EffortL), Days: catalog.EffortL.Days(), Meaning: "months of work"},
		},
		Implementation: []Threshold{
			{ImplImplemented, "every criterion met (score 100)"},
			{ImplLargely, "at least two thirds of the criteria weight met (score 66.7 or more)"},
			{ImplPartially, "some criteria met (score above 0)"},
			{ImplNot, "assessed, no criterion met (score 0)"},
			{ImplNotAssessed, "no answer yet: no applicability decision, scored 0"},
			{ImplNotApplicable, "excluded in the Statement of Applicability"},
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
