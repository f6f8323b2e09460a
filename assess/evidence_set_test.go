package assess

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sp(s string) *string { return &s }

func stp(s EvidenceStatus) *EvidenceStatus { return &s }

// SetEvidence changes the items named, says what changed, and refuses a
// change as evidence add refuses an item, changing nothing then.
func TestSetEvidence(t *testing.T) {
	c := builtin(t)
	fresh := func() *Answers {
		a := New(c, "x", fixedDay, ProfileFull)
		a.Register = []*EvidenceItem{
			{ID: "E-001", Title: "AI policy", Location: "policy.pdf", Date: "2026-09-14", Status: EvidenceReceived, Supports: []string{"5.2/policy-documented"}, Line: 40},
			{ID: "E-002", Title: "Audit programme", Status: EvidenceRequested, Supports: []string{"9.2.1/two-audit-criteria"}},
		}
		return a
	}
	for _, tt := range []struct {
		name    string
		ids     []string
		ch      EvidenceChange
		want    map[string][]string // id -> changes
		wantErr string
		check   func(t *testing.T, a *Answers)
	}{
		{name: "reviewed", ids: []string{"E-001"}, ch: EvidenceChange{Status: stp(EvidenceReviewed)},
			want: map[string][]string{"E-001": {"status reviewed"}},
			check: func(t *testing.T, a *Answers) {
				if it := a.Evidence("E-001"); it.Status != EvidenceReviewed || it.Line != 40 {
					t.Errorf("E-001: %+v", it)
				}
			}},
		{name: "supports added, not replaced; twice is once", ids: []string{"E-001"},
			ch:   EvidenceChange{Supports: []string{"5.2/communicated", " 5.2/communicated", "5.2/policy-documented"}},
			want: map[string][]string{"E-001": {"supports now 5.2/policy-documented, 5.2/communicated"}}},
		{name: "already as asked", ids: []string{"E-001"}, ch: EvidenceChange{Status: stp(EvidenceReceived)},
			want: map[string][]string{"E-001": nil}},
		{name: "several fields, several items", ids: []string{"E-001", "E-002", "E-001"},
			ch: EvidenceChange{Owner: sp("Risk office"), ValidUntil: sp("2027-09-13"), Notes: sp("seen on site")},
			want: map[string][]string{
				"E-001": {"valid until 2027-09-13", "owner Risk office", "notes changed"},
				"E-002": {"valid until 2027-09-13", "owner Risk office", "notes changed"},
			}},
		{name: "clearing", ids: []string{"E-001"}, ch: EvidenceChange{Date: sp("")},
			want: map[string][]string{"E-001": {"date cleared"}}},
		{name: "nothing to change", ids: []string{"E-001"}, wantErr: "nothing to change"},
		{name: "unknown id", ids: []string{"E-001", "E-404", "X"}, ch: EvidenceChange{Status: stp(EvidenceReviewed)},
			wantErr: `no evidence items "E-404", "X" in the register (it holds E-001, E-002)`},
		{name: "unknown criterion", ids: []string{"E-001"}, ch: EvidenceChange{Supports: []string{"5.2/approved"}, Status: stp(EvidenceReviewed)},
			wantErr: `unknown criterion "approved" for 5.2`},
		{name: "shared criterion", ids: []string{"E-001"}, ch: EvidenceChange{Supports: []string{"A.5.2/process-defined"}},
			wantErr: `list it as "6.1.4/process-defined"`},
		{name: "bad status and date", ids: []string{"E-001"}, ch: EvidenceChange{Status: stp("done"), Date: sp("14.09.2026")},
			wantErr: `E-001: status must be requested, received or reviewed, not "done"; E-001: date "14.09.2026" must be a calendar date written YYYY-MM-DD`},
		{name: "valid-until before the date", ids: []string{"E-001"}, ch: EvidenceChange{ValidUntil: sp("2026-01-01")},
			wantErr: "E-001: valid-until 2026-01-01 is before the item's date 2026-09-14"},
		{name: "received needs a location", ids: []string{"E-002"}, ch: EvidenceChange{Status: stp(EvidenceReceived)},
			wantErr: "E-002: location is missing"},
		{name: "one-line title", ids: []string{"E-001"}, ch: EvidenceChange{Title: sp("a\nb")},
			wantErr: "E-001: title must be one line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := fresh()
			before := fresh()
			got, err := SetEvidence(a, c, tt.ids, tt.ch)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if diff := cmp.Diff(before.Register, a.Register); diff != "" {
					t.Errorf("a refused change changed the register (-before +after):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			changes := map[string][]string{}
			for _, u := range got {
				changes[u.Item.ID] = u.Changes
			}
			if diff := cmp.Diff(tt.want, changes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if tt.check != nil {
				tt.check(t, a)
			}
		})
	}
}

func TestSetEvidenceUnknownIsTyped(t *testing.T) {
	c := builtin(t)
	a := New(c, "x", fixedDay, ProfileFull)
	_, err := SetEvidence(a, c, []string{"E-001"}, EvidenceChange{Status: stp(EvidenceReviewed)})
	var ue *UnknownEvidenceError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "it is empty") {
		t.Errorf("error %v, want an UnknownEvidenceError on an empty register", err)
	}
}

// A reviewed item counts towards coverage; set is how it gets there.
func TestSetEvidenceRaisesCoverage(t *testing.T) {
	c := builtin(t)
	a := New(c, "x", fixedDay, ProfileFull)
	a.Answers["5.2"] = &Answer{Applicable: true, Met: []string{"policy-documented", "communicated"}, Assessed: true}
	if _, err := AddEvidence(a, c, EvidenceItem{Location: "p.pdf", Supports: []string{"5.2/policy-documented"}}); err != nil {
		t.Fatal(err)
	}
	if cov := Score(a, c).EvidenceCoverage; cov.Has && cov.Score > 0 {
		t.Fatalf("a received item counted: %+v", cov)
	}
	if _, err := SetEvidence(a, c, []string{"E-001"}, EvidenceChange{Status: stp(EvidenceReviewed), Supports: []string{"5.2/communicated"}}); err != nil {
		t.Fatal(err)
	}
	if cov := Score(a, c).EvidenceCoverage; !cov.Has || cov.Score < 99.9 {
		t.Errorf("coverage after review: %+v, want 100", cov)
	}
}

func TestVerifyFile(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(filepath.Join(dir, "p.txt"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	for _, tt := range []struct {
		it   EvidenceItem
		want FileState
	}{
		{EvidenceItem{Location: "p.txt", SHA256: abc}, FileVerified},
		{EvidenceItem{Location: "p.txt", SHA256: strings.Repeat("0", 64)}, FileHasChanged},
		{EvidenceItem{Location: "gone.txt", SHA256: abc}, FileGone},
		{EvidenceItem{Location: ".", SHA256: abc}, FileCannotRead},
		{EvidenceItem{Location: "p.txt"}, ""},
		{EvidenceItem{Location: "https://x.example/p", SHA256: ""}, ""},
	} {
		if got := VerifyFile(answers, &tt.it); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.it, got, tt.want)
		}
	}
}
