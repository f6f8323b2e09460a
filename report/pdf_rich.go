package report

import (
	"strconv"
	"strings"
	"unicode"
)

// Drawing the consultant's texts (the Markdown subset of richtext.go):
// paragraphs wrapped word by word in mixed bold and italic, bullet and
// numbered lists with hanging indents, page breaks between lines.

// richWord is one word of a wrapped line in its style.
type richWord struct {
	text  string // already safe
	st    style
	space bool // a space comes before it
	w     float64
}

// richOpts tunes a block of rich text.
type richOpts struct {
	bar bool // a navy rule left of every line, marking the consultant's words
}

// rich draws text at the left margin across the full width.
func (d *pdfDoc) rich(base style, text string, o richOpts) {
	d.richAt(base, marginL, contentW, text, o)
}

func (d *pdfDoc) richAt(base style, x, w float64, text string, o richOpts) {
	for i, b := range parseRich(text) {
		if i > 0 {
			d.gap(base.lineH() * 0.45)
		}
		if b.items == nil {
			d.richPara(base, x, w, b.spans, "", o)
			continue
		}
		for _, it := range b.items {
			d.richPara(base, x, w, it, "•", o)
		}
	}
}

// numbered draws items as a numbered list, each item rich text.
func (d *pdfDoc) numbered(base style, items []string, o richOpts) {
	for i, it := range items {
		if i > 0 {
			d.gap(base.lineH() * 0.35)
		}
		for j, b := range parseRich(it) {
			mark := ""
			if j == 0 {
				mark = strconv.Itoa(i+1) + "."
			}
			if b.items == nil {
				d.richPara(base, marginL, contentW, b.spans, mark, o)
				continue
			}
			for _, sub := range b.items {
				d.richPara(base, marginL+6, contentW-6, sub, "•", o)
			}
		}
	}
}

// richPara draws one paragraph; a non-empty mark (bullet or number) hangs
// in front of its first line.
func (d *pdfDoc) richPara(base style, x, w float64, spans []span, mark string, o richOpts) {
	indent := 0.0
	if mark != "" {
		indent = 6
	}
	lines := d.richLines(base, spans, w-indent)
	for i, line := range lines {
		d.ensure(base.lineH())
		y := d.f.GetY()
		if o.bar {
			d.fill(colNavyLight)
			d.f.Rect(x-4, y, 0.9, base.lineH(), "F")
		}
		if i == 0 && mark != "" {
			d.text(base, x, y, indent, mark, "L")
		}
		cx := x + indent
		for j, wd := range line {
			if wd.space && j > 0 {
				d.use(wd.st)
				cx += d.f.GetStringWidth(" ")
			}
			d.text(wd.st, cx, y, wd.w+0.5, wd.text, "L")
			cx += wd.w
		}
		d.f.SetXY(marginL, y+base.lineH())
	}
}

// richStyle is base with bold and italics applied.
func richStyle(base style, s span) style {
	bold := s.bold || strings.Contains(base.face, "B")
	italic := s.italic || strings.Contains(base.face, "I")
	switch {
	case bold && italic:
		base.face = "BI"
	case bold:
		base.face = "B"
	case italic:
		base.face = "I"
	default:
		base.face = ""
	}
	return base
}

// richLines wraps spans to width, word by word; a word longer than a line
// is cut where it must be.
func (d *pdfDoc) richLines(base style, spans []span, width float64) [][]richWord {
	var words []richWord
	space := false
	for _, sp := range spans {
		st := richStyle(base, sp)
		text := pdfSafe(sp.text)
		for i, field := range strings.FieldsFunc(text, unicode.IsSpace) {
			before := space || i > 0
			if i == 0 && len(text) > 0 && unicode.IsSpace(rune(text[0])) {
				before = true
			}
			words = append(words, richWord{text: field, st: st, space: before})
		}
		space = len(text) > 0 && unicode.IsSpace(rune(text[len(text)-1]))
	}
	var lines [][]richWord
	var line []richWord
	lw := 0.0
	for _, wd := range words {
		d.use(wd.st)
		wd.w = d.f.GetStringWidth(wd.text)
		sw := 0.0
		if wd.space && len(line) > 0 {
			sw = d.f.GetStringWidth(" ")
		}
		if len(line) > 0 && lw+sw+wd.w > width {
			lines = append(lines, line)
			line, lw, sw = nil, 0, 0
		}
		for wd.w > width { // a word wider than the line: cut it
			head, tail := d.cutWord(wd.st, wd.text, width-lw-sw)
			if head == "" {
				break
			}
			d.use(wd.st)
			line = append(line, richWord{head, wd.st, wd.space, d.f.GetStringWidth(head)})
			lines = append(lines, line)
			line, lw, sw = nil, 0, 0
			wd.text, wd.space = tail, false
			d.use(wd.st)
			wd.w = d.f.GetStringWidth(tail)
		}
		line = append(line, wd)
		lw += sw + wd.w
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// cutWord splits s at the longest prefix that fits width (at least one rune).
func (d *pdfDoc) cutWord(st style, s string, width float64) (string, string) {
	d.use(st)
	r := []rune(s)
	n := 0
	for n < len(r) && d.f.GetStringWidth(string(r[:n+1])) <= width {
		n++
	}
	if n == 0 {
		n = 1
	}
	if n >= len(r) {
		return "", s
	}
	return string(r[:n]), string(r[n:])
}
