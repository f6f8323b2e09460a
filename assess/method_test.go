package assess

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

var fixedDay = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// documentedOnly meets every criterion that is required documented
// information and nothing else, with a justified SoA.
func documentedOnly(c *catalog.Catalog) *Answers {
	a := allMet(c)
	for _, q := range c.Questions() {
		var met []string
		for _, cr := range q.Criteria {
			if cr.Documented {
				met = append(met, cr.ID)
			}
		}
		a.Answers[q.ID].Met = met
	}
	return a
}

// The three verdict levels on the three files the method is judged by.
func TestVerdictLevels(t *testing.T) {
	c := builtin(t)
	blank := New(c, "Blank", fixedDay, ProfileFull)
	for _, tc := range []struct {
		name string
		a    *Answers
		want VerdictLevel
	}{
		{"blank", blank, LevelNotReady},
		{"documents only", documentedOnly(c), LevelStage1},
		{"everything met", allMet(c), LevelStage1And2},
	} {
		res := Score(tc.a, c)
		if res.Verdict.Level != tc.want {
			t.Errorf("%s: verdict %d %q (%s), want level %d", tc.name, res.Verdict.Level, res.Verdict.Label, res.Verdict.Reason, tc.want)
		}
	}
	res := Score(documentedOnly(c), c)
	if !res.Documentation.Has || !res.Implementation.Has || res.Implementation.Score >= res.Method.ImplementationThreshold {
		t.Errorf("documents only: documentation %+v, implementation %+v", res.Documentation, res.Implementation)
	}
	if !strings.Contains(res.Verdict.Reason, "Implementation readiness") {
		t.Errorf("documents only: the reason must name implementation readiness: %s", res.Verdict.Reason)
	}
}

// Meeting one more criterion never makes the verdict worse.
func TestVerdictMonotonic(t *testing.T) {
	c := builtin(t)
	rnd := rand.New(rand.NewSource(42))
	for i := 0; i < 300; i++ {
		a := randomAnswers(c, rnd)
		for _, ans := range a.Answers {
			if ans.Justification == "" {
				ans.Justification = "A reason an auditor can read and check against the scope."
			}
		}
		before := Score(a, c)
		qs := c.Questions()
		q := qs[rnd.Intn(len(qs))]
		ans := a.Answers[q.ID]
		if ans == nil || !ans.Applicable {
			continue
		}
		cr := q.Criteria[rnd.Intn(len(q.Criteria))]
		if ans.IsMet(cr.ID) {
			continue
		}
		ans.Met = append(ans.Met, cr.ID)
		after := Score(a, c)
		if after.Verdict.Level < before.Verdict.Level {
			t.Fatalf("meeting %s/%s lowered the verdict from %q to %q", q.ID, cr.ID, before.Verdict.Label, after.Verdict.Label)
		}
		if after.Overall < before.Overall-tol || after.Implementation.Score < before.Implementation.Score-tol || after.Documentation.Score < before.Documentation.Score-tol {
			t.Fatalf("meeting %s/%s lowered a figure", q.ID, cr.ID)
		}
	}
}

// No fix ranks before a fix of a question it builds on, phases never go
// back, gains add up to what is missing, and phase totals add up.
func TestFixOrderProperties(t *testing.T) {
	c := builtin(t)
	rnd := rand.New(rand.NewSource(7))
	for i := 0; i < 100; i++ {
		a := randomAnswers(c, rnd)
		if i == 0 {
			a = New(c, "Empty", fixedDay, ProfileFull)
		}
		res := Score(a, c)
		var gains float64
		for j, f := range res.Fixes {
			if f.Rank != j+1 {
				t.Fatalf("rank %d at %d", f.Rank, j)
			}
			if j > 0 && f.Phase < res.Fixes[j-1].Phase {
				t.Fatalf("fix %s (phase %d) after a phase %d fix", f.ID, f.Phase, res.Fixes[j-1].Phase)
			}
			gains += f.Gain
		}
		rankOf := map[string]int{}
		for j, f := range res.Fixes {
			rankOf[f.ID] = j
		}
		// Derived from the catalog, not from the code under test: a fix
		// waits for the required documented information of every question
		// its question builds on (any fix there if it requires none), and a
		// fix that is not itself required documented information waits for
		// its own question's; only fixes of an evidence kind no later than
		// its own count.
		hasDocumented := func(qid string) bool {
			return slices.ContainsFunc(c.Question(qid).Criteria, func(cr *catalog.Criterion) bool { return cr.Documented })
		}
		for j, f := range res.Fixes {
			for _, g := range res.Fixes {
				if g.Question == f.Question && !f.Blocker && g.Blocker && kindRank(g.Evidence) <= kindRank(f.Evidence) && rankOf[g.ID] > j {
					t.Fatalf("fix %s ranks %d, before %s (rank %d), its own question's required documented information", f.ID, j+1, g.ID, rankOf[g.ID]+1)
				}
			}
			for _, dep := range prerequisites(c, f.Question) {
				for _, g := range res.Fixes {
					foundation := g.Blocker || !hasDocumented(dep)
					if g.Question == dep && foundation && kindRank(g.Evidence) <= kindRank(f.Evidence) && rankOf[g.ID] > j {
						t.Fatalf("fix %s ranks %d, before %s (rank %d) that it builds on", f.ID, j+1, g.ID, rankOf[g.ID]+1)
					}
				}
			}
		}
		if math.Abs(gains-(100-res.Overall)) > 1e-6 {
			t.Fatalf("gains add up to %v, want %v", gains, 100-res.Overall)
		}
		var days float64
		n := 0
		for _, p := range res.Phases {
			var sum float64
			for _, f := range res.Fixes {
				if f.Phase == p.Phase {
					sum += f.Effort.Days()
				}
			}
			if sum != p.Days {
				t.Fatalf("phase %d days %v, fixes add up to %v", p.Phase, p.Days, sum)
			}
			days += p.Days
			n += p.Fixes
		}
		if n != len(res.Fixes) {
			t.Fatalf("phase totals count %d fixes of %d", n, len(res.Fixes))
		}
		// The roadmap counts the verdict's blockers, the SoA's open
		// decisions included: a board page shows both numbers.
		blockers := 0
		for _, p := range res.Phases {
			blockers += p.Blockers
		}
		if blockers != len(res.Blockers) {
			t.Fatalf("the roadmap counts %d blockers, the verdict %d", blockers, len(res.Blockers))
		}
	}
}

