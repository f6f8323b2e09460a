package assess

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// This file writes files for every command: the answers file, reports,
// the answers file of init. A file is replaced atomically through a temp
// file and a rename; what is not a regular file is never replaced.

// WriteFileAtomic writes data to path so that a reader (or a crash) sees
// either the old file or the complete new one:
//
//   - a new path or a regular file is replaced through a temp file in the
//     same folder, synced, renamed over it, and the folder synced; the
//     file's mode, owner and group are kept, a read-only file is refused;
//   - a symbolic link is followed: its target is replaced, the link kept;
//   - a character device or a named pipe (/dev/null, /dev/stdout, a FIFO)
//     is written as a stream, never replaced;
//   - a directory, a block device or a socket is refused.
//
// perm is the mode of a new file.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	target, st, err := writeTarget(path)
	if err != nil {
		return err
	}
	if st != nil {
		switch {
		case st.IsDir():
			return fmt.Errorf("%s: is a directory", path)
		case st.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
			return writeStream(path, target, data)
		case !st.Mode().IsRegular():
			return fmt.Errorf("%s: is not a regular file (%s); write to a file or to - for standard output", path, kindOf(st))
		}
		if err := writable(path, target, st); err != nil {
			return err
		}
		perm = st.Mode().Perm()
	}
	dir := filepath.Dir(target)
	tmp, err := os.OpenFile(filepath.Join(dir, tempName(target)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: cannot write in folder %s: %w", path, dir, strictyaml.WithoutPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if st != nil {
		if err = keepOwner(tmp, st); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if d, derr := os.Open(dir); derr == nil {
		d.Sync() // best effort: makes the rename itself durable
		d.Close()
	}
	return nil
}

// writeTarget resolves path through symbolic links and stats what it names
// (nil when nothing exists there yet).
func writeTarget(path string) (string, os.FileInfo, error) {
	lst, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, nil, nil
	case err != nil:
		return "", nil, fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	case lst.Mode()&fs.ModeSymlink == 0:
		return path, lst, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		// /dev/stdout is a link to /proc/self/fd/1, which names a pipe or
		// socket no path resolves to; the system still opens it.
		if st, serr := os.Stat(path); serr == nil && st.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice|fs.ModeSocket) != 0 {
			return path, st, nil
		}
		link, _ := os.Readlink(path)
		return "", nil, fmt.Errorf("%s: is a link to %s, which does not exist; remove the link or create its target", path, link)
	}
	st, err := os.Stat(target)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	return target, st, nil
}

// writable refuses a file the user marked read-only (even for root, who
// could replace it) or cannot write.
func writable(path, target string, st os.FileInfo) error {
	if st.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("%s: %w: the file is read-only (mode %04o); make it writable (chmod u+w) to save into it, or choose another file", path, ErrNotSaved, st.Mode().Perm())
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0) // no O_TRUNC: changes nothing
	if err != nil {
		return fmt.Errorf("%s: %w: %v", path, ErrNotSaved, strictyaml.WithoutPath(err))
	}
	return f.Close()
}

// writeStream writes data to a device or pipe as it is.
func writeStream(path, target string, data []byte) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, strictyaml.WithoutPath(err))
	}
	return f.Close()
}

func kindOf(st os.FileInfo) string {
	m := st.Mode()
	switch {
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// CanWrite checks, before any work is asked of the user, that path can be
// saved: its folder exists and takes new files, and an existing file is
// writable. The error names the folder or file and what to do.
func CanWrite(path string) error {
	target, st, err := writeTarget(path)
	if err != nil {
		return err
	}
	if st != nil {
		switch {
		case st.IsDir():
			return fmt.Errorf("%s: is a directory", path)
		case !st.Mode().IsRegular():
			return nil // a device or pipe is written as a stream
		}
		if err := writable(path, target, st); err != nil {
			return err
		}
	}
	dir := filepath.Dir(target)
	if dst, err := os.Stat(dir); err != nil || !dst.IsDir() {
		return fmt.Errorf("%s: folder %s does not exist", path, dir)
	}
	probe, err := os.OpenFile(filepath.Join(dir, tempName(target)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("%s: cannot save in folder %s: %v; choose a writable folder or make this one writable", path, dir, strictyaml.WithoutPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// tempName is a name for a temp file beside target, unique to this process
// and attempt: ".NAME.tmp-PID-RANDOM". NAME is cut so the whole fits the
// 255 bytes most file systems allow for a name.
func tempName(target string) string {
	var rnd [6]byte
	rand.Read(rnd[:])
	return tempPrefix(target) + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(rnd[:])
}

// tempPrefix is the part of a temp name shared by every process.
func tempPrefix(target string) string {
	base := filepath.Base(target)
	const room = 255 - len(".") - len(".tmp-") - 10 - len("-") - 12 // pid and random part
	if len(base) > room {
		base = base[:room]
		for !utf8.ValidString(base) { // do not cut a character in two
			base = base[:len(base)-1]
		}
	}
	return "." + base + ".tmp-"
}

// CleanTemp removes temp files a killed save left next to path, so they
// never pile up. A temp file of a process still running (another
// interview, or a report being written) is left alone.
func CleanTemp(path string) {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	dir, prefix := filepath.Dir(target), tempPrefix(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err == nil && pid != os.Getpid() && tempInUse(pid, e) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
