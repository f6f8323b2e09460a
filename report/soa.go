package report

import (
	"io"
	"strings"
)

// SoACSVHeader is the header row of the Statement of Applicability CSV.
var SoACSVHeader = []string{"control", "title", "area", "area_title", "applicability", "justification", "justification_issue", "status", "score", "evidence"}

// WriteSoACSV writes the draft Statement of Applicability alone, one row per
// Annex A control, for the client to adopt in their own document system.
func WriteSoACSV(w io.Writer, r *Report) error {
	cw := newCSV(w)
	if err := cw.Write(SoACSVHeader); err != nil {
		return err
	}
	for _, c := range r.SoA.Controls {
		score := ""
		if c.Score != nil && c.Applicability == SoAApplicable {
			score = Pct(float64(*c.Score))
		}
		row := []string{csvSafe(c.ID), csvSafe(c.Title), csvSafe(c.Area), csvSafe(c.AreaTitle), applicabilityLabel(c.Applicability),
			csvSafe(c.Justification), csvSafe(c.JustificationIssue), csvSafe(c.Status), score, csvSafe(strings.Join(c.Evidence, "; "))}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeSoAMarkdown writes the draft SoA; WriteSoAMarkdown balances it.
func writeSoAMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	p.f("# Statement of Applicability (draft): %s\n\n", mdText(orNone(r.Cover.Organization)))
	p.f("%s, assessed %s. %s\n\n", mdText(r.Cover.Standard), mdText(r.Cover.Date), mdText(r.Disclaimer))
	writeMarkdownSoA(p, r)
	return p.err
}
