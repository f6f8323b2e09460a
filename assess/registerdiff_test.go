package assess

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// diff lists register items added, removed and with a new status, by id;
// an item whose status stayed is no change.
func TestRegisterChanges(t *testing.T) {
	c := builtin(t)
	item := func(id string, st EvidenceStatus) *EvidenceItem {
		return &EvidenceItem{ID: id, Location: id + ".pdf", Status: st, Supports: []string{"5.2/policy-documented"}}
	}
	for _, tt := range []struct {
		name     string
		old, new []*EvidenceItem
		want     []string
	}{
		{"none on either side", nil, nil, nil},
		{"all added", nil, []*EvidenceItem{item("E-002", EvidenceReceived), item("E-001", EvidenceReviewed)},
			[]string{"added E-001 -> reviewed", "added E-002 -> received"}},
		{"added, removed, status, unchanged",
			[]*EvidenceItem{item("E-001", EvidenceReceived), item("E-002", EvidenceReviewed), item("E-003", EvidenceRequested)},
			[]*EvidenceItem{item("E-001", EvidenceReviewed), item("E-003", EvidenceRequested), item("E-004", EvidenceReceived)},
			[]string{"status E-001 received -> reviewed", "removed E-002 reviewed ->", "added E-004 -> received"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, cur := New(c, "x", fixedDay, ProfileFull), New(c, "x", fixedDay, ProfileFull)
			old.Register, cur.Register = tt.old, tt.new
			var got []string
			for _, ch := range Compare(Score(old, c), Score(cur, c)).RegisterChanges {
				s := ch.Kind() + " " + ch.ID + " "
				if ch.Old != nil {
					s += string(ch.Old.Status) + " "
				}
				s += "->"
				if ch.New != nil {
					s += " " + string(ch.New.Status)
				}
				if ch.Item().ID != ch.ID {
					t.Errorf("%s: Item() is %s", ch.ID, ch.Item().ID)
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("register changes (-want +got):\n%s", diff)
			}
		})
	}
}
