package report

import (
	"io"
)

// ReportSchema identifies the JSON report format; it changes only when the
// shape changes incompatibly.
const ReportSchema = "aimsready.report/v2"

// WriteJSON writes the full report model as indented JSON, scores rounded
// with Round2.
func WriteJSON(w io.Writer, r *Report) error {
	out := struct {
		Schema string `json:"schema"`
		*Report
	}{ReportSchema, r}
	return writeIndentedJSON(w, out)
}
