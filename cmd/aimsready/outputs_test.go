package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const exampleAnswers = "../../testdata/examples/answers.yaml"

// -o onto what is not a regular file or a new path never renames over it:
// devices and pipes are written as streams, a directory is refused.
func TestReportOutputSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	rd, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	// Drain the pipe while the report is written (it is larger than a
	// pipe's buffer); the reader never blocks, so a replaced pipe fails.
	written, got := make(chan struct{}), make(chan []byte)
	go func() {
		var all []byte
		buf := make([]byte, 1<<16)
		for {
			n, err := rd.Read(buf)
			all = append(all, buf[:n]...)
			select {
			case <-written:
				if n == 0 && err != nil {
					got <- all
					return
				}
			default:
				if n == 0 {
					time.Sleep(time.Millisecond)
				}
			}
		}
	}()
	checkRun(t, []string{"report", exampleAnswers, "-o", fifo}, 0, "wrote "+fifo)
	close(written)
	if st, _ := os.Lstat(fifo); st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced by %v", st.Mode())
	}
	if data := <-got; !bytes.HasPrefix(data, []byte("# ")) || !bytes.Contains(data, []byte("readiness estimate")) {
		t.Errorf("the pipe got %d bytes: %.80q", len(data), data)
	}
	if os.Geteuid() == 0 {
		null := filepath.Join(dir, "null.md")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
			checkRun(t, []string{"report", exampleAnswers, "-o", null}, 0, "wrote "+null)
			if st, _ := os.Lstat(null); st.Mode()&os.ModeCharDevice == 0 {
				t.Errorf("the device was replaced by %v", st.Mode())
			}
			checkRun(t, []string{"init", "-o", null}, 0, "wrote "+null)
		}
	}
	sub := filepath.Join(dir, "sub.md")
	os.Mkdir(sub, 0o755)
	checkRun(t, []string{"report", exampleAnswers, "-o", sub}, 2, sub+": is a directory")
}

// -o - writes to standard output.
func TestReportOutputDash(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"report", exampleAnswers, "-o", "-", "--format", "csv"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "rank,") && !strings.HasPrefix(stdout.String(), `"rank"`) {
		t.Errorf("stdout %.80q", stdout.String())
	}
}

// The custom catalog in use is protected like the answers file.
func TestOutputNeverOverwritesTheCatalog(t *testing.T) {
	dir := t.TempDir()
	cat := filepath.Join(dir, "catalog.yaml")
	var out, errb bytes.Buffer
	if code := Main([]string{"catalog", "export"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatal(errb.String())
	}
	os.WriteFile(cat, out.Bytes(), 0o644)
	answers := filepath.Join(dir, "a.yaml")
	checkRun(t, []string{"--catalog", cat, "init", "-o", answers}, 0, "wrote")
	checkRun(t, []string{"--catalog", cat, "report", answers, "--format", "md", "-o", cat}, 2, "refusing to write the report over the catalog in use")
	checkRun(t, []string{"--catalog", cat, "init", "--force", "-o", cat}, 2, "refusing to write the answers file over the catalog in use")
	if data, _ := os.ReadFile(cat); !bytes.Equal(data, out.Bytes()) {
		t.Error("the catalog was overwritten")
	}
}

// A file name of 250 bytes is written (the temp name must fit in 255).
func TestReportLongFileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), strings.Repeat("r", 246)+".md")
	checkRun(t, []string{"report", exampleAnswers, "-o", path}, 0, "wrote")
	checkRun(t, []string{"report", exampleAnswers, "-o", path}, 0, "wrote")
}

// Standard output that is not a terminal gets a PDF or workbook byte for
// byte, the same as -o FILE: the text filter for terminals must not touch
// it (it once turned a workbook's binary bytes into U+FFFD).
func TestReportBinaryToPipe(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"pdf", "xlsx"} {
		file := filepath.Join(dir, "report."+format)
		checkRun(t, []string{"report", exampleAnswers, "-o", file}, 0, "wrote "+file)
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"--format", format}, {"--format", format, "-o", "-"}} {
			var out, errb bytes.Buffer
			if code := Main(append([]string{"report", exampleAnswers}, args...), strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("%v: exit %d\n%s", args, code, errb.String())
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%v: standard output (%d bytes, %.8q) differs from the file (%d bytes)", args, out.Len(), out.Bytes(), len(want))
			}
		}
	}
	if _, err := zip.OpenReader(filepath.Join(dir, "report.xlsx")); err != nil {
		t.Errorf("the workbook is not a zip: %v", err)
	}
}
