package assess

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aimsready/aimsready/catalog"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ---------------------------------------------------------------------------
// What is asked: the plan, applicability defaults, and recording answers.

func TestMakePlan(t *testing.T) {
	c := builtin(t)
	a := New(c, "Acme", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ProfileFull)
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

	a.Answers["4.1"] = &Answer{Applicable: true, Assessed: true, Met: []string{}}
	a.Answers["4.2"] = &Answer{Applicable: true} // notes only: not assessed, asked again
	a.Answers["A.7.3"] = &Answer{Applicable: false, Justification: "no outside data", Assessed: true}
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
	qa := New(c, "Acme", time.Now(), ProfileQuick)
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
	if ok, why := applicabilityDefault(devOnly, &Answer{Applicable: false, Justification: "x", Assessed: true}, dev); ok || !strings.Contains(why, "earlier answer") {
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
	want := &Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[3]}, Notes: "two lines\nof notes",
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
	prev := &Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "n", Evidence: []string{"Minutes, March"}}
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
	if pages := qf.pages; len(pages) != 3 || !pages[1].hidden() || pages[2].hidden() {
		t.Errorf("excluded control must skip the criteria page and show the justification page")
	}
	qf.applies = true
	if qf.pages[1].hidden() || !qf.pages[2].hidden() {
		t.Errorf("applicable control must show the criteria page and skip the justification page")
	}
	// A clause has no applicability question and no justification page.
	if qf := newQuestionForm(q, nil, nil, progress{}, look{width: 80}); len(qf.pages) != 2 {
		t.Errorf("clause has %d pages, want 2", len(qf.pages))
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
	var m tea.Model = fitted{f, w}
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
			t.Errorf("%s: %d lines, more than %d", what, len(lines), h)
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
			if q.IsControl() {
				brief = append(brief, "Applies", "Excluded in the SoA")
			} else {
				brief = append(brief, "Assess")
			}
			check(t, q.ID+" question page", viewAt(t, qf.pages[0].group, plain, w, h), brief...)
			crit := viewAt(t, qf.pages[1].group, plain, w, h)
			check(t, q.ID+" criteria page", crit,
				header, words(q.Prompt, 0, 4), words(q.Prompt, -3, 1000), words(q.Criteria[0].Text, 0, 5), "x toggle")
			// Options are wrapped by us, never re-wrapped by huh mid-line.
			for _, ln := range strings.Split(optionText(q.Criteria[0].Text, look{width: w}), "\n") {
				if !strings.Contains(ansiRE.ReplaceAllString(crit, ""), ln) {
					t.Errorf("%s criteria page: option line %q was re-wrapped:\n%s", q.ID, ln, crit)
				}
			}
			if q.IsControl() {
				check(t, q.ID+" justification page", viewAt(t, qf.pages[2].group, plain, w, h), header, "Why does "+q.ID+" not apply?")
			}
		}
		for i, s := range c.Sections {
			check(t, "intro "+s.ID, viewAt(t, sectionIntro(s, 9, i == 0, look{width: w}).group, plain, w, h),
				s.Title, words(s.Intro, -3, 1000), "Start")
		}
		a := New(c, "", time.Now(), ProfileFull)
		for _, pg := range newDetailsForm(detailsOf(a), look{width: w}).pages {
			check(t, "details", viewAt(t, pg.group, plain, w, h), "Assessment details")
		}
		a.Roles = catalog.Roles
		for _, pg := range newSystemForm(a, look{width: w}).pages {
			check(t, "system", viewAt(t, pg.group, plain, w, h), "AI systems in scope")
		}
	}
}

// ---------------------------------------------------------------------------
// Accessible mode: plain prompts, one line each, easy to drive exactly.

// syncBuffer is an output both the interview and the test may touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fixture writes an answers file whose details are complete.
func fixture(t *testing.T, c *catalog.Catalog, roles []catalog.Role, answers map[string]*Answer) string {
	t.Helper()
	a := New(c, "Acme Analytics", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ProfileFull)
	a.Assessor, a.Scope, a.Roles = "Dana", "All AI products", roles
	for id, ans := range answers {
		a.Answers[id] = ans
	}
	path := filepath.Join(t.TempDir(), "answers.yaml")
	if err := Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	return path
}

