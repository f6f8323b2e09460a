package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestNoTerminalQueriesAtStart runs the real binary in a pseudo-terminal
// that never answers queries. bubbletea's init would otherwise write OSC 11
// and a cursor-position request to every interactive run and wait five
// seconds for the answer; package termquiet must prevent both.
func TestNoTerminalQueriesAtStart(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("util-linux script is not installed")
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "aimsready")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a hang guard, not a speed check
	defer cancel()
	cmd := exec.CommandContext(ctx, script, "-qc", bin+" version", "/dev/null")
	cmd.Env = append(cmd.Environ(), "TERM=xterm-256color")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %v\n%q", cmd.Args, err, out)
	}
	if i := bytes.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("the binary wrote an escape sequence to the terminal at start: %q", out[i:min(len(out), i+12)])
	}
	if !bytes.Contains(out, []byte("aimsready ")) {
		t.Errorf("unexpected output %q", out)
	}
}
