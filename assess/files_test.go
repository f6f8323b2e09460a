package assess

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func newAnswers(t *testing.T, org string) *Answers {
	t.Helper()
	return New(builtin(t), org, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), ProfileFull)
}

// Saving through a symbolic link updates the file it points to and keeps
// the link (the copy in a repository the link points into stays current).
func TestSaveThroughSymlink(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "repo", "answers.yaml")
	os.Mkdir(filepath.Dir(target), 0o755)
	if err := Save(target, newAnswers(t, "Before"), c); err != nil {
		t.Fatal(err)
	}
	os.Chmod(target, 0o640)
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := Save(link, newAnswers(t, "After"), c); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", st.Mode(), err)
	}
	a, _, err := LoadFile(target, c)
	if err != nil || a.Organization != "After" {
		t.Fatalf("target not updated: %v %+v", err, a)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
		t.Errorf("files left beside the target: %v", entries)
	}
}

// A save keeps the owner and group of the file it replaces.
func TestSaveKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, newAnswers(t, "x"), c); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skip(err)
	}
	if err := Save(path, newAnswers(t, "y"), c); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if sys := st.Sys().(*syscall.Stat_t); sys.Uid != 65534 || sys.Gid != 65534 {
		t.Errorf("owner %d:%d, want 65534:65534 kept", sys.Uid, sys.Gid)
	}
}

// A file made read-only is not replaced, even by root, who could.
func TestSaveRefusesReadOnlyFile(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, newAnswers(t, "x"), c); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o444)
	before, _ := os.ReadFile(path)
	err := Save(path, newAnswers(t, "y"), c)
	if !errors.Is(err, ErrNotSaved) || !strings.Contains(err.Error(), "read-only (mode 0444)") {
		t.Errorf("error = %v, want a refusal naming the read-only mode", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("read-only file was replaced")
	}
	if err := CanWrite(path); err == nil {
		t.Error("CanWrite accepts a read-only file")
	}
}

// A name of 250 bytes saves: the temp file's name must fit in 255 bytes.
func TestSaveLongFileName(t *testing.T) {
	c := builtin(t)
	for _, base := range []string{strings.Repeat("a", 245) + ".yaml", strings.Repeat("ä", 122) + ".yaml"} {
		path := filepath.Join(t.TempDir(), base)
		if err := Save(path, newAnswers(t, "x"), c); err != nil {
			t.Fatalf("%d bytes: %v", len(base), err)
		}
		if err := Save(path, newAnswers(t, "y"), c); err != nil {
			t.Fatalf("%d bytes, again: %v", len(base), err)
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
			t.Errorf("files left: %v", entries)
		}
	}
}

// Special files are written as streams, never replaced by a rename.
func TestWriteSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	// The reader is open before the write (so opening for writing does
	// not wait) and never blocks (so a replaced pipe fails, not hangs).
	rd, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	if err := WriteFileAtomic(fifo, []byte("report"), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 100)
	if n, _ := rd.Read(buf); string(buf[:n]) != "report" {
		t.Errorf("the pipe's reader got %q", buf[:n])
	}
	if st, _ := os.Lstat(fifo); st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced by %v", st.Mode())
	}
	if os.Geteuid() == 0 {
		// A null device of our own: as root a rename would replace it.
		null := filepath.Join(dir, "null")
		if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
			if err := WriteFileAtomic(null, []byte("report"), 0o644); err != nil {
				t.Fatal(err)
			}
			if st, _ := os.Lstat(null); st.Mode()&os.ModeCharDevice == 0 {
				t.Errorf("the device was replaced by %v", st.Mode())
			}
		}
	}
	if err := WriteFileAtomic(dir, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// Temp files are named per process; CleanTemp removes only those whose
// process is gone, never a save in progress of another process.
func TestCleanTempOnlyStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, []byte("x"), 0o644)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	live := os.Getppid()
	stale := filepath.Join(dir, ".a.yaml.tmp-"+strconv.Itoa(dead.Process.Pid)+"-abc")
	busy := filepath.Join(dir, ".a.yaml.tmp-"+strconv.Itoa(live)+"-def")
	old := filepath.Join(dir, ".a.yaml.tmp-123abc") // an older build's name
	for _, p := range []string{stale, busy, old} {
		os.WriteFile(p, []byte("x"), 0o600)
	}
	CleanTemp(path)
	for p, want := range map[string]bool{stale: false, busy: true, old: false, path: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
	a, b := tempName(path), tempName(path)
	if a == b || !strings.Contains(a, "-"+strconv.Itoa(os.Getpid())+"-") {
		t.Errorf("temp names %q, %q: want unique names with the pid", a, b)
	}
}

