//go:build unix

package assess

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hashWithin runs HashFile in a goroutine so a regression that blocks (on
// a FIFO, or reading /dev/zero forever) fails the test instead of hanging
// it. The deadline is generous on purpose: it is no timing assertion.
func hashWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, _, err := HashFile(path)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(60 * time.Second):
		t.Fatalf("HashFile(%s) did not return: it must refuse anything but a regular file at once", path)
		return nil
	}
}

func TestHashFileRefusesAtOnce(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want FileProblem
		msg  string
	}{
		{fifo, FileNotRegular, "is a FIFO (named pipe), not a regular file"},
		{dir, FileNotRegular, "is a directory, not a regular file"},
		{"/dev/zero", FileNotRegular, "is a character device, not a regular file"},
		{loop, FileLoop, "is a symbolic link loop"},
		{filepath.Join(dir, "missing.pdf"), FileMissing, "missing.pdf does not exist"},
	}
	for _, tt := range tests {
		err := hashWithin(t, tt.path)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Problem != tt.want || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want %s (%q)", tt.path, err, tt.want, tt.msg)
		}
	}
}

func TestHashFileFollowsLinkToRegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	sum, n, err := HashFile(filepath.Join(dir, "link"))
	if err != nil || n != 3 || sum != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("sha256(abc) through a link: %s, %d, %v", sum, n, err)
	}
}

// A 1 GiB sparse file hashes in bounded memory: what is allocated while
// hashing does not grow with the file.
func TestHashSparseFileBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 1 GiB; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "sparse.bin")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	f.Close()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sum, n, err := HashFile(path)
	runtime.ReadMemStats(&after)
	if err != nil || n != 1<<30 {
		t.Fatalf("%d bytes, %v", n, err)
	}
	if sum != "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14" {
		t.Errorf("sha256 of 1 GiB of zeros: %s", sum)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("hashing 1 GiB allocated %d bytes", alloc)
	if alloc > 4<<20 {
		t.Errorf("hashing 1 GiB allocated %d bytes; the read buffer is 64 KiB", alloc)
	}
}

// writeEvidence creates a file under dir and returns its register item.
func writeEvidence(t *testing.T, dir, name, content string, supports ...string) *EvidenceItem {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, _, err := HashFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return &EvidenceItem{Location: LocationFor(filepath.Join(dir, "answers.yaml"), p), SHA256: sum, Status: EvidenceReviewed, Supports: supports}
}

func TestCheckEvidence(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	a := New(c, "x", fixedDay, ProfileFull)
	for _, it := range []*EvidenceItem{
		writeEvidence(t, dir, "docs/policy.pdf", "policy v1", "5.2/policy-documented"),
		writeEvidence(t, dir, "minutes.pdf", "minutes", "9.3.3/results-recorded"),
	} {
		if _, err := AddEvidence(a, c, *it); err != nil {
			t.Fatal(err)
		}
	}
	if a.Register[0].Location != "docs/policy.pdf" {
		t.Fatalf("location %q, want it relative to the answers file", a.Register[0].Location)
	}
	ch := CheckEvidence(answers, a, c, "2026-11-22")
	if !ch.OK() || ch.Verified != 2 || ch.Files != 2 {
		t.Fatalf("fresh files: %+v", ch)
	}

	// One byte changed: the check fails naming the item and both hashes.
	if err := os.WriteFile(filepath.Join(dir, "docs", "policy.pdf"), []byte("policy v2"), 0o644); err != nil {
		t.Fatal(err)
	}
	ch = CheckEvidence(answers, a, c, "2026-11-22")
	if len(ch.Problems) != 1 || ch.Problems[0].ID != "E-001" || ch.Problems[0].Kind != "changed" ||
		!strings.Contains(ch.Problems[0].Detail, "no longer matches the SHA-256 the register holds ("+a.Register[0].SHA256[:12]) {
		t.Errorf("changed file: %+v", ch.Problems)
	}

	// Deleted: missing, naming where it was looked for.
	if err := os.Remove(filepath.Join(dir, "minutes.pdf")); err != nil {
		t.Fatal(err)
	}
	ch = CheckEvidence(answers, a, c, "2026-11-22")
	if len(ch.Problems) != 2 || ch.Problems[1].ID != "E-002" || ch.Problems[1].Kind != "missing" ||
		!strings.Contains(ch.Problems[1].Detail, filepath.Join(dir, "minutes.pdf")) {
		t.Errorf("deleted file: %+v", ch.Problems)
	}

	// Rehash records the new version and takes back the review.
	done, err := RehashEvidence(a, answers, []string{"E-001"})
	if err != nil || !done[0].Changed || !done[0].Unreviewed || a.Register[0].Status != EvidenceReceived {
		t.Errorf("rehash: %+v, %v", done, err)
	}
	if _, err := RehashEvidence(a, answers, nil); err == nil || !strings.Contains(err.Error(), "E-002") {
		t.Errorf("rehash of a missing file: %v", err)
	}

	// Past valid-until fails; within 30 days warns.
	b := New(c, "x", fixedDay, ProfileFull)
	b.Register = []*EvidenceItem{{ID: "E-1", Location: "DMS: x", ValidUntil: "2026-12-01", Status: EvidenceReviewed}}
	if ch := CheckEvidence(answers, b, c, "2026-11-22"); !ch.OK() || len(ch.Warnings) != 1 || ch.Warnings[0].Kind != "expiring" {
		t.Errorf("expiring: %+v", ch)
	}
	if ch := CheckEvidence(answers, b, c, "2026-12-02"); ch.OK() || ch.Problems[0].Kind != "expired" ||
		!strings.Contains(ch.Problems[0].Detail, "valid until 2026-12-01, 1 day before 2026-12-02") {
		t.Errorf("expired: %+v", ch.Problems)
	}
}
