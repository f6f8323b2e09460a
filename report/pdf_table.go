package report

import (
	"math"
	"strings"
)

// Tables for the PDF: cells of wrapped paragraphs and badges, rows that move
// whole to the next page unless they could never fit one, and a header that
// repeats when a table breaks across pages.

// run is one wrapped paragraph inside a table cell.
type run struct {
	st   style
	text string // already safe
}

// pcell is one table cell: paragraphs, an optional badge, a fill.
type pcell struct {
	runs  []run
	badge *badgeSpec
	fill  *rgb
	align string
}

type badgeSpec struct {
	label string
	tone  tone
}

type tcol struct {
	title string
	width float64
	align string
}

// table draws rows with wrapped cells. Rows are measured before drawing; a
// row that does not fit goes to the next page under a repeated header, and a
// row taller than a page is split line by line.
type table struct {
	d      *pdfDoc
	cols   []tcol
	header bool // draw the column header row
	zebra  bool
	row    int
	// cont is drawn at the top of a continuation page (for example a
	// question title) before the column header.
	cont func()
	// head holds the column titles wrapped to their columns, once: the
	// header's height is needed for every row, and wrapping the titles
	// again set the header font in the page each time for nothing.
	head [][]string
}

const cellPad = 1.4

func txt(s style, text string) []run { return []run{{s, pdfSafe(text)}} }

func cellOf(s style, text string) pcell { return pcell{runs: txt(s, text)} }

func (t *table) drawHeader() {
	if !t.header {
		return
	}
	d := t.d
	ls := t.headLines()
	h := t.headerHeight()
	y := d.f.GetY()
	d.fill(colNavy)
	d.f.Rect(marginL, y, t.width(), h, "F")
	x := marginL
	for i, c := range t.cols {
		for j, l := range ls[i] {
			d.text(stCellHead, x+cellPad, y+cellPad+float64(j)*stCellHead.lineH(), c.width-2*cellPad, l, alignOf(c.align))
		}
		x += c.width
	}
	d.f.SetXY(marginL, y+h)
}

func (t *table) width() float64 {
	w := 0.0
	for _, c := range t.cols {
		w += c.width
	}
	return w
}

func alignOf(a string) string {
	if a == "" {
		return "L"
	}
	return a
}

func (t *table) headerHeight() float64 {
	if !t.header {
		return 0
	}
	h := 0.0
	for _, ls := range t.headLines() {
		h = math.Max(h, float64(len(ls)))
	}
	return h*stCellHead.lineH() + 2*cellPad
}

// headLines wraps the column titles the first time they are needed.
func (t *table) headLines() [][]string {
	if t.head == nil {
		t.head = make([][]string, len(t.cols))
		for i, c := range t.cols {
			t.head[i] = t.d.lines(stCellHead, pdfSafe(c.title), c.width-2*cellPad)
		}
	}
	return t.head
}

// start draws the header, keeping it with the first rows.
func (t *table) start(firstRow []pcell) {
	need := t.headerHeight() + 12
	if firstRow != nil {
		need = t.headerHeight() + math.Min(t.measure(firstRow), 40)
	}
	t.d.ensure(need)
	t.drawHeader()
}

type cellLine struct {
	st   style
	text string
}

const badgeH = 4.4

func (t *table) layout(cells []pcell) [][]cellLine {
	out := make([][]cellLine, len(cells))
	for i, c := range cells {
		w := t.cols[i].width - 2*cellPad
		for _, r := range c.runs {
			if strings.TrimSpace(r.text) == "" {
				continue
			}
			for _, l := range t.d.lines(r.st, r.text, w) {
				out[i] = append(out[i], cellLine{r.st, l})
			}
		}
	}
	return out
}

func cellHeight(c pcell, ls []cellLine) float64 {
	h := 0.0
	if c.badge != nil {
		h += badgeH + 0.8
	}
	for _, l := range ls {
		h += l.st.lineH()
	}
	return h
}

func (t *table) measure(cells []pcell) float64 {
	ls := t.layout(cells)
	h := 0.0
	for i, c := range cells {
		h = math.Max(h, cellHeight(c, ls[i]))
	}
	return h + 2*cellPad
}

