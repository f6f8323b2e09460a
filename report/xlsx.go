package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aimsready/aimsready/assess"
	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the gap analysis as an Excel workbook, where clients run
// remediation: a Summary, the Roadmap (every fix, with owner, due date and
// status columns to fill in, pre-filled from the plan), the Statement of
// Applicability, the evidence register (Evidence) and the evidence written
// under questions (Question evidence), each when there is any.
//
// Every text goes in as a text cell, never as a formula, so nothing a user
// typed can run in a spreadsheet. The same report gives the same bytes: the
// document properties carry the assessment date, and the zip entries have
// no timestamps.
func WriteXLSX(w io.Writer, r *Report) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("writing the workbook failed: %v", p)
		}
	}()
	x := &xlsxDoc{f: excelize.NewFile(), r: r}
	defer x.f.Close()
	if err := x.styles(); err != nil {
		return err
	}
	steps := []func() error{x.summary, x.roadmap, x.soa, x.evidence, x.questionEvidence, x.props}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("writing the workbook failed: %w", err)
		}
	}
	x.f.SetActiveSheet(0)
	_, err = x.f.WriteTo(w)
	return err
}

// Sheet names, also used by tests and the README.
const (
	SheetSummary  = "Summary"
	SheetRoadmap  = "Roadmap"
	SheetSoA      = "Statement of Applicability"
	SheetEvidence = "Evidence"
	// SheetQuestionEvidence holds the evidence references written under
	// questions (the format before the register).
	SheetQuestionEvidence = "Question evidence"
)

type xlsxDoc struct {
	f *excelize.File
	r *Report
	// widths of the sheet being written, in characters, and the lines the
	// tallest cell of each row needs: spreadsheets do not size rows with
	// wrapped text by themselves, so rows get their height from these.
	widths []float64
	lines  map[int]int
	// styles
	title, label, head, body, num, pct, date, bold, note int
}

// xcol is one column of a table sheet.
type xcol struct {
	title string
	width float64
}

func (x *xlsxDoc) styles() error {
	f := x.f
	wrapTop := &excelize.Alignment{WrapText: true, Vertical: "top"}
	border := []excelize.Border{{Type: "bottom", Color: "C8CED6", Style: 1}}
	var err error
	add := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	x.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "183460"}})
	x.label = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "5F6670"}, Alignment: wrapTop, Border: border})
	x.head = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"183460"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	x.body = add(&excelize.Style{Alignment: wrapTop, Border: border})
	x.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrapTop, Border: border})
	x.num = add(&excelize.Style{Alignment: wrapTop, Border: border, CustomNumFmt: ptr("0.0")})
	x.pct = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "183460"}, Alignment: wrapTop, Border: border, CustomNumFmt: ptr("0.0")})
	x.date = add(&excelize.Style{Alignment: wrapTop, Border: border, CustomNumFmt: ptr("yyyy-mm-dd")})
	x.note = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "5F6670"}, Alignment: wrapTop})
	return err
}

func ptr[T any](v T) *T { return &v }

// cell names a cell by zero-based column and one-based row.
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	return name
}

// text writes s as a text cell: never a formula, whatever it starts with.
func (x *xlsxDoc) text(sheet string, col, row int, s string, style int) {
	s = xlsxSafe(s)
	x.f.SetCellStr(sheet, cell(col, row), s)
	x.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
	x.need(row, col, s, 1)
}

// need records the lines s takes in column col (span columns wide).
func (x *xlsxDoc) need(row, col int, s string, span int) {
	if x.lines == nil || col >= len(x.widths) {
		return
	}
	w := 0.0
	for c := col; c < min(col+span, len(x.widths)); c++ {
		w += x.widths[c]
	}
	n := 0
	for _, para := range strings.Split(s, "\n") {
		// About 1.15 characters per width unit once wrapped at word
		// boundaries; a rough fit is enough to keep text visible.
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))*1.15/math.Max(w, 1))))
	}
	x.lines[row] = max(x.lines[row], n)
}