func load(t *testing.T, c *catalog.Catalog, path string) *Answers {
	t.Helper()
	a, _, err := LoadFile(path, c)
	if err != nil {
		t.Fatalf("answers file does not load: %v", err)
	}
	return a
}

// runLines runs an accessible interview on the given input lines.
func runLines(t *testing.T, iv *Interview, lines ...string) (string, error) {
	t.Helper()
	out := &syncBuffer{}
	iv.Accessible, iv.Plain = true, true
	iv.In = strings.NewReader(strings.Join(lines, "\n") + "\n")
	iv.Out = out
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := iv.Run(ctx)
	if ctx.Err() != nil {
		t.Fatalf("interview hung; output:\n%s", out)
	}
	return out.String(), err
}

func TestAccessibleNewAssessmentSavesEveryAnswer(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "new.yaml")
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"},
		Now: func() time.Time { return time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC) }}
	out, err := runLines(t, iv,
		"Acme Analytics", "Dana Consultant", "Credit scoring and chatbot", // details
		"3", "1", "0", // roles: user, developer
		"CreditScore", "Scores credit applications", "1", "4", // a system: role developer, risk high
		"",                                                                   // no more systems
		"1", "3", "0", "Register since 2025", "Context register v1, minutes", // 4.1
		"0", "", "", // 4.2: nothing met
		// the input ends during 4.3
	)
	if !errors.Is(err, ErrInputEnded) || !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want the input-ended interruption", err)
	}
	a := load(t, c, path)
	if a.Organization != "Acme Analytics" || a.Assessor != "Dana Consultant" || a.Scope != "Credit scoring and chatbot" || a.Date != "2026-05-04" || a.Profile != ProfileFull {
		t.Errorf("details = %q %q %q %q %q", a.Organization, a.Assessor, a.Scope, a.Date, a.Profile)
	}
	if !cmp.Equal(a.Roles, []catalog.Role{catalog.RoleDeveloper, catalog.RoleUser}) {
		t.Errorf("roles = %v", a.Roles)
	}
	if want := []System{{Name: "CreditScore", Purpose: "Scores credit applications", Role: catalog.RoleDeveloper, Risk: "high"}}; !cmp.Equal(a.Systems, want) {
		t.Errorf("systems = %+v, want %+v", a.Systems, want)
	}
	ids := c.Question("4.1").CriterionIDs()
	want41 := &Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[2]}, Notes: "Register since 2025",
		Evidence: []string{"Context register v1", "minutes"}}
	if diff := cmp.Diff(want41, a.Answers["4.1"]); diff != "" {
		t.Errorf("4.1 (-want +got):\n%s", diff)
	}
	if got := a.Answers["4.2"]; !got.Assessed || len(got.Met) != 0 {
		t.Errorf("4.2 = %+v, want assessed with nothing met", got)
	}
	if isAssessed(a, "4.3") {
		t.Errorf("4.3 was recorded although the input ended before it was answered")
	}
	for _, s := range []string{"question 1 of 4, 0% done", "Saved 4.1: 2 of 5 criteria met.", "question 3 of 4, 50% done", "What an auditor looks for"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestAccessibleResumeAsksOnlyWhatIsLeft(t *testing.T) {
	c := builtin(t)
	done := &Answer{Applicable: true, Assessed: true, Met: []string{}}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*Answer{"4.1": done, "4.2": done})
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}}
	out, err := runLines(t, iv, "1", "0", "", "", "0", "", "")
	if err != nil {
		t.Fatalf("Run = %v; output:\n%s", err, out)
	}
	if strings.Contains(out, "4.1 Understanding") || strings.Contains(out, "4.2 Understanding") || strings.Contains(out, "Assessment details") {
		t.Errorf("resume asked an answered question or the details again:\n%s", out)
	}
	for _, s := range []string{"Resuming", "2 questions answered so far", "question 3 of 4, 50% done", "question 4 of 4, 75% done", "Section score", "All 4 questions in scope are answered."} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	a := load(t, c, path)
	if !isAssessed(a, "4.3") || !isAssessed(a, "4.4") || len(a.Answers["4.3"].Met) != 1 {
		t.Errorf("4.3/4.4 not recorded: %+v %+v", a.Answers["4.3"], a.Answers["4.4"])
	}

	// Nothing left: says so and asks nothing.
	out, err = runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}})
	if err != nil || !strings.Contains(out, "All 4 questions in scope are already answered") {
		t.Errorf("nothing left: err=%v, output:\n%s", err, out)
	}
}