// add draws one row.
func (t *table) add(cells []pcell) {
	d := t.d
	ls := t.layout(cells)
	total := 0.0
	for i, c := range cells {
		total = math.Max(total, cellHeight(c, ls[i]))
	}
	total += 2 * cellPad
	usable := contentBot - marginTop - t.headerHeight() - 8
	if d.f.GetY()+total > contentBot {
		// Split a row only when it could never fit on a fresh page, and
		// only if a useful part of it fits here.
		if total <= usable || contentBot-d.f.GetY() < 25 {
			t.newPage()
		}
	}
	fillRow := t.zebra && t.row%2 == 1
	t.row++
	first := true
	starts := make([]int, len(cells))
	for {
		avail := contentBot - d.f.GetY() - 2*cellPad
		// Take as many lines of each cell as fit.
		ends := make([]int, len(cells))
		segH := 0.0
		done := true
		for i, c := range cells {
			h := 0.0
			if first && c.badge != nil {
				h += badgeH + 0.8
			}
			j := starts[i]
			for j < len(ls[i]) && h+ls[i][j].st.lineH() <= avail+0.01 {
				h += ls[i][j].st.lineH()
				j++
			}
			if j == starts[i] && j < len(ls[i]) && h == 0 {
				h += ls[i][j].st.lineH() // always progress
				j++
			}
			ends[i] = j
			if j < len(ls[i]) {
				done = false
			}
			segH = math.Max(segH, h)
		}
		segH += 2 * cellPad
		y := d.f.GetY()
		x := marginL
		if fillRow {
			d.fill(colZebra)
			d.f.Rect(marginL, y, t.width(), segH, "F")
		}
		for i, c := range cells {
			w := t.cols[i].width
			if c.fill != nil {
				d.fill(*c.fill)
				d.f.Rect(x, y, w, segH, "F")
			}
			cy := y + cellPad
			if first && c.badge != nil {
				d.badge(x+cellPad, cy, w-2*cellPad, badgeH, c.badge.label, c.badge.tone, style{fontSans, "B", 7.4, colText})
				cy += badgeH + 0.8
			}
			align := alignOf(c.align)
			if align == "L" {
				align = alignOf(t.cols[i].align)
			}
			for _, l := range ls[i][starts[i]:ends[i]] {
				d.text(l.st, x+cellPad, cy, w-2*cellPad, l.text, align)
				cy += l.st.lineH()
			}
			x += w
		}
		d.draw(colRule)
		d.f.SetLineWidth(0.15)
		d.f.Line(marginL, y+segH, marginL+t.width(), y+segH)
		d.f.SetXY(marginL, y+segH)
		first = false
		if done {
			return
		}
		copy(starts, ends)
		t.newPage()
	}
}

func (t *table) newPage() {
	t.d.f.AddPage()
	if t.cont != nil {
		t.cont()
	}
	t.drawHeader()
}

// tableSection draws a sub-heading, a short intro and a table, keeping the
// three together.
func (d *pdfDoc) tableSection(title, intro string, t *table, rows [][]pcell) {
	var first []pcell
	if len(rows) > 0 {
		first = rows[0]
	}
	d.heading(2, title, d.keepFor(intro, t, first))
	if intro != "" {
		d.para(stSmall, intro)
		d.gap(1.5)
	}
	d.rows(t, rows)
}

// rows draws a table, keeping its header with the first row.
func (d *pdfDoc) rows(t *table, rows [][]pcell) {
	if len(rows) == 0 {
		return
	}
	t.start(rows[0])
	for _, row := range rows {
		t.add(row)
	}
}

// keepFor is the room a heading needs below it so that the intro and the
// table header with its first row stay on the same page.
func (d *pdfDoc) keepFor(intro string, t *table, first []pcell) float64 {
	h := 0.0
	if intro != "" {
		h += float64(len(d.lines(stSmall, pdfSafe(intro), contentW)))*stSmall.lineH() + 1.5
	}
	if t != nil {
		h += t.headerHeight()
		if first != nil {
			h += math.Min(t.measure(first), 40)
		}
	}
	return h
}
