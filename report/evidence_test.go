package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

// registerReport is the example assessment with a small register: a
// reviewed file, a stale record, a received reference and a hostile title.
func registerReport(t testing.TB) (*Report, *assess.Result) {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := assess.LoadFile(exampleAnswers, c)
	if err != nil {
		t.Fatal(err)
	}
	hash := strings.Repeat("0123456789abcdef", 4)
	a.Register = []*assess.EvidenceItem{
		{ID: "E-001", Title: "AI policy v1.3", Location: "policies/ai-policy-v1.3.pdf", SHA256: hash, Date: "2026-09-14",
			Owner: "Jana", Status: assess.EvidenceReviewed, Supports: []string{"5.2/policy-documented", "5.2/communicated"}},
		{ID: "E-002", Title: "Monitoring results Q1", Location: "ops/monitoring-q1.pdf", SHA256: hash, Date: "2026-03-31",
			Status: assess.EvidenceReviewed, Supports: []string{"9.1/results-retained"}},
		{ID: "E-003", Title: "=HYPERLINK(\"x\") | *bold*", Location: "DMS: A/B", Status: assess.EvidenceReceived,
			Supports: []string{"A.9.2/use-process-documented"}},
	}
	res := assess.Score(a, c)
	return Build(res, c, Options{ToolVersion: testVersion}), res
}

func TestRegisterInReportModel(t *testing.T) {
	r, res := registerReport(t)
	reg := r.Evidence
	if reg.AsOf != "2026-11-22" || len(reg.Items) != 3 || reg.Reviewed != 2 || reg.Received != 1 || reg.Stale != 1 {
		t.Fatalf("register: %+v", reg)
	}
	if !reg.Items[1].Stale || reg.Items[1].Expires != "2026-06-30" || reg.Items[1].Counts {
		t.Errorf("a 3-month record dated 2026-03-31 is stale on 2026-11-22: %+v", reg.Items[1])
	}
	if r.Summary.EvidenceCoverage == nil || float64(*r.Summary.EvidenceCoverage) != res.EvidenceCoverage.Score {
		t.Errorf("summary coverage %v, result %v", r.Summary.EvidenceCoverage, res.EvidenceCoverage)
	}
	var q52 Question
	for _, s := range r.Sections {
		for _, q := range s.Questions {
			if q.ID == "5.2" {
				q52 = q
			}
		}
	}
	if !cmp.Equal(q52.EvidenceItems, []string{"E-001"}) {
		t.Errorf("5.2 items %q", q52.EvidenceItems)
	}
	for _, cr := range q52.Met {
		want := cr.ID != "policy-documented" && cr.ID != "communicated"
		if cr.Claimed != want {
			t.Errorf("5.2/%s claimed %v, want %v", cr.ID, cr.Claimed, want)
		}
	}
	for _, ctl := range r.SoA.Controls {
		if ctl.ID == "A.9.2" {
			if len(ctl.Evidence) == 0 || ctl.Evidence[0] != "E-003 =HYPERLINK(\"x\") | *bold* (received)" || !cmp.Equal(ctl.EvidenceItems, []string{"E-003"}) {
				t.Errorf("SoA evidence column of A.9.2: %q %q", ctl.Evidence, ctl.EvidenceItems)
			}
		}
	}
}

