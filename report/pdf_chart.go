package report

import (
	"math"
	"strconv"
)

// The bar chart of section scores on the executive summary.

// chart draws a horizontal bar chart of the section scores with the value
// beside each bar and a marker for the overall score.
func (d *pdfDoc) chart() {
	f, r := d.f, d.r
	secs := r.Summary.Sections
	if len(secs) == 0 {
		d.para(stBody, "No sections scored.")
		return
	}
	const (
		rowH   = 6.2
		barH   = 3.8
		labelW = 66.0
		valueW = 13.0
	)
	trackW := contentW - labelW - valueW
	top := 7.0 // room for the overall marker label
	axis := 7.0
	h := top + float64(len(secs))*rowH + axis
	if h > contentBot-marginTop {
		h = contentBot - marginTop // a custom catalog with very many sections
	}
	d.ensure(math.Min(h, 60))
	y0 := f.GetY() + top
	x0 := marginL + labelW

	// Grid lines and axis labels every 25 points.
	for v := 0; v <= 100; v += 25 {
		x := x0 + trackW*float64(v)/100
		d.draw(colRule)
		f.SetLineWidth(0.15)
		f.Line(x, y0-1, x, y0+float64(len(secs))*rowH)
	}
	y := y0
	for _, s := range secs {
		if y+rowH > contentBot {
			d.chartAxis(x0, trackW, y)
			f.AddPage()
			y = f.GetY() + 2
		}
		st := stCell
		label := d.fit(st, pdfSafe(s.ID+"  "+s.Title), labelW-3)
		d.text(st, marginL, y+(rowH-st.lineH())/2, labelW-3, label, "L")
		d.fill(colTrack)
		f.Rect(x0, y+(rowH-barH)/2, trackW, barH, "F")
		c := colNavy
		if s.Kind == "annex" {
			c = colNavyLight
		}
		bw := trackW * math.Max(0, math.Min(100, s.Value())) / 100
		if bw > 0 {
			d.fill(c)
			f.Rect(x0, y+(rowH-barH)/2, bw, barH, "F")
		}
		d.text(stCellB, x0+trackW+1.5, y+(rowH-st.lineH())/2, valueW-1.5, s.Label(), "R")
		y += rowH
	}
	// Overall marker.
	ov := math.Max(0, math.Min(100, float64(r.Summary.Overall)))
	mx := x0 + trackW*ov/100
	d.draw(colText)
	f.SetLineWidth(0.35)
	f.SetDashPattern([]float64{1, 0.8}, 0)
	f.Line(mx, y0-2, mx, y)
	f.SetDashPattern([]float64{}, 0)
	lbl := "overall " + Pct(float64(r.Summary.Overall))
	d.use(stSmallB)
	lw := f.GetStringWidth(lbl)
	lx := math.Min(math.Max(mx-lw/2, x0), x0+trackW-lw)
	d.text(style{fontSans, "B", 7.4, colText}, lx, y0-top+1, lw, lbl, "C")
	d.chartAxis(x0, trackW, y)

	// Legend.
	ly := y + axis
	d.fill(colNavy)
	f.Rect(marginL, ly+1, 4, 2.6, "F")
	d.text(stSmall, marginL+5.5, ly, 40, "Clauses 4 to 10 (mandatory)", "L")
	d.fill(colNavyLight)
	f.Rect(marginL+50, ly+1, 4, 2.6, "F")
	d.text(stSmall, marginL+55.5, ly, 60, "Annex A control areas", "L")
	d.text(stSmall, marginL+100, ly, contentW-100, "Scores out of 100; the dashed line is the overall score.", "R")
	f.SetXY(marginL, ly+stSmall.lineH()+2)
}

func (d *pdfDoc) chartAxis(x0, trackW, y float64) {
	for v := 0; v <= 100; v += 25 {
		x := x0 + trackW*float64(v)/100
		d.text(stSmall, x-6, y+0.8, 12, strconv.Itoa(v), "C")
	}
}
