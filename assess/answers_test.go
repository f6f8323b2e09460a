package assess

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func builtin(t testing.TB) *catalog.Catalog {
	c, err := catalog.Builtin()
	if err != nil {
		if t == nil {
			panic(err)
		}
		t.Fatal(err)
	}
	return c
}

const head = "format: 1\ncatalog: iso42001-2023@1.1.0\n"

// Loading is strict at every level, and each problem names its place.
func TestParseRejects(t *testing.T) {
	c := builtin(t)
	tests := []struct{ name, src, want string }{
		{"unknown top-level key", head + "organisation: x\n", `a.yaml:3:1: answers file: unknown key "organisation"`},
		{"unknown answer key", head + "answers:\n  \"5.2\":\n    met: []\n    comment: x\n", `a.yaml:6:5: answer "5.2": unknown key "comment"`},
		{"unknown system key", head + "systems:\n  - {name: a, owner: b}\n", `a.yaml:4:15: system "a": unknown key "owner"`},
		{"unknown question", head + "answers:\n  \"A.6.9\": {met: []}\n", `a.yaml:4:3: unknown question "A.6.9"`},
		{"question without A. prefix", head + "answers:\n  \"7.4.1\": {met: []}\n", `unknown question "7.4.1"`},
		{"suggests A. prefix", head + "answers:\n  \"6.2.4\": {met: []}\n", `(did you mean A.6.2.4 AI system verification and validation?)`},
		{"heading clause", head + "answers:\n  \"7.5\": {met: []}\n", `unknown question "7.5" (7.5 is a heading; its questions are 7.5.1, 7.5.2 and 7.5.3)`},
		{"unknown criterion", head + "answers:\n  \"5.2\":\n    met: [approved]\n", `a.yaml:5:11: unknown criterion "approved" for 5.2 (known: policy-documented, approved-by-top-management,`},
		{"duplicate criterion", head + "answers:\n  \"5.2\":\n    met: [communicated, communicated]\n", `criterion "communicated" is listed twice`},
		{"duplicate question", head + "answers:\n  \"5.2\": {met: []}\n  \"5.2\": {met: []}\n", `a.yaml:5:3: answers: key "5.2" appears twice (first at line 4)`},
		{"wrong type met", head + "answers:\n  \"5.2\":\n    met: communicated\n", `a.yaml:5:10: answer "5.2": met must be a list, not the text "communicated"`},
		{"wrong type applicable", head + "answers:\n  \"A.7.3\":\n    applicable: maybe\n", `applicable must be true or false`},
		{"wrong type format", "format: one\ncatalog: iso42001-2023@1.1.0\n", `a.yaml:1:9: format must be a whole number`},
		{"clause not applicable", head + "answers:\n  \"6.1.2\":\n    applicable: false\n    justification: we do not do risk\n", `clause 6.1.2 is mandatory and cannot be marked not applicable`},
		{"exclusion without justification", head + "answers:\n  \"A.7.3\":\n    applicable: false\n", `a.yaml:5:17: answer "A.7.3": an excluded control needs a justification`},
		{"exclusion with met", head + "answers:\n  \"A.7.3\":\n    applicable: false\n    justification: We acquire no outside data at all.\n    met: [source-choice-justified]\n", `is marked not applicable but lists met criteria`},
		{"missing format", "catalog: iso42001-2023@1.1.0\n", `format is missing`},
		{"future format", "format: 9\ncatalog: iso42001-2023@1.1.0\n", `format 9 is not supported`},
		{"missing catalog", "format: 1\n", `catalog is missing`},
		{"other catalog", "format: 1\ncatalog: my-sector@1.0.0\n", `answers were given against catalog "my-sector@1.0.0"`},
		{"bad date", head + "date: 22.11.2026\n", `date "22.11.2026" must be a calendar date written YYYY-MM-DD`},
		{"impossible date", head + "date: 2026-02-30\n", `is not a day of the calendar: February 2026 has 28 days`},
		{"bad role", head + "roles: [vendor]\n", `unknown role "vendor"`},
		{"bad risk", head + "systems:\n  - {name: a, risk: extreme}\n", `risk must be one of low, limited, medium, high, unacceptable`},
		{"empty", "", "a.yaml: file is empty"},
		{"two documents", head + "---\n" + head, "more than one YAML document"},
		{"syntax", head + "answers: [\n", "a.yaml:3: YAML syntax error"},
		{"top level list", "- a\n- b\n", "answers file must be a mapping"},
		{"escape in notes", head + "answers:\n  \"5.2\":\n    met: []\n    notes: \"\\e]0;pwned\\a\"\n", `notes contains the control character U+001B`},
		{"bidi in org", head + "organization: \"Acme\u202e\"\n", `organization contains the control character U+202E`},
		{"alias bomb", head + "x: &a [1]\n", "anchors and aliases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("a.yaml", []byte(tt.src), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := head + "answers:\n  \"5.2\":\n    met: [nope]\n  \"A.7.3\":\n    applicable: false\n  \"X.1\": {}\n"
	_, _, err := Parse("a.yaml", []byte(src), builtin(t))
	if err == nil {
		t.Fatal("want errors")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("want 3 problems, got %d:\n%v", n, err)
	}
}

func TestOlderCatalogVersionWarns(t *testing.T) {
	src := "format: 1\ncatalog: iso42001-2023@0.9.0\nanswers:\n  \"5.2\":\n    met: [communicated, retired-criterion]\n  \"A.6.9\": {met: [x]}\n"
	a, warns, err := Parse("a.yaml", []byte(src), builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"a.yaml:2: answers were given against catalog iso42001-2023@0.9.0; scoring with iso42001-2023@1.1.0",
		"questions no longer in the catalog (answers kept but not scored): A.6.9", "questions new to this catalog or missing from the file (not assessed): 4.1"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if diff := cmp.Diff([]string{"communicated"}, a.Answers["5.2"].Met); diff != "" {
		t.Errorf("met (-want +got):\n%s", diff)
	}
	// The orphan survives a save, so upgrading never loses work.
	out, err := Marshal(a, builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"A.6.9":`) {
		t.Errorf("orphan answer dropped on save:\n%s", out)
	}
}

func TestRoundTrip(t *testing.T) {
	c := builtin(t)
	a := New(c, "Zürich Ωmega AG", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), ProfileFull)
	a.Assessor = "Jane: \"Doe\" #1"
	a.Scope = "Line one\nline two: with colon"
	a.Roles = []catalog.Role{catalog.RoleProvider}
	a.Systems = []System{{Name: "yes", Purpose: "1.0", Roles: []catalog.Role{catalog.RoleUser}, Risk: "high"}, {Name: "Both", Roles: []catalog.Role{catalog.RoleDeveloper, catalog.RoleProvider}, Risk: "low"}}
	a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{"communicated"}, Notes: "multi\nline", Evidence: []string{"a.pdf", "https://x/y?z=1#f"}}
	a.Answers["6.1.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{}}
	a.Answers["A.7.3"] = &Answer{Applicable: false, Assessed: true, Decided: true, Justification: "No outside data: every dataset is our own."}
	a.Answers["A.7.4"] = &Answer{Applicable: true, Decided: true, Justification: "We train on our own claims data."}
	a.Answers["7.1"] = &Answer{Applicable: true, Notes: "started, not assessed"}
	data, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Parse("rt.yaml", data, c)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	b.Orphans = nil
	if diff := cmp.Diff(a, b, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(Answers{})); diff != "" {
		t.Errorf("round trip (-saved +loaded):\n%s", diff)
	}
	again, _ := Marshal(b, c)
	if string(again) != string(data) {
		t.Error("Marshal is not deterministic across a round trip")
	}
}

func TestSaveIsAtomicAndKeepsMode(t *testing.T) {
	c := builtin(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "answers.yaml")
	a := New(c, "Acme", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), ProfileQuick)
	if err := Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
	if _, _, err := LoadFile(path, c); err != nil {
		t.Errorf("saved file does not load: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ".answers.yaml.tmp-123"), []byte("x"), 0o644)
	CleanTemp(path)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("CleanTemp left %v", entries)
	}
}

// A fresh file from New passes loading and every question is not assessed.
func TestNewFileIsValidAndUnassessed(t *testing.T) {
	c := builtin(t)
	for _, p := range []Profile{ProfileFull, ProfileQuick} {
		a := New(c, "", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), p)
		data, _ := Marshal(a, c)
		b, _, err := Parse("new.yaml", data, c)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		res := Score(b, c)
		if res.Overall != 0 || len(res.NotAssessed) != len(res.Questions) {
			t.Errorf("%s: overall %v, not assessed %d of %d", p, res.Overall, len(res.NotAssessed), len(res.Questions))
		}
	}
}

func FuzzParse(f *testing.F) {
	c := builtin(f)
	for _, name := range []string{"answers.yaml", "answers-2026-08.yaml"} {
		if data, err := os.ReadFile(filepath.Join("..", "testdata", "examples", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + "answers:\n  \"5.2\": {met: [communicated]}\n"))
	f.Add([]byte(head + "answers:\n  \"A.7.3\": {applicable: false, justification: x}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := Parse("fuzz.yaml", data, c)
		if err != nil {
			return
		}
		res := Score(a, c)
		if res.Overall < 0 || res.Overall > 100 || math.IsNaN(res.Overall) {
			t.Fatalf("overall %v", res.Overall)
		}
		// Whatever loads must save (with every guard of a save) and load
		// again to the same answers.
		out, err := MarshalChecked("again.yaml", a, c)
		if err != nil {
			t.Fatalf("loaded answers cannot be saved: %v", err)
		}
		b, _, err := Parse("again.yaml", out, c)
		if err != nil {
			t.Fatalf("saved answers do not load: %v\n%s", err, out)
		}
		if diff := cmp.Diff(a, b, sameAnswers...); diff != "" {
			t.Fatalf("load, save, load (-first +second):\n%s", diff)
		}
	})
}

// randomAnswers builds an arbitrary valid assessment for property tests.
func randomAnswers(c *catalog.Catalog, rnd *rand.Rand) *Answers {
	a := New(c, "r", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull)
	for _, q := range c.Questions() {
		switch k := rnd.Intn(10); {
		case k == 0:
			continue // not assessed
		case k == 1 && q.IsControl():
			a.Answers[q.ID] = &Answer{Applicable: false, Assessed: true, Justification: "not used here"}
		default:
			ans := &Answer{Applicable: true, Assessed: true, Met: []string{}}
			for _, cr := range q.Criteria {
				if rnd.Intn(2) == 0 {
					ans.Met = append(ans.Met, cr.ID)
				}
			}
			a.Answers[q.ID] = ans
		}
	}
	return a
}

// The version warning names only the questions the file does not list,
// even when it lists them with nothing answered yet ("4.1": {}).
func TestVersionWarningNamesOnlyUnlisted(t *testing.T) {
	c := builtin(t)
	data, err := Marshal(New(c, "Acme", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull), c)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), "iso42001-2023@1.1.0", "iso42001-2023@0.9.0", 1)
	src = strings.Replace(src, "  \"7.4\": {}\n", "", 1)
	_, warns, err := Parse("old.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Msg)
	}
	want := []string{
		"answers were given against catalog iso42001-2023@0.9.0; scoring with iso42001-2023@1.1.0",
		"questions new to this catalog or missing from the file (not assessed): 7.4",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

// `applicable: true` records an SoA decision before the criteria are
// assessed: the control is not assessed, but the SoA covers it.
func TestApplicableTrueIsADecision(t *testing.T) {
	c := builtin(t)
	src := head + "answers:\n  \"A.10.4\":\n    applicable: true\n    justification: We sell the claims model to insurers.\n"
	a, _, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	full := allMet(c)
	full.Answers["A.10.4"] = a.Answers["A.10.4"]
	res := Score(full, c)
	if len(res.SoAMissing) != 0 || len(res.Blockers) != 0 {
		t.Errorf("SoA missing %v, blockers %v", res.SoAMissing, res.Blockers)
	}
	if diff := cmp.Diff([]string{"A.10.4"}, res.NotAssessed); diff != "" {
		t.Errorf("not assessed: %s", diff)
	}
	out, _ := Marshal(full, c)
	if !strings.Contains(string(out), "  \"A.10.4\":\n    applicable: true\n    justification: We sell the claims model to insurers.\n") {
		t.Errorf("decision not saved:\n%s", out)
	}
}

// A file written against catalog 1.0.0 loads with 1.1.0: met criteria the
// new version removed or reworded are named in a warning and kept, so a
// save and a reload give the same answers (nothing silently dropped).
func TestCatalog100FileLoadsAndKeepsEverything(t *testing.T) {
	c := builtin(t)
	a, warns, err := LoadFile("../testdata/examples/answers-2026-08.yaml", c)
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog != "iso42001-2023@1.0.0" {
		t.Fatalf("catalog = %s, want the 1.0.0 file", a.Catalog)
	}
	var all []string
	for _, w := range warns {
		all = append(all, w.String())
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{"answers were given against catalog iso42001-2023@1.0.0; scoring with " + c.Ident(), "removed or reworded", "re-check"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	unknown := 0
	for _, ans := range a.Answers {
		unknown += len(ans.Unknown)
	}
	if unknown == 0 {
		t.Fatal("expected reworded criteria kept as unknown")
	}
	data, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := Parse("again.yaml", data, c)
	if err != nil {
		t.Fatalf("saved file does not load: %v", err)
	}
	// Saving writes "applicable: true" for an assessed control, which is
	// the same decision made explicit.
	if diff := cmp.Diff(a.Answers, again.Answers, cmpopts.IgnoreFields(Answer{}, "Decided")); diff != "" {
		t.Errorf("save and reload changed the answers (-before +after):\n%s", diff)
	}
	for id, ans := range a.Answers {
		if ans.Decision() != again.Answers[id].Decision() {
			t.Errorf("%s: decision changed on save", id)
		}
	}
}
