package report

import (
	"math"
	"strconv"
)

// The bar chart of section scores on the executive summary.

// chart draws a horizontal bar chart of the section scores with the value
// beside each bar and a marker for the overall score. A long section name
// wraps onto a second line, and its row grows, rather than being cut.
func (d *pdfDoc) chart() {
	f, r := d.f, d.r
	secs := r.Summary.Sections
	if len(secs) == 0 {
		d.para(stBody, "No sections scored.")
		return
	}
	const (
		minRowH = 6.2
		barH    = 3.8
		labelW  = 66.0
		valueW  = 13.0
	)
	trackW := contentW - labelW - valueW
	top := 7.0 // room for the overall marker label
	axis := 7.0
	labels := make([][]string, len(secs))
	rowH := make([]float64, len(secs))
	h := top + axis
	for i, s := range secs {
		// Real section names take one or two lines; only absurd ones are cut.
		labels[i] = d.clampLines(stCell, d.lines(stCell, pdfSafe(s.ID+"  "+s.Title), labelW-3), 3, labelW-3)
		rowH[i] = math.Max(minRowH, float64(len(labels[i]))*stCell.lineH()+1.2)
		h += rowH[i]
	}
	d.ensure(math.Min(h, 60))
	y0 := f.GetY() + top
	x0 := marginL + labelW

	// Place the rows first, so each page's grid is drawn under its bars.
	type place struct {
		y   float64
		brk bool // the row starts a new page
	}
	places := make([]place, len(secs))
	y := y0
	for i := range secs {
		if i > 0 && y+rowH[i] > contentBot {
			places[i].brk = true
			y = marginTop + 2
		}
		places[i].y = y
		y += rowH[i]
	}
	grid := func(from, to float64) {
		for v := 0; v <= 100; v += 25 {
			x := x0 + trackW*float64(v)/100
			d.draw(colRule)
			f.SetLineWidth(0.15)
			f.Line(x, from, x, to)
		}
	}
	segEnd := func(from int) float64 { // bottom of the page segment starting at row from
		for k := from; k < len(secs); k++ {
			if k+1 == len(secs) || places[k+1].brk {
				return places[k].y + rowH[k]
			}
		}
		return y0
	}
	grid(y0-1, segEnd(0))
	pageTop := y0 - 1
	for i, s := range secs {
		if places[i].brk {
			d.chartAxis(x0, trackW, places[i-1].y+rowH[i-1])
			f.AddPage()
			pageTop = places[i].y
			grid(pageTop, segEnd(i))
		}
		y := places[i].y
		st := stCell
		ly := y + (rowH[i]-float64(len(labels[i]))*st.lineH())/2
		for _, l := range labels[i] {
			d.text(st, marginL, ly, labelW-3, l, "L")
			ly += st.lineH()
		}
		d.fill(colTrack)
		f.Rect(x0, y+(rowH[i]-barH)/2, trackW, barH, "F")
		c := colNavy
		if s.Kind == "annex" {
			c = colNavyLight
		}
		bw := trackW * math.Max(0, math.Min(100, s.Value())) / 100
		if bw > 0 {
			d.fill(c)
			f.Rect(x0, y+(rowH[i]-barH)/2, bw, barH, "F")
		}
		d.text(stCellB, x0+trackW+1.5, y+(rowH[i]-st.lineH())/2, valueW-1.5, s.Label(), "R")
	}
	y = places[len(secs)-1].y + rowH[len(secs)-1]
	// Overall marker, labelled above the first rows.
	ov := math.Max(0, math.Min(100, float64(r.Summary.Overall)))
	mx := x0 + trackW*ov/100
	d.draw(colText)
	f.SetLineWidth(0.35)
	f.SetDashPattern([]float64{1, 0.8}, 0)
	f.Line(mx, pageTop-1, mx, y)
	f.SetDashPattern([]float64{}, 0)
	if pageTop == y0-1 {
		lbl := "overall " + Pct(float64(r.Summary.Overall))
		d.use(stSmallB)
		lw := f.GetStringWidth(lbl)
		lx := math.Min(math.Max(mx-lw/2, x0), x0+trackW-lw)
		d.text(style{fontSans, "B", 7.4, colText}, lx, y0-top+1, lw, lbl, "C")
	}
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
