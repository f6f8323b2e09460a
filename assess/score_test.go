package assess

import (
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

const tol = 1e-9

func allMet(c *catalog.Catalog) *Answers {
	a := &Answers{Catalog: c.Ident(), Profile: ProfileFull, Answers: map[string]*Answer{}}
	for _, q := range c.Questions() {
		a.Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: q.CriterionIDs()}
		if q.IsControl() {
			a.Answers[q.ID].Justification = "Included because our AI systems need this control."
		}
	}
	return a
}

func TestScoreExtremes(t *testing.T) {
	c := builtin(t)
	res := Score(allMet(c), c)
	if math.Abs(res.Overall-100) > tol || len(res.Fixes) != 0 || len(res.Blockers) != 0 || !res.Verdict.Ready() {
		t.Errorf("all met: overall %v, %d fixes, %d blockers, verdict %+v", res.Overall, len(res.Fixes), len(res.Blockers), res.Verdict)
	}
	none := allMet(c)
	for _, ans := range none.Answers {
		ans.Met = nil
	}
	res = Score(none, c)
	if res.Overall != 0 || res.Verdict.Ready() {
		t.Errorf("nothing met: overall %v, verdict %+v", res.Overall, res.Verdict)
	}
	if len(res.Blockers) != 19 { // 18 items; 6.1.3 has three documented criteria, 6.1.1 and 6.1.4 two
		t.Logf("blockers with nothing met: %d", len(res.Blockers))
	}
}

// A hand-checkable example: the formula in the README applied by hand.
func TestScoreByHand(t *testing.T) {
	c := builtin(t)
	a := &Answers{Catalog: c.Ident(), Profile: ProfileFull, Answers: map[string]*Answer{}}
	q := c.Question("5.2")
	a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{"policy-documented", "communicated"}}
	res := Score(a, c)
	var got QuestionScore
	for _, qs := range res.Questions {
		if qs.ID == "5.2" {
			got = qs
		}
	}
	if want := 100 * (q.Criterion("policy-documented").Weight + q.Criterion("communicated").Weight) / q.TotalWeight(); math.Abs(got.Score-want) > tol {
		t.Errorf("5.2 score = %v, want %v", got.Score, want)
	}
	var totalW float64
	for _, q := range c.Questions() {
		totalW += q.Weight
	}
	if want := q.Weight * got.Score / totalW; math.Abs(res.Overall-want) > tol {
		t.Errorf("overall = %v, want %v", res.Overall, want)
	}
}

func TestScoreProperties(t *testing.T) {
	c := builtin(t)
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 200; i++ {
		a := randomAnswers(c, rnd)
		res := Score(a, c)
		checkRange(t, res)
		var gains float64
		for _, f := range res.Fixes {
			gains += f.Gain
		}
		if math.Abs(gains-(100-res.Overall)) > 1e-6 {
			t.Fatalf("gains add up to %v, want 100-%v", gains, res.Overall)
		}
		// Meeting one more criterion never lowers any score and raises
		// the overall by exactly that fix's gain.
		if len(res.Fixes) == 0 {
			continue
		}
		f := res.Fixes[rnd.Intn(len(res.Fixes))]
		ans := a.Answers[f.Question]
		if ans == nil {
			ans = &Answer{Applicable: true}
			a.Answers[f.Question] = ans
		}
		if !ans.Assessed {
			ans.Assessed, ans.Met = true, nil
		}
		ans.Met = append(ans.Met, f.Criterion)
		after := Score(a, c)
		if after.Overall < res.Overall-tol {
			t.Fatalf("overall fell from %v to %v", res.Overall, after.Overall)
		}
		if f.Assessed && math.Abs(after.Overall-res.Overall-f.Gain) > 1e-6 {
			t.Fatalf("overall rose by %v, fix promised %v", after.Overall-res.Overall, f.Gain)
		}
		for j := range res.Sections {
			if after.Sections[j].Score < res.Sections[j].Score-tol {
				t.Fatalf("section %s fell", res.Sections[j].ID)
			}
		}
	}
}

func checkRange(t *testing.T, res *Result) {
	t.Helper()
	in := func(v float64) bool { return v >= -tol && v <= 100+tol && !math.IsNaN(v) }
	if !in(res.Overall) {
		t.Fatalf("overall %v", res.Overall)
	}
	for _, s := range res.Sections {
		if !in(s.Score) {
			t.Fatalf("section %s = %v", s.ID, s.Score)
		}
	}
	for _, q := range res.Questions {
		if !in(q.Score) {
			t.Fatalf("question %s = %v", q.ID, q.Score)
		}
	}
}

// Excluding a control takes it out of numerator and denominator: with every
// other question fully met, the score stays 100.
func TestExclusionLeavesDenominator(t *testing.T) {
	c := builtin(t)
	a := allMet(c)
	a.Answers["A.7.3"] = &Answer{Applicable: false, Assessed: true, Justification: "We acquire no outside data."}
	res := Score(a, c)
	if math.Abs(res.Overall-100) > tol {
		t.Errorf("overall = %v, want 100", res.Overall)
	}
	if diff := cmp.Diff([]string{"A.7.3"}, res.Excluded); diff != "" {
		t.Error(diff)
	}
	for _, s := range res.Sections {
		if s.ID == "A.7" && (s.Excluded != 1 || s.Answered != s.Total) {
			t.Errorf("A.7 = %+v", s)
		}
	}
}

