package report

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

var renderers = map[string]func(io.Writer, *Report) error{
	"md": WriteMarkdown, "csv": WriteCSV, "json": WriteJSON, "pdf": WritePDF, "xlsx": WriteXLSX,
}

// FuzzRender loads arbitrary answers files and, whatever loads, scores it
// and renders every format: no panic, no renderer error.
func FuzzRender(f *testing.F) {
	c, err := catalog.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"answers.yaml", "answers-2026-08.yaml"} {
		if data, err := os.ReadFile(filepath.Join("..", "testdata", "examples", name)); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("format: 1\ncatalog: iso42001-2023@1.1.0\norganization: \"Zürich | <b>Ωmega</b> `x` 🚀 日本\"\nanswers:\n  \"A.7.3\": {applicable: false, justification: \"=cmd|' /C calc'!A0\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := assess.Parse("fuzz.yaml", data, c)
		if err != nil {
			return
		}
		r := Build(assess.Score(a, c), c, Options{})
		for name, render := range renderers {
			if name == "pdf" && len(data) > 4096 {
				continue // keep each fuzz run fast; PDF text itself is fuzzed by FuzzPDFText
			}
			if err := render(io.Discard, r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}

func benchReport(b *testing.B, c *catalog.Catalog) *Report {
	a := &assess.Answers{Format: assess.FormatVersion, Catalog: c.Ident(), Profile: assess.ProfileFull,
		Organization: "Bench GmbH", Date: "2026-11-22", Answers: map[string]*assess.Answer{}}
	for i, q := range c.Questions() {
		ans := &assess.Answer{Applicable: true, Assessed: true, Notes: "Reviewed in the workshop.", Evidence: []string{"doc.pdf"}}
		for j, id := range q.CriterionIDs() {
			if (i+j)%2 == 0 {
				ans.Met = append(ans.Met, id)
			}
		}
		a.Answers[q.ID] = ans
	}
	return Build(assess.Score(a, c), c, Options{})
}

func benchRender(b *testing.B, c *catalog.Catalog, render func(io.Writer, *Report) error) {
	r := benchReport(b, c)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := render(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func builtinB(b *testing.B) *catalog.Catalog {
	c, err := catalog.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkMarkdown(b *testing.B)    { benchRender(b, builtinB(b), WriteMarkdown) }
func BenchmarkMarkdown10x(b *testing.B) { benchRender(b, builtinB(b).Scaled(10), WriteMarkdown) }
func BenchmarkPDF(b *testing.B)         { benchRender(b, builtinB(b), WritePDF) }
func BenchmarkPDF10x(b *testing.B)      { benchRender(b, builtinB(b).Scaled(10), WritePDF) }

// BenchmarkPDFExample renders the example assessment: the figures in
// CONTRIBUTING.md (performance) come from it.
func BenchmarkPDFExample(b *testing.B) {
	r := exampleReport(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WritePDF(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkXLSXExample(b *testing.B) {
	r := exampleReport(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteXLSX(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
