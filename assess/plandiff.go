package assess

import "sort"

// PlanChange is one change to the plan between two assessments: a fix
// planned, dropped from the plan, or with a new owner, due date or status.
type PlanChange struct {
	ID       string    // fix id
	Old, New *PlanItem // nil when absent on that side
}

// Kind says what happened: "added", "removed" or "changed".
func (p PlanChange) Kind() string {
	switch {
	case p.Old == nil:
		return "added"
	case p.New == nil:
		return "removed"
	}
	return "changed"
}

// planChanges lists the plan entries that differ, by fix id.
func planChanges(old, new map[string]*PlanItem) []PlanChange {
	ids := map[string]bool{}
	for id := range old {
		ids[id] = true
	}
	for id := range new {
		ids[id] = true
	}
	var out []PlanChange
	for id := range ids {
		o, n := old[id], new[id]
		if o != nil && n != nil && *o == *n {
			continue
		}
		out = append(out, PlanChange{ID: id, Old: o, New: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
