package assess

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/aimsready/aimsready/catalog"
)

// ExpiryWarningDays is how far ahead `evidence check` warns of evidence
// about to expire, and reports mark it as expiring.
const ExpiryWarningDays = 30

// EvidenceState is a register item judged on a day.
type EvidenceState struct {
	Item *EvidenceItem
	// Expires is the last day the item holds: its valid-until, or its date
	// plus the shortest maximum age of the records it supports, whichever
	// comes first; "" when neither applies.
	Expires string
	// Basis says why it expires then, in words.
	Basis string
	Stale bool // past Expires on the day judged
	// Expired is set when it is stale because it is past its own
	// valid-until; stale but not expired means too old for its records.
	Expired  bool
	Expiring bool // not stale, but expires within ExpiryWarningDays
	// Undated is set when the item supports a record with a maximum age
	// but has no date, so its age cannot be judged.
	Undated bool
	// Counts says the item backs its criteria: reviewed and not stale.
	Counts bool
}

// JudgeEvidence judges an item on asOf (YYYY-MM-DD; "" judges nothing as
// stale). A record's maximum age comes from the catalog's max-age-months
// of the criteria it supports.
func JudgeEvidence(it *EvidenceItem, c *catalog.Catalog, asOf string) EvidenceState {
	st := EvidenceState{Item: it}
	if it.ValidUntil != "" {
		st.Expires, st.Basis = it.ValidUntil, "valid until "+it.ValidUntil
	}
	months, by := 0, ""
	for _, key := range it.Supports {
		qid, cid, _ := strings.Cut(key, "/")
		if q := c.Question(qid); q != nil {
			if cr := q.Criterion(cid); cr != nil && cr.MaxAgeMonths > 0 && (months == 0 || cr.MaxAgeMonths < months) {
				months, by = cr.MaxAgeMonths, key
			}
		}
	}
	if months > 0 {
		if d, err := time.Parse("2006-01-02", it.Date); err == nil {
			end := addMonths(d, months).Format("2006-01-02")
			if st.Expires == "" || end < st.Expires {
				st.Expires = end
				st.Basis = fmt.Sprintf("dated %s; evidence for %s goes stale after %d months", it.Date, by, months)
			}
		} else {
			st.Undated = true
		}
	}
	if st.Expires != "" && asOf != "" {
		st.Stale = asOf > st.Expires
		st.Expired = st.Stale && it.ValidUntil != "" && st.Expires == it.ValidUntil
		if !st.Stale {
			if t, err := time.Parse("2006-01-02", asOf); err == nil {
				st.Expiring = t.AddDate(0, 0, ExpiryWarningDays).Format("2006-01-02") >= st.Expires
			}
		}
	}
	st.Counts = it.Status == EvidenceReviewed && !st.Stale
	return st
}

// addMonths adds calendar months, keeping to the end of a shorter month:
// 31 March plus 3 months is 30 June (Go's AddDate would say 1 July).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if last := first.AddDate(0, 1, -1).Day(); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, 0, 0, 0, 0, time.UTC)
}

// JudgeRegister judges every register item on asOf, in register order.
func JudgeRegister(a *Answers, c *catalog.Catalog, asOf string) []EvidenceState {
	out := make([]EvidenceState, len(a.Register))
	for i, it := range a.Register {
		out[i] = JudgeEvidence(it, c, asOf)
	}
	return out
}

// FileProblem says why a path cannot be read as evidence.
type FileProblem string

const (
	FileMissing    FileProblem = "missing"    // nothing at the path
	FileNotRegular FileProblem = "not-a-file" // a directory, FIFO, device, socket
	FileLoop       FileProblem = "link-loop"  // a symbolic link loop
	FileUnreadable FileProblem = "unreadable" // permissions, I/O errors
	FileChanged    FileProblem = "changed"    // replaced while it was being opened
)

// FileError is a path that cannot be read as evidence, and why.
type FileError struct {
	Path    string
	Problem FileProblem
	Msg     string // what is wrong, following the path: "is a directory, ..."
	Err     error
}

