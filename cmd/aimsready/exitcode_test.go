package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes pins the documented exit codes: 0 ok, 1 a gate failed,
// 2 bad input or usage, 130 interrupted.
func TestExitCodes(t *testing.T) {
	example := filepath.Join(examples, "answers.yaml")
	dir := t.TempDir()
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  int
	}{
		{"ok", []string{"score", example}, "", 0},
		{"gate under", []string{"score", example, "--fail-under", "90"}, "", 1},
		{"gate blockers", []string{"score", example, "--fail-on-blockers"}, "", 1},
		{"gate regression", []string{"diff", example, filepath.Join(examples, "answers-2026-08.yaml"), "--fail-on-regression"}, "", 1},
		{"bad input", []string{"validate", filepath.Join(dir, "missing.yaml")}, "", 2},
		{"bad usage", []string{"score", example, "--fail-under", "-1"}, "", 2},
		{"unknown flag", []string{"score", "--nope"}, "", 2},
		{"no terminal", []string{"assess", "--answers", filepath.Join(dir, "a.yaml")}, "", 2},
		{"interrupted", []string{"assess", "--accessible", "--answers", filepath.Join(dir, "b.yaml")}, "Acme\n", 130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := Main(tt.args, strings.NewReader(tt.stdin), &stdout, &stderr); got != tt.want {
				t.Errorf("exit %d, want %d\nstderr: %s", got, tt.want, stderr.String())
			}
		})
	}
}
