package report

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	gocmp "github.com/google/go-cmp/cmp"
)

func exampleComparison(t *testing.T) *assess.Comparison {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string) *assess.Result {
		a, _, err := assess.LoadFile("../testdata/examples/"+name, c)
		if err != nil {
			t.Fatal(err)
		}
		return assess.Score(a, c)
	}
	return assess.Compare(load("answers-2026-08.yaml"), load("answers.yaml"))
}

// Every change printed is the difference of the two numbers printed beside
// it, as a board member checks it: 43.5 -> 44.7 is +1.2.
func TestDiffDeltasAreDifferencesOfPrintedNumbers(t *testing.T) {
	cmp := exampleComparison(t)
	var b bytes.Buffer
	if err := WriteDiffText(&b, cmp); err != nil {
		t.Fatal(err)
	}
	rows := 0
	sc := bufio.NewScanner(&b)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 {
			continue
		}
		before, err1 := strconv.ParseFloat(f[len(f)-3], 64)
		after, err2 := strconv.ParseFloat(f[len(f)-2], 64)
		change, err3 := strconv.ParseFloat(strings.TrimPrefix(f[len(f)-1], "±"), 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		rows++
		if got := strconv.FormatFloat(after-before, 'f', 1, 64); got != strconv.FormatFloat(change, 'f', 1, 64) {
			t.Errorf("%q: %v -> %v printed as %+.1f, the printed numbers differ by %s", sc.Text(), before, after, change, got)
		}
	}
	if rows < len(cmp.Sections) {
		t.Errorf("checked %d rows, want every section (%d)", rows, len(cmp.Sections))
	}
	// The worked example of the issue, through the same path.
	if got := assess.ShownDelta(43.54, 44.71); got != 1.2 {
		t.Errorf("ShownDelta(43.54, 44.71) = %v, want 1.2", got)
	}
}

func TestDiffMarkdownListsFixesAndDates(t *testing.T) {
	cmp := exampleComparison(t)
	var b bytes.Buffer
	if err := WriteDiffMarkdown(&b, cmp); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, s := range []string{
		", " + cmp.Old.Date + " -> " + cmp.New.Date + "\n", // the heading
		"<summary>Fixes closed: now met or excluded (" + strconv.Itoa(len(cmp.Closed)) + ")</summary>",
		"<summary>Fixes opened: newly unmet (" + strconv.Itoa(len(cmp.Opened)) + ")</summary>",
		"| " + cmp.Closed[0].Question + " " + cmp.Closed[0].QuestionTitle + " | ",
		"| " + cmp.Opened[0].Question + " " + cmp.Opened[0].QuestionTitle + " | ",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown diff lacks %q", s)
		}
	}
	var txt bytes.Buffer
	WriteDiffText(&txt, cmp)
	if want := "Dates           " + cmp.Old.Date + " -> " + cmp.New.Date + "\n"; !strings.Contains(txt.String(), want) {
		t.Errorf("text diff lacks %q", want)
	}
}

// The gate names what went down and by how much, in printed numbers.
func TestRegressionNamesSections(t *testing.T) {
	fwd := exampleComparison(t)
	if got := Regression(fwd); len(got) != 0 {
		t.Errorf("progress reported as regression: %q", got)
	}
	back := assess.Compare(fwd.New, fwd.Old)
	lines := Regression(back)
	overall := fmt.Sprintf("overall -%s (%s -> %s)", Pct(round1(fwd.New.Overall)-round1(fwd.Old.Overall)), Pct(fwd.New.Overall), Pct(fwd.Old.Overall))
	if len(lines) == 0 || !strings.HasPrefix(lines[0], overall) {
		t.Fatalf("Regression = %q, want first %q", lines, overall)
	}
	var planning string
	for _, s := range fwd.New.Sections {
		for _, o := range fwd.Old.Sections {
			if s.ID == "6" && o.ID == "6" {
				planning = fmt.Sprintf("6 Planning -%s (%s -> %s)", Pct(round1(s.Score)-round1(o.Score)), Pct(s.Score), Pct(o.Score))
			}
		}
	}
	if !strings.Contains(strings.Join(lines, "\n"), planning) {
		t.Errorf("section line missing:\n%s", strings.Join(lines, "\n"))
	}
}

// The register's changes in every diff format: added, removed and a new
// status, by id.
func TestDiffRegisterChanges(t *testing.T) {
	c := &assess.Comparison{Old: &assess.Result{}, New: &assess.Result{}, RegisterChanges: []assess.RegisterChange{
		{ID: "E-001", New: &assess.EvidenceItem{ID: "E-001", Title: "AI policy", Location: "p.pdf", Status: assess.EvidenceReceived}},
		{ID: "E-002", Old: &assess.EvidenceItem{ID: "E-002", Location: "DMS: old | minutes", Status: assess.EvidenceReviewed}},
		{ID: "E-003", Old: &assess.EvidenceItem{ID: "E-003", Title: "Scope", Status: assess.EvidenceReceived},
			New: &assess.EvidenceItem{ID: "E-003", Title: "Scope v2", Status: assess.EvidenceReviewed}},
	}}
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"text", func(b *bytes.Buffer) error { return WriteDiffText(b, c) }, "\nEvidence register changes (3)\n" +
			"  added    E-001 received: AI policy\n" +
			"  removed  E-002 was reviewed: DMS: old | minutes\n" +
			"  status   E-003 received -> reviewed: Scope v2\n"},
		{"markdown", func(b *bytes.Buffer) error { return WriteDiffMarkdown(b, c) }, "\n### Evidence register changes\n\n" +
			"| Item | Change | Before | After |\n|---|---|---|---|\n" +
			"| E-001 AI policy | added | – | received |\n" +
			"| E-002 DMS: old \\| minutes | removed | reviewed | – |\n" +
			"| E-003 Scope v2 | status | received | reviewed |\n"},
		{"json", func(b *bytes.Buffer) error { return WriteDiffJSON(b, c) }, `  "evidence_changes": [
    {
      "id": "E-001",
      "change": "added",
      "title": "AI policy",
      "location": "p.pdf",
      "old_status": null,
      "new_status": "received"
    },
    {
      "id": "E-002",
      "change": "removed",
      "title": "",
      "location": "DMS: old | minutes",
      "old_status": "reviewed",
      "new_status": null
    },
    {
      "id": "E-003",
      "change": "status",
      "title": "Scope v2",
      "location": "",
      "old_status": "received",
      "new_status": "reviewed"
    }
  ]
}
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if diff := gocmp.Diff(tt.want, got[max(0, len(got)-len(tt.want)):]); diff != "" {
				t.Errorf("the end of the output (-want +got):\n%s", diff)
			}
		})
	}
}
