package interview

import (
	"errors"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

// Evidence typed at a question with two criteria met: the assessor is
// asked which of them it supports, both ticked, and unticks one.
func TestAccessibleEvidenceSupportsOnlyWhatItShows(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}},
		"", "1", "2", "0", "", "Board minutes 2026-03", // 4.1: two criteria met, one evidence item
		"1", "0") // it does not show the first criterion
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	for _, s := range []string{
		"Which of these does “Board minutes 2026-03” support? All the criteria met are ticked",
		"1. ✓ " + strings.Fields(c.Question("4.1").Criteria[0].Text)[0],
		"supports 4.1/" + ids[1],
	} {
		if !strings.Contains(flat(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	a := load(t, c, path)
	if len(a.Register) != 1 {
		t.Fatalf("register = %+v", a.Register)
	}
	if got, want := a.Register[0].Supports, []string{"4.1/" + ids[1]}; !cmp.Equal(got, want) {
		t.Errorf("supports = %q, want %q", got, want)
	}
	if got := a.Answers["4.1"]; !cmp.Equal(got.Met, ids[:2]) || len(got.Evidence) != 0 {
		t.Errorf("4.1 = %+v, want both criteria met and the evidence in the register", got)
	}
}

// A register id is asked about by its title, and gains only the criteria
// left ticked; with none ticked the reference stays on the question; with
// one criterion met nothing is asked.
func TestAccessibleEvidenceSupportsRegisterIDAndNone(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	a := load(t, c, path)
	if _, err := assess.AddEvidence(a, c, assess.EvidenceItem{Title: "AI policy v2", Location: "DMS: AIMS/AI policy v2"}); err != nil {
		t.Fatal(err)
	}
	if err := assess.Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}},
		"", "1", "2", "0", "", "E-001, workshop notes", // 4.1
		"2", "0", // E-001 shows the first criterion only
		"1", "2", "0", // the workshop notes show neither
		"", "1", "0", "", "Stakeholder register") // 4.2: one criterion met, not asked
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	if !strings.Contains(flat(out), "Which of these does E-001 (AI policy v2) support?") {
		t.Errorf("register item not named by its title:\n%s", out)
	}
	if n := strings.Count(out, "Which of these does"); n != 2 {
		t.Errorf("asked %d times what evidence supports, want 2 (not for 4.2, with one criterion met):\n%s", n, out)
	}
	a = load(t, c, path)
	if got, want := a.Evidence("E-001").Supports, []string{"4.1/" + ids[0]}; !cmp.Equal(got, want) {
		t.Errorf("E-001 supports %q, want %q", got, want)
	}
	if got := a.Answers["4.1"].Evidence; !cmp.Equal(got, []string{"workshop notes"}) {
		t.Errorf("evidence supporting nothing: left on the question as %q, want it kept there", got)
	}
	if !strings.Contains(flat(out), "Evidence workshop notes kept on the question: it supports none of the criteria met.") {
		t.Errorf("no note for the evidence kept on the question:\n%s", out)
	}
	if it := a.Evidence("E-002"); it == nil || it.Location != "Stakeholder register" || !cmp.Equal(it.Supports, []string{"4.2/" + c.Question("4.2").CriterionIDs()[0]}) {
		t.Errorf("4.2's evidence = %+v, want it supporting the one criterion met", it)
	}
}

// The list fits 80x24 even when every criterion of the longest question
// is met, or says how many more lie below.
func TestSupportsPageFits80x24(t *testing.T) {
	c := builtin(t)
	var q *catalog.Question
	for _, cq := range c.Questions() {
		if q == nil || len(cq.Criteria) > len(q.Criteria) {
			q = cq
		}
	}
	var met []*catalog.Criterion
	for _, cr := range q.Criteria {
		if cr.SameAs == "" {
			met = append(met, cr)
		}
	}
	header := progressLine(q, progress{N: 61, Total: 70, Done: 60}, 80) + "\n" + questionHeading(q)
	for _, plain := range []bool{true, false} {
		pg, _ := supportsPage(header, nil, "A very long evidence reference that goes on and on, to be cut short", met, q, look{width: 80})
		view := pg.list.mark(viewAt(t, pg.group, plain, 80, 24))
		lines := strings.Split(view, "\n")
		if len(lines) > 24 {
			t.Errorf("%s: %d lines", q.ID, len(lines))
		}
		for _, want := range []string{flat(questionHeading(q)), "Which of these does “A very long evidence reference"} {
			if !strings.Contains(flat(view), want) {
				t.Errorf("%q missing:\n%s", want, view)
			}
		}
		if last := words(met[len(met)-1].Text, 0, 5); !strings.Contains(flat(view), last) && !strings.Contains(view, "more below") {
			t.Errorf("the last criterion (%q) is neither shown nor said to lie below:\n%s", last, view)
		}
	}
}
