package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header row of the fix list CSV.
var CSVHeader = []string{"rank", "id", "phase", "phase_title", "workstream", "question", "question_title", "criterion", "criterion_text", "evidence_kind", "fix", "effort", "days", "importance", "gain", "blocker", "assessed", "cites", "also_closes", "owner", "due", "status"}

// WriteCSV writes the prioritized fix list, one row per fix with every
// field, for spreadsheets and issue trackers. Cells that a spreadsheet would
// run as a formula are prefixed with a single quote.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, f := range r.Fixes {
		row := []string{
			strconv.Itoa(f.Rank),
			csvSafe(f.ID),
			strconv.Itoa(f.Phase),
			csvSafe(f.PhaseTitle),
			csvSafe(f.WorkstreamTitle),
			csvSafe(f.Question),
			csvSafe(f.QuestionTitle),
			csvSafe(f.Criterion),
			csvSafe(f.CriterionText),
			csvSafe(f.Evidence),
			csvSafe(f.Fix),
			csvSafe(f.Effort),
			strconv.FormatFloat(f.Days, 'f', -1, 64),
			strconv.FormatFloat(Round2(float64(f.Importance)), 'f', -1, 64),
			strconv.FormatFloat(Round2(float64(f.Gain)), 'f', 2, 64),
			strconv.FormatBool(f.Blocker),
			strconv.FormatBool(f.Assessed),
			csvSafe(strings.Join(f.Cites, "; ")),
			csvSafe(strings.Join(f.Also, "; ")),
			csvSafe(f.Owner),
			csvSafe(f.Due),
			csvSafe(f.Status),
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formula injection: a cell starting with = + -
// @ (or a tab or carriage return, which some spreadsheets skip before
// reading a formula) gets a leading single quote.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
