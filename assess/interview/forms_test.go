package interview

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/google/go-cmp/cmp"
)

// builtin is the embedded catalog; a test cannot go on without it.
func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ---------------------------------------------------------------------------
// What is asked: the plan, applicability defaults, and recording answers.

func TestMakePlan(t *testing.T) {
	c := builtin(t)
	a := assess.New(c, "Acme", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), assess.ProfileFull)
	ids := func(qs []*catalog.Question) []string {
		out := []string{}
		for _, q := range qs {
			out = append(out, q.ID)
		}
		return out
	}
	p, err := MakePlan(c, a, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Ask) != len(c.Questions()) || len(p.Scope) != len(c.Questions()) {
		t.Fatalf("new assessment: asks %d of %d, want all %d", len(p.Ask), len(p.Scope), len(c.Questions()))
	}

	a.Answers["4.1"] = &assess.Answer{Applicable: true, Assessed: true, Met: []string{}}
	a.Answers["4.2"] = &assess.Answer{Applicable: true} // notes only: not assessed, asked again
	a.Answers["A.7.3"] = &assess.Answer{Applicable: false, Justification: "no outside data", Assessed: true}
	p, _ = MakePlan(c, a, PlanOptions{Sections: []string{"4"}})
	if got, want := ids(p.Ask), []string{"4.2", "4.3", "4.4"}; !cmp.Equal(got, want) {
		t.Errorf("resume asks %v, want %v", got, want)
	}
	if len(p.Scope) != 4 {
		t.Errorf("scope of section 4 has %d questions, want 4", len(p.Scope))
	}
	if pr := p.progressOf(a, c.Question("4.2")); pr.N != 2 || pr.Total != 4 || pr.Done != 1 || pr.percent() != 25 {
		t.Errorf("progress of 4.2 = %+v, want question 2 of 4, 1 done, 25%%", pr)
	}
	p, _ = MakePlan(c, a, PlanOptions{Sections: []string{"4"}, Revisit: true})
	if got := ids(p.Ask); len(got) != 4 || got[0] != "4.1" {
		t.Errorf("revisit asks %v, want all of section 4", got)
	}

	// Sections come in catalog order whatever order they are named in,
	// and ids are matched without regard to case.
	p, _ = MakePlan(c, a, PlanOptions{Sections: []string{"a.7", "10"}})
	got := ids(p.Ask)
	if len(got) == 0 || got[0] != "10.1" || !strings.HasPrefix(got[len(got)-1], "A.7.") || slices.Contains(got, "A.7.3") {
		t.Errorf("sections 10 and A.7 ask %v", got)
	}

	p, _ = MakePlan(c, a, PlanOptions{Quick: true})
	for _, q := range p.Scope {
		if !q.Quick {
			t.Errorf("--quick covers %s, which is not a quick-snapshot question", q.ID)
		}
	}
	if len(p.Scope) == 0 || len(p.Scope) == len(c.Questions()) {
		t.Errorf("--quick covers %d questions", len(p.Scope))
	}

	// A quick-snapshot file only ever covers its quick questions.
	qa := assess.New(c, "Acme", time.Now(), assess.ProfileQuick)
	p, _ = MakePlan(c, qa, PlanOptions{})
	for _, q := range p.Scope {
		if !q.Quick {
			t.Errorf("quick file covers %s", q.ID)
		}
	}

	if _, err := MakePlan(c, a, PlanOptions{Sections: []string{"A.11"}}); err == nil || !strings.Contains(err.Error(), "4, 5, 6") {
		t.Errorf("unknown section: err = %v, want the list of sections", err)
	}
}

func TestApplicabilityDefault(t *testing.T) {
	c := builtin(t)
	devOnly := c.Question("A.6.1.2") // developers and providers
	if !cmp.Equal(devOnly.Roles, []catalog.Role{catalog.RoleDeveloper, catalog.RoleProvider}) {
		t.Fatalf("catalog changed: A.6.1.2 concerns %v", devOnly.Roles)
	}
	user := []catalog.Role{catalog.RoleUser}
	dev := []catalog.Role{catalog.RoleDeveloper}
	if ok, why := applicabilityDefault(devOnly, nil, user); ok || !strings.Contains(why, "your role (user) is not among them") {
		t.Errorf("user org, developer control: applies=%v (%s), want not applicable", ok, why)
	}
	if ok, _ := applicabilityDefault(devOnly, nil, dev); !ok {
		t.Errorf("developer org, developer control: want applicable")
	}
	if ok, why := applicabilityDefault(devOnly, &assess.Answer{Applicable: false, Justification: "x", Assessed: true}, dev); ok || !strings.Contains(why, "earlier answer") {
		t.Errorf("earlier exclusion must win over the roles: applies=%v (%s)", ok, why)
	}
	everyone := c.Question("A.2.2")
	if ok, _ := applicabilityDefault(everyone, nil, user); !ok {
		t.Errorf("a control for every role must default to applicable")
	}
}

