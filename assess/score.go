package assess

import (
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// Status summarises one question's answer on the one scale every output
// uses. A question's score is the weighted share of its criteria met.
type Status string

const (
	StatusMet         Status = "met"          // every criterion met (score 100)
	StatusLargely     Status = "largely-met"  // at least LargelyMetScore, not all
	StatusPartial     Status = "partial"      // some criteria met, under LargelyMetScore
	StatusNotMet      Status = "not-met"      // assessed, nothing met
	StatusNotAssessed Status = "not-assessed" // no answer yet: scores 0
	StatusExcluded    Status = "excluded"     // Annex A control excluded in the SoA
)

// LargelyMetScore is where "partially met" becomes "largely met": two
// thirds of the criteria weight.
const LargelyMetScore = 200.0 / 3

// StatusFor places a score on the scale.
func StatusFor(score float64, met, unmet int) Status {
	switch {
	case unmet == 0:
		return StatusMet
	case met == 0:
		return StatusNotMet
	case score >= LargelyMetScore-1e-9:
		return StatusLargely
	}
	return StatusPartial
}

// Result is the scored assessment: everything a report or a CI gate needs,
// so renderers never re-score.
type Result struct {
	Catalog      string // id@version used for scoring
	CatalogTitle string
	AnswersFrom  string // id@version the answers were given against
	Profile      Profile
	Organization string
	Assessor     string
	Date         string
	Scope        string
	Roles        []catalog.Role
	Systems      []System
	Method       catalog.Method // thresholds in force

	Overall float64
	// Documentation is the weighted share of document criteria met (what
	// a Stage 1 audit reviews); Implementation the share of practice and
	// record criteria met (what Stage 2 tests). Each criterion counts as
	// much as it does in Overall.
	Documentation  Readiness
	Implementation Readiness
	// EvidenceCoverage is the weighted share of the criteria met that a
	// reviewed, current register item backs (each criterion weighted as in
	// Overall); Has is false when nothing is met. It never changes a score.
	EvidenceCoverage Readiness
	// Evidence is the register judged on the assessment date.
	Evidence       []EvidenceState
	Verdict        Verdict
	Sections       []SectionScore
	Questions      []QuestionScore
	Blockers       []Blocker
	Fixes          []Fix
	Phases         []PhaseTotal
	Workstreams    []WorkstreamTotal
	NotAssessed    []string // question ids, catalog order
	Excluded       []string // control ids excluded in the SoA
	SoAMissing     []string // controls with no applicability decision
	SoAUnjustified []string // controls decided without a justification
	SoAGeneric     []string // controls excluded with a generic phrase or placeholder for a reason
	Overdue        []Fix    // planned fixes past their due date (see MarkOverdue)
	// Plan is the answers file's plan by fix id, including entries for
	// fixes already done (their criterion met), for comparisons.
	Plan map[string]*PlanItem
}

// soaGapOpen reports whether the Statement of Applicability misses a
// decision or a justification, which a full assessment treats as a
// Stage 1 blocker (a quick snapshot does not cover every control).
func (res *Result) soaGapOpen() bool {
	return (len(res.SoAMissing) > 0 || len(res.SoAUnjustified) > 0 || len(res.SoAGeneric) > 0) && res.Profile == ProfileFull
}

// Readiness is a share of criteria met; Has is false when no criterion of
// that kind is in scope (shown as n/a, not 0).
type Readiness struct {
	Score float64
	Has   bool
}

// Verdict says how ready the organisation is for each audit stage, and why.
type Verdict struct {
	Level   VerdictLevel
	Label   string
	Reason  string   // one paragraph
	Reasons []string // the same, one finding per line
}

// VerdictLevel orders verdicts: a higher level is further along.
type VerdictLevel int

const (
	LevelSnapshot   VerdictLevel = 0 // a quick snapshot never claims readiness
	LevelNotReady   VerdictLevel = 1 // Stage 1 blockers
	LevelStage1     VerdictLevel = 2 // ready for Stage 1, not yet for Stage 2
	LevelStage1And2 VerdictLevel = 3 // ready for Stage 1 and Stage 2 (estimate)
)

// Ready says the organisation could go to Stage 1 (the 1.0 meaning).
func (v Verdict) Ready() bool { return v.Level >= LevelStage1 }

// SectionScore is the score of one clause or Annex A area.
type SectionScore struct {
	ID               string
	Title            string
	Kind             catalog.Kind
	Score            float64
	Documentation    Readiness
	Implementation   Readiness
	EvidenceCoverage Readiness
	Answered         int // questions assessed (excluded controls count as answered)
	Total            int // questions in the profile
	Excluded         int
	// Applicable counts the questions that are not excluded. A section
	// without any has no score (n/a), which is not the same as 0.
	Applicable int
}

// Scored reports whether the section has a score: at least one question
// that is not excluded.
func (s SectionScore) Scored() bool { return s.Applicable > 0 }

// QuestionScore is one question as scored.
type QuestionScore struct {
	ID            string
	Title         string
	Section       string
	Kind          string  // clause or control
	Weight        float64 // as applied: role weights included
	Status        Status
	Score         float64 // 0–100; 0 when not assessed; meaningless when excluded
	Met           []string
	Unmet         []string
	Justification string
	Notes         string
	Evidence      []string
	// Decided says a control has an applicability decision, even when its
	// criteria are not assessed yet.
	Decided bool
	// Claimed lists the met criteria no reviewed, current register item
	// backs; EvidenceItems the register ids backing any of its criteria,
	// and CriterionEvidence those ids by criterion id.
	Claimed           []string
	EvidenceItems     []string
	CriterionEvidence map[string][]string
}

// Blocker is something that would stop a Stage 1 audit.
type Blocker struct {
	Question  string
	Title     string
	Criterion string
	Text      string
	Reason    string
	Fix       string
}

// Fix is one unmet criterion of an applicable question, with what to do. A
// criterion shared by several questions (same-as) is one fix citing them all.
type Fix struct {
	ID            string // "QUESTION/criterion" of the criterion where it is answered
	Rank          int
	Question      string
	QuestionTitle string
	Criterion     string
	Text          string
	NoEvent       string // what suffices before the first event, from the catalog
	Fix           string
	Cites         []string
	Also          []string // other questions this fix closes (shared evidence)
	Effort        catalog.Effort
	Evidence      catalog.EvidenceKind
	Blocker       bool
	Assessed      bool    // false when the question was not assessed yet
	Gain          float64 // points the overall score rises when this criterion is met
	Importance    float64 // question weight × criterion weight, summed over the questions it closes
	Phase         Phase
	Workstream    string
	Plan          *PlanItem // owner, due date and status from the answers file
	Seq           int       // position in catalog order, for listings that read top-down
}

// Score scores the answers against the catalog. It is linear by design: a
// question's score is the weighted share of its criteria met; a section's and
// the overall score are question-weighted means over applicable questions.
// Excluded controls leave numerator and denominator; questions not assessed
// count as 0. A criterion shared with an earlier question (same-as) takes
// that question's answer and counts in both.
func Score(a *Answers, c *catalog.Catalog) *Result {
	res := &Result{
		Catalog: c.Ident(), CatalogTitle: c.Title, AnswersFrom: a.Catalog, Profile: a.Profile,
		Organization: a.Organization, Assessor: a.Assessor, Date: a.Date, Scope: a.Scope,
		Roles: a.Roles, Systems: a.Systems, Method: c.Method.WithDefaults(), Plan: a.Plan,
	}
	if res.Profile == "" {
		res.Profile = ProfileFull
	}
	// Sizes are known from the catalog: allocate once instead of growing.
	nq, nc := 0, 0
	for _, q := range c.Questions() {
		nq++
		nc += len(q.Criteria)
	}
	res.Questions = make([]QuestionScore, 0, nq)
	sc := &scorer{a: a, res: res, weights: make(map[string]float64, nq), applicable: make([]*catalog.Question, 0, nq)}
	sc.judgeRegister(c)
	var totalWeight, totalPoints float64
	var doc, impl, cov share
	for _, s := range c.Sections {
		ss := SectionScore{ID: s.ID, Title: s.Title, Kind: s.Kind}
		var secWeight, secPoints float64
		var secDoc, secImpl, secCov share
		for _, q := range s.Questions {
			if !a.InProfile(q) {
				continue
			}
			ss.Total++
			ans := a.Answers[q.ID]
			w := q.WeightFor(a.Roles)
			sc.weights[q.ID] = w
			qs := sc.scoreQuestion(q, ans, w)
			res.Questions = append(res.Questions, qs)
			// Included or excluded, a decided control needs a justification.
			if q.IsControl() && ans.Decision() && strings.TrimSpace(ans.Justification) == "" {
				res.SoAUnjustified = append(res.SoAUnjustified, q.ID)
			} else if q.IsControl() && ans.Decision() && !ans.Applicable && UnacceptableExclusion(ans.Justification) {
				res.SoAGeneric = append(res.SoAGeneric, q.ID)
			}
			switch qs.Status {
			case StatusExcluded:
				ss.Answered++
				ss.Excluded++
				res.Excluded = append(res.Excluded, q.ID)
				continue
			case StatusNotAssessed:
				res.NotAssessed = append(res.NotAssessed, q.ID)
				if q.IsControl() && !ans.Decision() {
					res.SoAMissing = append(res.SoAMissing, q.ID)
				}
			default:
				ss.Answered++
			}
			ss.Applicable++
			secWeight += w
			secPoints += w * qs.Score
			qTotal := q.TotalWeight()
			for _, cr := range q.Criteria {
				part := w * cr.Weight / qTotal
				met := sc.met(q, cr)
				if cr.Evidence == catalog.EvidenceDocument || (cr.Evidence == "" && cr.Documented) {
					secDoc.add(part, met)
				} else {
					secImpl.add(part, met)
				}
				if met {
					secCov.add(part, sc.evidenced(EvidenceKey(q, cr)))
				}
			}
			sc.applicable = append(sc.applicable, q)
		}
		if ss.Total == 0 {
			continue
		}
		if secWeight > 0 {
			ss.Score = secPoints / secWeight
		}
		ss.Documentation, ss.Implementation, ss.EvidenceCoverage = secDoc.readiness(), secImpl.readiness(), secCov.readiness()
		doc.merge(secDoc)
		impl.merge(secImpl)
		cov.merge(secCov)
		totalWeight += secWeight
		totalPoints += secPoints
		res.Sections = append(res.Sections, ss)
	}
	if totalWeight > 0 {
		res.Overall = totalPoints / totalWeight
	}
	res.Documentation, res.Implementation, res.EvidenceCoverage = doc.readiness(), impl.readiness(), cov.readiness()
	sc.fixes(c, totalWeight, nc)
	res.Verdict = verdict(res, c)
	return res
}

// share accumulates criteria weight met out of criteria weight in scope.
type share struct{ met, total float64 }

func (s *share) add(w float64, met bool) {
	s.total += w
	if met {
		s.met += w
	}
}

func (s *share) merge(o share) { s.met, s.total = s.met+o.met, s.total+o.total }

func (s share) readiness() Readiness {
	if s.total <= 0 {
		return Readiness{}
	}
	return Readiness{Score: 100 * s.met / s.total, Has: true}
}

// scorer carries what scoring one assessment needs across its steps.
type scorer struct {
	a          *Answers
	res        *Result
	weights    map[string]float64 // question id -> weight as applied
	applicable []*catalog.Question
	// supports maps a criterion's evidence key to the register items
	// backing it (indexes into res.Evidence); nil when the register is empty.
	supports map[string][]int
}

// owner returns where a criterion is answered: its shared target when the
// target question is in the assessment and not excluded, else itself.
func (sc *scorer) owner(q *catalog.Question, cr *catalog.Criterion) (*catalog.Question, *catalog.Criterion) {
	if tq, tc, ok := sc.a.AnsweredElsewhere(cr); ok {
		return tq, tc
	}
	return q, cr
}

// AnsweredElsewhere reports where a shared criterion (same-as) is
// answered: at its target, when the target question is in the assessment
// and not excluded. Otherwise the criterion is answered where it stands.
func (a *Answers) AnsweredElsewhere(cr *catalog.Criterion) (*catalog.Question, *catalog.Criterion, bool) {
	if cr.Target == nil {
		return nil, nil, false
	}
	tq := cr.TargetQuestion
	if !a.InProfile(tq) || a.Answers[tq.ID].Excluded() {
		return nil, nil, false
	}
	return tq, cr.Target, true
}

// met reports whether criterion cr of question q is met, reading a shared
// criterion's answer where it is answered.
func (sc *scorer) met(q *catalog.Question, cr *catalog.Criterion) bool {
	oq, ocr := sc.owner(q, cr)
	ans := sc.a.Answers[oq.ID]
	return ans != nil && ans.Assessed && ans.IsMet(ocr.ID)
}

func (sc *scorer) scoreQuestion(q *catalog.Question, ans *Answer, weight float64) QuestionScore {
	qs := QuestionScore{ID: q.ID, Title: q.FullTitle(), Section: q.Section.ID, Kind: q.Kind(), Weight: weight}
	if ans != nil {
		qs.Justification, qs.Notes, qs.Evidence = ans.Justification, ans.Notes, ans.Evidence
		qs.Decided = ans.Decision()
	}
	switch {
	case ans != nil && ans.Excluded():
		qs.Status = StatusExcluded
		sc.questionEvidence(q, &qs)
		return qs
	}
	// A question not assessed yet still counts the shared criteria already
	// answered (and met) where they are asked first.
	var met float64
	for _, cr := range q.Criteria {
		if sc.met(q, cr) {
			met += cr.Weight
			qs.Met = append(qs.Met, cr.ID)
		} else {
			qs.Unmet = append(qs.Unmet, cr.ID)
		}
	}
	qs.Score = 100 * met / q.TotalWeight()
	sc.questionEvidence(q, &qs)
	if ans == nil || !ans.Assessed {
		qs.Status = StatusNotAssessed
		return qs
	}
	qs.Status = StatusFor(qs.Score, len(qs.Met), len(qs.Unmet))
	return qs
}

func citations(q *catalog.Question) []string {
	cites := []string{q.Citation()}
	for _, r := range q.Refs {
		cites = append(cites, r.String())
	}
	return cites
}