// sizeRows gives every row with wrapped text the height it needs.
func (x *xlsxDoc) sizeRows(sheet string) error {
	rows := make([]int, 0, len(x.lines))
	for r := range x.lines {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	for _, r := range rows {
		if n := x.lines[r]; n > 1 {
			if err := x.f.SetRowHeight(sheet, r, math.Min(409, 15*float64(n)+2)); err != nil {
				return err
			}
		}
	}
	x.lines = map[int]int{}
	return nil
}

// number writes v, or leaves the cell empty for nil.
func (x *xlsxDoc) number(sheet string, col, row int, v *float64, style int) {
	if v != nil {
		x.f.SetCellFloat(sheet, cell(col, row), Round2(*v), 2, 64)
	}
	x.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
}

func pf(p *Points) *float64 {
	if p == nil {
		return nil
	}
	v := float64(*p)
	return &v
}

func fl(v float64) *float64 { return &v }

// xlsxSafe drops control characters a spreadsheet cannot hold (XML 1.0
// forbids most of them) and keeps cells within Excel's 32,767 characters.
func xlsxSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
	if r := []rune(s); len(r) > 32000 {
		s = string(r[:32000]) + "…"
	}
	return s
}

// table starts a table sheet: header row, widths, frozen header, filter.
func (x *xlsxDoc) table(sheet string, cols []xcol, rows int) error {
	f := x.f
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	x.widths, x.lines = nil, map[int]int{}
	for _, c := range cols {
		x.widths = append(x.widths, c.width)
	}
	for i, c := range cols {
		x.text(sheet, i, 1, c.title, x.head)
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, c.width); err != nil {
			return err
		}
	}
	delete(x.lines, 1) // the header row has its own height
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	last := max(rows, 1) + 1
	if err := f.AutoFilter(sheet, "A1:"+cell(len(cols)-1, last), nil); err != nil {
		return err
	}
	return x.printSetup(sheet, true)
}

