package assess

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// Status summarises one question's answer.
type Status string

const (
	StatusMet         Status = "met"          // every criterion met
	StatusPartial     Status = "partial"      // some criteria met
	StatusNotMet      Status = "not-met"      // assessed, nothing met
	StatusNotAssessed Status = "not-assessed" // no answer yet: scores 0
	StatusExcluded    Status = "excluded"     // Annex A control excluded in the SoA
)

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

	Overall     float64
	Verdict     Verdict
	Sections    []SectionScore
	Questions   []QuestionScore
	Blockers    []Blocker
	Fixes       []Fix
	NotAssessed []string // question ids, catalog order
	Excluded    []string // control ids excluded in the SoA
	SoAMissing  []string // controls with no applicability decision
}

// Verdict says whether a Stage 1 audit could be passed, and why.
type Verdict struct {
	Ready  bool
	Label  string
	Reason string
}

// SectionScore is the score of one clause or Annex A area.
type SectionScore struct {
	ID       string
	Title    string
	Kind     catalog.Kind
	Score    float64
	Answered int // questions assessed (excluded controls count as answered)
	Total    int // questions in the profile
	Excluded int
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
	Kind          string // clause or control
	Weight        float64
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

// Fix is one unmet criterion of an applicable question, with what to do.
type Fix struct {
	Rank          int
	Question      string
	QuestionTitle string
	Criterion     string
	Text          string
	Fix           string
	Cites         []string
	Effort        catalog.Effort
	Blocker       bool
	Assessed      bool    // false when the question was not assessed yet
	Gain          float64 // points the overall score rises when this criterion is met
	Seq           int     // position in catalog order, for listings that read top-down
}

// Score scores the answers against the catalog. It is linear by design: a
// question's score is the weighted share of its criteria met; a section's and
// the overall score are question-weighted means over applicable questions.
// Excluded controls leave numerator and denominator; questions not assessed
// count as 0.
func Score(a *Answers, c *catalog.Catalog) *Result {
	res := &Result{
		Catalog: c.Ident(), CatalogTitle: c.Title, AnswersFrom: a.Catalog, Profile: a.Profile,
		Organization: a.Organization, Assessor: a.Assessor, Date: a.Date, Scope: a.Scope,
		Roles: a.Roles, Systems: a.Systems,
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
	res.Fixes = make([]Fix, 0, nc)
	var totalWeight, totalPoints float64
	applicable := make([]*catalog.Question, 0, nq)
	for _, s := range c.Sections {
		ss := SectionScore{ID: s.ID, Title: s.Title, Kind: s.Kind}
		var secWeight, secPoints float64
		for _, q := range s.Questions {
			if !a.InProfile(q) {
				continue
			}
			ss.Total++
			ans := a.Answers[q.ID]
			qs := scoreQuestion(q, ans)
			res.Questions = append(res.Questions, qs)
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
			secWeight += q.Weight
			secPoints += q.Weight * qs.Score
			applicable = append(applicable, q)
		}
		if ss.Total == 0 {
			continue
		}
		if secWeight > 0 {
			ss.Score = secPoints / secWeight
		}
		totalWeight += secWeight
		totalPoints += secPoints
		res.Sections = append(res.Sections, ss)
	}
	if totalWeight > 0 {
		res.Overall = totalPoints / totalWeight
	}

	// Fixes: one per unmet criterion of an applicable question. A fix's gain
	// is exactly what meeting that criterion adds to the overall score, so
	// the gains add up to 100 minus the overall score.
	soaMissing := len(res.SoAMissing) > 0 && res.Profile == ProfileFull
	soaCarried := false // an unmet "soa" criterion already names the gap
	for _, q := range applicable {
		ans := a.Answers[q.ID]
		assessed := ans != nil && ans.Assessed
		qTotal := q.TotalWeight()
		var cites []string // shared by the question's fixes; built once
		for _, cr := range q.Criteria {
			if assessed && ans.IsMet(cr.ID) {
				continue
			}
			if cites == nil {
				cites = citations(q)
			}
			f := Fix{
				Question: q.ID, QuestionTitle: q.Title, Criterion: cr.ID, Text: cr.Text, Fix: cr.Fix,
				Cites: cites, Effort: cr.Effort, Assessed: assessed,
				Gain: 100 * q.Weight * cr.Weight / qTotal / totalWeight,
				Seq:  len(res.Fixes),
			}
			if cr.Documented {
				f.Blocker = true
				b := Blocker{Question: q.ID, Title: q.Title, Criterion: cr.ID, Text: cr.Text, Fix: cr.Fix,
					Reason: "required documented information is not in place"}
				if !assessed {
					b.Reason = "not assessed yet, so the required documented information is not confirmed"
				}
				if cr.ID == "soa" && soaMissing {
					b.Reason += "; " + soaGap(res.SoAMissing)
					soaCarried = true
				}
				res.Blockers = append(res.Blockers, b)
			}
			res.Fixes = append(res.Fixes, f)
		}
	}
	// A Statement of Applicability that does not cover every control is a
	// blocker even when the SoA itself is reported in place (or the catalog
	// has no SoA criterion).
	if soaMissing && !soaCarried {
		b := Blocker{Question: "SoA", Title: "Statement of Applicability", Criterion: "soa",
			Text: "The Statement of Applicability covers every control.", Reason: soaGap(res.SoAMissing), Fix: soaFix}
		if soa := c.Question("6.1.3"); soa != nil {
			b.Question, b.Title, b.Text = soa.ID, soa.Title, "The Statement of Applicability covers every Annex A control."
		}
		res.Blockers = append(res.Blockers, b)
	}
	rankFixes(res.Fixes)
	res.Verdict = verdict(res)
	return res
}

const soaFix = "Decide for each listed control whether it applies, record the decision and its justification in the Statement of Applicability, and answer those controls in this assessment."

func soaGap(missing []string) string {
	return fmt.Sprintf("the Statement of Applicability has no applicability decision for %d control(s): %s", len(missing), strings.Join(missing, ", "))
}

func scoreQuestion(q *catalog.Question, ans *Answer) QuestionScore {
	qs := QuestionScore{ID: q.ID, Title: q.Title, Section: q.Section.ID, Kind: q.Kind(), Weight: q.Weight}
	if ans != nil {
		qs.Justification, qs.Notes, qs.Evidence = ans.Justification, ans.Notes, ans.Evidence
		qs.Decided = ans.Decision()
	}
	switch {
	case ans != nil && ans.Excluded():
		qs.Status = StatusExcluded
		return qs
	case ans == nil || !ans.Assessed:
		qs.Status = StatusNotAssessed
		qs.Unmet = q.CriterionIDs()
		return qs
	}
	var met float64
	for _, cr := range q.Criteria {
		if ans.IsMet(cr.ID) {
			met += cr.Weight
			qs.Met = append(qs.Met, cr.ID)
		} else {
			qs.Unmet = append(qs.Unmet, cr.ID)
		}
	}
	qs.Score = 100 * met / q.TotalWeight()
	switch {
	case len(qs.Unmet) == 0:
		qs.Status = StatusMet
	case len(qs.Met) == 0:
		qs.Status = StatusNotMet
	default:
		qs.Status = StatusPartial
	}
	return qs
}

func citations(q *catalog.Question) []string {
	cites := []string{q.Citation()}
	for _, r := range q.Refs {
		cites = append(cites, r.String())
	}
	return cites
}

// rankFixes orders fixes: Stage 1 blockers first, then the highest gain per
// unit of effort, ties in catalog order (the order they were created in).
// Seq makes the order total, so an unstable O(n log n) sort gives the same
// result as a stable one without its extra moves of large structs.
func rankFixes(fixes []Fix) {
	slices.SortFunc(fixes, func(a, b Fix) int {
		if a.Blocker != b.Blocker {
			if a.Blocker {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Gain/b.Effort.Days(), a.Gain/a.Effort.Days()); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	for i := range fixes {
		fixes[i].Rank = i + 1
	}
}

func verdict(res *Result) Verdict {
	if res.Profile == ProfileQuick {
		return Verdict{Ready: false, Label: "Snapshot only",
			Reason: fmt.Sprintf("This quick snapshot covers %d of the catalog's questions; run the full assessment before deciding on a Stage 1 audit. %s", len(res.Questions), blockerSummary(res))}
	}
	if len(res.Blockers) == 0 {
		return Verdict{Ready: true, Label: "Ready for Stage 1",
			Reason: "Every required document and record is reported in place and the Statement of Applicability covers every Annex A control. Stage 2 will test whether the system operates; see the score and fix list."}
	}
	return Verdict{Ready: false, Label: "Not ready for Stage 1", Reason: blockerSummary(res)}
}

func blockerSummary(res *Result) string {
	if len(res.Blockers) == 0 {
		return "No Stage 1 blockers were found in the questions covered."
	}
	var qs []string
	seen := map[string]bool{}
	soaGapOnly := len(res.SoAMissing) > 0 && res.Profile == ProfileFull
	for _, b := range res.Blockers {
		if soaGapOnly && b.Reason == soaGap(res.SoAMissing) {
			continue // the coverage blocker, said separately below
		}
		if !seen[b.Question] {
			seen[b.Question] = true
			qs = append(qs, b.Question)
		}
	}
	var parts []string
	if len(qs) > 0 {
		parts = append(parts, "required documented information is missing or unconfirmed for "+strings.Join(qs, ", "))
	}
	if soaGapOnly {
		parts = append(parts, fmt.Sprintf("the Statement of Applicability has no decision for %s", catalog.JoinAnd(res.SoAMissing)))
	}
	return fmt.Sprintf("%d Stage 1 blocker(s): %s.", len(res.Blockers), strings.Join(parts, "; "))
}
