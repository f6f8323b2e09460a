package report

import "fmt"

// The consultant's words in the PDF: their commentary, key findings and
// recommendations in the executive summary, a comment per section, and the
// engagement record before the method. Each is marked as theirs, apart
// from what the tool derives from the answers.

// commentary draws the executive commentary, findings and recommendations.
func (d *pdfDoc) commentary() {
	cm := d.r.Commentary
	if cm.Executive != "" {
		d.heading(2, "Assessor's commentary", 3*stBody.lineH())
		d.rich(stBody, cm.Executive, richOpts{})
	}
	if len(cm.Findings) > 0 {
		d.heading(2, "Key findings", 3*stBody.lineH())
		d.numbered(stBody, cm.Findings, richOpts{})
	}
	if len(cm.Recommendations) > 0 {
		d.heading(2, "Recommendations", 3*stBody.lineH())
		d.numbered(stBody, cm.Recommendations, richOpts{})
	}
}

// sectionComment draws the consultant's comment on section id, if any.
func (d *pdfDoc) sectionComment(id string) {
	text := d.r.Commentary.Comment(id)
	if text == "" {
		return
	}
	d.gap(1.5)
	d.ensure(stSmallB.lineH() + 2*stBody.lineH())
	y := d.f.GetY()
	d.text(stSmallB, marginL+2, y, contentW-2, "ASSESSOR'S COMMENT", "L")
	d.f.SetXY(marginL, y+stSmallB.lineH()+0.3)
	d.richAt(stBody, marginL+2, contentW-2, text, richOpts{bar: true})
}

// engagement draws the engagement record: period, people interviewed,
// documents sampled and the limitations of the assessment.
func (d *pdfDoc) engagement() {
	e, cv, b := d.r.Engagement, d.r.Cover, d.r.Branding
	if e.Empty() {
		return
	}
	d.heading(0, "Engagement record", 40)
	d.para(stBody, "How this assessment was carried out. Its findings reach as far as the people interviewed and the documents sampled, and no further.")
	d.gap(3)
	facts := [][2]string{}
	if p := e.Period(); p != "" {
		facts = append(facts, [2]string{"Assessment period", p})
	}
	if cv.Assessor != "" {
		a := cv.Assessor
		if b.Firm != "" {
			a += ", " + b.Firm
		}
		facts = append(facts, [2]string{"Assessor", a})
	}
	if cv.Date != "" {
		facts = append(facts, [2]string{"Report date", cv.Date})
	}
	if len(facts) > 0 {
		t := &table{d: d, zebra: true, cols: []tcol{{"", 42, ""}, {"", contentW - 42, ""}}}
		rows := make([][]pcell, len(facts))
		for i, f := range facts {
			rows[i] = []pcell{cellOf(stCellB, f[0]), cellOf(stCell, f[1])}
		}
		d.rows(t, rows)
	}
	if len(e.Interviewees) > 0 {
		t := &table{d: d, header: true, zebra: true, cols: []tcol{{"#", 8, "R"}, {"Name", 56, ""}, {"Role", contentW - 8 - 56 - 26, ""}, {"Date", 26, ""}}}
		rows := make([][]pcell, len(e.Interviewees))
		for i, in := range e.Interviewees {
			rows[i] = []pcell{cellOf(stCell, fmt.Sprint(i+1)), cellOf(stCellB, in.Name), cellOf(stCell, in.Role), cellOf(stCell, orDash(in.Date))}
		}
		d.tableSection(fmt.Sprintf("People interviewed (%d)", len(e.Interviewees)), "", t, rows)
	}
	if len(e.Documents) > 0 {
		t := &table{d: d, header: true, zebra: true, cols: []tcol{{"#", 8, "R"}, {"Document", contentW - 8, ""}}}
		rows := make([][]pcell, len(e.Documents))
		for i, doc := range e.Documents {
			rows[i] = []pcell{cellOf(stCell, fmt.Sprint(i+1)), cellOf(stCell, doc)}
		}
		d.tableSection(fmt.Sprintf("Documents sampled (%d)", len(e.Documents)), "", t, rows)
	}
	if e.Limitations != "" {
		d.heading(2, "Limitations of this assessment", 3*stBody.lineH())
		d.rich(stBody, e.Limitations, richOpts{})
	}
}
