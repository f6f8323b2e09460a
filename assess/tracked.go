package assess

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// Tracked is an answers file saved again and again by one long-running
// writer (the interview). Before each save it checks that the file on disk
// is still the one it read or last wrote; when another program changed it
// meanwhile, the changes are merged if they touch other questions than
// ours, and otherwise the save stops with both versions kept.
type Tracked struct {
	Path    string
	Catalog *catalog.Catalog
	// Now names the file of a conflicting version; nil means time.Now.
	Now func() time.Time

	base  *Answers // the answers in the file as last read or written; nil: no file
	stamp stamp
}

// stamp identifies a version of a file on disk.
type stamp struct {
	exists  bool
	size    int64
	modTime time.Time
	sum     [sha256.Size]byte
}

func (s stamp) same(o stamp) bool {
	return s.exists == o.exists && s.size == o.size && s.sum == o.sum
}

// readStamped reads path (bounded like any answers file) with its stamp.
func readStamped(path string) ([]byte, stamp, error) {
	data, err := strictyaml.ReadFile(path, MaxFileBytes, "an answers file")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, stamp{}, nil
	}
	if err != nil {
		return nil, stamp{}, err
	}
	st := stamp{exists: true, size: int64(len(data)), sum: sha256.Sum256(data)}
	if fi, err := os.Stat(path); err == nil {
		st.modTime = fi.ModTime()
	}
	return data, st, nil
}

// Load reads the file and remembers the version read.
func (t *Tracked) Load() (*Answers, []Warning, error) {
	data, st, err := readStamped(t.Path)
	if err != nil {
		return nil, nil, err
	}
	if !st.exists {
		return nil, nil, fmt.Errorf("%s: %w", t.Path, fs.ErrNotExist)
	}
	a, ws, err := Parse(t.Path, data, t.Catalog)
	if err != nil {
		return nil, nil, err
	}
	base, _, _ := Parse(t.Path, data, t.Catalog) // a copy that the caller's edits leave alone
	t.base, t.stamp = base, st
	return a, ws, nil
}

// Adopt remembers the file as it is now (if it exists) as the version the
// caller's answers were based on, for a caller that loaded it itself.
func (t *Tracked) Adopt() error {
	data, st, err := readStamped(t.Path)
	if err != nil {
		return err
	}
	t.stamp, t.base = st, nil
	if st.exists {
		t.base, _, _ = Parse(t.Path, data, t.Catalog)
	}
	return nil
}

// ConflictError is a save stopped because another program changed the
// same answers: both versions are kept.
type ConflictError struct {
	Path  string
	Mine  string   // where our version was written
	Keys  []string // what both changed: question ids or detail names
	Cause string   // why the two could not be merged, when not Keys
}

func (e *ConflictError) Error() string {
	why := e.Cause
	if why == "" {
		why = "both changed " + strings.Join(e.Keys, ", ")
	}
	return fmt.Sprintf("%s was changed by another program while this interview ran, and %s. Nothing is lost: the other version is %s, this interview's is %s. Compare them ('aimsready diff %s %s'), keep the right answers in %s, and run the interview again",
		e.Path, why, e.Path, e.Mine, e.Path, e.Mine, e.Path)
}

// Save writes a over the file. If the file changed since it was read or
// last written, the other program's changes are merged into a when they
// touch other questions and details than a's own changes (merged names
// them); otherwise a is written beside the file and a *ConflictError
// returned.
func (t *Tracked) Save(a *Answers) (merged []string, err error) {
	// Held from the check to the rename, so another aimsready writer
	// cannot slip its save in between.
	lock, err := LockForSave(t.Path)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	data, st, err := readStamped(t.Path)
	if err != nil {
		return nil, err
	}
	if !st.same(t.stamp) && st.exists {
		theirs, _, perr := Parse(t.Path, data, t.Catalog)
		if perr != nil {
			return nil, t.conflict(a, nil, "it no longer loads")
		}
		base := t.base
		if base == nil {
			base = &Answers{Answers: map[string]*Answer{}}
		}
		m, theirChanges, conflicts := Merge(base, a, theirs)
		if len(conflicts) > 0 {
			return nil, t.conflict(a, conflicts, "")
		}
		merged = theirChanges
		*a = *m
	}
	out, err := MarshalChecked(t.Path, a, t.Catalog)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Path, err)
	}
	if err := WriteFileAtomic(t.Path, out, 0o644); err != nil {
		return nil, err
	}
	t.stamp = stamp{exists: true, size: int64(len(out)), sum: sha256.Sum256(out)}
	t.base, _, _ = Parse(t.Path, out, t.Catalog)
	return merged, nil
}

// conflict writes a beside the file as FILE.mine-TIME.yaml.
func (t *Tracked) conflict(a *Answers, keys []string, cause string) error {
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	ext := filepath.Ext(t.Path)
	mine := strings.TrimSuffix(t.Path, ext) + ".mine-" + now().Format("20060102-150405") + ".yaml"
	out, err := MarshalChecked(mine, a, t.Catalog)
	if err == nil {
		err = WriteFileAtomic(mine, out, 0o644)
	}
	if err != nil {
		return fmt.Errorf("%s was changed by another program while this interview ran, and this interview's answers could not be written beside it: %w", t.Path, err)
	}
	return &ConflictError{Path: t.Path, Mine: mine, Keys: keys, Cause: cause}
}