// A folder that takes no new files is found before any work is done.
func TestCanWriteNamesTheFolder(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	if os.Geteuid() == 0 {
		ro = "/sys" // root writes anywhere a permission bit forbids; not here
		if f, err := os.CreateTemp(ro, "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("no folder root cannot write")
		}
	}
	err := CanWrite(filepath.Join(ro, "answers.yaml"))
	if err == nil || !strings.Contains(err.Error(), "cannot save in folder "+ro) {
		t.Errorf("error = %v, want it to name folder %s", err, ro)
	}
	if err := CanWrite(filepath.Join(dir, "new.yaml")); err != nil {
		t.Errorf("writable folder: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("CanWrite left files: %v", entries)
	}
}

// A second writer is stopped at once, told who holds the file.
func TestLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	l, err := LockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockFile(path)
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || le.Started.IsZero() {
		t.Fatalf("second lock: %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "is open in another aimsready interview (process "+strconv.Itoa(os.Getpid())+", started ") {
		t.Errorf("message: %s", msg)
	}
	l.Unlock()
	l2, err := LockFile(path)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	l2.Unlock()
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
		t.Errorf("lock file left: %v", entries)
	}
}

// Another program's save to other questions is merged; to the same
// question, both versions are kept and the save stops.
func TestTrackedSave(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, newAnswers(t, "Acme"), c); err != nil {
		t.Fatal(err)
	}
	tr := &Tracked{Path: path, Catalog: c, Now: func() time.Time { return time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC) }}
	ours, _, err := tr.Load()
	if err != nil {
		t.Fatal(err)
	}
	ours.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{"communicated"}}
	if _, err := tr.Save(ours); err != nil {
		t.Fatal(err)
	}

	// Another interview (or an editor) answers 6.1.2 and renames the org.
	theirs, _, _ := LoadFile(path, c)
	theirs.Answers["6.1.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{}}
	theirs.Organization = "Acme GmbH"
	if err := Save(path, theirs, c); err != nil {
		t.Fatal(err)
	}
	ours.Answers["7.1"] = &Answer{Applicable: true, Assessed: true, Met: []string{}}
	merged, err := tr.Save(ours)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(merged, " ") != "6.1.2 organization" {
		t.Errorf("merged %v", merged)
	}
	got, _, _ := LoadFile(path, c)
	for _, id := range []string{"5.2", "6.1.2", "7.1"} {
		if got.Answers[id] == nil {
			t.Errorf("answer %s lost", id)
		}
	}
	if got.Organization != "Acme GmbH" || ours.Organization != "Acme GmbH" {
		t.Errorf("organization %q / in memory %q", got.Organization, ours.Organization)
	}

	// Both change 5.2: stop, keep both.
	theirs, _, err = LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Answers["5.2"].Met = nil
	if err := Save(path, theirs, c); err != nil {
		t.Fatal(err)
	}
	ours.Answers["5.2"].Notes = "ours"
	_, err = tr.Save(ours)
	var ce *ConflictError
	if !errors.As(err, &ce) || strings.Join(ce.Keys, ",") != "5.2" {
		t.Fatalf("error = %v, want a conflict on 5.2", err)
	}
	mine := strings.TrimSuffix(path, ".yaml") + ".mine-20260304-050607.yaml"
	if ce.Mine != mine {
		t.Errorf("mine = %s, want %s", ce.Mine, mine)
	}
	kept, _, err := LoadFile(mine, c)
	if err != nil || kept.Answers["5.2"].Notes != "ours" {
		t.Errorf("our version not kept: %v", err)
	}
	disk, _, err := LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	if disk.Answers["5.2"].Notes == "ours" {
		t.Error("their version was overwritten")
	}
	if msg := ce.Error(); !strings.Contains(msg, "both changed 5.2") || !strings.Contains(msg, "aimsready diff") {
		t.Errorf("message: %v", msg)
	}
}

// Writers that take the save lock for their read, change and write keep
// each other's changes; a held lock is waited for, within limits.
func TestLockForSave(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, newAnswers(t, "Acme"), c); err != nil {
		t.Fatal(err)
	}
	const writers = 12
	errs := make(chan error, writers)
	for i := 0; i < writers; i++ {
		loc := fmt.Sprintf("DMS: document %d", i)
		go func() {
			errs <- func() error {
				l, err := LockForSave(path)
				if err != nil {
					return err
				}
				defer l.Unlock()
				a, _, err := LoadFile(path, c)
				if err != nil {
					return err
				}
				if _, err := AddEvidence(a, c, EvidenceItem{Location: loc, Status: EvidenceReceived, Supports: []string{"4.1/issues-identified"}}); err != nil {
					return err
				}
				return Save(path, a, c)
			}()
		}()
	}
	for i := 0; i < writers; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	a, _, err := LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Register) != writers {
		t.Errorf("%d register items after %d writers, want %d", len(a.Register), writers, writers)
	}

	// A holder that does not let go: the next writer gives up, saying so.
	held, err := LockForSave(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	defer func(old time.Duration) { SaveLockWait = old }(SaveLockWait)
	SaveLockWait = 30 * time.Millisecond
	if _, err := LockForSave(path); err == nil || !strings.Contains(err.Error(), "another aimsready process has been saving it") {
		t.Errorf("LockForSave under a held lock = %v", err)
	}
	// The interview's lifetime lock is another lock: it does not block saves.
	life, err := LockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	life.Unlock()
}
