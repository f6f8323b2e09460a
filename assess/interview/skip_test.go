package interview

import (
	"errors"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

// A question can be left for later: skipping records nothing (not
// "assessed, nothing met"), the next question is asked, progress and the
// section's summary count it as not assessed, and the next run asks it.
func TestAccessibleSkipLeavesQuestionNotAssessed(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	before := load(t, c, path).Answers["4.1"]
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}},
		"n",                  // 4.1: skip for now
		"", "1", "0", "", "", // 4.2: assess it, first criterion met
		"n", "n") // 4.3 and 4.4: skip
	if err != nil {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	a := load(t, c, path)
	if got := a.Answers["4.1"]; isAssessed(a, "4.1") || !cmp.Equal(got, before) {
		t.Errorf("skipped 4.1 = %+v, want it as it was (%+v): not assessed", got, before)
	}
	if got := a.Answers["4.2"]; !isAssessed(a, "4.2") || len(got.Met) != 1 {
		t.Errorf("4.2 after a skipped 4.1 = %+v, want assessed with one criterion met", got)
	}
	for _, s := range []string{
		"Assess 4.1 now? y or Enter assesses it; n skips it for now",
		"Skipped 4.1: left not assessed; it is asked again next time.",
		"question 2 of 4, 0% done", // the skipped 4.1 is not counted as done
		"4.2 Understanding",
		"Saved 4.2: 1 of",
		"question 3 of 4, 25% done",
		"1 of 4 questions answered. Skipped for now, not assessed: 4.1, 4.3 and 4.4.",
		"1 of 4 questions in scope are answered; skipped for now: 4.1, 4.3 and 4.4. To answer what is left, run: aimsready assess --answers " + path + " --section 4",
	} {
		if !strings.Contains(flat(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "All 4 questions in scope are answered") || strings.Contains(out, "Add your conclusions") {
		t.Errorf("a run with skipped questions says it is complete:\n%s", out)
	}

	// The next run asks the skipped questions, and only those.
	out, err = runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}}, "n")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("resume: Run = %v", err)
	}
	if !strings.Contains(out, "4.1 Understanding") || !strings.Contains(out, "4.3 ") || strings.Contains(out, "4.2 Understanding") {
		t.Errorf("resume must ask 4.1 and 4.3, not 4.2:\n%s", out)
	}
}

// Skipping a control asks nothing more about it, not even whether it
// applies; skipping a question answered before keeps that answer.
func TestAccessibleSkipControlAndRevisit(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	prev := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "earlier"}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{"4.1": prev})

	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"A.6"}}, "n")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if strings.Contains(out, "Does this control apply?") || !strings.Contains(out, "Skipped A.6.1.2") || !strings.Contains(out, "A.6.1.3") {
		t.Errorf("skipping A.6.1.2 must go straight to A.6.1.3:\n%s", out)
	}
	if a := load(t, c, path); isAssessed(a, "A.6.1.2") {
		t.Errorf("skipped control recorded: %+v", a.Answers["A.6.1.2"])
	}

	out, err = runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true}, "n")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("revisit: Run = %v", err)
	}
	if !strings.Contains(flat(out), "Skipped 4.1: its earlier answer is kept.") {
		t.Errorf("revisit skip not acknowledged:\n%s", out)
	}
	if got := load(t, c, path).Answers["4.1"]; !cmp.Equal(got, prev) {
		t.Errorf("4.1 after a revisit skip = %+v, want %+v", got, prev)
	}
}
