package report

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/aimsready/aimsready/catalog"
)

var examplePDF = sync.OnceValues(func() ([]byte, error) {
	r, err := buildFrom(exampleAnswers)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = WritePDF(&buf, r)
	return buf.Bytes(), err
})

// exampleReportPDF is the example's PDF, rendered once for the text tests.
func exampleReportPDF(t testing.TB) []byte {
	t.Helper()
	b, err := examplePDF()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func renderPDFBytes(t testing.TB, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPDFDeterministic renders the example several times: gofpdf iterates
// maps when it writes fonts and resources, so one identical pair would
// prove little.
func TestPDFDeterministic(t *testing.T) {
	first := renderPDFBytes(t, exampleReport(t))
	for i := 0; i < 2; i++ {
		if again := renderPDFBytes(t, exampleReport(t)); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes): the PDF is not deterministic", i+2, len(again), len(first))
		}
	}
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", first[:min(16, len(first))])
	}
	// Dates come from the assessment date, never from the clock.
	if !bytes.Contains(first, []byte("D:20261122120000")) {
		t.Error("the document dates are not the assessment date 2026-11-22")
	}
	for _, key := range []string{"/Title", "/Author", "/Subject", "/Creator"} {
		if !bytes.Contains(first, []byte(key+" ")) {
			t.Errorf("document metadata %s is missing", key)
		}
	}
}

func TestPDFDateFallback(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-22": "2026-11-22T12:00:00Z",
		"":           "2000-01-01T00:00:00Z",
		"22.11.2026": "2000-01-01T00:00:00Z",
	} {
		if got := pdfDate(in).Format("2006-01-02T15:04:05Z07:00"); got != want {
			t.Errorf("pdfDate(%q) = %s, want %s", in, got, want)
		}
	}
}

// wantPDFText lists what the example's PDF must show: the organisation,
// every Annex A control id and the top fix.
func wantPDFText(t *testing.T, r *Report) []string {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{r.Cover.Organization, Disclaimer[:60]}
	for _, q := range c.Questions() {
		if q.IsControl() {
			want = append(want, q.ID)
		}
	}
	if len(want) != 2+38 {
		t.Fatalf("found %d Annex A controls in the catalog, want 38", len(want)-2)
	}
	top := r.Fixes[0]
	want = append(want, top.Question+" "+top.QuestionTitle)
	return want
}

func TestPDFTextWithPdftotext(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils to run this test (CI does); TestPDFTextBuiltinReader covers the same ground")
	}
	r := exampleReport(t)
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, exampleReportPDF(t), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, w := range wantPDFText(t, r) {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext output does not contain %q", w)
		}
	}
	if !strings.Contains(text, "Page 3 of ") {
		t.Error(`no "Page N of M" footer in the text`)
	}
}

// TestPDFTextBuiltinReader reads the text with a small reader that
// understands what gofpdf writes: Flate streams whose text operators carry
// UTF-16BE strings. It runs where poppler is not installed.
func TestPDFTextBuiltinReader(t *testing.T) {
	r := exampleReport(t)
	text := pdfText(t, exampleReportPDF(t))
	for _, w := range wantPDFText(t, r) {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text does not contain %q", w)
		}
	}
}