func TestAccessibleRevisitAsksAgainWithEarlierAnswers(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	prev := &Answer{Applicable: true, Assessed: true, Met: []string{ids[0]}, Notes: "keep me", Evidence: []string{"Old doc"}}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*Answer{"4.1": prev})
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true}
	out, err := runLines(t, iv, "1", "2", "0", "", "-")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if !strings.Contains(out, "1. ✓ A current record") {
		t.Errorf("earlier answer not pre-selected:\n%s", out)
	}
	if !strings.Contains(out, "[now: keep me; enter keeps it, - clears it]") {
		t.Errorf("earlier notes not shown:\n%s", out)
	}
	got := load(t, c, path).Answers["4.1"]
	if want := (&Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "keep me"}); !cmp.Equal(got, want) {
		t.Errorf("revisited 4.1 = %+v, want %+v", got, want)
	}
}

func TestAccessibleQuickAsksOnlyQuickQuestions(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "quick.yaml")
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Quick: true},
		"Acme", "Dana", "Everything", "2", "0", "", // details, role provider, no systems
		"0", "", "") // first quick question
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	a := load(t, c, path)
	if a.Profile != ProfileQuick {
		t.Errorf("new --quick file has profile %q", a.Profile)
	}
	var first *catalog.Question
	quick := 0
	for _, q := range c.Questions() {
		if q.Quick {
			quick++
			if first == nil {
				first = q
			}
		}
	}
	if !isAssessed(a, first.ID) || strings.Contains(out, "4.1 Understanding") {
		t.Errorf("quick run did not start with %s:\n%s", first.ID, out)
	}
	if want := "question 1 of " + strconv.Itoa(quick) + ","; !strings.Contains(out, want) {
		t.Errorf("output lacks %q", want)
	}
}

func TestAccessibleExclusionRequiresJustification(t *testing.T) {
	c := builtin(t)
	// A user organisation: A.6.1.2 concerns developers and providers, so it
	// is pre-selected as excluded; A.6.1.3 is answered "y".
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"A.6"}}
	out, err := runLines(t, iv,
		"",                               // keep the default: excluded
		"", "   ", "We buy every model.", // empty justifications are refused
		"y", "0", "", "") // A.6.1.3 applies, nothing met
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if n := strings.Count(out, "a justification is required"); n != 2 {
		t.Errorf("empty justifications refused %d times, want 2:\n%s", n, out)
	}
	if !strings.Contains(out, "Does this control apply? Pre-selected from your roles") {
		t.Errorf("applicability default not explained:\n%s", out)
	}
	a := load(t, c, path)
	if got := a.Answers["A.6.1.2"]; got == nil || got.Applicable || got.Justification != "We buy every model." {
		t.Errorf("A.6.1.2 = %+v, want excluded with the justification", got)
	}
	if got := a.Answers["A.6.1.3"]; got == nil || !got.Applicable || !got.Assessed {
		t.Errorf("A.6.1.3 = %+v, want applicable and assessed", got)
	}
}

func TestAccessibleStopKeepsEarlierAnswers(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	out := &syncBuffer{}
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Accessible: true, In: pr, Out: out}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- iv.Run(ctx) }()
	io.WriteString(pw, "1\n0\nnote\n\n")
	waitFor(t, out, "Saved 4.1")
	waitFor(t, out, "4.2 Understanding")
	cancel() // what Ctrl-C (SIGINT) does to the command's context
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) {
			t.Errorf("Run = %v, want ErrInterrupted", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("interview did not stop on interrupt")
	}
	a := load(t, c, path)
	if !isAssessed(a, "4.1") || a.Answers["4.1"].Notes != "note" || isAssessed(a, "4.2") {
		t.Errorf("after stop: 4.1=%+v 4.2=%+v", a.Answers["4.1"], a.Answers["4.2"])
	}
}

