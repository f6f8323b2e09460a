package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

const examples = "../../testdata/examples"

// TestGoldenOutputs pins every score and diff format of the example
// assessment byte for byte: CI jobs and scripts depend on these outputs.
func TestGoldenOutputs(t *testing.T) {
	now := filepath.Join(examples, "answers.yaml")
	before := filepath.Join(examples, "answers-2026-08.yaml")
	tests := []struct {
		golden string
		args   []string
		code   int
	}{
		{"score.txt", []string{"score", now}, 0},
		{"score.json", []string{"score", now, "--format", "json"}, 0},
		{"score.junit.xml", []string{"score", now, "--format", "junit"}, 0},
		{"score-gates.junit.xml", []string{"score", now, "--format", "junit", "--fail-under", "70", "--fail-on-blockers"}, 1},
		{"score-gates.github.txt", []string{"score", now, "--format", "github", "--fail-under", "70", "--fail-on-blockers"}, 1},
		{"score.md", []string{"score", now, "--format", "markdown"}, 0},
		{"diff.txt", []string{"diff", before, now}, 0},
		{"diff.json", []string{"diff", before, now, "--format", "json"}, 0},
		{"diff.md", []string{"diff", before, now, "--format", "markdown"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(tt.args, strings.NewReader(""), &stdout, &stderr); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			// Paths differ between machines; goldens hold them relative.
			got := strings.ReplaceAll(stdout.String(), examples+"/", "")
			path := filepath.Join("../../testdata/golden", tt.golden)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run 'go test ./cmd/aimsready -update' to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s differs (-golden +got); if the change is intended, run with -update:\n%s", tt.golden, diff)
			}
		})
	}
}
