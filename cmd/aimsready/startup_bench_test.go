package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkStartup runs the release binary (built as `make build` builds it)
// as a separate process, interleaved with a Go hello-world built the same
// way, and reports each command's time and its ratio to hello-world
// ("x-hello"; the goal for `score --format json` is at most 2.5). Alternating
// the two runs keeps a busy machine from skewing the ratio. It reports and
// never asserts: timings belong in CONTRIBUTING.md, not in a pass/fail test.
//
//	go test ./cmd/aimsready -run '^$' -bench Startup -benchtime 200x
func BenchmarkStartup(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("needs the go command to build the binaries")
	}
	dir := b.TempDir()
	hello := filepath.Join(dir, "hello")
	if err := os.WriteFile(filepath.Join(dir, "hello.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, "aimsready")
	releaseBuild(b, dir, hello, "hello.go")
	releaseBuild(b, ".", bin, ".")
	example, err := filepath.Abs(filepath.Join(examples, "answers.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"version", []string{"version"}},
		{"score-json", []string{"score", example, "--format", "json"}},
		{"score-text", []string{"score", example}},
		{"report-md", []string{"report", example, "-o", filepath.Join(dir, "r.md")}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var own, base []time.Duration
			for b.Loop() {
				base = append(base, runOnce(b, hello))
				own = append(own, runOnce(b, bin, bc.args...))
			}
			// Medians, not means: on a shared machine a few runs wait
			// for a core and would dominate a mean.
			mo, mb := median(own), median(base)
			b.ReportMetric(float64(mo.Microseconds())/1000, "ms/run")
			b.ReportMetric(float64(mb.Microseconds())/1000, "hello-ms/run")
			b.ReportMetric(float64(mo)/float64(mb), "x-hello")
		})
	}
}

func median(ds []time.Duration) time.Duration {
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func releaseBuild(b *testing.B, dir, out, pkg string) {
	b.Helper()
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
}

// runOnce runs a command to completion and returns its wall time.
func runOnce(b *testing.B, name string, args ...string) time.Duration {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %v: %v", name, args, err)
	}
	return time.Since(start)
}