func waitFor(t *testing.T, out *syncBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(out.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %q; output:\n%s", s, out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBrokenFileIsNeverOverwritten(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.yaml")
	broken := []byte("format: 1\ncatalog: iso42001-2023@1.0.0\nanswers:\n  \"4.1\": {met: [nope]}\n")
	if err := os.WriteFile(path, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	iv := &Interview{Catalog: c, Path: path}
	_, err := runLines(t, iv, "Acme", "Dana", "All", "1", "0", "")
	if err == nil || !strings.Contains(err.Error(), `unknown criterion "nope"`) {
		t.Fatalf("Run = %v, want the load error", err)
	}
	if iv.Answers != nil {
		t.Errorf("Answers set although the file did not load")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, broken) {
		t.Errorf("broken file was changed:\n%s", got)
	}
}

func TestLeftoverTempFilesAreRemoved(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	stale := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-12345")
	if err := os.WriteFile(stale, []byte("half a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}}); !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temp file %s is still there", stale)
	}
}

func TestMissingFolderIsReportedBeforeAsking(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "no", "such", "answers.yaml")
	out, err := runLines(t, &Interview{Catalog: c, Path: path})
	if err == nil || !strings.Contains(err.Error(), "does not exist") || strings.Contains(out, "Organisation") {
		t.Errorf("Run = %v, output %q", err, out)
	}
}

// ---------------------------------------------------------------------------
// Full-screen mode, driven through a pipe with key bytes.

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyCtrlC = "\x03"
	keyEsc   = "\x1b"
)

type tuiDriver struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *syncBuffer
	seen int
	done chan error
}

func startTUI(t *testing.T, iv *Interview) *tuiDriver {
	t.Helper()
	pr, pw := io.Pipe()
	d := &tuiDriver{t: t, in: pw, out: &syncBuffer{}, done: make(chan error, 1)}
	iv.In, iv.Out, iv.Plain, iv.Width, iv.Height = pr, d.out, true, 80, 23
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(func() { cancel(); pw.Close() })
	go func() { d.done <- iv.Run(ctx) }()
	return d
}

// wait waits until s is drawn after the place of the last text waited for.
func (d *tuiDriver) wait(s string) {
	d.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen := ansiRE.ReplaceAllString(d.out.String(), "")
		if i := strings.Index(screen[min(d.seen, len(screen)):], s); i >= 0 {
			d.seen += i + len(s)
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("timed out waiting for %q; screen output since the last step:\n%s", s, screen[min(d.seen, len(screen)):])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// keys types keys one at a time, as a person does.
func (d *tuiDriver) keys(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(d.in, k); err != nil {
			d.t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
}

func (d *tuiDriver) result() error {
	d.t.Helper()
	select {
	case err := <-d.done:
		return err
	case <-time.After(20 * time.Second):
		d.t.Fatalf("interview did not end; output:\n%s", ansiRE.ReplaceAllString(d.out.String(), ""))
	}
	return nil
}

func TestTUIAnswerSavesThenCtrlCStops(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleDeveloper}, nil)
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("question 1 of 4 · 0% done")
	d.wait("Assess")
	d.keys(keyEnter)
	d.wait("x toggle")
	d.keys("x", keyDown, keyDown, " ")
	d.wait("[•] The intended purpose")
	d.keys(keyEnter)
	d.wait("new line") // the notes field has the focus
	d.keys("Register owned by the CRO")
	d.wait("Register owned by the CRO")
	d.keys(keyEnter)
	d.wait("enter submit") // the evidence field, the last of the page
	d.keys("Context register v1, workshop minutes")
	d.wait("workshop minutes")
	d.keys(keyEnter)
	d.wait("question 2 of 4 · 25% done")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want ErrInterrupted", err)
	}
	a := load(t, c, path)
	ids := c.Question("4.1").CriterionIDs()
	want := &Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[2]}, Notes: "Register owned by the CRO",
		Evidence: []string{"Context register v1", "workshop minutes"}}
	if diff := cmp.Diff(want, a.Answers["4.1"]); diff != "" {
		t.Errorf("4.1 (-want +got):\n%s", diff)
	}
	if isAssessed(a, "4.2") {
		t.Errorf("4.2 recorded although Ctrl-C came first")
	}
}

