package report

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

const stressAnswers = "../testdata/stress/answers.yaml"

// buildFrom loads an answers file and builds its report the way the report
// command does: the consultant's part of the file included, the logo
// loaded relative to the file.
func buildFrom(path string) (*Report, error) {
	c, err := catalog.Builtin()
	if err != nil {
		return nil, err
	}
	a, _, err := assess.LoadFile(path, c)
	if err != nil {
		return nil, err
	}
	b := Branding{Firm: a.Branding.Firm, Marking: a.Branding.Marking, Draft: a.Branding.Draft, Version: a.Branding.Version}
	if a.Branding.Logo != "" {
		logo, err := LoadLogo(filepath.Join(filepath.Dir(path), a.Branding.Logo))
		if err != nil {
			return nil, err
		}
		b.Logo, b.LogoName = logo, filepath.Base(a.Branding.Logo)
	}
	res := assess.Score(a, c)
	assess.MarkOverdue(res, res.Date)
	return Build(res, c, Options{ToolVersion: testVersion, Commentary: a.Commentary, Engagement: a.Engagement, Branding: b}), nil
}

func stressReport(t testing.TB) *Report {
	t.Helper()
	r, err := buildFrom(stressAnswers)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The stress assessment (long commentary in several scripts, a logo, 34
// systems, DRAFT) renders the same bytes every time and shows the
// consultant's part.
func TestStressPDF(t *testing.T) {
	r := stressReport(t)
	first := renderPDFBytes(t, r)
	if again := renderPDFBytes(t, stressReport(t)); !bytes.Equal(first, again) {
		t.Fatal("the stress PDF is not deterministic")
	}
	text := pdfText(t, first)
	for _, want := range []string{"Assessor's commentary", "Key findings", "Recommendations", "ASSESSOR'S COMMENT",
		"Engagement record", "People interviewed (26)", "Documents sampled (42)", "Limitations of this assessment",
		"STRICTLY CONFIDENTIAL", "DRAFT", "Version 0.9-rc.1 (draft)", "Nováková Advisory"} {
		if !strings.Contains(text, want) {
			t.Errorf("the stress PDF does not show %q", want)
		}
	}
	if strings.Contains(text, "{nb}") {
		t.Error("a page-count alias was left in the text")
	}
	if !bytes.Contains(first, []byte("/Subtype /Image")) {
		t.Error("the logo is not embedded")
	}
}

func TestStressXLSXDeterministic(t *testing.T) {
	if !bytes.Equal(renderXLSX(t, stressReport(t)), renderXLSX(t, stressReport(t))) {
		t.Fatal("the stress workbook is not deterministic")
	}
}

func TestMarkdownShowsTheConsultantsPart(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, stressReport(t)); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{"**STRICTLY CONFIDENTIAL", "**DRAFT: not for decisions until issued.**", "| Prepared by | Nováková Advisory",
		"### Assessor's commentary", "has **built a credible policy base**", "*below the policy level*", "***both***",
		"### Key findings\n\n1. Finding 1:", "### Recommendations\n\n1. Recommendation 1: *within 30 days*",
		"**Assessor's comment.** Section A.5:", "## Engagement record", "### People interviewed (26)", "| 2 | Ирина Кузнецова",
		"### Documents sampled (42)", "### Limitations of this assessment", "2 \\* 3 = 6"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown does not contain %q", want)
		}
	}
}