// Merge applies the changes ours and theirs each made to base. It returns
// the merged answers, the keys only theirs changed, and the keys both
// changed differently (question ids, plan fix ids, or detail names such as
// "organization"); when there are conflicts the merge is not to be used.
func Merge(base, ours, theirs *Answers) (merged *Answers, theirChanges, conflicts []string) {
	g := &merger{}
	m := *theirs
	m.Organization = mergeValue(g, "organization", base.Organization, ours.Organization, theirs.Organization, eq[string])
	m.Assessor = mergeValue(g, "assessor", base.Assessor, ours.Assessor, theirs.Assessor, eq[string])
	m.Scope = mergeValue(g, "scope", base.Scope, ours.Scope, theirs.Scope, eq[string])
	m.Date = mergeValue(g, "date", base.Date, ours.Date, theirs.Date, eq[string])
	m.Catalog = mergeValue(g, "catalog", base.Catalog, ours.Catalog, theirs.Catalog, eq[string])
	m.Profile = mergeValue(g, "profile", base.Profile, ours.Profile, theirs.Profile, eq[Profile])
	m.Roles = mergeValue(g, "roles", base.Roles, ours.Roles, theirs.Roles, slices.Equal[[]catalog.Role])
	m.Systems = mergeValue(g, "systems", base.Systems, ours.Systems, theirs.Systems, func(x, y []System) bool { return reflect.DeepEqual(x, y) })
	m.Register = mergeValue(g, "evidence", base.Register, ours.Register, theirs.Register, func(x, y []*EvidenceItem) bool { return reflect.DeepEqual(x, y) })
	m.Commentary = mergeValue(g, "commentary", base.Commentary, ours.Commentary, theirs.Commentary, func(x, y Commentary) bool { return reflect.DeepEqual(x, y) })
	m.Engagement = mergeValue(g, "engagement", base.Engagement, ours.Engagement, theirs.Engagement, func(x, y Engagement) bool { return reflect.DeepEqual(x, y) })
	m.Branding = mergeValue(g, "branding", base.Branding, ours.Branding, theirs.Branding, func(x, y Branding) bool { return reflect.DeepEqual(x, y) })
	m.Answers = mergeMap(g, base.Answers, ours.Answers, theirs.Answers, sameAnswer)
	m.Orphans = mergeMap(g, base.Orphans, ours.Orphans, theirs.Orphans, sameAnswer)
	m.Plan = mergeMap(g, base.Plan, ours.Plan, theirs.Plan, samePlan)
	m.PlanOrphans = mergeMap(g, base.PlanOrphans, ours.PlanOrphans, theirs.PlanOrphans, samePlan)
	slices.Sort(g.theirs)
	slices.Sort(g.conflicts)
	return &m, g.theirs, g.conflicts
}

// merger collects what a three-way merge found.
type merger struct{ theirs, conflicts []string }

func eq[T comparable](x, y T) bool { return x == y }

// mergeValue merges one value: the side that changed it wins; when both
// did, differently, it is a conflict.
func mergeValue[T any](g *merger, key string, b, o, t T, same func(x, y T) bool) T {
	theirsChanged := !same(t, b)
	switch {
	case !theirsChanged:
		return o
	case same(o, b):
		g.theirs = append(g.theirs, key)
		return t
	case same(o, t):
		return o
	}
	g.conflicts = append(g.conflicts, key)
	return t
}

func mergeMap[V any](g *merger, base, ours, theirs map[string]V, same func(x, y V) bool) map[string]V {
	out := map[string]V{}
	keys := map[string]bool{}
	for _, m := range []map[string]V{base, ours, theirs} {
		for k := range m {
			keys[k] = true
		}
	}
	var zero V
	for k := range keys {
		if v := mergeValue(g, k, base[k], ours[k], theirs[k], same); !same(v, zero) {
			out[k] = v
		}
	}
	return out
}

// sameAnswer compares answers as the file records them (nil and an answer
// that says nothing are the same).
func sameAnswer(x, y *Answer) bool {
	if x == nil || x.empty() {
		return y == nil || y.empty()
	}
	if y == nil || y.empty() {
		return false
	}
	return x.Applicable == y.Applicable && x.Assessed == y.Assessed && x.Decision() == y.Decision() &&
		strings.TrimSpace(x.Justification) == strings.TrimSpace(y.Justification) && x.Notes == y.Notes &&
		slices.Equal(x.Met, y.Met) && slices.Equal(x.Unknown, y.Unknown) && slices.Equal(x.Evidence, y.Evidence)
}

func samePlan(x, y *PlanItem) bool {
	if x == nil || y == nil {
		return x == y
	}
	return *x == *y
}
