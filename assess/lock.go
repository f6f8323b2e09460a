package assess

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// Lock is an advisory lock on an answers file, held by a long-running
// writer (the interview) for its lifetime so that a second one stops at
// once instead of losing answers. It is a lock file beside the answers
// file, ".NAME.lock", holding the process id and start time; the system
// releases it when the process ends, however it ends.
type Lock struct {
	f    *os.File
	path string
}

// LockedError says who holds the lock.
type LockedError struct {
	Path    string
	PID     int
	Started time.Time
}

func (e *LockedError) Error() string {
	who := "another aimsready interview"
	if e.PID > 0 {
		who += fmt.Sprintf(" (process %d", e.PID)
		if !e.Started.IsZero() {
			who += ", started " + e.Started.Local().Format("2006-01-02 15:04")
		}
		who += ")"
	}
	return fmt.Sprintf("%s is open in %s; finish or stop that interview (Ctrl-C) first, then run this one again", e.Path, who)
}

// LockFile takes the lock for path, following a symbolic link so that two
// links to one file share it. It fails with a *LockedError when another
// process holds it.
func LockFile(path string) (*Lock, error) { return lockFile(path, "lock") }

// SaveLockWait is how long a writer waits for another aimsready process
// to finish saving the same file.
var SaveLockWait = 10 * time.Second

// LockForSave takes the short lock every aimsready process holds while it
// reads, changes and writes an answers file (an evidence command, each
// save of the interview), waiting up to SaveLockWait for another holder.
// Writers that take it one after another each see the others' changes:
// twelve 'evidence add' run at once keep twelve items. It is separate
// from the interview's lifetime lock, so 'evidence add' works while an
// interview runs; the interview merges what it added at its next save.
func LockForSave(path string) (*Lock, error) {
	deadline := time.Now().Add(SaveLockWait)
	for {
		l, err := lockFile(path, "save.lock")
		var held *LockedError
		if err == nil || (!errors.As(err, &held) && !errors.Is(err, errLockMoving)) {
			return l, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s: another aimsready process has been saving it for more than %s; try again once it has finished", path, SaveLockWait)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// errLockMoving: the lock file was removed and made again while we opened
// it, each time we tried.
var errLockMoving = errors.New("it keeps changing")

// lockFile takes the lock named .NAME.<suffix> beside path's target.
func lockFile(path, suffix string) (*Lock, error) {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	lockPath := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+suffix)
	if len(filepath.Base(lockPath)) > 255 {
		lockPath = filepath.Join(filepath.Dir(target), tempPrefix(target)+strings.ReplaceAll(suffix, ".", "-"))
	}
	for attempt := 0; attempt < 5; attempt++ {
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot take the lock %s: %w", path, lockPath, strictyaml.WithoutPath(err))
		}
		ok, err := flock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: cannot take the lock %s: %w", path, lockPath, err)
		}
		if !ok {
			data := make([]byte, 200)
			n, _ := f.ReadAt(data, 0)
			f.Close()
			e := &LockedError{Path: path}
			for _, line := range strings.Split(string(data[:n]), "\n") {
				k, v, _ := strings.Cut(line, " ")
				switch k {
				case "pid":
					e.PID, _ = strconv.Atoi(v)
				case "started":
					e.Started, _ = time.Parse(time.RFC3339, v)
				}
			}
			return nil, e
		}
		// A holder that just finished may have removed the lock file after
		// we opened it: then our lock is on a file no one else will see.
		fst, err1 := f.Stat()
		pst, err2 := os.Stat(lockPath)
		if err1 != nil || err2 != nil || !os.SameFile(fst, pst) {
			f.Close()
			continue
		}
		f.Truncate(0)
		f.WriteAt([]byte(fmt.Sprintf("pid %d\nstarted %s\n", os.Getpid(), time.Now().Format(time.RFC3339))), 0)
		return &Lock{f: f, path: lockPath}, nil
	}
	return nil, fmt.Errorf("%s: cannot take the lock %s: %w", path, lockPath, errLockMoving)
}

// Unlock releases the lock and removes the lock file.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.path) // while still locked, so no one locks the removed file
	l.f.Close()
	l.f = nil
}