var (
	pdfStreamRE = regexp.MustCompile(`(?s)/FlateDecode[^>]*>>\s*stream\r?\n(.*?)\r?\nendstream`)
	pdfTjRE     = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\)\s*Tj`)
)

// pdfText extracts the text shown by Tj operators, one string a line.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var b strings.Builder
	for _, m := range pdfStreamRE.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			continue
		}
		for _, s := range pdfTjRE.FindAllSubmatch(data, -1) {
			b.WriteString(decodePDFString(s[1]))
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 {
		t.Fatal("no text found in the PDF")
	}
	return b.String()
}

func decodePDFString(esc []byte) string {
	var raw []byte
	for i := 0; i < len(esc); i++ {
		c := esc[i]
		if c == '\\' && i+1 < len(esc) {
			i++
			switch esc[i] {
			case 'r':
				c = '\r'
			case 'n':
				c = '\n'
			default:
				c = esc[i]
			}
		}
		raw = append(raw, c)
	}
	u := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
	}
	return string(utf16.Decode(u))
}

// The fix list shows the plan of a planned fix, and OVERDUE in words.
func TestPDFFixListShowsPlan(t *testing.T) {
	flat := strings.Join(strings.Fields(pdfText(t, exampleReportPDF(t))), " ")
	for _, want := range []string{
		"Plan: in-progress, Lena Vogt (CRO), due 2027-01-15",
		"Plan: planned, Jonas Ritter (Head of Data Science), due 2026-11-15, OVERDUE",
		"Plan: planned, Jonas Ritter (Head of Data Science), due 2027-02-28",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the fix list does not show %q", want)
		}
	}
}

// The systems' risk is the organisation's own rating: next to EU AI Act
// cross-references a bare "Risk" would read as the Act's class.
func TestPDFSystemsRiskIsInternal(t *testing.T) {
	flat := strings.Join(strings.Fields(pdfText(t, exampleReportPDF(t))), " ")
	if !strings.Contains(flat, "Role Internal risk rating Claims triage model") {
		t.Error(`the AI systems table does not label the risk "Internal risk rating"`)
	}
}

func TestPDFHostileText(t *testing.T) {
	r := hostileReport(t)
	text := pdfText(t, renderPDFBytes(t, r))
	for _, w := range []string{"Ωmega | Москва <script>", "Zürich Ωmega Москва ?? ? naïve café"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text does not contain %q", w)
		}
	}
}

func TestPDFSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Zürich Ωmega Москва": "Zürich Ωmega Москва",
		"Müller & Søn":        "Müller & Søn",
		"emoji 😀 here":        "emoji ? here",
		"東京":                  "??",
		"e\u0301te":           "éte", // composed
		"a\u200db\ufe0fc":     "abc", // zero-width joiner, variation selector
		"tab\there":           "tab here",
		"cr\r\nlf\rx":         "cr\nlf\nx",
		"nul\x00bel\x07":      "nulbel",
		"bad \xff byte":       "bad \ufffd byte",
		"thumbs 👍🏽 flag 🇩🇪":   "thumbs ?? flag ??",
	} {
		if got := pdfSafe(in); got != want {
			t.Errorf("pdfSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPDFRecoversFromPanic(t *testing.T) {
	// A nil report makes the renderer panic; WritePDF must turn that into
	// an error rather than crash the CLI.
	if err := WritePDF(io.Discard, nil); err == nil {
		t.Fatal("WritePDF(nil) returned no error")
	}
}

func TestPDFEmptyReport(t *testing.T) {
	// Nothing assessed, no sections, no fixes: still a valid document.
	var buf bytes.Buffer
	if err := WritePDF(&buf, &Report{Disclaimer: Disclaimer}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}

// tinyReport puts s in every kind of place the PDF draws user text.
func tinyReport(s string) *Report {
	score := Points(50)
	return &Report{
		Cover: Cover{Title: s, Standard: s, Organization: s, Assessor: s, Date: s, Scope: s, Roles: []string{s},
			Systems: []System{{Name: s, Purpose: s, Role: s, Risk: s}}, Catalog: s, CatalogTitle: s, ToolVersion: s},
		Summary: Summary{Overall: 50, Verdict: Verdict{Label: s, Reason: s},
			Blockers: []Blocker{{Question: s, QuestionTitle: s, Text: s, Reason: s, Fix: s}},
			TopFixes: []Fix{{Rank: 1, Question: s, QuestionTitle: s, Fix: s, Effort: s, Cites: []string{s}, Blocker: true}},
			Sections: []SectionScore{{ID: s, Title: s, Kind: "annex", Score: &score}}},
		Sections: []Section{{SectionScore: SectionScore{ID: s, Title: s, Score: &score}, Intro: s, Questions: []Question{{
			ID: s, Title: s, Citation: s, StatusLabel: s, Status: s, Score: &score,
			Met: []Criterion{{ID: s, Text: s}}, Unmet: []Criterion{{ID: s, Text: s, FixRank: 1}},
			Justification: s, Notes: s, Evidence: []string{s}, Refs: []Ref{{FrameworkName: s, ID: s}},
		}}}},
		Fixes: []Fix{{Rank: 1, Question: s, QuestionTitle: s, Criterion: s, CriterionText: s, Fix: s, Effort: s, Cites: []string{s}}},
		SoA: SoA{Controls: []Control{{ID: s, Title: s, Applicability: s, Justification: s, Status: s,
			Evidence: []string{s}, JustificationIssue: s}}},
		CrossFramework: []Framework{{ID: s, Name: s, Unit: "risk", Items: []CrossRef{{ID: s, Title: s, Questions: []string{s}}}}},
		Method: Method{Scoring: []string{s, "Label: " + s}, Efforts: []EffortDays{{Effort: s, Meaning: s}},
			Statuses: []Threshold{{Status: s, Rule: s}}, Weights: []SectionWeight{{ID: s, Title: s}}},
		Disclaimer: s,
		Roadmap:    Roadmap{Phases: []RoadmapPhase{{Phase: 1, Title: s, Fixes: 1}}},
		Commentary: Commentary{Executive: s + "\n\n- " + s + " **" + s + "**", Findings: []string{s}, Recommendations: []string{"*" + s + "*"},
			Sections: []SectionComment{{Section: s, Text: s}}},
		Engagement: Engagement{PeriodStart: s, Interviewees: []Interviewee{{Name: s, Role: s, Date: s}}, Documents: []string{s}, Limitations: s},
		Branding:   Branding{Firm: s, Marking: s, Version: s, Draft: true},
	}
}

// FuzzPDFText draws arbitrary strings everywhere the PDF shows text: it must
// never panic (a recovered panic shows up as an error) and pdfSafe must only
// ever leave runes the embedded fonts can draw.
func FuzzPDFText(f *testing.F) {
	for _, s := range []string{
		"", "Zürich", "Ωmega", "Москва", "😀", "東京", "👩‍💻", "\x00\x01\x7f", "\xff\xfe\xfd", "e\u0301", "\u202eevil",
		"(parens) \\backslash\\ \r\n", strings.Repeat("W", 500), strings.Repeat("word ", 150), "\U0010FFFF", "\uFFFF\uFFFE",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		safe := pdfSafe(s)
		for _, r := range safe {
			if r != '\n' && !pdfCovered(r) {
				t.Fatalf("pdfSafe(%q) left %U, which the fonts cannot draw", s, r)
			}
		}
		if err := WritePDF(io.Discard, tinyReport(s)); err != nil {
			t.Fatalf("WritePDF with %q: %v", s, err)
		}
	})
}
