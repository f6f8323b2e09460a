package report

import (
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
)

// ---- Evidence -----------------------------------------------------------------

// evidenceCols are the Evidence sheet's columns: the register, one item a
// row, judged on the assessment date as in every report. Status is a
// drop-down of the register's statuses, so the sheet can be used to track
// reviews and copied back with 'aimsready evidence set'.
var evidenceCols = []xcol{
	{"ID", 9}, {"Title", 34}, {"Location", 40}, {"Kind", 10}, {"Date", 12}, {"Valid until", 12}, {"Owner", 20},
	{"Status", 12}, {"SHA-256", 14}, {"Supports", 40}, {"Currency", 11}, {"Expires", 12}, {"Counts", 8}, {"Notes", 50},
}

const evidenceStatusCol = 7

// evidence lists the evidence register, when the answers file has one.
func (x *xlsxDoc) evidence() error {
	reg := x.r.Evidence
	if len(reg.Items) == 0 {
		return nil
	}
	sh := SheetEvidence
	if err := x.table(sh, evidenceCols, len(reg.Items)); err != nil {
		return err
	}
	for i, e := range reg.Items {
		row := i + 2
		x.text(sh, 0, row, e.ID, x.bold)
		x.text(sh, 1, row, e.Title, x.body)
		x.text(sh, 2, row, e.Location, x.body)
		x.text(sh, 3, row, e.Kind, x.body)
		x.dateCell(sh, 4, row, e.Date)
		x.dateCell(sh, 5, row, e.ValidUntil)
		x.text(sh, 6, row, e.Owner, x.body)
		x.text(sh, evidenceStatusCol, row, e.Status, x.body)
		x.text(sh, 8, row, e.HashPrefix(), x.body)
		x.text(sh, 9, row, strings.Join(e.Supports, "\n"), x.body)
		x.text(sh, 10, row, currency(e), x.body)
		x.dateCell(sh, 11, row, e.Expires)
		x.text(sh, 12, row, yesNo(e.Counts), x.body)
		x.text(sh, 13, row, e.Notes, x.body)
	}
	statuses := make([]string, len(assess.EvidenceStatuses))
	for i, s := range assess.EvidenceStatuses {
		statuses[i] = string(s)
	}
	if err := x.dropList(sh, evidenceStatusCol, len(reg.Items)+1, statuses, "Use requested, received or reviewed, as in the answers file's register."); err != nil {
		return err
	}
	return x.sizeRows(sh)
}

// currency is an entry's currency in a word: expired (past its
// valid-until), stale (older than the records it supports may be),
// expiring, undated or current.
func currency(e EvidenceEntry) string {
	switch {
	case e.Stale && e.ValidUntil != "" && e.Expires == e.ValidUntil:
		return "expired"
	case e.Stale:
		return "stale"
	case e.Expiring:
		return "expiring"
	case e.Undated:
		return "undated"
	}
	return "current"
}

// dateCell writes a YYYY-MM-DD date as a date, anything else as text.
func (x *xlsxDoc) dateCell(sheet string, col, row int, v string) {
	if d, err := time.Parse("2006-01-02", v); err == nil {
		x.f.SetCellValue(sheet, cell(col, row), d)
		x.f.SetCellStyle(sheet, cell(col, row), cell(col, row), x.date)
		return
	}
	x.text(sheet, col, row, v, x.body)
}

// questionEvidence lists the evidence references written under questions
// (answers files from before the register), when there are any.
func (x *xlsxDoc) questionEvidence() error {
	var qs []Question
	n := 0
	for _, sec := range x.r.Sections {
		for _, q := range sec.Questions {
			if len(q.Evidence) > 0 {
				qs = append(qs, q)
				n += len(q.Evidence)
			}
		}
	}
	if n == 0 {
		return nil
	}
	sh := SheetQuestionEvidence
	if err := x.table(sh, []xcol{{"Question", 9}, {"Question title", 40}, {"Status", 15}, {"Evidence", 70}}, n); err != nil {
		return err
	}
	row := 2
	for _, q := range qs {
		for _, e := range q.Evidence {
			x.text(sh, 0, row, q.ID, x.bold)
			x.text(sh, 1, row, q.Title, x.body)
			x.text(sh, 2, row, q.StatusLabel, x.body)
			x.text(sh, 3, row, e, x.body)
			row++
		}
	}
	return x.sizeRows(sh)
}
