package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unsafeOutput lists what must never reach a terminal from a file.
var unsafeOutput = []string{"\x1b", "\a", "\r", "\u202e", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\U000E0041"}

func runNeutral(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	for _, bad := range unsafeOutput {
		if strings.Contains(out.String()+errb.String(), bad) {
			t.Errorf("%v: output contains %q:\nstdout: %q\nstderr: %q", args, bad, out.String(), errb.String())
		}
	}
	return out.String(), errb.String(), code
}

// Every string from a file reaches the terminal neutralised: answer keys,
// a CR in the organisation, custom catalog titles and ids, file names.
func TestTerminalOutputIsNeutralised(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A key with an OSC 8 link, clear-screen and BEL, in a file of an older
	// catalog version (whose unknown keys are kept and listed).
	key := write("key.yaml", "format: 1\ncatalog: iso42001-2023@0.9.0\nanswers:\n  \"\\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\\\e[2J\\a\\u200e\": {met: []}\n")
	_, stderr, code := runNeutral(t, "validate", key)
	if code != 2 || !strings.Contains(stderr, "contains the control character U+001B") {
		t.Errorf("key: exit %d\n%s", code, stderr)
	}

	// A CR and line breaks in the organisation cannot forge score lines.
	org := write("org.yaml", "format: 1\ncatalog: iso42001-2023@1.1.0\norganization: \"Acme\\rOverall  100.0 / 100\\nVerdict  Ready\\u200f\"\n")
	stdout, _, code := runNeutral(t, "score", org)
	if code != 0 || strings.Count(stdout, "\nOverall ") != 1 || strings.Contains(stdout, "\nVerdict  Ready") {
		t.Errorf("org: exit %d, stdout:\n%s", code, stdout)
	}

	// Invisible characters in a custom catalog's title.
	var cat bytes.Buffer
	Main([]string{"catalog", "export"}, strings.NewReader(""), &cat, &bytes.Buffer{})
	src := strings.Replace(cat.String(), "\ntitle: ", "\ntitle: \"\\u200eA\\u200bB\\u061c\\ufeff\" # ", 1)
	catPath := write("cat.yaml", src)
	stdout, stderr, code = runNeutral(t, "--catalog", catPath, "version")
	if code != 0 || !strings.Contains(stdout, "(AB)") {
		t.Errorf("catalog title: exit %d\n%s%s", code, stdout, stderr)
	}
	runNeutral(t, "--catalog", catPath, "catalog", "list")

	// A file name with an escape sequence, in the error and in the hint;
	// one with a line break cannot forge a line of its own.
	_, stderr, _ = runNeutral(t, "validate", filepath.Join(dir, "x\x1b[2J\u202e.yaml"))
	if !strings.Contains(stderr, "no such file") {
		t.Errorf("file name: %s", stderr)
	}
	_, stderr, _ = runNeutral(t, "validate", filepath.Join(dir, "x\naimsready: ok.yaml"))
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "aimsready: ok") {
			t.Errorf("a forged line: %q", stderr)
		}
	}
}

// init --org refuses what the answers file could not load again.
func TestInitOrgIsChecked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	checkRun(t, []string{"init", "--org", "Acme\x1b[2J\u202e", "-o", path}, 2, "--org contains the control character U+001B")
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written")
	}
	checkRun(t, []string{"init", "--org", "Acme\u200e GmbH", "-o", path}, 0, "wrote")
}

// JSON outputs keep invisible characters as data but spell them as \u
// escapes, so a terminal or viewer showing the file is not reordered.
func TestJSONOutputsEscapeInvisible(t *testing.T) {
	dir := t.TempDir()
	org := "Acme\u200e GmbH \u05d0\u200f\u200b\U000E0041"
	path := filepath.Join(dir, "a.yaml")
	src := "format: 1\ncatalog: iso42001-2023@1.1.0\norganization: \"Acme\\u200e GmbH \u05d0\\u200f\\u200b\\U000E0041\"\ndate: 2026-05-04\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"score", path, "--format", "json"},
		{"report", path, "--format", "json"},
		{"plan", path, "--format", "json"},
		{"report", path, "--format", "oscal"},
		{"evidence", "list", path, "--format", "json"},
	} {
		stdout, stderr, _ := runNeutral(t, args...)
		if !json.Valid([]byte(stdout)) {
			t.Errorf("%v: not JSON: %s\n%s", args, stdout, stderr)
			continue
		}
		if args[0] == "evidence" {
			continue // the register is empty: nothing names the organisation
		}
		if !strings.Contains(stdout, `Acme\u200e GmbH א\u200f\u200b\udb40\udc41`) {
			t.Errorf("%v: the organisation is not escaped:\n%.600s", args, stdout)
		}
		var doc any
		json.Unmarshal([]byte(stdout), &doc)
		if !strings.Contains(fmt.Sprint(doc), org) {
			t.Errorf("%v: the organisation does not decode as it was loaded", args)
		}
	}
}