// The fix list never shows the same remedy twice, and a shared criterion is
// one fix citing every question it closes.
func TestNoRemedyTwice(t *testing.T) {
	c := builtin(t)
	res := Score(New(c, "Empty", fixedDay, ProfileFull), c)
	seen := map[string]string{}
	for _, f := range res.Fixes {
		key := strings.ToLower(strings.Join(strings.Fields(f.Fix), " "))
		if prev, dup := seen[key]; dup {
			t.Errorf("%s repeats the remedy of %s: %s", f.ID, prev, f.Fix)
		}
		seen[key] = f.ID
	}
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.SameAs == "" {
				continue
			}
			i := slices.IndexFunc(res.Fixes, func(f Fix) bool { return f.ID == cr.SameAs })
			if i < 0 || !slices.Contains(res.Fixes[i].Also, q.ID) {
				t.Errorf("%s/%s: the fix %s must also close %s", q.ID, cr.ID, cr.SameAs, q.ID)
			}
		}
	}
}

// A fresh assessment's first ten fixes are all before Stage 1 and lay the
// foundations a lead auditor checks first, in a practitioner's order:
// scope, risk criteria, policy, the impact and risk assessment methods,
// the treatment process; then the SoA.
func TestEmptyTopTenBeforeStage1(t *testing.T) {
	c := builtin(t)
	res := Score(New(c, "Empty", fixedDay, ProfileFull), c)
	var ids []string
	for _, f := range res.Fixes[:10] {
		ids = append(ids, f.ID)
		if f.Phase != PhaseBeforeStage1 {
			t.Errorf("fix %d %s is phase %d", f.Rank, f.ID, f.Phase)
		}
	}
	for _, want := range []string{"4.3/scope-documented", "6.1.1/risk-criteria-documented", "5.2/policy-documented",
		"6.1.4/process-defined", "6.1.2/method-documented", "6.1.3/treatment-process-documented"} {
		if !slices.Contains(ids, want) {
			t.Errorf("top ten %v lacks %s", ids, want)
		}
	}
	// The SoA itself follows the treatment process and the risk and impact
	// assessments it rests on, just after the top ten.
	if i := slices.IndexFunc(res.Fixes, func(f Fix) bool { return f.ID == "6.1.3/soa" }); i < 0 || i >= 12 {
		t.Errorf("6.1.3/soa ranks %d, want within the first 12", i+1)
	}
}

// Plans: an overdue planned fix is listed; done and future ones are not.
func TestOverdue(t *testing.T) {
	c := builtin(t)
	a := New(c, "Plan", fixedDay, ProfileFull)
	first := Score(a, c).Fixes
	a.Plan = map[string]*PlanItem{
		first[0].ID: {Owner: "Ana", Due: "2026-01-31", Status: PlanInProgress},
		first[1].ID: {Owner: "Ben", Due: "2026-01-31", Status: PlanDone},
		first[2].ID: {Owner: "Cy", Due: "2026-12-31", Status: PlanPlanned},
	}
	res := Score(a, c)
	MarkOverdue(res, "2026-06-01")
	var got []string
	for _, f := range res.Overdue {
		got = append(got, f.ID)
	}
	if diff := cmp.Diff([]string{first[0].ID}, got); diff != "" {
		t.Errorf("overdue (-want +got):\n%s", diff)
	}
}

