package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	exampleAnswers = "../testdata/examples/answers.yaml"
	goldenDir      = "../testdata/golden/report"
	testVersion    = "0.0.0-test"
)

// exampleResult scores the example assessment with the built-in catalog.
func exampleResult(t testing.TB) (*assess.Result, *catalog.Catalog) {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := assess.LoadFile(exampleAnswers, c)
	if err != nil {
		t.Fatal(err)
	}
	return assess.Score(a, c), c
}

// exampleReport builds the example's report as the report command does,
// with the consultant's commentary, engagement record and branding.
func exampleReport(t testing.TB) *Report {
	t.Helper()
	r, err := buildFrom(exampleAnswers)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./report -update' to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got); run 'go test ./report -update' if the change is intended:\n%s", name, diff)
	}
}

func TestGoldenReports(t *testing.T) {
	r := exampleReport(t)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer, *Report) error
	}{
		{"example.md", func(b *bytes.Buffer, r *Report) error { return WriteMarkdown(b, r) }},
		{"example.csv", func(b *bytes.Buffer, r *Report) error { return WriteCSV(b, r) }},
		{"example.json", func(b *bytes.Buffer, r *Report) error { return WriteJSON(b, r) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf, r); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, buf.Bytes())
		})
	}
}

// TestBuildTakesNumbersFromResult checks the model repeats the result's
// numbers rather than computing its own.
func TestBuildTakesNumbersFromResult(t *testing.T) {
	res, c := exampleResult(t)
	r := Build(res, c, Options{Top: 3})
	if float64(r.Summary.Overall) != res.Overall {
		t.Errorf("overall %v, result says %v", r.Summary.Overall, res.Overall)
	}
	if len(r.Fixes) != len(res.Fixes) || len(r.Summary.TopFixes) != 3 {
		t.Fatalf("fixes %d (top %d), result has %d", len(r.Fixes), len(r.Summary.TopFixes), len(res.Fixes))
	}
	for i, f := range res.Fixes {
		g := r.Fixes[i]
		if g.Rank != f.Rank || g.Question != f.Question || g.Criterion != f.Criterion || float64(g.Gain) != f.Gain || g.Blocker != f.Blocker {
			t.Errorf("fix %d: %+v, result has %+v", i, g, f)
		}
	}
	if r.Summary.BlockerCount != len(res.Blockers) || r.Summary.Verdict.Label != res.Verdict.Label {
		t.Errorf("blockers %d verdict %q, result has %d %q", r.Summary.BlockerCount, r.Summary.Verdict.Label, len(res.Blockers), res.Verdict.Label)
	}
	scores := map[string]float64{}
	for _, q := range res.Questions {
		scores[q.ID] = q.Score
	}
	n := 0
	for i, s := range r.Sections {
		if s.Value() != res.Sections[i].Score {
			t.Errorf("section %s score %v, result says %v", s.ID, s.Score, res.Sections[i].Score)
		}
		for _, q := range s.Questions {
			n++
			if q.Score != nil && float64(*q.Score) != scores[q.ID] {
				t.Errorf("question %s score %v, result says %v", q.ID, *q.Score, scores[q.ID])
			}
		}
	}
	if n != len(res.Questions) {
		t.Errorf("sections hold %d questions, result has %d", n, len(res.Questions))
	}
}

func TestStatementOfApplicability(t *testing.T) {
	r := exampleReport(t)
	c, _ := catalog.Builtin()
	var want []string
	for _, q := range c.Questions() {
		if q.IsControl() {
			want = append(want, q.ID)
		}
	}
	var got []string
	byID := map[string]Control{}
	for _, ctl := range r.SoA.Controls {
		got = append(got, ctl.ID)
		byID[ctl.ID] = ctl
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("SoA controls (-want +got):\n%s", diff)
	}
	if len(got) != 38 {
		t.Errorf("SoA has %d controls, want the 38 of Annex A", len(got))
	}
	for id, want := range map[string]struct{ applicability, impl string }{
		"A.2.2":  {SoAApplicable, "Met"},
		"A.5.5":  {SoAExcluded, "Excluded"},
		"A.7.3":  {SoAExcluded, "Excluded"},
		"A.8.5":  {SoAUndecided, "Not assessed"},
		"A.10.3": {SoAApplicable, "Not met"},
	} {
		ctl := byID[id]
		if ctl.Applicability != want.applicability || ctl.Status != want.impl {
			t.Errorf("%s: %s / %s, want %s / %s", id, ctl.Applicability, ctl.Status, want.applicability, want.impl)
		}
	}
	if byID["A.5.5"].JustificationIssue == "" {
		t.Error(`A.5.5 is excluded as "Not relevant." but is not flagged`)
	}
	if issue := byID["A.7.3"].JustificationIssue; issue != "" {
		t.Errorf("A.7.3 has a full justification but is flagged: %s", issue)
	}
	if r.SoA.Flagged != 1 || r.SoA.Excluded != 2 || r.SoA.Applicable+r.SoA.Excluded+r.SoA.Undecided != 38 {
		t.Errorf("SoA counts: %+v", r.SoA)
	}
}