func TestTUIExclusionRequiresJustificationAndEscStops(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"A.6"}})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("Does this control apply?")
	d.keys(keyEnter) // keep the pre-selection: excluded, as it concerns developers
	d.wait("Why does A.6.1.2 not apply?")
	d.keys(keyEnter) // empty: refused
	d.wait("a justification is required")
	d.keys("We buy every model from suppliers.")
	d.wait("suppliers.")
	d.keys(keyEnter)
	d.wait("question 2 of 9")
	d.wait("Does this control apply?")
	d.keys("y") // applies, and on to the criteria
	d.wait("x toggle")
	d.keys(keyEsc)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want ErrInterrupted", err)
	}
	a := load(t, c, path)
	if got := a.Answers["A.6.1.2"]; got == nil || got.Applicable || got.Justification != "We buy every model from suppliers." {
		t.Errorf("A.6.1.2 = %+v, want excluded with justification", got)
	}
	if isAssessed(a, "A.6.1.3") {
		t.Errorf("A.6.1.3 recorded although Esc came before its criteria")
	}
}

func TestTUIRevisitPreselectsEarlierAnswer(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	prev := &Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "earlier note"}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*Answer{"4.1": prev})
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("Assess")
	d.keys(keyEnter)
	d.wait("[•] For each AI system")
	d.keys(keyEnter)
	d.wait("new line") // the notes, holding the earlier note
	d.keys(keyEnter)
	d.wait("enter submit")
	d.keys(keyEnter)
	d.wait("question 2 of 4 · 25% done")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v", err)
	}
	if got := load(t, c, path).Answers["4.1"]; !cmp.Equal(got, prev) {
		t.Errorf("revisited without changes: 4.1 = %+v, want %+v", got, prev)
	}
}

func TestTUIDetailsForNewFile(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "answers.yaml")
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"10"}})
	d.wait("Organisation")
	d.keys(keyEnter) // empty: refused
	d.wait("the organisation's name is required")
	d.keys("Acme")
	d.wait("Acme")
	d.keys(keyEnter)
	d.wait("shift+tab back") // the assessor has the focus
	d.keys("Dana")
	d.wait("Dana")
	d.keys(keyEnter)
	d.wait("new line") // the scope, a text field
	d.keys("All AI products")
	d.wait("All AI products")
	d.keys(keyEnter)
	d.wait("x toggle")
	d.keys(keyEnter) // no role ticked: asked again
	d.wait("Tick at least one role")
	d.wait("x toggle") // only the roles are asked again; what was typed is kept
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written before the details were complete")
	}
	d.keys(keyDown, "x")
	d.wait("[•] provider")
	d.keys(keyEnter)
	d.wait("Name of an AI system")
	d.keys(keyEnter) // none for now
	d.wait("Start")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v", err)
	}
	a := load(t, c, path)
	if a.Organization != "Acme" || a.Assessor != "Dana" || a.Scope != "All AI products" || !cmp.Equal(a.Roles, []catalog.Role{catalog.RoleProvider}) || len(a.Systems) != 0 {
		t.Errorf("details = %q %q %q %v %v", a.Organization, a.Assessor, a.Scope, a.Roles, a.Systems)
	}
}

// ---------------------------------------------------------------------------
// Crash safety: SIGKILL the interview while it is being fed answers.

const interviewHelperEnv = "AIMSREADY_TEST_INTERVIEW"

