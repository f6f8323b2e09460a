package main

import (
	"bytes"
	"context"
	"os"
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
	bin := buildAimsready(t)
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

// buildAimsready builds the binary into the test's temporary folder.
func buildAimsready(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "aimsready")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// A PDF or workbook is not written to a terminal: the command says how to
// write it to a file instead. An explicit -o - still writes it there.
func TestReportRefusesBinaryOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("util-linux script is not installed")
	}
	bin := buildAimsready(t)
	answers, err := filepath.Abs(exampleAnswers)
	if err != nil {
		t.Fatal(err)
	}
	errFile := filepath.Join(t.TempDir(), "stderr")
	tests := []struct {
		args     string
		code     string
		stderr   string
		terminal string // on the terminal: the start of the PDF, or nothing
	}{
		{"--format pdf", "rc=2", "refusing to write a PDF to the terminal\nhint: write it to a file: '" + bin + " report " + answers + " -o report.pdf'", ""},
		{"--format xlsx", "rc=2", "refusing to write an Excel workbook to the terminal\nhint: write it to a file: '" + bin + " report " + answers + " -o report.xlsx'", ""},
		{"--summary --format pdf", "rc=2", "hint: write it to a file: '" + bin + " report " + answers + " --summary -o report.pdf'", ""},
		{"--format pdf -o -", "rc=0", "", "%PDF-"},
		{"--format md", "rc=0", "", "# ISO/IEC 42001"},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			line := shellQuote(bin) + " report " + shellQuote(answers) + " " + tt.args + " 2>" + shellQuote(errFile) + "; echo rc=$?"
			cmd := exec.CommandContext(ctx, script, "-qc", line, "/dev/null")
			cmd.Env = append(cmd.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%v: %v\n%q", cmd.Args, err, out)
			}
			stderr, _ := os.ReadFile(errFile)
			if !bytes.Contains(out, []byte(tt.code)) || !bytes.Contains(stderr, []byte(tt.stderr)) {
				t.Errorf("want %s and stderr with %q; got %.200q\nstderr: %s", tt.code, tt.stderr, out, stderr)
			}
			if tt.terminal == "" && bytes.Contains(out, []byte("%PDF")) || !bytes.Contains(out, []byte(tt.terminal)) {
				t.Errorf("the terminal got %.200q, want %q", out, tt.terminal)
			}
		})
	}
}