func TestQuestionFormAnswer(t *testing.T) {
	c := builtin(t)
	q := c.Question("4.1")
	ids := q.CriterionIDs()
	qf := newQuestionForm(q, nil, nil, progress{N: 1, Total: 1}, look{width: 80})
	qf.met = []string{ids[3], ids[0], ids[3]}
	qf.notes = "  two lines\nof notes \n"
	qf.evidence = "Policy v2, register;  minutes 2026-01\n\n, "
	got := qf.answer()
	want := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[3]}, Notes: "two lines\nof notes",
		Evidence: []string{"Policy v2", "register", "minutes 2026-01"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answer (-want +got):\n%s", diff)
	}

	// Nothing ticked is an assessed answer with an empty met list.
	qf = newQuestionForm(q, nil, nil, progress{}, look{width: 80})
	if got := qf.answer(); !got.Assessed || got.Met == nil || len(got.Met) != 0 {
		t.Errorf("nothing ticked: %+v, want assessed with met: []", got)
	}

	// Revisiting keeps evidence that contains commas when it is not touched,
	// and pre-selects the earlier criteria.
	prev := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "n", Evidence: []string{"Minutes, March"}}
	qf = newQuestionForm(q, prev, nil, progress{}, look{width: 80})
	if !cmp.Equal(qf.met, []string{ids[1]}) {
		t.Errorf("revisit pre-selects %v, want %v", qf.met, []string{ids[1]})
	}
	if got := qf.answer(); !cmp.Equal(got.Evidence, prev.Evidence) || got.Notes != "n" {
		t.Errorf("untouched evidence/notes changed: %+v", got)
	}
	// In accessible mode "-" clears, as an empty line keeps the value.
	qf = newQuestionForm(q, prev, nil, progress{}, look{width: 80, accessible: true})
	qf.notes, qf.evidence = "-", " - "
	if got := qf.answer(); got.Notes != "" || len(got.Evidence) != 0 {
		t.Errorf(`"-" did not clear: %+v`, got)
	}

	// An excluded control records the justification and no criteria.
	ctl := c.Question("A.7.3")
	qf = newQuestionForm(ctl, nil, []catalog.Role{catalog.RoleUser}, progress{}, look{width: 80})
	qf.applies, qf.justification, qf.met = false, "  We acquire no outside data. ", []string{"x"}
	got = qf.answer()
	if got.Applicable || !got.Assessed || got.Justification != "We acquire no outside data." || got.Met != nil {
		t.Errorf("excluded control answer = %+v", got)
	}
	// Pages: brief, applicability, criteria, inclusion, exclusion.
	if pages := qf.pages; len(pages) != 5 || pages[1].hidden() || !pages[2].hidden() || !pages[3].hidden() || pages[4].hidden() {
		t.Errorf("excluded control must skip the criteria and inclusion pages and show the exclusion page")
	}
	qf.applies = true
	if qf.pages[2].hidden() || qf.pages[3].hidden() || !qf.pages[4].hidden() {
		t.Errorf("applicable control must show the criteria and inclusion pages and skip the exclusion page")
	}
	// Skipped for now: nothing after the first page is asked.
	qf.assessNow = false
	for i, pg := range qf.pages[1:] {
		if !pg.hidden() {
			t.Errorf("skipped control shows page %d", i+2)
		}
	}
	if !qf.skipped() {
		t.Errorf("skipped() = false after choosing to skip")
	}
	qf.assessNow = true
	qf.inclusion = "  Our claims model is high risk and needs this control. "
	if got := qf.answer(); got.Justification != "Our claims model is high risk and needs this control." {
		t.Errorf("inclusion justification not recorded: %+v", got)
	}
	// A clause has no applicability question and no justification page;
	// skipped, it shows its first page only.
	qf = newQuestionForm(q, nil, nil, progress{}, look{width: 80})
	if len(qf.pages) != 2 || qf.skipped() || qf.pages[1].hidden() {
		t.Errorf("clause has %d pages (skipped %v), want 2, assessed by default", len(qf.pages), qf.skipped())
	}
	if qf.assessNow = false; !qf.pages[1].hidden() {
		t.Errorf("skipped clause still shows its criteria page")
	}
}

func TestSplitEvidence(t *testing.T) {
	got := SplitEvidence(" a ,b;c\nd,,  ;\n")
	if want := []string{"a", "b", "c", "d"}; !cmp.Equal(got, want) {
		t.Errorf("SplitEvidence = %q, want %q", got, want)
	}
	if got := SplitEvidence("  "); got != nil {
		t.Errorf("blank evidence = %q, want nil", got)
	}
}