func TestRegisterRenderers(t *testing.T) {
	r, _ := registerReport(t)
	var md bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| Evidence coverage | ",
		"## Evidence register\n\n3 items: 2 reviewed, 1 received, 0 requested. Judged on 2026-11-22 (the assessment date): 1 stale (too old for the records they support), 0 expired (past their valid-until),",
		"| E-001 | AI policy v1.3 · policies/ai-policy-v1.3.pdf | 2026-09-14 | reviewed | `0123456789ab` | 5.2/policy-documented · 5.2/communicated | no expiry |",
		"| E-002 | Monitoring results Q1 · ops/monitoring-q1.pdf | 2026-03-31 | reviewed | `0123456789ab` | 9.1/results-retained | **STALE** since 2026-07-01 |",
		`=HYPERLINK("x") \| \*bold\*`,
		"(documented information, evidence E-001)",
		"claimed: no reviewed evidence",
		"- E-001 AI policy v1.3 (reviewed)",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown report lacks %q", want)
		}
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Summary struct {
			Coverage *float64 `json:"evidence_coverage"`
		} `json:"summary"`
		Register EvidenceRegister `json:"evidence_register"`
	}
	if err := json.Unmarshal(js.Bytes(), &out); err != nil || out.Summary.Coverage == nil || len(out.Register.Items) != 3 || out.Register.Items[0].SHA256 == "" {
		t.Errorf("JSON: %+v, %v", out, err)
	}
	var cs bytes.Buffer
	if err := WriteEvidenceCSV(&cs, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil || len(rows) != 4 || !cmp.Equal(rows[0], EvidenceCSVHeader) || rows[3][1] != `'=HYPERLINK("x") | *bold*` || rows[2][11] != "true" {
		t.Errorf("CSV: %q, %v", rows, err)
	}
	// The PDF renders with the register, the same bytes every time.
	var p1, p2 bytes.Buffer
	if err := WritePDF(&p1, r); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&p2, r); err != nil || !bytes.Equal(p1.Bytes(), p2.Bytes()) {
		t.Errorf("PDF with a register is not deterministic (%v)", err)
	}
}

// An item past its valid-until is expired, as 'evidence check' says; one
// too old for the records it supports is stale, since the day after it last
// held. Both are stale in the JSON and CSV, and neither counts.
func TestExpiredAndStale(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		item       assess.EvidenceItem
		mark, date string
		expired    bool
	}{
		{"past valid-until", assess.EvidenceItem{Date: "2026-01-10", ValidUntil: "2026-10-31", Supports: []string{"5.2/policy-documented"}},
			"EXPIRED", "on 2026-10-31", true},
		{"too old", assess.EvidenceItem{Date: "2026-03-31", Supports: []string{"9.1/results-retained"}},
			"STALE", "since 2026-07-01", false},
		{"too old before its valid-until", assess.EvidenceItem{Date: "2026-03-31", ValidUntil: "2027-01-01", Supports: []string{"9.1/results-retained"}},
			"STALE", "since 2026-07-01", false},
		{"expiring", assess.EvidenceItem{Date: "2026-01-10", ValidUntil: "2026-12-01", Supports: []string{"5.2/policy-documented"}},
			"EXPIRING", "until 2026-12-01", false},
		{"current", assess.EvidenceItem{Date: "2026-01-10", ValidUntil: "2027-12-01", Supports: []string{"5.2/policy-documented"}},
			"", "until 2027-12-01", false},
		{"no expiry", assess.EvidenceItem{Date: "2026-01-10", Supports: []string{"5.2/policy-documented"}}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := tt.item
			it.ID, it.Status = "E-001", assess.EvidenceReviewed
			e := EvidenceEntryOf(assess.JudgeEvidence(&it, c, "2026-11-22"))
			if e.Mark() != tt.mark || e.CurrencyDate() != tt.date || e.Expired != tt.expired {
				t.Errorf("mark %q, date %q, expired %v; want %q, %q, %v", e.Mark(), e.CurrencyDate(), e.Expired, tt.mark, tt.date, tt.expired)
			}
			if e.Expired && (!e.Stale || e.Counts) {
				t.Errorf("an expired item must be stale and not count: %+v", e)
			}
		})
	}
}

func TestEvidenceCheckOutputs(t *testing.T) {
	ch := &assess.EvidenceCheck{File: "a.yaml", AsOf: "2026-11-22", Items: 3, Files: 2, Verified: 1, URLs: 1,
		Problems: []assess.EvidenceFinding{{ID: "E-001", Location: "docs/p.pdf", Line: 40, Kind: "changed", Detail: "changed: its SHA-256 is now x"}},
		Warnings: []assess.EvidenceFinding{{ID: "E-003", Location: "https://x", Line: 52, Kind: "expiring", Detail: "expires in 9 days"}}}
	var b bytes.Buffer
	if err := WriteEvidenceCheckText(&b, ch); err != nil {
		t.Fatal(err)
	}
	want := "FAIL  E-001  docs/p.pdf: changed: its SHA-256 is now x\n" +
		"warn  E-003  https://x: expires in 9 days\n" +
		"a.yaml: evidence check on 2026-11-22: 1 problem(s); 3 item(s), 1 of 2 local file(s) verified, 1 URL(s) and 0 reference(s) not checkable offline, 1 warning(s)\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	as := EvidenceCheckAnnotations(ch)
	if len(as) != 2 || as[0].String() != "::error file=a.yaml,line=40,title=evidence E-001%3A changed::E-001 docs/p.pdf: changed: its SHA-256 is now x" {
		t.Errorf("annotations: %v", as)
	}
	g := EvidenceGate(ch)
	if !g.Failed || g.Message != "1 evidence problem(s) on 2026-11-22: E-001" || g.ID != GateEvidence {
		t.Errorf("gate: %+v", g)
	}
}

