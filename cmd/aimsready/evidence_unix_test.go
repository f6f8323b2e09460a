//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkfifo makes a named pipe for the scripts: mkfifo NAME.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo NAME")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o600))
}

// evidence add refuses a FIFO, a directory, a device and a symbolic link
// loop with exit 2, and leaves the answers file as it was. Each run has a
// generous deadline only so that a regression hangs no CI job; it is not a
// timing assertion.
func TestEvidenceAddRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	var out, errb bytes.Buffer
	if code := Main([]string{"init", "-o", answers, "--date", "2026-11-22"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("init: %d %s", code, errb.String())
	}
	before, _ := os.ReadFile(answers)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, msg string }{
		{fifo, "is a FIFO (named pipe), not a regular file"},
		{dir, "is a directory, not a regular file"},
		{"/dev/zero", "is a character device, not a regular file"},
		{loop, "is a symbolic link loop"},
	} {
		var stdout, stderr bytes.Buffer
		done := make(chan int, 1)
		go func() {
			done <- Main([]string{"evidence", "add", answers, tt.path, "--supports", "5.2/communicated"}, strings.NewReader(""), &stdout, &stderr)
		}()
		select {
		case code := <-done:
			if code != exitBadInput || !strings.Contains(stderr.String(), tt.msg) {
				t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tt.path, code, stderr.String(), tt.msg)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("evidence add %s did not return: it must refuse at once", tt.path)
		}
	}
	if after, _ := os.ReadFile(answers); !bytes.Equal(before, after) {
		t.Error("a refused add changed the answers file")
	}
}