func TestLoadLogo(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(1, 1, color.Black)
	var pngBuf, gifBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifBuf, img, nil); err != nil {
		t.Fatal(err)
	}
	tall := image.NewRGBA(image.Rect(0, 0, 10, 200))
	var tallBuf bytes.Buffer
	png.Encode(&tallBuf, tall)

	good := write("ok.png", pngBuf.Bytes())
	if l, err := LoadLogo(good); err != nil || l.Type != "PNG" || l.W != 40 || l.H != 20 {
		t.Fatalf("LoadLogo(ok.png) = %+v, %v", l, err)
	}
	// fpdf refuses interlaced PNGs; the flattened copy it is given is not.
	if l, err := LoadLogo("../testdata/stress/interlaced.png"); err != nil || l.Type != "PNG" || l.W != 40 {
		t.Fatalf("LoadLogo(interlaced.png) = %+v, %v", l, err)
	}
	if l, err := LoadLogo("../testdata/stress/logo.jpg"); err != nil || l.Type != "JPG" {
		t.Fatalf("LoadLogo(logo.jpg) = %+v, %v", l, err)
	}
	tests := []struct{ name, path, want string }{
		{"missing", filepath.Join(dir, "nope.png"), "nope.png: no such file or directory"},
		{"folder", dir, "is a folder"},
		{"text", write("text.png", []byte("not an image")), "not a PNG or JPEG image"},
		{"truncated", write("cut.png", pngBuf.Bytes()[:30]), "not a PNG or JPEG image"},
		{"gif", write("g.png", gifBuf.Bytes()), "a gif image; use PNG or JPEG"},
		{"too tall", write("tall.png", tallBuf.Bytes()), "too wide or too tall for a logo"},
		{"empty", write("empty.jpg", nil), "not a PNG or JPEG image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadLogo(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadLogo error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// The board summary is one page whatever the answers hold, and the same
// bytes every time.
func TestBoardSummaryOnePage(t *testing.T) {
	long := strings.Repeat("a long and winding statement that goes on ", 12)
	worst := stressReport(t)
	worst.Summary.Verdict.Reasons = []string{long, long, long, long, long, long}
	for i := range worst.Fixes {
		worst.Fixes[i].CriterionText, worst.Fixes[i].Fix, worst.Fixes[i].QuestionTitle = long, long, long
		worst.Fixes[i].Owner, worst.Fixes[i].Due, worst.Fixes[i].Status, worst.Fixes[i].Overdue = long, "2020-01-01", "planned", true
	}
	worst.Summary.Overdue = worst.Fixes[:min(40, len(worst.Fixes))]
	for name, r := range map[string]*Report{"example": exampleReport(t), "stress": stressReport(t), "worst": worst, "tiny": tinyReport("x")} {
		var a, b bytes.Buffer
		if err := WritePDFSummary(&a, r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := WritePDFSummary(&b, r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the board summary is not deterministic", name)
		}
		if n := bytes.Count(a.Bytes(), []byte("/Type /Page\n")); n != 1 {
			t.Errorf("%s: the board summary has %d pages, want 1", name, n)
		}
	}
	text := pdfText(t, func() []byte {
		var buf bytes.Buffer
		WritePDFSummary(&buf, exampleReport(t))
		return buf.Bytes()
	}())
	for _, want := range []string{"BOARD SUMMARY", "Müller & Søn Analytik GmbH", "Not ready for Stage 1", "OVERALL READINESS",
		"DOCUMENTATION", "IMPLEMENTATION", "EVIDENCE COVERAGE", "OUR VIEW", "gaps that matter most", "Stage 1 blocker", "The roadmap", "Total", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the board summary lacks %q", want)
		}
	}
	// The plan's fix past due is named with its owner and due date.
	if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, "1 planned fix past due: 8.4 AI system impact assessment, owner Jonas Ritter (Head of Data Science), due 2026-11-15.") {
		t.Errorf("the board summary does not name the planned fix past due:\n%s", text)
	}
	if strings.Contains(text, "Not assessed yet:") {
		t.Error(`the example's board says "Not assessed yet:" of a gap in an assessed question`)
	}
	// A question nobody has answered yet is not known to be missing.
	text = pdfText(t, func() []byte {
		r := exampleReport(t)
		r.Fixes = append([]Fix(nil), r.Fixes...)
		r.Fixes[0].Assessed = false
		var buf bytes.Buffer
		WritePDFSummary(&buf, r)
		return buf.Bytes()
	}())
	if !strings.Contains(text, "Not assessed yet: "+lowerFirst(exampleReport(t).Fixes[0].CriterionText)[:20]) {
		t.Errorf(`the board summary does not say "Not assessed yet:" of a gap in an unanswered question:\n%s`, text)
	}
	// Without a register there is no coverage to show: three tiles, with
	// room for their full names.
	text = pdfText(t, func() []byte {
		r := exampleReport(t)
		r.Evidence.Items = nil
		var buf bytes.Buffer
		WritePDFSummary(&buf, r)
		return buf.Bytes()
	}())
	if !strings.Contains(text, "DOCUMENTATION READINESS") || strings.Contains(text, "EVIDENCE COVERAGE") {
		t.Errorf("the board summary without a register:\n%s", text)
	}
}
