//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package assess

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// tempInUse reports whether the process that made a temp file still runs.
func tempInUse(pid int, _ fs.DirEntry) bool { return processAlive(pid) }

// processAlive reports whether a process with this id exists.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// keepOwner gives the temp file the owner and group of the file it
// replaces. When that is not allowed (the file belongs to someone else),
// the save is refused rather than silently changing who owns the file.
func keepOwner(tmp *os.File, old os.FileInfo) error {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	st, err := tmp.Stat()
	if err != nil {
		return err
	}
	have, ok := st.Sys().(*syscall.Stat_t)
	if !ok || (have.Uid == want.Uid && have.Gid == want.Gid) {
		return nil
	}
	if err := tmp.Chown(int(want.Uid), int(want.Gid)); err != nil {
		return fmt.Errorf("%w: the file belongs to user %d, group %d, and saving would change that (%v); save it as its owner or copy it", ErrNotSaved, want.Uid, want.Gid, errors.Unwrap(err))
	}
	return nil
}

// flock takes an exclusive advisory lock on f without waiting; ok is false
// when another open file holds it.
func flock(f *os.File) (ok bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
