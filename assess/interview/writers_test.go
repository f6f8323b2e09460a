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
)

// A second interview on a file stops at once, naming the one that has it,
// before asking anything.
func TestSecondInterviewStopsAtOnce(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	lock, err := assess.LockFile(path) // the first interview
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}}, "1", "0", "", "")
	var le *assess.LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("Run = %v, want a LockedError naming this process", err)
	}
	if strings.Contains(out, "4.1") {
		t.Errorf("a question was asked:\n%s", out)
	}
	if a := load(t, c, path); isAssessed(a, "4.1") {
		t.Error("the second interview saved an answer")
	}
}

// A folder where the answers cannot be saved is found before the first
// question, and named.
func TestReadOnlyFolderFoundBeforeAsking(t *testing.T) {
	c := builtin(t)
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o555)
	if os.Geteuid() == 0 {
		dir = "/sys" // permission bits do not stop root; this folder does
		if f, err := os.CreateTemp(dir, "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("no folder root cannot write")
		}
	}
	out, err := runLines(t, &Interview{Catalog: c, Path: filepath.Join(dir, "answers.yaml")}, "Acme", "Dana", "All", "1", "0", "")
	if err == nil || !strings.Contains(err.Error(), "cannot save in folder "+dir) {
		t.Errorf("Run = %v, want the folder named", err)
	}
	if strings.Contains(out, "Organisation") {
		t.Errorf("the interview asked before finding the folder read-only:\n%s", out)
	}
}

// An editor (or another program) saving the file during the interview:
// its change to another question is merged, nothing is lost.
func TestEditDuringInterviewIsMerged(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	out := &syncBuffer{}
	iv := &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Accessible: true, In: pr, Out: out}
	done := make(chan error, 1)
	go func() { done <- iv.Run(context.Background()) }()
	io.WriteString(pw, "\n1\n0\nnote\n\n")
	waitFor(t, out, "Saved 4.1")

	other := load(t, c, path)
	other.Answers["5.2"] = &assess.Answer{Applicable: true, Assessed: true, Met: []string{"communicated"}}
	if err := assess.Save(path, other, c); err != nil {
		t.Fatal(err)
	}
	io.WriteString(pw, "\n0\n\n\n")
	waitFor(t, out, "Saved 4.2")
	pw.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("interview did not end")
	}
	a := load(t, c, path)
	if !isAssessed(a, "4.1") || !isAssessed(a, "4.2") || !isAssessed(a, "5.2") {
		t.Errorf("lost an answer: 4.1 %v, 4.2 %v, 5.2 %v", isAssessed(a, "4.1"), isAssessed(a, "4.2"), isAssessed(a, "5.2"))
	}
	if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), "was changed by another program; its changes (5.2) are kept along with yours") {
		t.Errorf("no merge note:\n%s", out)
	}
}

// What is typed or pasted at a prompt is cleaned so the file always loads
// again: control characters and bidi overrides go, Latin-1 bytes from a
// terminal not set to UTF-8 are read as Latin-1.
func TestTypedTextAlwaysSaves(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "new.yaml")
	_, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}},
		"M\xfcller \x1b[31mAG\u202e", "Dana\a", "", "Scope \x9b with C1", // details
		"3", "0", // roles: user
		"",                                                   // no systems
		"", "1", "0", "\tnote\x1b]0;x\x07", "ev\u202e1, ev2", // 4.1
	)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	a := load(t, c, path)
	if a.Organization != "Müller [31mAG" || a.Assessor != "Dana" || a.Scope != "Scope  with C1" {
		t.Errorf("details %q %q %q", a.Organization, a.Assessor, a.Scope)
	}
	if got := a.Answers["4.1"]; got == nil || got.Notes != "note]0;x" || strings.Join(registerLocations(a), "|") != "ev1|ev2" {
		t.Errorf("4.1 = %+v", got)
	}
}

// --revisit keeps a note as long as a file may hold (the text area must
// not cut it to its own limits).
func TestTUIRevisitKeepsLongNotes(t *testing.T) {
	c := builtin(t)
	ids := c.Question("4.1").CriterionIDs()
	line := strings.Repeat("n", 18) + "\n" // 19 characters
	note := strings.TrimSuffix(strings.Repeat(line, assess.MaxTextLines), "\n")
	if n := len([]rune(note)); n > assess.MaxTextChars {
		t.Fatalf("note of %d characters is over the limit", n)
	}
	prev := &assess.Answer{Applicable: true, Assessed: true, Met: []string{ids[1]}, Notes: note}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{"4.1": prev})
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Revisit: true})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("Assess it now")
	d.keys(keyEnter)
	d.wait("[•] The intended purpose")
	d.keys(keyEnter)
	d.wait("new line")
	d.keys(keyEnter)
	d.wait("enter submit")
	d.keys(keyEnter)
	d.wait("question 2 of 4 · 25% done")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v", err)
	}
	if got := load(t, c, path).Answers["4.1"]; got.Notes != note {
		t.Errorf("note of %d lines came back with %d", assess.MaxTextLines, strings.Count(got.Notes, "\n")+1)
	}
}

// A file that loads but could not be saved again (here: at the size
// limit, and saving adds the question comments) stops the interview before
// the first question, not after the first answer is lost.
func TestUnsaveableFileFoundBeforeAsking(t *testing.T) {
	c := builtin(t)
	var b strings.Builder
	b.WriteString("format: 1\ncatalog: " + c.Ident() + "\norganization: Acme\nassessor: Dana\nscope: All\nroles: [user]\nsystems:\n")
	name := strings.Repeat("s", assess.MaxTextChars)
	for b.Len()+2*len(name)+30 < assess.MaxFileBytes-2000 {
		b.WriteString("  - {name: " + name + ", purpose: " + name + "}\n")
	}
	rest := assess.MaxFileBytes - 1000 - b.Len() - 30 // fill up to 1,000 bytes under the limit
	b.WriteString("  - {name: " + name[:rest/2] + ", purpose: " + name[:rest-rest/2] + "}\n")
	path := filepath.Join(t.TempDir(), "big.yaml")
	os.WriteFile(path, []byte(b.String()), 0o644)
	if _, _, err := assess.LoadFile(path, c); err != nil {
		t.Fatalf("the file must load: %v", err)
	}
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}}, "1", "0", "", "")
	if err == nil || !strings.Contains(err.Error(), "could not save this file as it is") || !strings.Contains(err.Error(), "over the 4 MiB limit") {
		t.Errorf("Run = %v", err)
	}
	if strings.Contains(out, "4.1") {
		t.Errorf("a question was asked:\n%s", out)
	}
}
