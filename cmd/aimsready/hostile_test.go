package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHostileInputs feeds every broken and hostile file in
// testdata/hostile to the CLI and checks the exit code and the message:
// never a panic, never a stack trace, always the file's name and place.
func TestHostileInputs(t *testing.T) {
	dir := "../../testdata/hostile"
	f, err := os.Open(filepath.Join(dir, "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			t.Fatalf("cases.txt: malformed line %q", line)
		}
		file, command := fields[0], fields[1]
		code, _ := strconv.Atoi(fields[2])
		path := filepath.Join(dir, file)
		want := strings.ReplaceAll(strings.Join(fields[3:], " "), "{}", path)
		args := []string{"validate", path}
		if command == "lint" {
			args = []string{"catalog", "lint", path}
		}
		n++
		t.Run(file, func(t *testing.T) {
			checkRun(t, args, code, want)
		})
	}
	if n < 30 {
		t.Errorf("only %d hostile cases ran", n)
	}
}

// Inputs that cannot live in the repository: a file far over the size
// limit, a missing file, a directory, an unreadable file.
func TestHostileGeneratedInputs(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	data := bytes.Repeat([]byte("# padding padding padding padding padding padding\n"), 200_000)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkRun(t, []string{"validate", big}, 2, big+": file is 10000000 bytes, larger than the 4 MiB limit for an answers file")
	checkRun(t, []string{"score", filepath.Join(dir, "missing.yaml")}, 2, "missing.yaml: no such file or directory")
	checkRun(t, []string{"validate", dir}, 2, dir+": is a directory, not an answers file")
	checkRun(t, []string{"catalog", "lint", dir}, 2, dir+": is a directory, not a catalog file")
	checkRun(t, []string{"--catalog", big, "version"}, 2, "larger than the 8 MiB limit")
	// Devices are read only up to the limit: this must end at once.
	if _, err := os.Stat("/dev/zero"); err == nil {
		done := make(chan bool)
		go func() {
			checkRun(t, []string{"validate", "/dev/zero"}, 2, "/dev/zero: file is more than 4,194,304 bytes, larger than the 4 MiB limit for an answers file")
			checkRun(t, []string{"--catalog", "/dev/zero", "version"}, 2, "larger than the 8 MiB limit for a catalog file")
			close(done)
		}()
		select { // a hang guard, not a speed check
		case <-done:
		case <-time.After(time.Minute):
			t.Fatal("validate /dev/zero reads forever")
		}
	}
	// Thousands of problems: the first of each kind, then a count.
	var many strings.Builder
	many.WriteString("format: 1\ncatalog: iso42001-2023@1.1.0\nanswers:\n")
	for i := 0; i < 20_000; i++ {
		many.WriteString("  \"X." + strconv.Itoa(i) + "\": {}\n")
	}
	manyPath := filepath.Join(dir, "many.yaml")
	os.WriteFile(manyPath, []byte(many.String()), 0o644)
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"validate", manyPath}, strings.NewReader(""), &stdout, &stderr); code != 2 || stderr.Len() > 10_000 ||
		!strings.Contains(stderr.String(), "20000 problems") || !strings.Contains(stderr.String(), "... and 19,980 more of the same kind as "+manyPath+":4") {
		t.Errorf("many problems: exit %d, %d bytes on stderr:\n%.3000s", code, stderr.Len(), stderr.String())
	}
	if os.Geteuid() != 0 { // root reads anything
		locked := filepath.Join(dir, "locked.yaml")
		os.WriteFile(locked, []byte("format: 1\n"), 0o000)
		checkRun(t, []string{"validate", locked}, 2, locked+": permission denied")
	}
}

func checkRun(t *testing.T, args []string, wantCode int, want string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	if code != wantCode {
		t.Errorf("%v: exit %d, want %d\nstderr: %s", args, code, wantCode, stderr.String())
	}
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("%v: stderr lacks %q:\n%s", args, want, stderr.String())
	}
	for _, bad := range []string{"panic", "goroutine ", "\x1b", "runtime error"} {
		if strings.Contains(stderr.String()+stdout.String(), bad) {
			t.Errorf("%v: output contains %q:\n%s", args, bad, stderr.String())
		}
	}
}

// TestHostileCIViews: whatever an answers file holds, the CI views stay
// well-formed: JUnit parses as XML (with one error case when the file is
// refused), every GitHub annotation is one line, and OSCAL is JSON. The
// exit code is the one validate gives.
func TestHostileCIViews(t *testing.T) {
	dir := "../../testdata/hostile"
	data, err := os.ReadFile(filepath.Join(dir, "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 3 || strings.HasPrefix(fields[0], "#") || fields[1] != "validate" {
			continue
		}
		path := filepath.Join(dir, fields[0])
		code, _ := strconv.Atoi(fields[2])
		t.Run(fields[0], func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := Main([]string{"score", path, "--format", "junit"}, strings.NewReader(""), &stdout, &stderr); got != code {
				t.Fatalf("junit: exit %d, want %d", got, code)
			}
			var suites struct {
				Errors int `xml:"errors,attr"`
			}
			if err := xml.Unmarshal(stdout.Bytes(), &suites); err != nil {
				t.Fatalf("junit is not well-formed XML: %v\n%s", err, stdout.String())
			}
			if (code == 2) != (suites.Errors == 1) {
				t.Errorf("exit %d with %d JUnit errors", code, suites.Errors)
			}
			for _, args := range [][]string{{"score", path, "--format", "github"}, {"validate", path, "--format", "github"}} {
				stdout.Reset()
				if got := Main(args, strings.NewReader(""), &stdout, &stderr); got != code {
					t.Errorf("%v: exit %d, want %d", args, got, code)
				}
				for _, l := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
					if code == 2 && !strings.HasPrefix(l, "::") {
						t.Errorf("%v: a line that is not an annotation: %q", args, l)
					}
				}
			}
			if code == 0 {
				stdout.Reset()
				if got := Main([]string{"report", path, "--format", "oscal"}, strings.NewReader(""), &stdout, &stderr); got != 0 && got != 2 {
					t.Errorf("oscal: exit %d", got)
				} else if got == 0 && !json.Valid(stdout.Bytes()) {
					t.Error("oscal output is not JSON")
				}
			}
			if strings.Contains(stdout.String(), "\x1b") {
				t.Error("an escape character reached the output")
			}
		})
	}
}