func TestNotAssessedAndSoACoverage(t *testing.T) {
	c := builtin(t)
	a := allMet(c)
	delete(a.Answers, "A.10.4")
	delete(a.Answers, "7.4")
	res := Score(a, c)
	if diff := cmp.Diff([]string{"7.4", "A.10.4"}, res.NotAssessed); diff != "" {
		t.Errorf("not assessed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"A.10.4"}, res.SoAMissing); diff != "" {
		t.Errorf("SoA missing (-want +got):\n%s", diff)
	}
	if res.Verdict.Ready() || len(res.Blockers) != 1 || res.Blockers[0].Criterion != "soa" {
		t.Errorf("an SoA that misses a control must block Stage 1: %+v", res.Blockers)
	}
	for _, f := range res.Fixes {
		if f.Question == "7.4" && f.Assessed {
			t.Error("fixes of a question not assessed must say so")
		}
	}
}

func TestQuickProfileIsSnapshot(t *testing.T) {
	c := builtin(t)
	a := allMet(c)
	a.Profile = ProfileQuick
	res := Score(a, c)
	if res.Verdict.Ready() || res.Verdict.Label != "Snapshot only" {
		t.Errorf("quick verdict = %+v", res.Verdict)
	}
	for _, q := range res.Questions {
		if !c.Question(q.ID).Quick {
			t.Errorf("%s scored in quick profile", q.ID)
		}
	}
}

func TestCompare(t *testing.T) {
	c := builtin(t)
	old := allMet(c)
	old.Answers["5.2"].Met = []string{"communicated"}
	delete(old.Answers, "7.4")
	nw := allMet(c)
	nw.Answers["6.2"].Met = nil
	cmpRes := Compare(Score(old, c), Score(nw, c))
	if !cmpRes.Regressed() {
		t.Error("section 6 went down: want a regression")
	}
	if diff := cmp.Diff([]string{"7.4"}, cmpRes.NewlyAssessed); diff != "" {
		t.Errorf("newly assessed: %s", diff)
	}
	if len(cmpRes.Closed) == 0 || len(cmpRes.Opened) == 0 {
		t.Errorf("closed %d opened %d", len(cmpRes.Closed), len(cmpRes.Opened))
	}
	same := Compare(Score(nw, c), Score(nw, c))
	if same.Regressed() || same.OverallDelta != 0 || same.CatalogChanged {
		t.Errorf("identical assessments: %+v", same)
	}
}

func BenchmarkScore(b *testing.B) {
	c := builtin(b)
	a := randomAnswers(c, rand.New(rand.NewSource(1)))
	b.ReportAllocs()
	for b.Loop() {
		Score(a, c)
	}
}

// A section whose every question is excluded has no score: n/a, not 0,
// and a diff does not read it as a regression.
func TestAllExcludedSectionIsNotScored(t *testing.T) {
	c := builtin(t)
	a := allMet(c)
	a.Profile = ProfileQuick // A.6 has one quick question, A.6.2.4
	a.Answers["A.6.2.4"] = &Answer{Applicable: false, Assessed: true, Justification: "We build no AI systems; we only use bought-in tools."}
	res := Score(a, c)
	for _, s := range res.Sections {
		if s.ID == "A.6" && (s.Scored() || s.Applicable != 0 || s.Excluded != 1) {
			t.Errorf("A.6 = %+v, want not scored", s)
		}
		if s.ID != "A.6" && !s.Scored() {
			t.Errorf("%s not scored", s.ID)
		}
	}
	before := allMet(c)
	before.Profile = ProfileQuick
	cmp := Compare(Score(before, c), res)
	if cmp.Regressed() {
		t.Error("an excluded section is not a regression")
	}
}

// A catalog whose 6.1.3 has no "soa" criterion still gets the SoA coverage
// blocker when a control has no applicability decision.
func TestSoACoverageWithoutSoACriterion(t *testing.T) {
	base := builtin(t)
	c := &catalog.Catalog{ID: base.ID, Version: base.Version, Title: base.Title}
	for _, s := range base.Sections {
		ns := &catalog.Section{ID: s.ID, Title: s.Title, Kind: s.Kind}
		for _, q := range s.Questions {
			nq := *q
			nq.Section = ns
			if q.ID == "6.1.3" {
				nq.Criteria = nil
				for _, cr := range q.Criteria {
					if cr.ID != "soa" {
						nq.Criteria = append(nq.Criteria, cr)
					}
				}
			}
			ns.Questions = append(ns.Questions, &nq)
		}
		c.Sections = append(c.Sections, ns)
	}
	a := allMet(c)
	delete(a.Answers, "A.10.4")
	res := Score(a, c)
	if len(res.Blockers) != 1 || res.Blockers[0].Question != "6.1.3" || !strings.Contains(res.Blockers[0].Reason, "A.10.4") {
		t.Errorf("blockers = %+v, want one SoA coverage blocker naming A.10.4", res.Blockers)
	}
}
