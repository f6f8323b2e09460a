package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNameFrom(t *testing.T) {
	dir := t.TempDir()
	installed := filepath.Join(dir, "gobin", "aimsready")
	other := filepath.Join(dir, "elsewhere", "aimsready")
	for _, p := range []string{installed, other} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	onPath := func(name string) (string, error) {
		if name == "aimsready" {
			return installed, nil
		}
		return "", errors.New("not found")
	}
	notOnPath := func(string) (string, error) { return "", errors.New("not found") }
	for _, tt := range []struct {
		arg0   string
		look   func(string) (string, error)
		want   string
		goRun  bool
		reason string
	}{
		{"aimsready", onPath, "aimsready", false, "found on PATH by name"},
		{"aimsready", notOnPath, "aimsready", false, "a bare name is what the shell ran"},
		{installed, onPath, "aimsready", false, "started by full path, but PATH finds the same file"},
		{other, onPath, other, false, "PATH finds another aimsready: name this one by its path"},
		{"./bin/aimsready", notOnPath, "./bin/aimsready", false, "make build, run from the repository"},
		{"bin/aimsready", notOnPath, "bin/aimsready", false, "a relative path works as typed"},
		{"/tmp/go-build2875/b001/exe/aimsready", onPath, "aimsready", true, "go run"},
		{"/home/u/.cache/tmp/go-build1/b001/exe/aimsready", notOnPath, "aimsready", true, "go run with GOTMPDIR"},
		{"/opt/exe/aimsready", notOnPath, "/opt/exe/aimsready", false, "a folder called exe is not go run"},
		{"", notOnPath, "aimsready", false, "no argv[0]"},
	} {
		got := nameFrom(tt.arg0, tt.look)
		if got.name != tt.want || got.goRun != tt.goRun {
			t.Errorf("%s: nameFrom(%q) = %+v, want name %q goRun %v", tt.reason, tt.arg0, got, tt.want, tt.goRun)
		}
	}
}

func TestNamedRewritesCommandsOnly(t *testing.T) {
	e := &env{prog: progName{name: "./bin/aimsready"}}
	for in, want := range map[string]string{
		"run 'aimsready help' for usage":                         "run './bin/aimsready help' for usage",
		"aimsready: error: x":                                    "aimsready: error: x",
		"wrote aimsready-answers.yaml":                           "wrote aimsready-answers.yaml",
		"re-check with 'aimsready assess --revisit': 6.1.2":      "re-check with './bin/aimsready assess --revisit': 6.1.2",
		"  aimsready report a.yaml -o report.pdf":                "  ./bin/aimsready report a.yaml -o report.pdf",
		"aimsready --catalog c.yaml assess":                      "./bin/aimsready --catalog c.yaml assess",
		"the aimsready authors wrote it":                         "the aimsready authors wrote it",
		"'aimsready catalog list' shows the ids; aimsready init": "'./bin/aimsready catalog list' shows the ids; ./bin/aimsready init",
	} {
		if got := e.named(in); got != want {
			t.Errorf("named(%q) = %q, want %q", in, got, want)
		}
	}
	// A path with spaces is quoted for the shell.
	e = &env{prog: progName{name: "/opt/my tools/aimsready"}}
	if got, want := e.command("init"), "'/opt/my tools/aimsready' init"; got != want {
		t.Errorf("command = %q, want %q", got, want)
	}
}

func TestGoRunBuildSaysHowToInstall(t *testing.T) {
	saved := invocation
	t.Cleanup(func() { invocation = saved })
	invocation = progName{name: "aimsready", goRun: true}
	var stdout, stderr bytes.Buffer
	code := Main([]string{"score", filepath.Join(t.TempDir(), "missing.yaml")}, strings.NewReader(""), &stdout, &stderr)
	if code != exitBadInput {
		t.Fatalf("exit %d", code)
	}
	for _, s := range []string{"hint: create one with 'aimsready init'", "temporary 'go run' build", "go install ./cmd/aimsready", "$(go env GOPATH)/bin"} {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
		}
	}
	// Nothing to type, nothing to install: no note.
	stderr.Reset()
	Main([]string{"version"}, strings.NewReader(""), &stdout, &stderr)
	if strings.Contains(stderr.String(), "go install") {
		t.Errorf("version printed the install note:\n%s", stderr.String())
	}
}

func TestResumeHintRepeatsFlags(t *testing.T) {
	for _, tt := range []struct {
		o    assessOptions
		want string
	}{
		{assessOptions{answers: "aimsready-answers.yaml"}, "assess"},
		{assessOptions{answers: "acme 2026.yaml", sections: []string{"6", "A.7"}, revisit: true}, "assess --answers 'acme 2026.yaml' --section 6 --section A.7 --revisit"},
		{assessOptions{answers: "a.yaml", quick: true}, "assess --answers a.yaml --quick"},
		{assessOptions{answers: "a.yaml", full: true}, "assess --answers a.yaml --full"},
	} {
		if got := strings.Join(assessArgs(tt.o), " "); got != tt.want {
			t.Errorf("assessArgs(%+v) = %q, want %q", tt.o, got, tt.want)
		}
	}
	var b bytes.Buffer
	e := &env{prog: progName{name: "aimsready"}}
	printResume(&b, e, assessOptions{answers: "a.yaml", sections: []string{"A.6"}, revisit: true, accessible: true}, true, "")
	if want := "Resume with:\n  aimsready assess --answers a.yaml --section A.6 --revisit --accessible\n"; !strings.Contains(b.String(), want) {
		t.Errorf("resume hint:\n%s\nwant %q", b.String(), want)
	}
}