// TestInterviewHelperProcess is not a test: it is the interview process the
// crash test starts and kills.
func TestInterviewHelperProcess(t *testing.T) {
	path := os.Getenv(interviewHelperEnv)
	if path == "" {
		t.Skip("helper process for TestInterviewSurvivesSIGKILL")
	}
	iv := &Interview{Catalog: builtin(t), Path: path, Sections: []string{"4", "5", "6", "7"}, Accessible: true, Plain: true, In: os.Stdin, Out: os.Stdout}
	err := iv.Run(context.Background())
	if err != nil && !errors.Is(err, ErrInterrupted) {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Exit(0)
}

var savedRE = regexp.MustCompile(`Saved (\S+): (\d+) of`)

func TestInterviewSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	c := builtin(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	plan, _ := MakePlan(c, load(t, c, path), PlanOptions{Sections: []string{"4", "5", "6", "7"}})
	// Question k gets its first k%3 criteria ticked and a note naming it.
	answer := func(k int, q *catalog.Question) (lines []string, met []string) {
		for i := 0; i < k%3 && i < len(q.Criteria); i++ {
			lines = append(lines, strconv.Itoa(i+1))
			met = append(met, q.Criteria[i].ID)
		}
		return append(lines, "0", "note "+q.ID, "evidence "+q.ID), met
	}

	acked := map[string]bool{}
	for round, killAfter := range []int{2, 5, 9} {
		cmd := exec.Command(exe, "-test.run=^TestInterviewHelperProcess$")
		cmd.Env = append(os.Environ(), interviewHelperEnv+"="+path)
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Feed answers slowly, in the background, for every question not
		// yet acknowledged, so the kill lands while answers are flowing.
		// The interview skips what the file holds (a kill may land between
		// a save and its acknowledgement), so the feed does too.
		skip := map[string]bool{}
		for id, ans := range load(t, c, path).Answers {
			skip[id] = ans.Assessed
		}
		feedDone := make(chan struct{})
		go func() {
			defer close(feedDone)
			for k, q := range plan.Ask {
				if skip[q.ID] {
					continue
				}
				lines, _ := answer(k, q)
				for _, ln := range lines {
					if _, err := io.WriteString(stdin, ln+"\n"); err != nil {
						return
					}
					time.Sleep(3 * time.Millisecond)
				}
			}
		}()
		// Meanwhile the file must load at every instant.
		stopPoll := make(chan struct{})
		pollErr := make(chan error, 1)
		go func() {
			for {
				select {
				case <-stopPoll:
					pollErr <- nil
					return
				default:
				}
				if _, _, err := LoadFile(path, c); err != nil {
					pollErr <- err
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		sc := bufio.NewScanner(stdout)
		n := 0
		var output strings.Builder
		for n < killAfter && sc.Scan() {
			output.WriteString(sc.Text() + "\n")
			if m := savedRE.FindStringSubmatch(sc.Text()); m != nil {
				acked[m[1]] = true
				n++
			}
		}
		if n < killAfter {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: only %d answers acknowledged; output:\n%s", round, n, output.String())
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		stdin.Close()
		<-feedDone
		close(stopPoll)
		if err := <-pollErr; err != nil {
			t.Fatalf("round %d: the answers file did not load while the interview ran: %v", round, err)
		}

		a := load(t, c, path)
		for k, q := range plan.Ask {
			if !acked[q.ID] {
				continue
			}
			_, met := answer(k, q)
			got := a.Answers[q.ID]
			if got == nil || !got.Assessed || !cmp.Equal(got.Met, met, cmpopts.EquateEmpty()) || got.Notes != "note "+q.ID {
				t.Errorf("round %d: acknowledged answer %s lost or wrong: %+v (want met %v)", round, q.ID, got, met)
			}
		}
	}
	// A kill can leave a temp file; the next run removes it and resumes.
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp-*"))
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4", "5", "6", "7"}})
	if !errors.Is(err, ErrInputEnded) || !strings.Contains(out, "Resuming") {
		t.Fatalf("resume after kill: err=%v output:\n%s", err, out)
	}
	for _, m := range matches {
		if _, err := os.Stat(m); !os.IsNotExist(err) {
			t.Errorf("temp file %s left by a kill was not removed", m)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp-*")); len(left) > 0 {
		t.Errorf("temp files left: %v", left)
	}
}
