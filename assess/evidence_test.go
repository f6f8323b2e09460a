package assess

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"
)

// ev wraps register items in an answers file that meets 5.2 in part.
func ev(items string) string {
	return head + "date: 2026-11-22\nanswers:\n  \"5.2\": {met: [policy-documented, communicated]}\nevidence:\n" + items
}

// The register loads strictly: each problem at its file:line:col.
func TestParseRegisterRejects(t *testing.T) {
	c := builtin(t)
	tests := []struct{ name, src, want string }{
		{"unknown key", ev("  - {id: E-1, location: a.pdf, approved: yes}\n"), `a.yaml:7:32: evidence "E-1": unknown key "approved" (known: id, title, location, sha256, date, valid-until, owner, status, supports, notes)`},
		{"missing id", ev("  - {location: a.pdf}\n"), `a.yaml:7:5: evidence item: id is missing`},
		{"bad id", ev("  - {id: \"E 1\", location: a.pdf}\n"), `a.yaml:7:10: evidence "E 1": id "E 1" must be 1 to 40 letters`},
		{"duplicate id", ev("  - {id: E-1, location: a.pdf}\n  - {id: E-1, location: b.pdf}\n"), `a.yaml:8:10: evidence: id "E-1" is used twice (first at line 7)`},
		{"bad status", ev("  - {id: E-1, location: a.pdf, status: approved}\n"), `a.yaml:7:40: evidence "E-1": status must be requested, received or reviewed, not "approved"`},
		{"bad date", ev("  - {id: E-1, location: a.pdf, date: 14.09.2026}\n"), `a.yaml:7:38: evidence "E-1": date "14.09.2026" must be a calendar date written YYYY-MM-DD`},
		{"impossible date", ev("  - {id: E-1, location: a.pdf, valid-until: 2026-02-30}\n"), `a.yaml:7:45: evidence "E-1": valid-until "2026-02-30" is not a day of the calendar`},
		{"valid-until before date", ev("  - {id: E-1, location: a.pdf, date: 2026-09-14, valid-until: 2026-01-01}\n"), `valid-until 2026-01-01 is before the item's date 2026-09-14`},
		{"unknown question", ev("  - {id: E-1, location: a.pdf, supports: [\"5.9/x\"]}\n"), `a.yaml:7:43: evidence "E-1": supports: unknown question "5.9" in "5.9/x"`},
		{"suggests A. prefix", ev("  - {id: E-1, location: a.pdf, supports: [\"6.2.4/x\"]}\n"), `did you mean A.6.2.4`},
		{"unknown criterion", ev("  - {id: E-1, location: a.pdf, supports: [5.2/approved]}\n"), `a.yaml:7:43: evidence "E-1": supports: unknown criterion "approved" for 5.2 (known: policy-documented,`},
		{"not a criterion id", ev("  - {id: E-1, location: a.pdf, supports: [\"5.2\"]}\n"), `supports: "5.2" is not a criterion id; write QUESTION/criterion`},
		{"same-as pointed at target", ev("  - {id: E-1, location: a.pdf, supports: [A.5.2/process-defined]}\n"), `supports: A.5.2/process-defined is the same evidence as 6.1.4/process-defined, where it is answered; list it as "6.1.4/process-defined"`},
		{"listed twice", ev("  - {id: E-1, location: a.pdf, supports: [5.2/communicated, 5.2/communicated]}\n"), `a.yaml:7:61: evidence "E-1": supports: 5.2/communicated is listed twice`},
		{"supports not a list", ev("  - {id: E-1, location: a.pdf, supports: 5.2/communicated}\n"), `supports must be a list`},
		{"bad hash", ev("  - {id: E-1, location: a.pdf, sha256: abc}\n"), `sha256 must be 64 hexadecimal digits`},
		{"hash on URL", ev("  - {id: E-1, location: \"https://x/y\", sha256: " + strings.Repeat("a", 64) + "}\n"), `sha256 is checked for local files only; "https://x/y" is a URL`},
		{"no location", ev("  - {id: E-1, status: reviewed}\n"), `location is missing; say where the evidence can be found again`},
		{"requested with nothing", ev("  - {id: E-1, status: requested}\n"), `a requested item needs a title or a location`},
		{"scalar item", ev("  - policies/a.pdf\n"), `a.yaml:7:5: evidence: each item is a mapping (id, title, location, date, status, supports, ...), not a single value`},
		{"not a list", head + "evidence: {id: E-1}\n", `a.yaml:3:11: evidence must be a list`},
		{"two-line location", ev("  - {id: E-1, location: \"a\\nb.pdf\"}\n"), `a.yaml:7:25: evidence "E-1": location must be one line`},
		{"control character", ev("  - {id: E-1, location: \"a\\u001b[2J.pdf\"}\n"), `location contains the control character U+001B`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("a.yaml", []byte(tt.src), c)
			if err == nil {
				t.Fatalf("loaded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
}

func TestParseRegisterReportsEveryProblem(t *testing.T) {
	_, _, err := Parse("a.yaml", []byte(ev("  - {id: E-1, location: a.pdf, status: done, date: x, supports: [5.2/nope]}\n")), builtin(t))
	if err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Errorf("want three problems on one line, got:\n%v", err)
	}
}

var registerSample = ev(`  - id: E-001
    title: "AI policy v1.3: approved"
    location: policies/ai-policy-v1.3.pdf
    sha256: ` + strings.Repeat("AB", 32) + `
    date: 2026-09-14
    valid-until: 2027-09-13
    owner: Jana Nováková
    status: reviewed
    supports: ["5.2/policy-documented", 5.2/approved-by-top-management]
    notes: |
      Signed copy.
      Second line.
  - id: ext-7
    location: "https://intranet.example/aims/scope?v=2#top"
    supports: []
  - {id: E-003, title: Risk register export, status: requested, supports: [6.1.2/method-documented]}
  - {id: E-004, location: "DMS: AIMS/Minutes/2026-09", date: 2025-06-01, supports: [9.3.3/results-recorded]}
`)

// A register saves and loads back to the same items, and saving is stable.
func TestRegisterRoundTrip(t *testing.T) {
	c := builtin(t)
	a, _, err := Parse("a.yaml", []byte(registerSample), c)
	if err != nil {
		t.Fatal(err)
	}
	want := []*EvidenceItem{
		{ID: "E-001", Title: "AI policy v1.3: approved", Location: "policies/ai-policy-v1.3.pdf", SHA256: strings.Repeat("ab", 32),
			Date: "2026-09-14", ValidUntil: "2027-09-13", Owner: "Jana Nováková", Status: EvidenceReviewed,
			Supports: []string{"5.2/policy-documented", "5.2/approved-by-top-management"}, Notes: "Signed copy.\nSecond line.\n"},
		{ID: "ext-7", Location: "https://intranet.example/aims/scope?v=2#top", Status: EvidenceReceived},
		{ID: "E-003", Title: "Risk register export", Status: EvidenceRequested, Supports: []string{"6.1.2/method-documented"}},
		{ID: "E-004", Location: "DMS: AIMS/Minutes/2026-09", Date: "2025-06-01", Status: EvidenceReceived, Supports: []string{"9.3.3/results-recorded"}},
	}
	ignoreLine := cmpopts.IgnoreFields(EvidenceItem{}, "Line")
	if diff := cmp.Diff(want, a.Register, ignoreLine, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("loaded register (-want +got):\n%s", diff)
	}
	if a.Register[0].Line != 7 || a.Register[2].Line != 22 {
		t.Errorf("item lines %d, %d; want 7, 22", a.Register[0].Line, a.Register[2].Line)
	}
	kinds := []LocationKind{LocationFile, LocationURL, LocationReference, LocationReference}
	for i, it := range a.Register {
		if it.Kind() != kinds[i] {
			t.Errorf("%s kind %s, want %s", it.ID, it.Kind(), kinds[i])
		}
	}
	out, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Parse("b.yaml", out, c)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if diff := cmp.Diff(a.Register, b.Register, ignoreLine, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip (-saved +loaded):\n%s", diff)
	}
	again, _ := Marshal(b, c)
	if string(again) != string(out) {
		t.Errorf("saving is not stable:\n%s\n---\n%s", out, again)
	}
	b.layout = nil // a new file, or one that had no register
	if fresh, _ := Marshal(b, c); !strings.Contains(string(fresh), "# Evidence register: what was seen") {
		t.Error("saved register has no explaining comment")
	}
}

// A file without a register saves without one: older files stay as they were.
func TestNoRegisterNoSection(t *testing.T) {
	c := builtin(t)
	a, _, err := Parse("a.yaml", []byte(head+"answers:\n  \"5.2\": {met: []}\n"), c)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Marshal(a, c)
	if strings.Contains("\n"+string(out), "\nevidence:") {
		t.Errorf("empty register written:\n%s", out)
	}
}

// Supports of another catalog version are kept (and warned), renamed
// criteria follow their new id.
func TestRegisterOtherCatalogVersion(t *testing.T) {
	c := builtin(t)
	src := strings.Replace(ev("  - {id: E-1, location: a.pdf, supports: [5.2/gone-criterion, 4.1/issues-identified]}\n"), "@1.1.0", "@1.0.0", 1)
	a, ws, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Register[0].Supports; !slices.Equal(got, []string{"5.2/gone-criterion", "4.1/issues-identified"}) {
		t.Errorf("supports %q", got)
	}
	var found bool
	for _, w := range ws {
		found = found || strings.Contains(w.Msg, "evidence supports criteria not in iso42001-2023@1.1.0 (kept, not counted): E-1: 5.2/gone-criterion")
	}
	if !found {
		t.Errorf("no warning for the unknown support: %v", ws)
	}
}

// scored parses answers and scores them.
func scored(t *testing.T, src string) (*Answers, *Result) {
	t.Helper()
	c := builtin(t)
	a, _, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	return a, Score(a, c)
}

// Coverage is the weighted share of the met criteria that a reviewed,
// current item backs, counted as in the overall score.
func TestEvidenceCoverage(t *testing.T) {
	c := builtin(t)
	q := c.Question("5.2")
	w := func(id string) float64 { return q.Criterion(id).Weight }
	tests := []struct {
		name  string
		items string
		want  float64 // share of 5.2's met weight backed
		claim []string
	}{
		{"nothing", "", 0, []string{"policy-documented", "communicated"}},
		{"reviewed", "  - {id: E-1, location: a, status: reviewed, supports: [5.2/policy-documented]}\n",
			w("policy-documented") / (w("policy-documented") + w("communicated")), []string{"communicated"}},
		{"received does not count", "  - {id: E-1, location: a, status: received, supports: [5.2/policy-documented]}\n", 0, []string{"policy-documented", "communicated"}},
		{"expired does not count", "  - {id: E-1, location: a, status: reviewed, valid-until: 2026-11-21, supports: [5.2/policy-documented]}\n", 0, []string{"policy-documented", "communicated"}},
		{"valid on the day counts", "  - {id: E-1, location: a, status: reviewed, valid-until: 2026-11-22, supports: [5.2/policy-documented, 5.2/communicated]}\n", 1, nil},
		{"unmet criterion adds nothing", "  - {id: E-1, location: a, status: reviewed, supports: [5.2/policy-documented, 5.2/approved-by-top-management, 5.2/communicated]}\n", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ev(tt.items)
			if tt.items == "" {
				src = strings.TrimSuffix(src, "evidence:\n")
			}
			_, res := scored(t, src)
			if !res.EvidenceCoverage.Has || math.Abs(res.EvidenceCoverage.Score-100*tt.want) > 1e-6 {
				t.Errorf("coverage %+v, want %.4f", res.EvidenceCoverage, 100*tt.want)
			}
			for _, s := range res.Sections {
				if s.ID == "5" && math.Abs(s.EvidenceCoverage.Score-100*tt.want) > 1e-6 {
					t.Errorf("section 5 coverage %v, want %.4f", s.EvidenceCoverage.Score, 100*tt.want)
				}
				if s.ID == "4" && s.EvidenceCoverage.Has {
					t.Errorf("section 4 has nothing met but coverage %+v", s.EvidenceCoverage)
				}
			}
			for _, qs := range res.Questions {
				if qs.ID == "5.2" && !cmp.Equal(qs.Claimed, tt.claim, cmpopts.EquateEmpty()) {
					t.Errorf("claimed %q, want %q", qs.Claimed, tt.claim)
				}
			}
		})
	}
}

// Coverage with nothing met is n/a, not 0; a shared criterion is backed by
// evidence listed at its target; coverage never changes a score or level.
func TestCoverageProperties(t *testing.T) {
	c := builtin(t)
	_, res := scored(t, head+"answers:\n  \"5.2\": {met: []}\n")
	if res.EvidenceCoverage.Has {
		t.Errorf("nothing met, coverage %+v", res.EvidenceCoverage)
	}
	a := allMet(c)
	a.Date = "2026-11-22"
	before := Score(a, c)
	for _, q := range c.Questions() {
		var sup []string
		for _, cr := range q.Criteria {
			if cr.SameAs == "" {
				sup = append(sup, q.ID+"/"+cr.ID)
			}
		}
		a.Register = append(a.Register, &EvidenceItem{ID: "E-" + q.ID, Location: q.ID + ".pdf", Status: EvidenceReviewed, Supports: sup})
	}
	after := Score(a, c)
	if math.Abs(after.EvidenceCoverage.Score-100) > tol {
		t.Errorf("every own criterion evidenced (shared ones at their target): coverage %v, want 100", after.EvidenceCoverage.Score)
	}
	if after.Overall != before.Overall || after.Verdict.Level != before.Verdict.Level {
		t.Errorf("evidence changed the score or level: %v/%d -> %v/%d", before.Overall, before.Verdict.Level, after.Overall, after.Verdict.Level)
	}
	if !hasClaimsReason(before) || hasClaimsReason(after) {
		t.Errorf("claims reason: before %v (want it), after %v (want none)", before.Verdict.Reasons, after.Verdict.Reasons)
	}
	if last := before.Verdict.Reasons[len(before.Verdict.Reasons)-1]; !strings.HasPrefix(last, "This is an estimate") {
		t.Errorf("the estimate line should stay last: %q", last)
	}
}

func hasClaimsReason(res *Result) bool {
	for _, r := range res.Verdict.Reasons {
		if strings.HasPrefix(r, "Readiness rests mostly on claims") {
			return true
		}
	}
	return false
}

// The claims reason appears at every level and never changes it.
func TestClaimsReasonKeepsLevel(t *testing.T) {
	c := builtin(t)
	a := documentedOnly(c)
	res := Score(a, c)
	if !hasClaimsReason(res) || res.Verdict.Level != LevelStage1 {
		t.Errorf("documented only, no evidence: level %d, reasons %q", res.Verdict.Level, res.Verdict.Reasons)
	}
}

func TestJudgeEvidence(t *testing.T) {
	c := builtin(t)
	tests := []struct {
		name string
		item EvidenceItem
		asOf string
		want EvidenceState
	}{
		{"no expiry", EvidenceItem{Status: EvidenceReviewed, Supports: []string{"5.2/policy-documented"}}, "2030-01-01", EvidenceState{Counts: true}},
		{"valid until, the day itself", EvidenceItem{ValidUntil: "2026-12-01", Status: EvidenceReviewed}, "2026-12-01",
			EvidenceState{Expires: "2026-12-01", Basis: "valid until 2026-12-01", Expiring: true, Counts: true}},
		{"expired", EvidenceItem{ValidUntil: "2026-12-01", Status: EvidenceReviewed}, "2026-12-02",
			EvidenceState{Expires: "2026-12-01", Basis: "valid until 2026-12-01", Stale: true, Expired: true}},
		{"expiring in 30 days", EvidenceItem{ValidUntil: "2026-12-31"}, "2026-12-01",
			EvidenceState{Expires: "2026-12-31", Basis: "valid until 2026-12-31", Expiring: true}},
		{"31 days is not expiring", EvidenceItem{ValidUntil: "2027-01-01"}, "2026-12-01",
			EvidenceState{Expires: "2027-01-01", Basis: "valid until 2027-01-01"}},
		{"max age of a record", EvidenceItem{Date: "2025-06-01", Status: EvidenceReviewed, Supports: []string{"4.1/context-reviewed"}}, "2026-11-22",
			EvidenceState{Expires: "2026-06-01", Basis: "dated 2025-06-01; evidence for 4.1/context-reviewed goes stale after 12 months", Stale: true}},
		{"shortest max age wins", EvidenceItem{Date: "2026-09-01", Supports: []string{"4.1/context-reviewed", "9.1/results-retained"}}, "2026-11-22",
			EvidenceState{Expires: "2026-12-01", Basis: "dated 2026-09-01; evidence for 9.1/results-retained goes stale after 3 months", Expiring: true}},
		{"valid-until earlier than max age", EvidenceItem{Date: "2026-09-01", ValidUntil: "2026-10-01", Supports: []string{"4.1/context-reviewed"}}, "2026-11-22",
			EvidenceState{Expires: "2026-10-01", Basis: "valid until 2026-10-01", Stale: true, Expired: true}},
		{"a month shorter than the date's day", EvidenceItem{Date: "2026-03-31", Supports: []string{"9.1/results-retained"}}, "2026-06-30",
			EvidenceState{Expires: "2026-06-30", Basis: "dated 2026-03-31; evidence for 9.1/results-retained goes stale after 3 months", Expiring: true}},
		{"undated record", EvidenceItem{Status: EvidenceReviewed, Supports: []string{"4.1/context-reviewed"}}, "2026-11-22",
			EvidenceState{Undated: true, Counts: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := JudgeEvidence(&tt.item, c, tt.asOf)
			got.Item = nil
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddEvidence(t *testing.T) {
	c := builtin(t)
	a := New(c, "x", fixedDay, ProfileFull)
	it, err := AddEvidence(a, c, EvidenceItem{Location: "a.pdf", Supports: []string{"5.2/communicated"}})
	if err != nil || it.ID != "E-001" || it.Status != EvidenceReceived {
		t.Fatalf("first item: %+v, %v", it, err)
	}
	a.Register = append(a.Register, &EvidenceItem{ID: "E-041", Location: "b", Status: EvidenceReceived})
	if it, _ := AddEvidence(a, c, EvidenceItem{Location: "c.pdf", Supports: []string{"5.2/communicated"}}); it == nil || it.ID != "E-042" {
		t.Errorf("next id after E-041: %+v", it)
	}
	for _, tt := range []struct {
		item EvidenceItem
		want string
	}{
		{EvidenceItem{Location: "a.pdf"}, "E-001 already records a.pdf"},
		{EvidenceItem{ID: "E-001", Location: "z"}, `id "E-001" is already in the register`},
		{EvidenceItem{Location: "z", Supports: []string{"A.5.2/process-defined"}}, `list it as "6.1.4/process-defined"`},
		{EvidenceItem{Location: "z", Status: "done", Date: "2026-13-01"}, `status must be requested, received or reviewed, not "done"; date "2026-13-01" is not a day of the calendar`},
	} {
		n := len(a.Register)
		if _, err := AddEvidence(a, c, tt.item); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.item, err, tt.want)
		}
		if len(a.Register) != n {
			t.Errorf("a refused item was added")
		}
	}
}

// Every evidence reference of a 1.0.0 file loads as written, and the
// upgrade moves each into the register without losing one.
func TestUpgradeExampleLossless(t *testing.T) {
	c := builtin(t)
	path := filepath.Join("..", "testdata", "evidence", "answers-1.0.0.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// What the file says, read independently of the loader.
	var raw struct {
		Answers map[string]struct {
			Evidence []string `yaml:"evidence"`
		} `yaml:"answers"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	written := map[string][]string{}
	total := 0
	for id, ans := range raw.Answers {
		if len(ans.Evidence) > 0 {
			written[id] = ans.Evidence
			total += len(ans.Evidence)
		}
	}
	if total < 3 {
		t.Fatalf("the example should name evidence under several questions, found %d", total)
	}
	a, _, err := Parse(path, data, c)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog != "iso42001-2023@1.0.0" {
		t.Fatalf("the fixture should be a 1.0.0 file, is %s", a.Catalog)
	}
	for id, refs := range written {
		if got := a.Answers[id].Evidence; !slices.Equal(got, refs) {
			t.Errorf("%s loads evidence %q, the file has %q", id, got, refs)
		}
	}
	if len(a.Register) != 0 {
		t.Fatalf("a 1.0.0 file has no register, loaded %d items", len(a.Register))
	}
	untouched, _ := Marshal(a, c)
	res := Score(a, c)

	ups := UpgradeEvidence(a, c, "")
	if len(ups) != total {
		t.Fatalf("%d items from %d references", len(ups), total)
	}
	for id, refs := range written {
		if len(a.Answers[id].Evidence) != 0 {
			t.Errorf("%s keeps question-level evidence after the upgrade", id)
		}
		var met []string
		for _, qs := range res.Questions {
			if qs.ID == id {
				for _, m := range qs.Met {
					met = append(met, EvidenceKey(c.Question(id), c.Question(id).Criterion(m)))
				}
			}
		}
		for _, ref := range refs {
			var it *EvidenceItem
			for _, x := range a.Register {
				if x.Location == ref {
					it = x
				}
			}
			if it == nil {
				t.Errorf("%s: reference %q lost", id, ref)
				continue
			}
			if !strings.Contains(it.Notes, id+" ") || it.Status != EvidenceReceived || !slices.Equal(it.Supports, met) {
				t.Errorf("%s: item %+v; want notes naming %s, status received, supports %q", id, it, id, met)
			}
		}
	}
	for i, up := range ups {
		if up.Item.ID != "E-00"+string(rune('1'+i)) {
			t.Errorf("item %d has id %s", i, up.Item.ID)
		}
	}
	// Saved, it loads back to the same register; without the register and
	// the moved references, the file is what it was.
	out, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Parse(path, out, c)
	if err != nil {
		t.Fatalf("upgraded file does not load: %v", err)
	}
	if diff := cmp.Diff(a.Register, b.Register, cmpopts.IgnoreFields(EvidenceItem{}, "Line")); diff != "" {
		t.Errorf("upgraded register round trip:\n%s", diff)
	}
	b.Register = nil
	rest, _ := Marshal(b, c)
	if diff := cmp.Diff(stripEvidence(string(untouched)), string(rest)); diff != "" {
		t.Errorf("the upgrade changed more than the evidence (-before +after):\n%s", diff)
	}
	if again := UpgradeEvidence(b, c, ""); len(again) != 0 {
		t.Errorf("a second upgrade moved %d more", len(again))
	}
}

// stripEvidence removes question-level evidence lists from a saved file.
func stripEvidence(s string) string {
	var out []string
	skip := false
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "evidence:" {
			skip = true
			continue
		}
		if skip && strings.HasPrefix(l, "      - ") {
			continue
		}
		skip = false
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// The upgrade hashes references that name regular files, and keeps the
// rest as references; one reference under two questions is one item.
func TestUpgradeHashesFilesAndMerges(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.pdf"), []byte("policy"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := New(c, "x", fixedDay, ProfileFull)
	a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{"communicated"}, Evidence: []string{"policy.pdf", "  "}}
	a.Answers["6.1.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{}, Evidence: []string{"policy.pdf", "https://x/y", "/dev/zero", "Board minutes"}}
	ups := UpgradeEvidence(a, c, filepath.Join(dir, "answers.yaml"))
	got := map[string]string{}
	for _, up := range ups {
		got[up.Item.Location] = string(up.Item.Kind())
	}
	want := map[string]string{"policy.pdf": "file", "https://x/y": "url", "/dev/zero": "reference", "Board minutes": "reference"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	p := a.Register[0]
	if !slices.Equal(p.Supports, []string{"5.2/communicated"}) || !strings.Contains(p.Notes, "5.2 AI policy and 6.1.2 AI risk assessment") ||
		!strings.Contains(p.Notes, "No criterion of 6.1.2 was reported met") {
		t.Errorf("merged item: %+v", p)
	}
}

// FuzzRegister: whatever register loads saves and loads back to the same
// items, and saving again gives the same bytes.
func FuzzRegister(f *testing.F) {
	c := builtin(f)
	f.Add([]byte(registerSample))
	f.Add([]byte(ev("  - {id: E-1, location: a.pdf, supports: [5.2/communicated]}\n")))
	f.Add([]byte(ev("  - {id: x, title: \"one: line\", location: \"- odd: value #\", status: requested, notes: \"multi\\nline\"}\n")))
	f.Add([]byte(head + "answers:\n  \"5.2\": {met: [communicated], evidence: [\"a\\nb\", \" \", a b, \"https://x\"]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := Parse("fuzz.yaml", data, c)
		if err != nil {
			return
		}
		out, err := Marshal(a, c)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := Parse("again.yaml", out, c)
		if err != nil {
			t.Fatalf("saved register does not load: %v\n%s", err, out)
		}
		if diff := cmp.Diff(a.Register, b.Register, cmpopts.IgnoreFields(EvidenceItem{}, "Line"), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		again, _ := Marshal(b, c)
		if string(again) != string(out) {
			t.Fatalf("saving is not stable")
		}
		// Upgrading whatever loaded gives a file that loads, with every
		// reference in the register.
		refs := 0
		for _, ans := range b.Answers {
			for _, e := range ans.Evidence {
				if strings.TrimSpace(e) != "" {
					refs++
				}
			}
		}
		before := len(b.Register)
		UpgradeEvidence(b, c, "")
		up, err := Marshal(b, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := Parse("upgraded.yaml", up, c); err != nil {
			t.Fatalf("upgraded file does not load: %v\n%s", err, up)
		}
		if refs > 0 && len(b.Register) == before {
			t.Fatalf("%d references, none moved", refs)
		}
		res := Score(b, c)
		if cov := res.EvidenceCoverage; cov.Has && (cov.Score < 0 || cov.Score > 100+tol || math.IsNaN(cov.Score)) {
			t.Fatalf("coverage %v", cov.Score)
		}
	})
}

func TestEvidenceRequests(t *testing.T) {
	c := builtin(t)
	all := EvidenceRequests(nil, c, false)
	n := 0
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.SameAs == "" {
				n++
			}
		}
	}
	if len(all) != n {
		t.Errorf("whole catalog: %d requests, want %d (one per criterion not shared)", len(all), n)
	}
	for _, r := range all {
		if r.Ask == "" || r.State != "" {
			t.Fatalf("request %+v", r)
		}
	}
	var shared *EvidenceRequest
	for i := range all {
		if all[i].Question == "6.1.4" && all[i].Criterion == "process-defined" {
			shared = &all[i]
		}
	}
	if shared == nil || !slices.Contains(shared.Also, "A.5.2") {
		t.Errorf("6.1.4/process-defined should name A.5.2 as also relying on it: %+v", shared)
	}

	a, _, err := Parse("a.yaml", []byte(ev("  - {id: E-1, location: a, status: reviewed, supports: [5.2/policy-documented]}\n  - {id: E-2, title: minutes, status: requested, supports: [5.2/approved-by-top-management]}\n")), c)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	items := map[string][]string{}
	for _, r := range EvidenceRequests(a, c, false) {
		if r.Question == "5.2" {
			states[r.Criterion], items[r.Criterion] = r.State, r.Items
		}
	}
	if _, listed := states["policy-documented"]; listed {
		t.Error("an evidenced criterion is listed without --all")
	}
	if states["communicated"] != RequestClaimed || states["approved-by-top-management"] != RequestNotMet {
		t.Errorf("states %v", states)
	}
	if !slices.Equal(items["approved-by-top-management"], []string{"E-2 (requested)"}) {
		t.Errorf("items %v", items)
	}
	for _, r := range EvidenceRequests(a, c, true) {
		if r.Question == "5.2" && r.Criterion == "policy-documented" && r.State != RequestEvidenced {
			t.Errorf("with --all: %+v", r)
		}
	}
}

// The calls the interview makes: attach a file (hashed on the spot), pick
// an item already on file for another criterion, list what is on file.
func TestInterviewEvidenceAPI(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "policy.pdf"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := New(c, "x", fixedDay, ProfileFull)
	item, err := FileEvidence(filepath.Join(dir, "answers.yaml"), filepath.Join(dir, "policy.pdf"))
	if err != nil || item.Location != "policy.pdf" || item.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("FileEvidence: %+v, %v", item, err)
	}
	if _, err := FileEvidence(filepath.Join(dir, "answers.yaml"), dir); err == nil {
		t.Error("a directory was accepted")
	}
	item.Title, item.Supports = "AI policy", []string{"5.2/policy-documented"}
	added, err := AddEvidence(a, c, item)
	if err != nil {
		t.Fatal(err)
	}
	if err := AddSupport(a, c, added.ID, "A.5.2/process-defined"); err == nil || !strings.Contains(err.Error(), `list it as "6.1.4/process-defined"`) {
		t.Errorf("shared criterion: %v", err)
	}
	if err := AddSupport(a, c, added.ID, "6.1.4/process-defined"); err != nil {
		t.Fatal(err)
	}
	if err := AddSupport(a, c, "E-404", "5.2/communicated"); err == nil {
		t.Error("unknown item accepted")
	}
	// A.5.2 relies on 6.1.4/process-defined, so the item is on file there too.
	for _, id := range []string{"5.2", "6.1.4", "A.5.2"} {
		if got := EvidenceFor(a, c.Question(id)); len(got) != 1 || got[0].ID != "E-001" {
			t.Errorf("%s: on file %v", id, got)
		}
	}
	if got := EvidenceFor(a, c.Question("4.1")); len(got) != 0 {
		t.Errorf("4.1: on file %v", got)
	}
}

// BenchmarkScoreWithRegister: a full assessment with an item behind every
// question (70 items), against BenchmarkScoreFull without one.
func BenchmarkScoreWithRegister(b *testing.B) {
	c := builtin(b)
	a := fullAnswers(c)
	for _, q := range c.Questions() {
		var sup []string
		for _, cr := range q.Criteria {
			if cr.SameAs == "" {
				sup = append(sup, q.ID+"/"+cr.ID)
			}
		}
		a.Register = append(a.Register, &EvidenceItem{ID: "E-" + q.ID, Location: q.ID + ".pdf", Date: "2026-06-01", Status: EvidenceReviewed, Supports: sup})
	}
	b.ReportAllocs()
	for b.Loop() {
		Score(a, c)
	}
}
