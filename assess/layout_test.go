package assess

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// A hand-kept file keeps its comments and value styles through a save, and
// a save changes only the lines whose content changed.
func TestSaveKeepsTheFilesLayout(t *testing.T) {
	c := builtin(t)
	q := c.Question("4.1")
	src := `# Acme's readiness file, kept in git by the AIMS lead.
# Reviewed weekly.
format: 1
catalog: ` + c.Ident() + `
profile: full
organization: Acme # legal name
assessor: Dana
date: 2026-05-04
scope: Claims model
roles: [user]
systems:
  # the only system in scope
  - {name: Claims model, purpose: Ranks claims, role: user, risk: high}
answers:
  # 4.1 An old title
  # criteria: list the ids of those met in met: [...]
  #   stale-id: a statement from an older catalog
  "4.1":
    met: [` + q.Criteria[0].ID + `] # confirmed with the CRO
  # Interviewed the data team on 2026-05-02.
  "4.2": {met: []}
`
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _, err := LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	a.Answers["4.1"].Met = append(a.Answers["4.1"].Met, q.Criteria[1].ID)
	if err := Save(path, a, c); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	out := string(data)
	for _, want := range []string{
		"# Acme's readiness file, kept in git by the AIMS lead.\n# Reviewed weekly.\nformat: 1\n",
		"organization: Acme # legal name\n",
		"date: 2026-05-04\n",
		"  # the only system in scope\n  - {name: Claims model, purpose: Ranks claims, role: user, risk: high}\n",
		"    met: [" + q.Criteria[0].ID + ", " + q.Criteria[1].ID + "] # confirmed with the CRO\n",
		"  # Interviewed the data team on 2026-05-02.\n  \"4.2\": {met: []}\n",
		"  # " + q.ID + " " + q.Title, // the tool's own comment, refreshed
	} {
		if !strings.Contains(out, want) {
			t.Errorf("saved file lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "stale-id") || strings.Contains(out, "An old title") {
		t.Errorf("the tool's old question comment was kept:\n%s", out)
	}

	// Saved again without a change: the same bytes.
	b, _, err := LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(path, b, c); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	if diff := cmp.Diff(out, string(again)); diff != "" {
		t.Errorf("a second save changed the file (-first +second):\n%s", diff)
	}
}

// The example, kept by hand, changes only where its content changes when
// the tool saves it.
func TestExampleSavesInPlace(t *testing.T) {
	c := builtin(t)
	path := filepath.Join("..", "testdata", "examples", "answers.yaml")
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := Parse(path, orig, c)
	if err != nil {
		t.Fatal(err)
	}
	data, err := MarshalChecked(path, a, c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(orig), string(data)); diff != "" {
		t.Errorf("saving the example unchanged rewrote it (-file +saved):\n%s", diff)
	}
}

// A layout that would not read back the same answers is dropped for the
// save; the answers are saved in the canonical layout.
func TestUnreadableLayoutFallsBack(t *testing.T) {
	c := builtin(t)
	src := "format: 1\ncatalog: " + c.Ident() + "\n# mine\nanswers:\n  \"4.1\":\n    met: []\n    notes: \"\\tindented\\nsecond line\"\n"
	a, _, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	// A literal block for a note that starts with a tab is what yaml.v3
	// writes but cannot read back.
	notes := a.layout.Content[len(a.layout.Content)-1].Content[1].Content[3]
	if notes.Value != "\tindented\nsecond line" {
		t.Fatalf("found %q, not the notes", notes.Value)
	}
	notes.Style = yaml.LiteralStyle
	if _, err := marshalReadBack("a.yaml", a, c); err == nil {
		t.Fatal("the broken layout reads back; this test no longer tests the fallback")
	}
	data, err := MarshalChecked("a.yaml", a, c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "# mine") || !strings.Contains(string(data), `notes: "\tindented\nsecond line"`) {
		t.Errorf("saved with the broken layout:\n%s", data)
	}
	back, _, err := Parse("a.yaml", data, c)
	if err != nil || back.Answers["4.1"].Notes != "\tindented\nsecond line" {
		t.Fatalf("saved file reads back %v, %v", back, err)
	}
}
