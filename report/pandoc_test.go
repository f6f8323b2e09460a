package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPandocWord checks the route to Word: `pandoc report.md -o
// report.docx` keeps every heading, table and list, loses no text to raw
// HTML, and carries the consultant's bold and italics. CI installs pandoc
// (.ci/run); without it the test is skipped.
func TestPandocWord(t *testing.T) {
	bin, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not found: install it to run this test (apt-get install pandoc; CI does)")
	}
	// The stress report alone: it has every part, the consultant's
	// commentary included, and each pandoc run takes seconds.
	r := stressReport(t)
	dir := t.TempDir()
	md := filepath.Join(dir, "report.md")
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(md, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(dir, "report.docx")
	// Exactly the command the README gives.
	cmd := exec.Command(bin, "report.md", "-o", "report.docx")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("pandoc report.md -o report.docx: %v\n%s", err, out)
	}
	from, _ := pandocBlocks(t, bin, md)
	to, text := pandocBlocks(t, bin, docx)
	for _, kind := range []string{"RawInline", "RawBlock"} {
		if from[kind] > 0 {
			t.Errorf("the Markdown has %d %s elements: raw HTML, which Word loses", from[kind], kind)
		}
	}
	for _, kind := range []string{"Header", "Table", "BulletList", "OrderedList", "Strong", "Emph"} {
		if from[kind] != to[kind] {
			t.Errorf("%s: %d in the Markdown, %d in the Word file", kind, from[kind], to[kind])
		}
	}
	if to["Header"] < 20 || to["Table"] < 10 || to["BulletList"] < 5 {
		t.Errorf("the Word file looks thin: %v", to)
	}
	for _, want := range []string{r.Cover.Organization, r.Disclaimer[:50], "Documented information — General", "Section by section"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Word file lacks %q", want)
		}
	}
}

// pandocBlocks counts the element types of a document as pandoc reads it,
// and returns its words.
func pandocBlocks(t *testing.T, bin, path string) (map[string]int, string) {
	t.Helper()
	out, err := exec.Command(bin, path, "-t", "json").Output()
	if err != nil {
		t.Fatalf("pandoc %s -t json: %v", filepath.Base(path), err)
	}
	var doc struct{ Blocks any }
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var text strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if k, ok := v["t"].(string); ok {
				counts[k]++
				switch k {
				case "Str":
					text.WriteString(v["c"].(string))
				case "Space", "SoftBreak", "LineBreak":
					text.WriteByte(' ')
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(doc.Blocks)
	return counts, text.String()
}
