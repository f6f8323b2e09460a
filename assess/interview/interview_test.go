package interview

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

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

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
func fixture(t *testing.T, c *catalog.Catalog, roles []catalog.Role, answers map[string]*assess.Answer) string {
	t.Helper()
	a := assess.New(c, "Acme Analytics", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), assess.ProfileFull)
	a.Assessor, a.Scope, a.Roles = "Dana", "All AI products", roles
	for id, ans := range answers {
		a.Answers[id] = ans
	}
	path := filepath.Join(t.TempDir(), "answers.yaml")
	if err := assess.Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	return path
}

func load(t *testing.T, c *catalog.Catalog, path string) *assess.Answers {
	t.Helper()
	a, _, err := assess.LoadFile(path, c)
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
		"Acme Analytics", "Dana Consultant", "", "Credit scoring and chatbot", // details; enter keeps today's date
		"3", "1", "0", // roles: user, developer
		"CreditScore", "Scores credit applications", "1", "0", "5", // a system: role developer, risk high
		"",                                                                       // no more systems
		"", "1", "3", "0", "Register since 2025", "Context register v1, minutes", // 4.1
		"0", "0", // each evidence item supports both criteria met, as offered
		"", "0", "", "", // 4.2: nothing met
		// the input ends during 4.3
	)
	if !errors.Is(err, ErrInputEnded) || !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want the input-ended interruption", err)
	}
	a := load(t, c, path)
	if a.Organization != "Acme Analytics" || a.Assessor != "Dana Consultant" || a.Scope != "Credit scoring and chatbot" || a.Date != "2026-05-04" || a.Profile != assess.ProfileFull {
		t.Errorf("details = %q %q %q %q %q", a.Organization, a.Assessor, a.Scope, a.Date, a.Profile)
	}
	if !cmp.Equal(a.Roles, []catalog.Role{catalog.RoleDeveloper, catalog.RoleUser}) {
		t.Errorf("roles = %v", a.Roles)
	}
	if want := []assess.System{{Name: "CreditScore", Purpose: "Scores credit applications", Roles: []catalog.Role{catalog.RoleDeveloper}, Risk: "high"}}; !cmp.Equal(a.Systems, want) {
		t.Errorf("systems = %+v, want %+v", a.Systems, want)
	}
	ids := c.Question("4.1").CriterionIDs()
	want41 := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[2]}, Notes: "Register since 2025"}
	// The evidence given went into the register, supporting what was met.
	if got := registerLocations(a); !cmp.Equal(got, []string{"Context register v1", "minutes"}) {
		t.Errorf("register = %q", got)
	}
	if diff := cmp.Diff(want41, a.Answers["4.1"]); diff != "" {
		t.Errorf("4.1 (-want +got):\n%s", diff)
	}
	if got := a.Answers["4.2"]; !got.Assessed || len(got.Met) != 0 {
		t.Errorf("4.2 = %+v, want assessed with nothing met", got)
	}
	if isAssessed(a, "4.3") {
		t.Errorf("4.3 was recorded although the input ended before it was answered")
	}
	for _, s := range []string{"question 1 of 4, 0% done", "Saved 4.1: 2 of 6 criteria met.", "question 3 of 4, 50% done", "What an auditor looks for"} {
		if !strings.Contains(flat(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestAccessibleResumeAsksOnlyWhatIsLeft(t *testing.T) {
	c := builtin(t)
	done := &assess.Answer{Applicable: true, Assessed: true, Met: []string{}}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{"4.1": done, "4.2": done})
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}}
	out, err := runLines(t, iv, "", "1", "0", "", "", "", "0", "", "")
	if err != nil {
		t.Fatalf("Run = %v; output:\n%s", err, out)
	}
	if strings.Contains(out, "4.1 Understanding") || strings.Contains(out, "4.2 Understanding") || strings.Contains(out, "Assessment details") {
		t.Errorf("resume asked an answered question or the details again:\n%s", out)
	}
	for _, s := range []string{"Resuming", "2 questions answered so far", "question 3 of 4, 50% done", "question 4 of 4, 75% done", "Section score", "All 4 questions in scope are answered."} {
		if !strings.Contains(flat(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	a := load(t, c, path)
	if !isAssessed(a, "4.3") || !isAssessed(a, "4.4") || len(a.Answers["4.3"].Met) != 1 {
		t.Errorf("4.3/4.4 not recorded: %+v %+v", a.Answers["4.3"], a.Answers["4.4"])
	}

	// Nothing left: says so and asks nothing.
	out, err = runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}})
	if err != nil || !strings.Contains(flat(out), "All 4 questions in scope are already answered") {
		t.Errorf("nothing left: err=%v, output:\n%s", err, out)
	}
}

