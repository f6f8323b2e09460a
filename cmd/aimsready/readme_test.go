package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMECISteps keeps the README's CI snippets honest: every aimsready
// step they show is run by testdata/script/ci.txtar (which checks its exit
// code and JUnit file), with the answers file name the tool writes by
// default, and the tool is built from the checked-out repository.
func TestREADMECISteps(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "\n## In CI\n")
	if start < 0 {
		t.Fatal("README has no '## In CI' section")
	}
	section = section[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	script, err := os.ReadFile("../../testdata/script/ci.txtar")
	if err != nil {
		t.Fatal(err)
	}
	run := map[string]bool{}
	step := regexp.MustCompile(`^(?:exits \d+|exec|! exec) (aimsready .*)$`)
	for _, line := range strings.Split(string(script), "\n") {
		if m := step.FindStringSubmatch(line); m != nil {
			run[m[1]] = true
		}
	}

	if regexp.MustCompile(`(?m)^\s*(- )?(run: )?go install .*@latest`).MatchString(section) {
		t.Error("the CI snippets must build the tool from the repository, not go install ...@latest")
	}
	if strings.Count(section, "go build -o bin/aimsready ./cmd/aimsready") != 2 {
		t.Error("both CI snippets should build the tool with 'go build -o bin/aimsready ./cmd/aimsready'")
	}
	// Shell plumbing around a step that the script does with its own
	// commands (stdout checks) instead.
	plumbing := regexp.MustCompile(`\s*(>>?\s*("\$GITHUB_STEP_SUMMARY"|\S+)|\|\|\s*true)\s*$`)
	steps := 0
	for _, line := range strings.Split(section, "\n") {
		i := strings.Index(line, "bin/aimsready ")
		if i < 0 || strings.Contains(line, "go build") {
			continue
		}
		cmd := line[i:]
		for stripped := plumbing.ReplaceAllString(cmd, ""); stripped != cmd; stripped = plumbing.ReplaceAllString(cmd, "") {
			cmd = stripped
		}
		cmd = strings.TrimPrefix(cmd, "bin/")
		steps++
		if !run[cmd] {
			t.Errorf("README CI step %q is not run by testdata/script/ci.txtar", cmd)
		}
		if f := strings.Fields(cmd); len(f) < 3 || f[2] != defaultAnswersFile {
			t.Errorf("README CI step %q should score %s, the file aimsready writes by default", cmd, defaultAnswersFile)
		}
	}
	if steps < 4 {
		t.Errorf("found %d aimsready steps in the README's CI snippets, want at least 4", steps)
	}
}