// One status scale: the same thresholds for every question and control.
func TestStatusScale(t *testing.T) {
	for _, tc := range []struct {
		score      float64
		met, unmet int
		want       string
	}{
		{100, 5, 0, "Met"},
		{200.0 / 3, 3, 2, "Largely met"},
		{80, 4, 1, "Largely met"},
		{66.5, 3, 2, "Partially met"},
		{0.1, 1, 4, "Partially met"},
		{0, 0, 5, "Not met"},
	} {
		if got := StatusLabel(assess.StatusFor(tc.score, tc.met, tc.unmet)); got != tc.want {
			t.Errorf("%.2f: %s, want %s", tc.score, got, tc.want)
		}
	}
}

func TestThinJustification(t *testing.T) {
	for j, thin := range map[string]bool{
		"":                   true,
		"   ":                true,
		"Not relevant.":      true,
		"N/A":                true,
		"n/a":                true,
		"not applicable":     true,
		"Does not apply!":    true,
		"TBD":                true,
		"We do not do this.": true,
		"TODO: write the reason why we exclude this control later on":                                       true,
		"We develop no AI systems in-house; all models are bought as services from vendors under contract.": false,
		"All training and test data comes from our own records; we acquire no data from outside.":           false,
	} {
		if got := assess.ThinJustification(j) != ""; got != thin {
			t.Errorf("ThinJustification(%q) flagged=%v, want %v", j, got, thin)
		}
	}
}

func TestCrossFramework(t *testing.T) {
	r := exampleReport(t)
	if len(r.CrossFramework) != 3 {
		t.Fatalf("%d frameworks, want NIST, OWASP and the EU AI Act", len(r.CrossFramework))
	}
	nist := r.CrossFramework[0]
	var fns []string
	for _, it := range nist.Items {
		fns = append(fns, it.ID)
		if len(it.Questions) == 0 || it.Mean == nil || it.Terms == 0 || it.Referenced > it.Terms {
			t.Errorf("NIST %s: %+v", it.ID, it)
		}
	}
	if diff := cmp.Diff([]string{"GOVERN", "MAP", "MEASURE", "MANAGE"}, fns); diff != "" {
		t.Errorf("NIST functions (-want +got):\n%s", diff)
	}
	owasp := r.CrossFramework[1]
	if len(owasp.Items) != 10 {
		t.Errorf("OWASP has %d items, want the 10 of 2025", len(owasp.Items))
	}
	for _, it := range owasp.Items {
		if !strings.HasSuffix(it.ID, ":2025") {
			t.Errorf("OWASP item %s is not from 2025", it.ID)
		}
	}
	for _, it := range r.CrossFramework[2].Items {
		if len(it.Questions) == 0 {
			t.Errorf("EU AI Act %s listed without a referencing question", it.ID)
		}
	}

	// A mean is the weighted mean of the referencing questions' scores.
	res, _ := exampleResult(t)
	byID := map[string]assess.QuestionScore{}
	for _, q := range res.Questions {
		byID[q.ID] = q
	}
	for _, it := range nist.Items {
		var w, p float64
		for _, id := range it.Questions {
			if q := byID[id]; q.Status != assess.StatusExcluded {
				w += q.Weight
				p += q.Weight * q.Score
			}
		}
		if got, want := Round2(float64(*it.Mean)), Round2(p/w); got != want {
			t.Errorf("NIST %s mean %v, want %v", it.ID, got, want)
		}
	}
}

// hostileReport is the example with user text that tries to break every
// output: pipes, newlines, HTML, formula prefixes, emoji and other scripts.
func hostileReport(t testing.TB) *Report {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := assess.LoadFile(exampleAnswers, c)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Zürich Ωmega Москва 東京 😀 naïve café ", 60)
	a.Organization = "Ωmega | Москва <script>alert(1)</script> 😀 東京 `x` *y*"
	a.Assessor = "=HYPERLINK(\"http://evil\")"
	a.Scope = "Line one\nLine two | pipe\n# not a heading\n- not a list " + long
	a.Systems = append(a.Systems, assess.System{Name: "@SUM(A1:A9)", Purpose: "Purpose with | pipe\nand newline 🚀", Roles: []catalog.Role{"user"}, Risk: "low"})
	a.Answers["4.1"].Notes = "Notes with | a pipe\n| and | a row |\n" + long + "\x00\x07\u200b\u202e"
	a.Answers["4.1"].Evidence = []string{"<img src=x onerror=alert(1)>", "https://example.com/a_b*c", strings.Repeat("verylongpathwithoutanyspaces/", 20)}
	a.Answers["A.5.5"].Justification = "-1+1 | " + long
	res := assess.Score(a, c)
	for i := range res.Fixes {
		if i%7 == 0 {
			res.Fixes[i].Fix = "=cmd|' /C calc'!A0 " + res.Fixes[i].Fix
		}
	}
	return Build(res, c, Options{ToolVersion: "v1 | 😀"})
}

