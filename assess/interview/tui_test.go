package interview

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

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
	d.wait("Assess it now")
	d.keys(keyEnter)
	d.wait("x toggle")
	d.keys("x", keyDown, keyDown, " ")
	d.wait("[•] For each AI system")
	d.keys(keyEnter)
	d.wait("new line") // the notes field has the focus
	d.keys("Register owned by the CRO")
	d.wait("Register owned by the CRO")
	d.keys(keyEnter)
	d.wait("enter submit") // the evidence field, the last of the page
	d.keys("Context register v1, workshop minutes")
	d.wait("workshop minutes")
	d.keys(keyEnter)
	// Two criteria met: asked what each item supports, both ticked.
	d.wait("Which of these does “Context register v1” support?")
	d.keys(keyEnter)
	d.wait("Which of these does “workshop minutes” support?")
	d.keys(keyEnter)
	d.wait("question 2 of 4 · 25% done")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want ErrInterrupted", err)
	}
	a := load(t, c, path)
	ids := c.Question("4.1").CriterionIDs()
	want := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[0], ids[2]}, Notes: "Register owned by the CRO"}
	// The evidence given went into the register, supporting what was met.
	if got := registerLocations(a); !cmp.Equal(got, []string{"Context register v1", "workshop minutes"}) {
		t.Errorf("register = %q", got)
	}
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
	d.wait("Assess it now")
	d.keys(keyEnter)
	d.wait("Does this control apply?")
	d.keys(keyEnter) // keep the pre-selection: excluded, as it concerns developers
	d.wait("Why does A.6.1.2 not apply?")
	d.keys(keyEnter) // empty: refused
	d.wait("a justification is required")
	d.keys("We buy every model from suppliers and build none ourselves.")
	d.wait("ourselves.")
	d.keys(keyEnter)
	d.wait("question 2 of 9")
	d.wait("Assess it now")
	d.keys("y") // assess it now
	d.wait("Does this control apply?")
	d.keys("y") // applies, and on to the criteria
	d.wait("x toggle")
	d.keys(keyEsc)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v, want ErrInterrupted", err)
	}
	a := load(t, c, path)
	if got := a.Answers["A.6.1.2"]; got == nil || got.Applicable || got.Justification != "We buy every model from suppliers and build none ourselves." {
		t.Errorf("A.6.1.2 = %+v, want excluded with justification", got)
	}
	if isAssessed(a, "A.6.1.3") {
		t.Errorf("A.6.1.3 recorded although Esc came before its criteria")
	}
}

func TestTUIRevisitPreselectsEarlierAnswer(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	prev := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: "earlier note"}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{"4.1": prev})
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("Assess it now")
	d.keys(keyEnter)
	d.wait("[•] The intended purpose")
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
	d.wait("YYYY-MM-DD") // the date, today's by default
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