func TestAccessibleRevisitAsksAgainWithEarlierAnswers(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	prev := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[0]}, Notes: "keep me", Evidence: []string{"Old doc"}}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{"4.1": prev})
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true}
	out, err := runLines(t, iv, "", "1", "2", "0", "", "-")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if !strings.Contains(out, "1. ✓ A written record") {
		t.Errorf("earlier answer not pre-selected:\n%s", out)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "[now: keep me; enter keeps it, - clears it]") {
		t.Errorf("earlier notes not shown:\n%s", out)
	}
	got := load(t, c, path).Answers["4.1"]
	if want := (&assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "keep me"}); !cmp.Equal(got, want) {
		t.Errorf("revisited 4.1 = %+v, want %+v", got, want)
	}
}

func TestAccessibleQuickAsksOnlyQuickQuestions(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "quick.yaml")
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Quick: true},
		"Acme", "Dana", "", "Everything", "2", "0", "", // details, role provider, no systems
		"", "0", "", "") // first quick question
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	a := load(t, c, path)
	if a.Profile != assess.ProfileQuick {
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
	if want := "question 1 of " + strconv.Itoa(quick) + ","; !strings.Contains(flat(out), want) {
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
		"",                                                             // assess A.6.1.2 now
		"",                                                             // keep the default: excluded
		"", "   ", "We buy every model from suppliers and build none.", // empty justifications are refused
		"", "y", "0", "", "", // A.6.1.3: assess it now; it applies, nothing met
		"We run a supplier model that this process must cover.") // why it applies
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if n := strings.Count(out, "a justification is required"); n != 2 {
		t.Errorf("empty justifications refused %d times, want 2:\n%s", n, out)
	}
	if !strings.Contains(flat(out), "Does this control apply? Pre-selected from your roles") {
		t.Errorf("applicability default not explained:\n%s", out)
	}
	a := load(t, c, path)
	if got := a.Answers["A.6.1.2"]; got == nil || got.Applicable || got.Justification != "We buy every model from suppliers and build none." {
		t.Errorf("A.6.1.2 = %+v, want excluded with the justification", got)
	}
	if got := a.Answers["A.6.1.3"]; got == nil || !got.Applicable || !got.Assessed || got.Justification != "We run a supplier model that this process must cover." {
		t.Errorf("A.6.1.3 = %+v, want applicable and assessed, with its inclusion justification", got)
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
	io.WriteString(pw, "\n1\n0\nnote\n\n")
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
	broken := []byte("format: 1\ncatalog: iso42001-2023@1.1.0\nanswers:\n  \"4.1\": {met: [nope]}\n")
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
		lines = append([]string{""}, lines...) // assess it now
		lines = append(lines, "0", "note "+q.ID, "evidence "+q.ID)
		if len(met) > 1 {
			lines = append(lines, "0") // the evidence supports every criterion met, as offered
		}
		return lines, met
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
				if _, _, err := assess.LoadFile(path, c); err != nil {
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

// Included controls need a justification too: the interview offers a draft
// to edit, re-asks at once when what is given is thin, and shows criteria
// answered at an earlier question instead of asking them again.
func TestAccessibleInclusionJustificationAndSharedCriteria(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleDeveloper}, nil)
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"A.3"}}
	out, err := runLines(t, iv,
		"",          // A.3.2: assess it now
		"",          // it applies (pre-selected)
		"0", "", "", // nothing met, no notes, no evidence
		"",  // keep the drafted justification: it still holds the gap to fill
		"y", // edit it now
		"Owners of our credit model approve each release under this control.")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	for _, want := range []string{"Answered at 5.3", "Why does A.3.2 apply?", "Applies because we act as developer", "An auditor would not accept this justification for A.3.2"} {
		if !strings.Contains(flat(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	a := load(t, c, path)
	got := a.Answers["A.3.2"]
	if got == nil || !got.Applicable || got.Justification != "Owners of our credit model approve each release under this control." {
		t.Fatalf("A.3.2 = %+v", got)
	}
	for _, id := range got.Met {
		if cr := c.Question("A.3.2").Criterion(id); cr != nil && cr.SameAs != "" {
			t.Errorf("shared criterion %s recorded at A.3.2; it is answered at %s", id, cr.SameAs)
		}
	}
}

// Evidence given at a question goes into the register: a local file is
// hashed on the spot, a plain reference recorded as written, both
// supporting the criteria answered as met.
func TestAccessibleEvidenceGoesIntoTheRegister(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "context.txt"), []byte("context register v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}}
	out, err := runLines(t, iv, "", "1", "0", "", "context.txt, DMS: AIMS/workshop minutes")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	a := load(t, c, path)
	if len(a.Register) != 2 {
		t.Fatalf("register = %+v\n%s", a.Register, out)
	}
	file, ref := a.Register[0], a.Register[1]
	first := c.Question("4.1").Criteria[0].ID
	if file.Location != "context.txt" || len(file.SHA256) != 64 || !slices.Contains(file.Supports, "4.1/"+first) {
		t.Errorf("file item = %+v", file)
	}
	if ref.Location != "DMS: AIMS/workshop minutes" || ref.SHA256 != "" {
		t.Errorf("reference item = %+v", ref)
	}
	if got := a.Answers["4.1"].Evidence; len(got) != 0 {
		t.Errorf("evidence left on the question: %q", got)
	}
	if !strings.Contains(flat(out), "added E-001: context.txt (local file, sha256 ") {
		t.Errorf("output does not say the file was hashed:\n%s", out)
	}
}

// registerLocations lists the register's locations in order.
func registerLocations(a *assess.Answers) []string {
	var out []string
	for _, it := range a.Register {
		out = append(out, it.Location)
	}
	return out
}

// Once the whole assessment is answered, the interview offers the
// consultant's conclusions for the report; they are saved when given.
func TestAccessibleConclusionsAtTheEnd(t *testing.T) {
	c := builtin(t)
	done := map[string]*assess.Answer{}
	for _, q := range c.Questions() {
		if q.ID != "10.2" {
			done[q.ID] = &assess.Answer{Applicable: true, Assessed: true, Met: []string{}, Decided: q.IsControl(), Justification: "Included because our credit model needs it."}
			if !q.IsControl() {
				done[q.ID].Justification = ""
			}
		}
	}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, done)
	out, err := runLines(t, &Interview{Catalog: c, Path: path},
		"", "0", "", "", // 10.2: nothing met
		"y",                                      // add conclusions
		"Good **foundations**; records missing.", // executive commentary
		"- Impact assessments are not kept",      // findings
		"No live systems were sampled.")          // limitations
	if err != nil && !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v\n%s", err, out)
	}
	if !strings.Contains(flat(out), "Add your conclusions for the report now?") {
		t.Fatalf("conclusions not offered:\n%s", out)
	}
	a := load(t, c, path)
	if a.Commentary.Executive != "Good **foundations**; records missing." ||
		!cmp.Equal(a.Commentary.Findings, []string{"Impact assessments are not kept"}) ||
		a.Engagement.Limitations != "No live systems were sampled." {
		t.Errorf("conclusions = %+v / %+v", a.Commentary, a.Engagement)
	}
}