var unescapedPipe = regexp.MustCompile(`(^|[^\\])\|`)

// TestMarkdownTablesIntact checks every table row has as many cells as its
// header, whatever the user wrote.
func TestMarkdownTablesIntact(t *testing.T) {
	for name, r := range map[string]*Report{"example": exampleReport(t), "hostile": hostileReport(t)} {
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, r); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "<script") || strings.Contains(out, "<img") {
			t.Errorf("%s: raw HTML from user text reached the Markdown", name)
		}
		cols := -1
		for i, line := range strings.Split(out, "\n") {
			if !strings.HasPrefix(line, "|") {
				cols = -1
				continue
			}
			n := len(unescapedPipe.FindAllString(line, -1))
			if cols < 0 {
				cols = n
				continue
			}
			if n != cols {
				t.Errorf("%s: line %d has %d cell separators, its table header %d:\n%s", name, i+1, n, cols, line)
			}
		}
	}
}

func TestCSVFixList(t *testing.T) {
	r := hostileReport(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(CSVHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(rows)-1 != len(r.Fixes) {
		t.Fatalf("%d rows, want one per fix (%d)", len(rows)-1, len(r.Fixes))
	}
	for i, row := range rows[1:] {
		if len(row) != len(CSVHeader) {
			t.Fatalf("row %d has %d fields", i+1, len(row))
		}
		for j, cell := range row {
			if CSVHeader[j] == "gain" || CSVHeader[j] == "importance" || CSVHeader[j] == "days" { // numbers
				continue
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d field %s starts with %q: a spreadsheet would run it as a formula", i+1, CSVHeader[j], cell[:1])
			}
		}
		if r.Fixes[i].Rank == 1 && !strings.HasPrefix(row[slices.Index(CSVHeader, "fix")], "'=cmd") {
			t.Errorf("rank 1 fix not defused: %q", row[slices.Index(CSVHeader, "fix")])
		}
	}
}

func TestCSVFormulaPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tx": " x",
		"plain": "plain", "": "", "a=b": "a=b",
		// Hidden behind whitespace, a BOM or a zero-width space, full-width,
		// or on a line of its own.
		"\t=1": "' =1", "  =1": "'  =1", "\ufeff=1": "'=1", "\u200b+1": "'+1", "\u00a0-1": "'\u00a0-1",
		"＝1+1": "'＝1+1", "＋1": "'＋1", "－1": "'－1", "＠SUM(A1)": "'＠SUM(A1)",
		"x\n=cmd": "x =cmd", "\r\n=cmd": "'  =cmd", "a\x1bb": "a\uFFFDb",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSONSchemaAndRounding(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, exampleReport(t)); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema"] != ReportSchema {
		t.Errorf("schema %v", doc["schema"])
	}
	for _, key := range []string{"cover", "summary", "sections", "fixes", "statement_of_applicability", "cross_framework", "method", "disclaimer"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("JSON report has no %q", key)
		}
	}
	// No number has more than two decimals.
	if m := regexp.MustCompile(`[0-9]\.[0-9]{3,}`).Find(buf.Bytes()); m != nil {
		t.Errorf("unrounded number %s in the JSON report", m)
	}
}

// In a locale whose spreadsheets split CSV at semicolons, a ";" outside
// quotes starts a new cell, which could be a formula: every ";" must be
// inside a quoted cell, and no cell may start with a formula character.
func TestCSVSemicolonLocale(t *testing.T) {
	r := exampleReport(t)
	r.Fixes[0].Fix = "ok;=HYPERLINK(\"http://x\")"
	r.Fixes[0].QuestionTitle = "\ufeff=1+1"
	r.Fixes[0].CriterionText = "line\n@SUM(A1)"
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	quoted := false
	for i, c := range buf.String() {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			t.Fatalf("a semicolon outside quotes at byte %d", i)
		case c == '\n' && quoted:
			t.Fatalf("a line break inside a cell at byte %d", i)
		}
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if p := strings.TrimLeftFunc(cell, unicode.IsSpace); p != "" && strings.ContainsRune("=+-@＝＋－＠\ufeff\u200b", []rune(p)[0]) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
	}
}

// The client's report states each criterion; how to answer before the
// first event is guidance for the assessor and stays out of it.
func TestClientReportLeavesOutAnsweringRules(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rules := 0
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.NoEvent != "" {
				rules++
			}
		}
	}
	if rules == 0 {
		t.Fatal("the built-in catalog has no no-event rules; this test tests nothing")
	}
	a := assess.New(c, "Blank Ltd", time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), assess.ProfileFull)
	r := Build(assess.Score(a, c), c, Options{})
	var md, pdf bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&pdf, r); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"Markdown": md.String(), "PDF": pdfText(t, pdf.Bytes())} {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "answer met") || strings.Contains(flat, "answer not met") {
			t.Errorf("the %s report tells the client how to answer", name)
		}
	}
}
