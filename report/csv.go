package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aimsready/aimsready/internal/safetext"
)

// CSVHeader is the header row of the fix list CSV.
var CSVHeader = []string{"rank", "id", "phase", "phase_title", "workstream", "question", "question_title", "criterion", "criterion_text", "evidence_kind", "fix", "effort", "days", "importance", "gain", "blocker", "assessed", "cites", "also_closes", "owner", "due", "status"}

// WriteCSV writes the prioritized fix list, one row per fix with every
// field, for spreadsheets and issue trackers. Every cell is quoted, so that
// in locales whose spreadsheets split CSV at semicolons a ";" inside a
// cell cannot start a new cell (nor a formula); cells a spreadsheet would
// run as a formula are defused with a leading single quote (csvSafe).
func WriteCSV(w io.Writer, r *Report) error {
	cw := newCSV(w)
	row := func(cells ...string) { cw.Write(cells) }
	row(CSVHeader...)
	for _, f := range r.Fixes {
		row(
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
		)
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formula injection. The cell becomes one line
// of neutralised text (line breaks, which some importers split at, become
// spaces; controls, BOMs and zero-width characters go, see safetext.Line);
// then a cell whose first visible character is = + - @ or their full-width
// forms, which some spreadsheets also evaluate, gets a leading single
// quote. Leading spaces do not hide a formula: spreadsheets skip them.
func csvSafe(s string) string {
	s = safetext.Line(s)
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t == "" {
		return s
	}
	switch r, _ := utf8.DecodeRuneInString(t); r {
	case '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20':
		return "'" + s
	}
	return s
}

// quotedCSV writes CSV with every cell quoted, as WriteCSV does, for every
// CSV aimsready writes (fix list, SoA, evidence register, requests): a ";"
// in a cell can then never start a new cell in semicolon locales. It has
// the part of encoding/csv.Writer's API the writers use.
type quotedCSV struct {
	bw  *bufio.Writer
	err error
}

func newCSV(w io.Writer) *quotedCSV { return &quotedCSV{bw: bufio.NewWriter(w)} }

// Write writes one row.
func (q *quotedCSV) Write(cells []string) error {
	for i, c := range cells {
		if i > 0 {
			q.bw.WriteByte(',')
		}
		q.bw.WriteByte('"')
		q.bw.WriteString(strings.ReplaceAll(c, `"`, `""`))
		q.bw.WriteByte('"')
	}
	q.bw.WriteByte('\n')
	return nil
}

// Flush writes what is buffered; Error reports its error.
func (q *quotedCSV) Flush()       { q.err = q.bw.Flush() }
func (q *quotedCSV) Error() error { return q.err }
