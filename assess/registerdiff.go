package assess

import "sort"

// RegisterChange is one change to the evidence register between two
// assessments: an item added, removed, or with a new status.
type RegisterChange struct {
	ID       string
	Old, New *EvidenceItem // nil when absent on that side
}

// Kind says what happened: "added", "removed" or "status".
func (r RegisterChange) Kind() string {
	switch {
	case r.Old == nil:
		return "added"
	case r.New == nil:
		return "removed"
	}
	return "status"
}

// Item is the item as it stands last: the new one, else the removed one.
func (r RegisterChange) Item() *EvidenceItem {
	if r.New != nil {
		return r.New
	}
	return r.Old
}

// registerChanges lists the register items added, removed or whose status
// changed, by id.
func registerChanges(old, new []EvidenceState) []RegisterChange {
	byID := func(sts []EvidenceState) map[string]*EvidenceItem {
		m := make(map[string]*EvidenceItem, len(sts))
		for _, st := range sts {
			m[st.Item.ID] = st.Item
		}
		return m
	}
	o, n := byID(old), byID(new)
	var out []RegisterChange
	for id, it := range n {
		if prev, ok := o[id]; !ok {
			out = append(out, RegisterChange{ID: id, New: it})
		} else if prev.Status != it.Status {
			out = append(out, RegisterChange{ID: id, Old: prev, New: it})
		}
	}
	for id, it := range o {
		if _, ok := n[id]; !ok {
			out = append(out, RegisterChange{ID: id, Old: it})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
