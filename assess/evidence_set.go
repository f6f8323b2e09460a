package assess

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// EvidenceChange is what `evidence set` changes in register items. A nil
// field is left as it is; a field set to "" clears it (status cannot be
// cleared). Supports are added to the item's supports, never replace them.
type EvidenceChange struct {
	Status     *EvidenceStatus
	Supports   []string
	Date       *string
	ValidUntil *string
	Owner      *string
	Title      *string
	Notes      *string
}

// Empty reports whether the change changes nothing.
func (ch EvidenceChange) Empty() bool {
	return ch.Status == nil && len(ch.Supports) == 0 && ch.Date == nil && ch.ValidUntil == nil &&
		ch.Owner == nil && ch.Title == nil && ch.Notes == nil
}

// EvidenceUpdate is one item `evidence set` changed, and what changed in
// words: "status reviewed", "supports now 5.2/a, 5.2/b". Changes is empty
// when the item already was as asked.
type EvidenceUpdate struct {
	Item    *EvidenceItem
	Changes []string
}

// UnknownEvidenceError names the ids asked for that the register does not
// hold, and the ids it does.
type UnknownEvidenceError struct {
	IDs   []string
	Known []string
}

func (e *UnknownEvidenceError) Error() string {
	what := fmt.Sprintf("no evidence item %q in the register", e.IDs[0])
	if len(e.IDs) > 1 {
		what = fmt.Sprintf("no evidence items %s in the register", quoteAll(e.IDs))
	}
	switch {
	case len(e.Known) == 0:
		return what + "; it is empty"
	case len(e.Known) <= 12:
		return what + " (it holds " + strings.Join(e.Known, ", ") + ")"
	}
	return what
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// SetEvidence applies ch to the register items with the given ids, as
// `evidence set` does; the caller saves the answers. The change is checked
// as `evidence add` checks a new item (a known status, calendar dates,
// valid-until not before the date, criteria the catalog knows, one-line
// title and owner), and nothing changes unless every item takes it: the
// error lists every problem. An unknown id is an *UnknownEvidenceError.
func SetEvidence(a *Answers, c *catalog.Catalog, ids []string, ch EvidenceChange) ([]EvidenceUpdate, error) {
	if ch.Empty() {
		return nil, errors.New("nothing to change: give at least one of status, supports, date, valid-until, owner, title or notes")
	}
	var missing []string
	var items []*EvidenceItem
	for _, id := range ids {
		it := a.Evidence(id)
		switch {
		case it == nil:
			if !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		case !slices.Contains(items, it):
			items = append(items, it)
		}
	}
	if len(missing) > 0 {
		known := make([]string, len(a.Register))
		for i, it := range a.Register {
			known[i] = it.ID
		}
		return nil, &UnknownEvidenceError{IDs: missing, Known: known}
	}
	var problems []string
	// The supports to add, checked once against the catalog: a criterion
	// the catalog does not know is refused, as by `evidence add`.
	var add []string
	for _, s := range ch.Supports {
		k, msg, _ := supportKey(c, strings.TrimSpace(s), true)
		if msg != "" {
			problems = append(problems, msg)
			continue
		}
		add = appendNew(add, k)
	}
	next := make([]EvidenceItem, len(items))
	for i, it := range items {
		n := *it
		n.Supports = slices.Clone(it.Supports)
		set := func(p *string, v *string) {
			if v != nil {
				*p = strings.TrimSpace(*v)
			}
		}
		if ch.Status != nil {
			n.Status = *ch.Status
		}
		set(&n.Date, ch.Date)
		set(&n.ValidUntil, ch.ValidUntil)
		set(&n.Owner, ch.Owner)
		set(&n.Title, ch.Title)
		if ch.Notes != nil {
			n.Notes = *ch.Notes
		}
		for _, k := range add {
			n.Supports = appendNew(n.Supports, k)
		}
		// The item as it would be, checked as loading checks it. Supports
		// it already held from another catalog version stay as they are.
		ps, _ := checkItem(&n, c, false)
		for _, p := range ps {
			if msg := it.ID + ": " + p.msg; !slices.Contains(problems, msg) {
				problems = append(problems, msg)
			}
		}
		next[i] = n
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("evidence set: %s", strings.Join(problems, "; "))
	}
	out := make([]EvidenceUpdate, len(items))
	for i, it := range items {
		out[i] = EvidenceUpdate{Item: it, Changes: describeChange(it, &next[i])}
		line := it.Line
		*it = next[i]
		it.Line = line
	}
	return out, nil
}

// describeChange says what differs from old to new, field by field.
func describeChange(old, new *EvidenceItem) []string {
	var out []string
	field := func(name, o, n string) {
		switch {
		case o == n:
		case n == "":
			out = append(out, name+" cleared")
		default:
			out = append(out, name+" "+oneLineText(n))
		}
	}
	field("status", string(old.Status), string(new.Status))
	if !slices.Equal(old.Supports, new.Supports) {
		out = append(out, "supports now "+strings.Join(new.Supports, ", "))
	}
	field("date", old.Date, new.Date)
	field("valid until", old.ValidUntil, new.ValidUntil)
	field("owner", old.Owner, new.Owner)
	field("title", old.Title, new.Title)
	if old.Notes != new.Notes {
		if new.Notes == "" {
			out = append(out, "notes cleared")
		} else {
			out = append(out, "notes changed")
		}
	}
	return out
}

// oneLineText keeps a value to one line for a message.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
