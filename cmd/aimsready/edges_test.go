package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aimsready/aimsready/assess"
)

// /dev/null is a character device but no terminal: assess stops with the
// "needs a terminal" hint, exit 2, and writes nothing.
func TestAssessWithoutTerminal(t *testing.T) {
	in, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer in.Close()
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer out.Close()
	t.Setenv("TERM", "xterm")
	t.Setenv("ACCESSIBLE", "")
	path := filepath.Join(t.TempDir(), "a.yaml")
	var stderr bytes.Buffer
	code := Main([]string{"assess", "--answers", path}, in, out, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "needs a terminal") || !strings.Contains(stderr.String(), "aimsready init") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("an answers file was written")
	}
}

// Closing the terminal (SIGHUP) stops the interview as Ctrl-C does: the
// answers are kept, the resume message printed, exit 129.
func TestAssessSIGHUP(t *testing.T) {
	dir, bin := binaryInTemp(t)
	path := filepath.Join(dir, "a.yaml")
	cmd := exec.Command(bin, "assess", "--accessible", "--answers", path)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	stdin, _ := cmd.StdinPipe()
	var stdout, stderr syncBuf
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	io.WriteString(stdin, "Acme\nDana\n\nAll products\n1\n0\n")
	deadline := time.Now().Add(30 * time.Second) // a hang guard
	for !strings.Contains(stdout.String(), "Saved the assessment details") {
		if time.Now().After(deadline) {
			t.Fatalf("no save; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 129 {
		t.Errorf("exit: %v, want 129; stderr:\n%s", err, stderr.String())
	}
	for _, want := range []string{"The terminal was closed.", "Every answer given so far is saved in " + path, "Resume with:"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "organization: Acme") {
		t.Errorf("answers not kept:\n%s", data)
	}
}

// syncBuf is a buffer the process writes while the test reads it.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// --fail-under takes a number from 0 to 100; NaN once turned the gate off.
func TestFailUnderRange(t *testing.T) {
	for _, v := range []string{"NaN", "nan", "-1", "100.5", "Inf", "-Inf", "1e308"} {
		checkRun(t, []string{"score", exampleAnswers, "--fail-under", v}, 2, "--fail-under must be a number from 0 to 100")
	}
	checkRun(t, []string{"score", exampleAnswers, "--fail-under", "100"}, 1, "gate failed: overall score")
	checkRun(t, []string{"score", exampleAnswers, "--fail-under", "0"}, 0, "")
}

// init --force does not start a file over while an interview holds it.
func TestInitForceRespectsInterviewLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	var stderr bytes.Buffer
	if code := Main([]string{"init", "-o", path, "--org", "Acme", "--date", "2026-05-04"}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr.String())
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := assess.LockFile(path) // an interview in progress
	if err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := Main([]string{"init", "-o", path, "--org", "Other", "--force"}, nil, io.Discard, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "is open in another aimsready interview") {
		t.Errorf("init --force under a lock: exit %d, stderr:\n%s", code, stderr.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("init --force replaced a file an interview holds")
	}
	lock.Unlock()
	stderr.Reset()
	if code := Main([]string{"init", "-o", path, "--org", "Other", "--force"}, nil, io.Discard, &stderr); code != 0 {
		t.Errorf("init --force after the interview: exit %d\n%s", code, stderr.String())
	}
}

// Twelve 'evidence add' processes run at once on one file (a script with
// xargs -P, two terminals): every item they report added is in the file.
func TestParallelEvidenceAddKeepsEveryItem(t *testing.T) {
	dir, bin := binaryInTemp(t)
	path := filepath.Join(dir, "a.yaml")
	var stderr bytes.Buffer
	if code := Main([]string{"init", "-o", path, "--org", "Acme", "--date", "2026-05-04"}, nil, io.Discard, &stderr); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, stderr.String())
	}
	const n = 12
	cmds := make([]*exec.Cmd, n)
	outs := make([]bytes.Buffer, n)
	for i := range cmds {
		cmds[i] = exec.Command(bin, "evidence", "add", path, fmt.Sprintf("DMS: minutes %02d", i), "--reference", "--supports", "4.1/issues-identified")
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("evidence add %d: %v\n%s", i, err, outs[i].String())
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if loc := fmt.Sprintf("DMS: minutes %02d", i); !bytes.Contains(data, []byte(loc)) {
			t.Errorf("%q was reported added but is not in the file", loc)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left beside the answers file: %v", entries)
	}
}

// binaryInTemp returns a temporary folder holding the CLI as "aimsready"
// (this test binary, which testscript.Main runs as the CLI under that
// name), for tests that spawn real processes.
func binaryInTemp(t *testing.T) (dir, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "aimsready")
	if err := os.Symlink(exe, bin); err != nil {
		t.Skip(err)
	}
	return dir, bin
}

// A mistyped command gets one line naming it and a hint naming the one
// meant, not cobra's suggestion folded into the error line.
func TestUnknownCommandSuggests(t *testing.T) {
	var stderr bytes.Buffer
	code := Main([]string{"scores", "a.yaml"}, nil, io.Discard, &stderr)
	want := "aimsready: error: unknown command \"scores\" for \"aimsready\"\nhint: did you mean 'score'? run 'aimsready help' to see the commands\n"
	if code != 2 || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%q\nwant:\n%q", code, stderr.String(), want)
	}
}