func TestSortEvidence(t *testing.T) {
	es := []EvidenceEntry{{ID: "c", Status: "reviewed", Date: ""}, {ID: "a", Status: "requested", Date: "2026-05-01"}, {ID: "b", Status: "reviewed", Date: "2025-01-01"}}
	ids := func() string {
		var s []string
		for _, e := range es {
			s = append(s, e.ID)
		}
		return strings.Join(s, "")
	}
	if SortEvidence(es, "status"); ids() != "abc" {
		t.Errorf("by status: %s", ids())
	}
	if SortEvidence(es, "date"); ids() != "bac" {
		t.Errorf("by date, undated last: %s", ids())
	}
	if err := SortEvidence(es, "size"); err == nil {
		t.Error("unknown sort accepted")
	}
}

// evidence list shows a local file that changed or is missing in the
// status column, says so under the item, names them in a footer, and keeps
// the file state in CSV and JSON.
func TestEvidenceListFileState(t *testing.T) {
	hash := strings.Repeat("0123456789abcdef", 4)
	es := []EvidenceEntry{
		{ID: "E-001", Title: "Policy", Location: "p.pdf", SHA256: hash, Status: "reviewed", FileState: "changed"},
		{ID: "E-002", Title: "Minutes", Location: "m.pdf", SHA256: hash, Status: "received", FileState: "missing"},
		{ID: "E-003", Title: "Scope", Location: "s.pdf", SHA256: hash, Status: "reviewed", FileState: "verified"},
		{ID: "E-004", Title: "DMS: X", Location: "DMS: X", Status: "requested"}, // title and location said once
	}
	for _, tt := range []struct {
		name    string
		entries []EvidenceEntry
		want    string
	}{
		{"changed and missing", es, "" +
			"ID       DATE        STATUS     SHA-256       CURRENCY  TITLE OR LOCATION\n" +
			"E-001    —           CHANGED    0123456789ab  current   Policy\n" +
			"         p.pdf\n" +
			"         its file changed since its hash was recorded (status reviewed)\n" +
			"E-002    —           MISSING    0123456789ab  current   Minutes\n" +
			"         m.pdf\n" +
			"         its file is missing (status received)\n" +
			"E-003    —           reviewed   0123456789ab  current   Scope\n" +
			"         s.pdf\n" +
			"E-004    —           requested  —             current   DMS: X\n" +
			"\n4 item(s); currency judged on 2026-11-22.\n" +
			"2 local file(s) missing, changed or unreadable: E-001, E-002.\nHINT\n"},
		{"all well: no footer", es[2:], "" +
			"ID       DATE        STATUS     SHA-256       CURRENCY  TITLE OR LOCATION\n" +
			"E-003    —           reviewed   0123456789ab  current   Scope\n" +
			"         s.pdf\n" +
			"E-004    —           requested  —             current   DMS: X\n" +
			"\n2 item(s); currency judged on 2026-11-22.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteEvidenceListText(&b, tt.entries, "2026-11-22", "HINT"); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
	var b bytes.Buffer
	if err := WriteEvidenceListCSV(&b, es); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, row := range rows {
		states = append(states, row[len(row)-1])
	}
	if diff := cmp.Diff([]string{"file_state", "changed", "missing", "verified", ""}, states); diff != "" {
		t.Errorf("csv file_state (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := WriteEvidenceListJSON(&b, es, "2026-11-22"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	states = nil
	for _, it := range got.Items {
		s, _ := it["file_state"].(string)
		states = append(states, s)
	}
	if diff := cmp.Diff([]string{"changed", "missing", "verified", ""}, states); diff != "" {
		t.Errorf("json file_state (-want +got):\n%s", diff)
	}
}