func (e *FileError) Error() string { return e.Path + " " + e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// HashFile returns the SHA-256 (lower-case hex) and size of a regular file,
// read in 64 KiB pieces so memory stays bounded however large it is. It
// follows symbolic links to a regular file and refuses anything else at
// once: a directory, a FIFO (which would block), a device such as
// /dev/zero (which never ends), a socket, or a link loop.
func HashFile(path string) (string, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", 0, statError(path, err)
	}
	if !st.Mode().IsRegular() {
		return "", 0, &FileError{Path: path, Problem: FileNotRegular, Msg: "is " + describeMode(st.Mode()) + ", not a regular file; evidence must be a file (a document, an export, a record)"}
	}
	// O_NONBLOCK: should the path be swapped for a FIFO after the check
	// above, opening it still returns at once instead of waiting for a
	// writer; the identity check below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", 0, statError(path, err)
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil || !fst.Mode().IsRegular() || !os.SameFile(st, fst) {
		return "", 0, &FileError{Path: path, Problem: FileChanged, Msg: "was replaced while being opened; try again"}
	}
	h := sha256.New()
	// Hide os.File's WriteTo so the copy uses this one fixed buffer.
	n, err := io.CopyBuffer(h, struct{ io.Reader }{f}, make([]byte, 64<<10))
	if err != nil {
		return "", 0, &FileError{Path: path, Problem: FileUnreadable, Msg: "cannot be read: " + plainErr(err), Err: err}
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func statError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &FileError{Path: path, Problem: FileMissing, Msg: "does not exist", Err: err}
	case errors.Is(err, syscall.ELOOP):
		return &FileError{Path: path, Problem: FileLoop, Msg: "is a symbolic link loop, not a regular file", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &FileError{Path: path, Problem: FileUnreadable, Msg: "cannot be read: permission denied", Err: err}
	}
	return &FileError{Path: path, Problem: FileUnreadable, Msg: "cannot be read: " + plainErr(err), Err: err}
}

// plainErr drops the operation and path Go puts in front of an error.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// LocationFor is how the register stores a local file given on the command
// line: relative to the answers file's folder, with forward slashes, so the
// register works on any machine that has the same folder layout.
func LocationFor(answersPath, file string) string {
	absFile, err1 := filepath.Abs(file)
	absDir, err2 := filepath.Abs(filepath.Dir(answersPath))
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(absDir, absFile)
	if err != nil {
		return filepath.ToSlash(absFile) // another volume: keep it absolute
	}
	return filepath.ToSlash(rel)
}

// ResolveLocation is the path a local-file location names: relative
// locations are taken from the answers file's folder.
func ResolveLocation(answersPath, loc string) string {
	p := filepath.FromSlash(loc)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(answersPath), p)
}

// EvidenceFinding is one thing `evidence check` found about an item.
type EvidenceFinding struct {
	ID       string
	Location string
	Line     int    // of the item in the answers file; 0 when unknown
	Kind     string // missing, changed, not-a-file, link-loop, unreadable, expired, stale; or for warnings expiring, undated, future-date, no-hash
	Detail   string // what changed, in words
}

// EvidenceCheck is the outcome of checking a register on a day. Problems
// fail the check; warnings do not.
type EvidenceCheck struct {
	File       string
	AsOf       string
	Items      int
	Files      int // local files with a recorded hash
	Verified   int // of those, found and unchanged
	URLs       int // recorded, never fetched
	References int // plain references, recorded as written
	Problems   []EvidenceFinding
	Warnings   []EvidenceFinding
}

// OK reports whether every item holds.
func (ch *EvidenceCheck) OK() bool { return len(ch.Problems) == 0 }

// CheckEvidence verifies the register of the answers file at answersPath
// on asOf: every local file exists, is a regular file and matches its
// SHA-256; no item is past its valid-until or its maximum age. Items that
// expire within ExpiryWarningDays, records with a maximum age but no date,
// items dated after asOf and local files with no recorded hash are warned.
func CheckEvidence(answersPath string, a *Answers, c *catalog.Catalog, asOf string) *EvidenceCheck {
	ch := &EvidenceCheck{File: answersPath, AsOf: asOf, Items: len(a.Register)}
	for _, it := range a.Register {
		f := EvidenceFinding{ID: it.ID, Location: it.Location, Line: it.Line}
		problem := func(kind, format string, args ...any) {
			f.Kind, f.Detail = kind, fmt.Sprintf(format, args...)
			ch.Problems = append(ch.Problems, f)
		}
		warn := func(kind, format string, args ...any) {
			f.Kind, f.Detail = kind, fmt.Sprintf(format, args...)
			ch.Warnings = append(ch.Warnings, f)
		}
		switch it.Kind() {
		case LocationURL:
			ch.URLs++
		case LocationReference:
			ch.References++
			if it.Location != "" {
				if st, err := os.Stat(ResolveLocation(answersPath, it.Location)); err == nil && st.Mode().IsRegular() {
					warn("no-hash", "is a local file but its SHA-256 is not recorded, so a change to it cannot be detected; record it with 'aimsready evidence rehash %s %s'", answersPath, it.ID)
				}
			}
		case LocationFile:
			ch.Files++
			path := ResolveLocation(answersPath, it.Location)
			sum, _, err := HashFile(path)
			var fe *FileError
			switch {
			case errors.As(err, &fe) && fe.Problem == FileMissing:
				problem(string(FileMissing), "missing: no file at %s", path)
			case errors.As(err, &fe):
				problem(string(fe.Problem), "%s %s", path, fe.Msg)
			case err != nil:
				problem(string(FileUnreadable), "%s cannot be read: %v", path, err)
			case sum != it.SHA256:
				// The new hash is not shown: a CI log should not reveal
				// anything about a file's content beyond "it changed".
				problem("changed", "changed: it no longer matches the SHA-256 the register holds (%s); if the new version is the right one, review it and record it with 'aimsready evidence rehash %s %s'",
					short(it.SHA256), answersPath, it.ID)
			default:
				ch.Verified++
			}
		}
		st := JudgeEvidence(it, c, asOf)
		switch {
		case st.Expired:
			problem("expired", "expired: valid until %s, %s before %s", it.ValidUntil, days(it.ValidUntil, asOf), asOf)
		case st.Stale:
			problem("stale", "stale: %s, so it held until %s", st.Basis, st.Expires)
		case st.Expiring:
			warn("expiring", "expires in %s, on %s: %s", days(asOf, st.Expires), st.Expires, st.Basis)
		}
		if st.Undated {
			warn("undated", "has no date, but it supports records that go stale with age; add the date of the document or record")
		}
		if it.Date != "" && asOf != "" && it.Date > asOf {
			warn("future-date", "is dated %s, after %s", it.Date, asOf)
		}
	}
	return ch
}