// diff lists plan entries added, removed and changed, by fix id.
func TestPlanChanges(t *testing.T) {
	c := builtin(t)
	old := New(c, "Plan", fixedDay, ProfileFull)
	old.Plan = map[string]*PlanItem{
		"6.1.2/method-documented":   {Owner: "Ana", Due: "2026-04-01", Status: PlanPlanned},
		"6.2/objectives-documented": {Owner: "Ben", Status: PlanPlanned},
	}
	cur := New(c, "Plan", fixedDay, ProfileFull)
	cur.Plan = map[string]*PlanItem{
		"6.1.2/method-documented": {Owner: "Ana", Due: "2026-04-01", Status: PlanDone},
		"9.1/monitoring-plan":     {Owner: "Cy", Status: PlanPlanned},
	}
	cmpd := Compare(Score(old, c), Score(cur, c))
	var got []string
	for _, ch := range cmpd.PlanChanges {
		got = append(got, ch.Kind()+" "+ch.ID)
	}
	want := []string{"changed 6.1.2/method-documented", "removed 6.2/objectives-documented", "added 9.1/monitoring-plan"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plan changes (-want +got):\n%s", diff)
	}
}

// An exclusion whose reason is a generic phrase or placeholder is an SoA
// gap, a Stage 1 blocker; a short but real reason is only a warning.
func TestGenericExclusionIsSoAGap(t *testing.T) {
	c := builtin(t)
	base := allMetJustified(c)
	for _, tt := range []struct {
		why     string
		blocked bool
	}{
		{"Not relevant.", true},
		{"TBD", true},
		{"We build no models.", false},
		{"We build no AI models ourselves; every model we use is bought in as a service.", false},
	} {
		a := base()
		a.Answers["A.7.3"] = &Answer{Applicable: false, Assessed: true, Decided: true, Justification: tt.why}
		res := Score(a, c)
		if got := slices.Contains(res.SoAGeneric, "A.7.3"); got != tt.blocked {
			t.Errorf("%q: SoAGeneric %v, want A.7.3 listed %v", tt.why, res.SoAGeneric, tt.blocked)
		}
		if blocked := res.Verdict.Level == LevelNotReady; blocked != tt.blocked {
			t.Errorf("%q: verdict %q", tt.why, res.Verdict.Label)
		}
	}
}

// allMetJustified returns a builder of an assessment with every criterion
// met and every control included with a reason.
func allMetJustified(c *catalog.Catalog) func() *Answers {
	return func() *Answers {
		a := New(c, "Complete Ltd", fixedDay, ProfileFull)
		for _, q := range c.Questions() {
			a.Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: q.CriterionIDs()}
			if q.IsControl() {
				a.Answers[q.ID].Decided = true
				a.Answers[q.ID].Justification = "Included because our risk assessment of the claims model calls for it."
			}
		}
		return a
	}
}

// Required documented information backed only by out-of-date evidence
// gets a verdict reason; like coverage, it never changes the level.
func TestStaleEvidenceReason(t *testing.T) {
	c := builtin(t)
	a := allMetJustified(c)()
	a.Date = "2026-11-22"
	before := Score(a, c)
	a.Register = []*EvidenceItem{{ID: "E-001", Location: "DMS: impact assessment", Date: "2025-06-12", Status: EvidenceReviewed,
		Supports: []string{"6.1.4/results-documented"}}}
	after := Score(a, c)
	reasons := strings.Join(after.Verdict.Reasons, " ")
	if !strings.Contains(reasons, "rests on out-of-date evidence: 6.1.4/results-documented (E-001, current only until 2026-06-12)") {
		t.Errorf("reasons: %s", reasons)
	}
	if after.Verdict.Level != before.Verdict.Level {
		t.Errorf("level %v -> %v: stale evidence changed the verdict's level", before.Verdict.Level, after.Verdict.Level)
	}
	// A current, reviewed item for the same criterion answers the question.
	a.Register = append(a.Register, &EvidenceItem{ID: "E-002", Location: "DMS: impact assessment v2", Date: "2026-10-01", Status: EvidenceReviewed,
		Supports: []string{"6.1.4/results-documented"}})
	if r := strings.Join(Score(a, c).Verdict.Reasons, " "); strings.Contains(r, "out-of-date") {
		t.Errorf("a current item is there too, yet: %s", r)
	}
}

// A file that meets "every required document exists" beside a missing
// required document contradicts itself; loading says so, at the line.
func TestContradictionsAreWarned(t *testing.T) {
	c := builtin(t)
	src := "format: 1\ncatalog: " + c.Ident() + "\nanswers:\n" +
		"  \"6.1.3\": {met: [treatment-process-documented]}\n" +
		"  \"7.5.1\": {met: [required-items-exist]}\n" +
		"  \"9.3.1\": {met: [first-review-held]}\n"
	_, ws, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ws {
		if strings.Contains(w.Msg, "cannot be while") {
			got = append(got, fmt.Sprintf("%d: %s", w.Line, w.Msg))
		}
	}
	want := []string{"5: 7.5.1/required-items-exist is answered met, but it cannot be while 6.1.3/controls-documented, 6.1.3/soa and 6.1.3/treatment-plan-approved are not met; re-check one of them"}
	// 9.3.3 is not assessed: no contradiction yet.
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}