// ---------------------------------------------------------------------------
// Layout: every question screen fits 80x24 with nothing important cut off.

func viewAt(t *testing.T, g *huh.Group, plain bool, w, h int) string {
	t.Helper()
	f := huh.NewForm(g).WithTheme(interviewTheme(plain)).WithKeyMap(interviewKeyMap()).WithWidth(w)
	var m tea.Model = fitted{form: f, width: w, groups: []*huh.Group{g}}
	m.Init()
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m.View()
}

var ansiRE = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`)

// flat is what a reader sees, as one line of words.
func flat(s string) string {
	s = ansiRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "┃", " ")
	return strings.Join(strings.Fields(s), " ")
}

func words(s string, from, to int) string {
	f := strings.Fields(s)
	if to > len(f) {
		to = len(f)
	}
	if from < 0 {
		from = max(0, len(f)+from)
	}
	return strings.Join(f[from:to], " ")
}

func TestQuestionScreensFit80x24(t *testing.T) {
	c := builtin(t)
	const w, h = 80, 24
	check := func(t *testing.T, what, view string, musts ...string) {
		t.Helper()
		lines := strings.Split(view, "\n")
		if len(lines) > h {
			t.Fatalf("%s: %d lines, more than %d", what, len(lines), h)
		}
		for i, ln := range lines {
			if lw := lipgloss.Width(ln); lw > w {
				t.Errorf("%s: line %d is %d columns wide: %q", what, i+1, lw, ln)
			}
		}
		fv := flat(view)
		for _, m := range musts {
			if !strings.Contains(fv, m) {
				t.Errorf("%s: %q is cut off or missing; screen:\n%s", what, m, view)
			}
		}
	}
	for _, plain := range []bool{true, false} {
		for _, q := range c.Questions() {
			if testing.Short() && !q.Quick {
				continue
			}
			p := progress{N: 61, Total: 70, Done: 60}
			qf := newQuestionForm(q, nil, []catalog.Role{catalog.RoleUser}, p, look{width: w})
			header := flat(progressLine(q, p, w))
			brief := []string{header, flat(questionHeading(q)), words(q.Prompt, 0, 4), words(q.Prompt, -3, 1000),
				words(q.Guidance, 0, 4), words(q.Guidance, -3, 1000)}
			brief = append(brief, "Assess it now", "Skip for now (leave it not assessed)")
			check(t, q.ID+" question page", viewAt(t, qf.pages[0].group, plain, w, h), brief...)
			next := 1
			if q.IsControl() {
				check(t, q.ID+" applicability page", viewAt(t, qf.pages[1].group, plain, w, h),
					header, words(q.Prompt, 0, 4), words(q.Prompt, -3, 1000), "Does this control apply?", "Applies", "Excluded in the SoA")
				next = 2
			}
			crit := viewAt(t, qf.pages[next].group, plain, w, h)
			first := q.Criteria[0] // the first criterion asked here, not answered elsewhere
			for _, cr := range q.Criteria {
				if cr.SameAs == "" {
					first = cr
					break
				}
			}
			check(t, q.ID+" criteria page", crit,
				header, words(q.Prompt, 0, 4), words(q.Prompt, -3, 1000), words(first.Text, 0, 5), "x toggle")
			// Options are wrapped by us, never re-wrapped by huh mid-line.
			for _, ln := range strings.Split(optionText(first.Text, look{width: w}), "\n") {
				if !strings.Contains(ansiRE.ReplaceAllString(crit, ""), ln) {
					t.Errorf("%s criteria page: option line %q was re-wrapped:\n%s", q.ID, ln, crit)
				}
			}
			if q.IsControl() {
				check(t, q.ID+" inclusion page", viewAt(t, qf.pages[3].group, plain, w, h), header, "Why does "+q.ID+" apply?")
				check(t, q.ID+" exclusion page", viewAt(t, qf.pages[4].group, plain, w, h), header, "Why does "+q.ID+" not apply?")
			}
		}
		for i, s := range c.Sections {
			check(t, "intro "+s.ID, viewAt(t, sectionIntro(s, 9, i == 0, look{width: w}).group, plain, w, h),
				s.Title, words(s.Intro, -3, 1000), "Start")
		}
		a := assess.New(c, "", time.Now(), assess.ProfileFull)
		for _, pg := range newDetailsForm(detailsOf(a), look{width: w}).pages {
			check(t, "details", viewAt(t, pg.group, plain, w, h), "Assessment details")
		}
		a.Roles = catalog.Roles
		for _, pg := range newSystemForm(a, look{width: w}).pages {
			check(t, "system", viewAt(t, pg.group, plain, w, h), "AI systems in scope")
		}
	}
}