// short is a hash prefix long enough to tell versions apart in a message.
func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12] + "…"
	}
	return sum
}

// days is the distance between two dates in words: "1 day", "12 days".
func days(from, to string) string {
	a, err1 := time.Parse("2006-01-02", from)
	b, err2 := time.Parse("2006-01-02", to)
	if err1 != nil || err2 != nil {
		return "some days"
	}
	n := int(b.Sub(a).Hours() / 24)
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// Rehashed is one item whose hash `evidence rehash` recorded again.
type Rehashed struct {
	Item    *EvidenceItem
	Old     string // the hash before; "" when none was recorded
	Changed bool
	// Unreviewed says a reviewed item went back to received: the file
	// changed, and the new version has not been reviewed.
	Unreviewed bool
}

// RehashEvidence records the current SHA-256 of local files: the items
// named by ids (a reference naming a local file becomes a file item), or,
// with no ids, every item with a recorded hash. A reviewed item whose file
// changed goes back to received: what was reviewed is not what is there
// now. Nothing changes unless every file can be read; the error lists
// every problem.
func RehashEvidence(a *Answers, answersPath string, ids []string) ([]Rehashed, error) {
	var items []*EvidenceItem
	var problems []string
	if len(ids) == 0 {
		for _, it := range a.Register {
			if it.Kind() == LocationFile {
				items = append(items, it)
			}
		}
	}
	for _, id := range ids {
		it := a.Evidence(id)
		switch {
		case it == nil:
			problems = append(problems, fmt.Sprintf("no evidence item %q in the register", id))
		case it.Kind() == LocationURL:
			problems = append(problems, fmt.Sprintf("%s is a URL, which aimsready never fetches; it has no hash to record", id))
		case it.Location == "":
			problems = append(problems, fmt.Sprintf("%s has no location yet", id))
		default:
			items = append(items, it)
		}
	}
	sums := make([]string, len(items))
	for i, it := range items {
		sum, _, err := HashFile(ResolveLocation(answersPath, it.Location))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", it.ID, err))
			continue
		}
		sums[i] = sum
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	var out []Rehashed
	for i, it := range items {
		rh := Rehashed{Item: it, Old: it.SHA256, Changed: it.SHA256 != sums[i]}
		if rh.Changed && it.SHA256 != "" && it.Status == EvidenceReviewed {
			it.Status, rh.Unreviewed = EvidenceReceived, true
		}
		it.SHA256 = sums[i]
		out = append(out, rh)
	}
	return out, nil
}

// FileState is how a local file item stands against its recorded hash.
type FileState string

const (
	FileVerified   FileState = "verified"   // there, and it matches its SHA-256
	FileHasChanged FileState = "changed"    // there, but its content changed
	FileGone       FileState = "missing"    // nothing at its location
	FileCannotRead FileState = "unreadable" // not a regular file, a link loop, no permission
)

// VerifyFile hashes the local file of a file item (streaming, as HashFile)
// and says whether it still matches; "" for a URL or a reference, which are
// never checked.
func VerifyFile(answersPath string, it *EvidenceItem) FileState {
	if it.Kind() != LocationFile {
		return ""
	}
	sum, _, err := HashFile(ResolveLocation(answersPath, it.Location))
	var fe *FileError
	switch {
	case errors.As(err, &fe) && fe.Problem == FileMissing:
		return FileGone
	case err != nil:
		return FileCannotRead
	case sum != it.SHA256:
		return FileHasChanged
	}
	return FileVerified
}