// printSetup makes a sheet print on A4 landscape, as wide as one page,
// with the header row repeated on every page.
func (x *xlsxDoc) printSetup(sheet string, header bool) error {
	if err := x.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := x.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"),
		FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if !header {
		return nil
	}
	return x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// dropList offers a fixed list in a column's cells from row 2 to last.
func (x *xlsxDoc) dropList(sheet string, col, last int, items []string, prompt string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(col, 2) + ":" + cell(col, max(last, 2))
	if err := dv.SetDropList(items); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", prompt)
	return x.f.AddDataValidation(sheet, dv)
}

// ---- Summary ----------------------------------------------------------------

func (x *xlsxDoc) summary() error {
	f, r, sh := x.f, x.r, SheetSummary
	if err := f.SetSheetName("Sheet1", sh); err != nil { // a new file's one sheet
		return err
	}
	x.widths, x.lines = []float64{30, 14, 14, 16, 16, 12, 12}, map[int]int{}
	for col, w := range x.widths {
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := f.SetColWidth(sh, name, name, w); err != nil {
			return err
		}
	}
	s := r.Summary
	row := 1
	x.text(sh, 0, row, r.Cover.Title, x.title)
	row += 2
	fact := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		x.text(sh, 0, row, label, x.label)
		x.f.SetCellStr(sh, cell(1, row), xlsxSafe(value))
		x.f.SetCellStyle(sh, cell(1, row), cell(1, row), x.body)
		x.need(row, 1, xlsxSafe(value), 6)
		f.MergeCell(sh, cell(1, row), cell(6, row))
		row++
	}
	score := func(label string, v *Points, note string) {
		x.text(sh, 0, row, label, x.label)
		x.number(sh, 1, row, pf(v), x.pct)
		x.f.SetCellStr(sh, cell(2, row), note)
		x.f.SetCellStyle(sh, cell(2, row), cell(2, row), x.note)
		x.need(row, 2, note, 5)
		f.MergeCell(sh, cell(2, row), cell(6, row))
		row++
	}
	fact("Organisation", orgName(r.Cover))
	fact("Prepared by", r.Branding.Firm)
	fact("Assessor", r.Cover.Assessor)
	fact("Assessment date", r.Cover.Date)
	fact("Assessment period", r.Engagement.Period())
	fact("Document", versionLabel(r.Branding))
	fact("Classification", r.Branding.Marking)
	fact("Scope", r.Cover.Scope)
	row++
	overall := s.Overall
	score("Overall readiness", &overall, "out of 100")
	score("Documentation readiness", s.Documentation, "document criteria met: what a Stage 1 audit reviews")
	score("Implementation readiness", s.Implementation, fmt.Sprintf("practice and record criteria met: what a Stage 2 audit tests (needs %s)", fmtNum(s.Thresholds.Implementation)))
	covNote := fmt.Sprintf("share of the criteria met that reviewed, current evidence backs (under %s: readiness rests mostly on claims)", fmtNum(s.Thresholds.Evidence))
	if s.EvidenceCoverage == nil {
		covNote = "n/a: no criterion is met yet"
	}
	score("Evidence coverage", s.EvidenceCoverage, covNote)
	fact("Verdict", s.Verdict.Label)
	fact("Why", strings.Join(s.Verdict.Reasons, "\n"))
	fact("Stage 1 blockers", fmt.Sprint(s.BlockerCount))
	fact("Fixes", fmt.Sprintf("%d (every one on the Roadmap sheet)", s.FixCount))
	fact("Questions assessed", fmt.Sprintf("%d of %d", s.Assessed, s.Questions))
	if reg := r.Evidence; len(reg.Items) > 0 {
		fact("Evidence register", fmt.Sprintf("%d items (every one on the Evidence sheet): %d reviewed, %d received, %d requested; %d stale, %d expiring; %d criteria met are claimed, with no reviewed, current evidence",
			len(reg.Items), reg.Reviewed, reg.Received, reg.Requested, reg.Stale, reg.Expiring, reg.Claimed))
	}
	row++
	// The consultant's words, as plain text: a cell has no bold or bullets.
	cm := r.Commentary
	fact("Assessor's commentary", plainRich(cm.Executive))
	fact("Key findings", numberedPlain(cm.Findings))
	fact("Recommendations", numberedPlain(cm.Recommendations))
	if cm.Executive != "" || len(cm.Findings) > 0 || len(cm.Recommendations) > 0 {
		row++
	}

	// Section scores.
	heads := []string{"Section", "ID", "Score", "Documentation", "Implementation", "Answered", "Questions"}
	for i, h := range heads {
		x.text(sh, i, row, h, x.head)
	}
	row++
	for _, sec := range s.Sections {
		x.text(sh, 0, row, sec.Title, x.body)
		x.text(sh, 1, row, sec.ID, x.body)
		x.number(sh, 2, row, pf(sec.Score), x.num)
		x.number(sh, 3, row, pf(sec.Documentation), x.num)
		x.number(sh, 4, row, pf(sec.Implementation), x.num)
		x.number(sh, 5, row, fl(float64(sec.Answered)), x.body)
		x.number(sh, 6, row, fl(float64(sec.Total)), x.body)
		row++
	}
	row++

	// Roadmap phases.
	if len(r.Roadmap.Phases) > 0 {
		for i, h := range []string{"Roadmap phase", "Phase", "Fixes", "Blockers", "Person-days", "Gain"} {
			x.text(sh, i, row, h, x.head)
		}
		row++
		for _, ph := range r.Roadmap.Phases {
			x.text(sh, 0, row, ph.Title, x.body)
			x.number(sh, 1, row, fl(float64(ph.Phase)), x.body)
			x.number(sh, 2, row, fl(float64(ph.Fixes)), x.body)
			x.number(sh, 3, row, fl(float64(ph.Blockers)), x.body)
			x.number(sh, 4, row, fl(ph.Days), x.num)
			x.number(sh, 5, row, pf(&ph.Gain), x.num)
			row++
		}
		row++
	}
	x.f.SetCellStr(sh, cell(0, row), r.Disclaimer)
	x.f.SetCellStyle(sh, cell(0, row), cell(0, row), x.note)
	x.need(row, 0, r.Disclaimer, 7)
	f.MergeCell(sh, cell(0, row), cell(6, row))
	delete(x.lines, 1) // the title
	if err := x.printSetup(sh, false); err != nil {
		return err
	}
	return x.sizeRows(sh)
}

