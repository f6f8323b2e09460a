package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func renderXLSX(t testing.TB, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlsxContent reads a workbook back and prints what a reader meets: the
// sheets in order, their frozen panes, filters and drop-down lists, and
// every row of every sheet, cell by cell.
func xlsxContent(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "properties: title=%q creator=%q created=%s modified=%s\n", props.Title, props.Creator, props.Created, props.Modified)
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "\n== sheet %q\n", sh)
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen: %d row(s), top-left %s\n", panes.YSplit, panes.TopLeftCell)
		}
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sh {
				fmt.Fprintf(&b, "filter: %s\n", dn.RefersTo)
			}
		}
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			fmt.Fprintf(&b, "validation %s: %s %s %s\n", dv.Sqref, dv.Type, dv.Formula1, dv.Formula2)
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			var cells []string
			for j, c := range row {
				if c == "" {
					continue
				}
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				cells = append(cells, name+"="+strings.ReplaceAll(c, "\n", `\n`))
			}
			if len(cells) > 0 {
				fmt.Fprintf(&b, "%s\n", strings.Join(cells, " | "))
			}
		}
	}
	return b.String()
}

func TestXLSXGolden(t *testing.T) {
	checkGolden(t, "example.xlsx.txt", []byte(xlsxContent(t, renderXLSX(t, exampleReport(t)))))
}

// The same report gives the same bytes, render after render.
func TestXLSXDeterministic(t *testing.T) {
	first := renderXLSX(t, exampleReport(t))
	for i := 0; i < 2; i++ {
		if again := renderXLSX(t, exampleReport(t)); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
}

// Text that looks like a formula stays text: no cell of the workbook holds
// a formula, and the text reads back as written.
func TestXLSXNeverAFormula(t *testing.T) {
	r := exampleReport(t)
	evil := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"}
	r.Fixes[0].Fix = evil[0]
	r.Fixes[0].Owner = evil[1]
	r.SoA.Controls[0].Justification = evil[2]
	r.Cover.Organization = evil[3]
	r.Branding.Firm = evil[4]
	data := renderXLSX(t, r)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for i, row := range rows {
			for j := range row {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if formula, _ := f.GetCellFormula(sh, name); formula != "" {
					t.Errorf("%s!%s holds the formula %q", sh, name, formula)
				}
			}
		}
	}
	content := xlsxContent(t, data)
	for _, e := range evil {
		if !strings.Contains(content, e) {
			t.Errorf("%q does not read back as text", e)
		}
	}
}

// The register has its Evidence sheet and the references written under
// questions their own, each only when there is any.
func TestXLSXEvidenceSheets(t *testing.T) {
	base := []string{SheetSummary, SheetRoadmap, SheetSoA}
	for _, tt := range []struct {
		name              string
		register, written bool
		want              []string
	}{
		{"register only (the example)", true, false, append(base, SheetEvidence)},
		{"written under questions only", false, true, append(base, SheetQuestionEvidence)},
		{"both", true, true, append(base, SheetEvidence, SheetQuestionEvidence)},
		{"neither", false, false, base},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := exampleReport(t)
			if !tt.register {
				r.Evidence.Items = nil
			}
			for i := range r.Sections {
				for j := range r.Sections[i].Questions {
					r.Sections[i].Questions[j].Evidence = nil
				}
			}
			if tt.written {
				r.Sections[0].Questions[0].Evidence = []string{"minutes/2026-05-04.pdf"}
			}
			f, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, r)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if diff := cmp.Diff(tt.want, f.GetSheetList()); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvidenceCurrencyWord(t *testing.T) {
	for _, tt := range []struct {
		e    EvidenceEntry
		want string
	}{
		{EvidenceEntry{}, "current"},
		{EvidenceEntry{Stale: true, ValidUntil: "2026-10-31", Expires: "2026-10-31"}, "expired"},
		{EvidenceEntry{Stale: true, Expires: "2026-06-12"}, "stale"},
		{EvidenceEntry{Stale: true, ValidUntil: "2027-01-01", Expires: "2026-06-12"}, "stale"},
		{EvidenceEntry{Expiring: true}, "expiring"},
		{EvidenceEntry{Undated: true}, "undated"},
	} {
		if got := currency(tt.e); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.e, got, tt.want)
		}
	}
}
