package report

import (
	"fmt"
	"strconv"
	"strings"
)

// The back pages of the PDF report: Statement of Applicability,
// cross-framework view, method and disclaimer.

// ---- Statement of Applicability -------------------------------------------

func (d *pdfDoc) soa() {
	r := d.r
	soa := r.SoA
	d.heading(0, "Statement of Applicability", 40)
	intro := fmt.Sprintf("%d Annex A controls: %d applicable, %d excluded, %d without a decision. The status follows from each control's score (see the method). An auditor expects a justification for every inclusion and exclusion.",
		len(soa.Controls), soa.Applicable, soa.Excluded, soa.Undecided)
	if soa.Flagged > 0 {
		intro += fmt.Sprintf(" %d justification(s) are flagged: missing, or too thin to survive an audit.", soa.Flagged)
	}
	intro += " " + soa.Note
	d.para(stBody, intro)
	d.gap(3)
	if len(soa.Controls) == 0 {
		d.para(stBody, "The catalog has no Annex A controls.")
		return
	}
	t := &table{d: d, header: true, zebra: true, cols: []tcol{
		{"Control", 16, ""}, {"Title", 44, ""}, {"Applicability", 24, ""}, {"Justification and evidence", contentW - 16 - 44 - 24 - 32 - 12, ""},
		{"Status", 32, ""}, {"Score", 12, "R"},
	}}
	rows := make([][]pcell, len(soa.Controls))
	for i, c := range soa.Controls {
		var just []run
		if c.Justification != "" || len(c.Evidence) == 0 {
			just = append(just, run{stCell, pdfSafe(orDash(c.Justification))})
		}
		if c.JustificationIssue != "" {
			just = append(just, run{style{fontSans, "B", 8.3, toneBad.text}, pdfSafe("FLAGGED: " + c.JustificationIssue)})
		}
		if len(c.Evidence) > 0 {
			just = append(just, run{stEvidence, pdfSafe(strings.Join(c.Evidence, "\n"))})
		}
		score := "n/a"
		if c.Score != nil {
			score = Pct(float64(*c.Score))
		}
		rows[i] = []pcell{
			cellOf(stCellB, c.ID),
			cellOf(stCell, c.Title),
			{badge: &badgeSpec{applicabilityLabel(c.Applicability), statusTone(c.Applicability)}},
			{runs: just},
			{badge: &badgeSpec{c.Status, statusTone(c.Status)}},
			cellOf(stCell, score),
		}
	}
	d.rows(t, rows)
}

// ---- cross-framework view --------------------------------------------------

func (d *pdfDoc) crossFramework() {
	r := d.r
	d.heading(0, crossTitle, 40)
	d.para(stBody, crossIntro)
	for _, fw := range r.CrossFramework {
		nist := fw.ID == "nist-ai-rmf"
		scoreW, qW := 36.0, 34.0
		var cols []tcol
		if nist {
			cols = []tcol{{"Function", 22, ""}, {"Description", contentW - 22 - 24 - qW - scoreW, ""}, {"Subcategories touched", 24, "R"}, {"Our questions", qW, ""}, {"How those questions scored", scoreW, ""}}
		} else {
			cols = []tcol{{capitalizeFirst(fw.Unit), 22, ""}, {"Title", contentW - 22 - qW - scoreW, ""}, {"Our questions", qW, ""}, {"How those questions scored", scoreW, ""}}
		}
		t := &table{d: d, header: true, zebra: true, cols: cols}
		rows := make([][]pcell, 0, len(fw.Items))
		for _, it := range fw.Items {
			qs := "none"
			if len(it.Questions) > 0 {
				qs = strings.Join(it.Questions, ", ")
			}
			score := cellOf(stSmall, it.Coverage())
			if it.Mean != nil {
				score = pcell{runs: []run{{stCellB, Pct(float64(*it.Mean)) + " / 100"}, {stSmall, pdfSafe(it.Coverage())}}}
			}
			if nist {
				rows = append(rows, []pcell{cellOf(stCellB, it.ID), cellOf(stCell, it.Title),
					cellOf(stCell, fmt.Sprintf("%d of %d", it.Referenced, it.Terms)), cellOf(stCell, qs), score})
			} else {
				rows = append(rows, []pcell{cellOf(stCellB, it.ID), cellOf(stCell, it.Title), cellOf(stCell, qs), score})
			}
		}
		intro := fmt.Sprintf("The %ss of %s that questions of this assessment touch. Not an assessment against %s.", fw.Unit, fw.Name, fw.Name)
		if len(rows) == 0 {
			intro = "The catalog references none."
		}
		d.tableSection(fw.Name, intro, t, rows)
	}
}

// ---- method ----------------------------------------------------------------

func (d *pdfDoc) method() {
	m := d.r.Method
	d.heading(0, "Method and disclaimer", 40)
	d.heading(2, "How the scores are calculated", 20)
	for _, s := range m.Scoring {
		label, rest, ok := strings.Cut(s, ": ")
		if !ok {
			d.para(stBody, s)
		} else {
			d.ensure(stBodyB.lineH() * 2)
			d.para(stBodyB, label)
			d.para(stBody, capitalizeFirst(rest))
		}
		d.gap(1.8)
	}

	t := &table{d: d, header: true, zebra: true, cols: []tcol{{"Effort", 20, ""}, {"Nominal days", 30, "R"}, {"Meaning", contentW - 50, ""}}}
	var rows [][]pcell
	for _, e := range m.Efforts {
		rows = append(rows, []pcell{cellOf(stCellB, e.Effort), cellOf(stCell, fmtNum(e.Days)), cellOf(stCell, e.Meaning)})
	}
	d.tableSection("Effort sizes", "", t, rows)

	t = &table{d: d, header: true, zebra: true, cols: []tcol{{"Status", 45, ""}, {"Rule", contentW - 45, ""}}}
	rows = nil
	for _, th := range m.Statuses {
		rows = append(rows, []pcell{{badge: &badgeSpec{th.Status, statusTone(th.Status)}}, cellOf(stCell, th.Rule)})
	}
	d.tableSection("Status scale (every table of this report)", "", t, rows)

	if len(m.Weights) > 0 {
		t = &table{d: d, header: true, zebra: true, cols: []tcol{{"Section", contentW - 3*30, ""}, {"Applicable questions", 30, "R"}, {"Weight", 30, "R"}, {"Share of overall", 30, "R"}}}
		rows = nil
		for _, w := range m.Weights {
			rows = append(rows, []pcell{cellOf(stCell, w.ID+" "+w.Title), cellOf(stCell, strconv.Itoa(w.Questions)),
				cellOf(stCell, fmtNum(w.Weight)), cellOf(stCell, Pct(float64(w.Share))+"%")})
		}
		d.tableSection("Section weights", "How much each section counts in the overall score: the sum of its applicable questions' weights.", t, rows)
	}

	d.heading(2, "Disclaimer", 20)
	d.para(stBodyB, d.r.Disclaimer)
}