// ---- Roadmap ----------------------------------------------------------------

// roadmapCols are the Roadmap sheet's columns; Owner, Due and Status are the
// client's to fill in, and Status takes the plan's statuses so the sheet
// can be copied back into the answers file's plan.
var roadmapCols = []xcol{
	{"Rank", 7}, {"Phase", 7}, {"Phase title", 16}, {"Workstream", 22}, {"Question", 9}, {"Question title", 28},
	{"What is missing", 50}, {"Fix", 60}, {"Evidence kind", 11}, {"Clause", 16}, {"Cross-references", 40}, {"Also closes", 12},
	{"Effort", 8}, {"Person-days", 10}, {"Gain", 8}, {"Stage 1 blocker", 9}, {"Assessed", 9},
	{"Owner", 18}, {"Due", 12}, {"Status", 13}, {"Fix id", 30},
}

func (x *xlsxDoc) roadmap() error {
	sh, r := SheetRoadmap, x.r
	if err := x.table(sh, roadmapCols, len(r.Fixes)); err != nil {
		return err
	}
	for i, fx := range r.Fixes {
		row := i + 2
		x.number(sh, 0, row, fl(float64(fx.Rank)), x.body)
		x.number(sh, 1, row, fl(float64(fx.Phase)), x.body)
		x.text(sh, 2, row, fx.PhaseTitle, x.body)
		x.text(sh, 3, row, fx.WorkstreamTitle, x.body)
		x.text(sh, 4, row, fx.Question, x.bold)
		x.text(sh, 5, row, fx.QuestionTitle, x.body)
		x.text(sh, 6, row, fx.CriterionText, x.body)
		x.text(sh, 7, row, fx.Fix, x.body)
		x.text(sh, 8, row, fx.Evidence, x.body)
		clause, refs := "", []string(nil)
		if len(fx.Cites) > 0 {
			clause, refs = fx.Cites[0], fx.Cites[1:]
		}
		x.text(sh, 9, row, clause, x.body)
		// The cross-references are many and secondary: they wrap in
		// their cell but do not make the row taller.
		x.f.SetCellStr(sh, cell(10, row), xlsxSafe(strings.Join(refs, "; ")))
		x.f.SetCellStyle(sh, cell(10, row), cell(10, row), x.body)
		x.text(sh, 11, row, strings.Join(fx.Also, ", "), x.body)
		x.text(sh, 12, row, fx.Effort, x.body)
		x.number(sh, 13, row, fl(fx.Days), x.num)
		x.number(sh, 14, row, pf(&fx.Gain), x.num)
		x.text(sh, 15, row, yesNo(fx.Blocker), x.body)
		x.text(sh, 16, row, yesNo(fx.Assessed), x.body)
		x.text(sh, 17, row, fx.Owner, x.body)
		if d, err := time.Parse("2006-01-02", fx.Due); err == nil {
			x.f.SetCellValue(sh, cell(18, row), d)
			x.f.SetCellStyle(sh, cell(18, row), cell(18, row), x.date)
		} else {
			x.text(sh, 18, row, fx.Due, x.body)
		}
		x.text(sh, 19, row, fx.Status, x.body)
		x.text(sh, 20, row, fx.ID, x.body)
	}
	last := len(r.Fixes) + 1
	statuses := make([]string, len(assess.PlanStatuses))
	for i, s := range assess.PlanStatuses {
		statuses[i] = string(s)
	}
	if err := x.dropList(sh, 19, last, statuses, "Use planned, in-progress or done, as in the answers file's plan."); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cell(18, 2) + ":" + cell(18, max(last, 2))
	if err := dv.SetRange(36526, 73051, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not a date", "Enter the due date as a date, for example 2027-03-31.")
	if err := x.f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	return x.sizeRows(sh)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// ---- Statement of Applicability ---------------------------------------------

var soaCols = []xcol{
	{"Control", 9}, {"Title", 34}, {"Area", 7}, {"Area title", 26}, {"Applicability", 13},
	{"Justification", 60}, {"Justification issue", 30}, {"Status", 15}, {"Score", 8}, {"Evidence", 40},
}

func (x *xlsxDoc) soa() error {
	sh, r := SheetSoA, x.r
	if err := x.table(sh, soaCols, len(r.SoA.Controls)); err != nil {
		return err
	}
	for i, c := range r.SoA.Controls {
		row := i + 2
		x.text(sh, 0, row, c.ID, x.bold)
		x.text(sh, 1, row, c.Title, x.body)
		x.text(sh, 2, row, c.Area, x.body)
		x.text(sh, 3, row, c.AreaTitle, x.body)
		x.text(sh, 4, row, applicabilityLabel(c.Applicability), x.body)
		x.text(sh, 5, row, c.Justification, x.body)
		x.text(sh, 6, row, c.JustificationIssue, x.body)
		x.text(sh, 7, row, c.Status, x.body)
		var score *Points
		if c.Applicability == SoAApplicable {
			score = c.Score
		}
		x.number(sh, 8, row, pf(score), x.num)
		x.text(sh, 9, row, strings.Join(c.Evidence, "\n"), x.body)
	}
	last := len(r.SoA.Controls) + 1
	if err := x.dropList(sh, 4, last, []string{"Applicable", "Excluded", "No decision"}, "Use Applicable, Excluded or No decision."); err != nil {
		return err
	}
	var statuses []string
	for _, s := range r.Method.Statuses {
		statuses = append(statuses, s.Status)
	}
	if len(statuses) > 0 {
		if err := x.dropList(sh, 7, last, statuses, "Use one of the statuses of the method: "+strings.Join(statuses, ", ")+"."); err != nil {
			return err
		}
	}
	return x.sizeRows(sh)
}

// props fixes the document properties, so the bytes never depend on the
// clock: created and modified are the assessment date.
func (x *xlsxDoc) props() error {
	r := x.r
	stamp := pdfDate(r.Cover.Date).Format(time.RFC3339)
	creator := r.Cover.Assessor
	if creator == "" {
		creator = "aimsready"
	}
	if r.Branding.Firm != "" {
		creator += ", " + r.Branding.Firm
	}
	return x.f.SetDocProps(&excelize.DocProperties{
		Title:          xlsxSafe(r.Cover.Title + ": " + orgName(r.Cover)),
		Subject:        "Gap analysis: a readiness estimate, not a certification or an audit",
		Creator:        xlsxSafe(creator),
		LastModifiedBy: xlsxSafe(creator),
		Keywords:       "ISO/IEC 42001, gap analysis, roadmap, Statement of Applicability",
		Description:    xlsxSafe(toolLine(r.Cover)),
		Category:       xlsxSafe(r.Branding.Marking),
		Version:        xlsxSafe(r.Branding.Version),
		Created:        stamp,
		Modified:       stamp,
		Language:       "en-GB",
	})
}

func numberedPlain(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = fmt.Sprintf("%d. %s", i+1, plainRich(it))
	}
	return strings.Join(out, "\n")
}
