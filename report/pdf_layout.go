package report

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The PDF layout toolkit over gofpdf: page geometry, fonts, colours and
// text styles; wrapped and clamped text, headings and badges; the header
// and footer of every page; and pdfSafe, which every string passes through.
// Nothing here knows what a report page says.

// Page geometry in millimetres (A4 portrait).
const (
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 18.0
	marginR    = 18.0
	marginTop  = 22.0
	contentW   = pageW - marginL - marginR
	contentBot = pageH - 20.0 // nothing but the footer below this line
	ptMM       = 25.4 / 72    // one point in millimetres
)

// Font families registered with gofpdf.
const (
	fontSans = "gosans"
)

type rgb struct{ r, g, b int }

// Palette: dark navy for structure, soft tints for status. Each status has a
// label too, so nothing depends on colour alone.
var (
	colText      = rgb{33, 37, 41}
	colMuted     = rgb{95, 102, 112}
	colNavy      = rgb{24, 52, 96}
	colNavyLight = rgb{72, 120, 170}
	colRule      = rgb{200, 206, 214}
	colZebra     = rgb{245, 247, 250}
	colPanel     = rgb{236, 240, 245}
	colWhite     = rgb{255, 255, 255}
	colTrack     = rgb{226, 230, 236}
)

// tone is the colour pair of a status badge.
type tone struct{ fill, text rgb }

var (
	toneGood    = tone{rgb{198, 234, 206}, rgb{0, 90, 30}}
	toneMid     = tone{rgb{255, 232, 160}, rgb{110, 72, 0}}
	toneBad     = tone{rgb{250, 200, 204}, rgb{150, 0, 10}}
	toneNone    = tone{rgb{222, 222, 222}, rgb{60, 60, 60}}
	toneExclude = tone{rgb{214, 228, 244}, rgb{25, 70, 120}}
	toneBlocker = tone{rgb{150, 0, 10}, rgb{255, 255, 255}}
)

func statusTone(status string) tone {
	switch status {
	case "met", "Met", SoAApplicable:
		return toneGood
	case "largely-met", "partial", "Largely met", "Partially met":
		return toneMid
	case "not-met", "Not met":
		return toneBad
	case "excluded", "Excluded": // also SoAExcluded
		return toneExclude
	}
	return toneNone
}

// style is a text style: font, size in points and colour.
type style struct {
	family string
	face   string // "", "B" or "I"
	size   float64
	color  rgb
}

func (s style) lineH() float64 { return s.size * ptMM * 1.38 }

var (
	stBody     = style{fontSans, "", 9.5, colText}
	stBodyB    = style{fontSans, "B", 9.5, colText}
	stIntro    = style{fontSans, "I", 9.5, colMuted}
	stCell     = style{fontSans, "", 8.3, colText}
	stCellB    = style{fontSans, "B", 8.3, colText}
	stCellHead = style{fontSans, "B", 8.3, colWhite}
	stSmall    = style{fontSans, "", 7.4, colMuted}
	stSmallB   = style{fontSans, "B", 7.4, colMuted}
	// Evidence (paths, addresses) in the small text face: a monospaced
	// face would be one more font embedded, a megabyte more work, for
	// a few lines.
	stEvidence = style{fontSans, "", 7.4, colMuted}
	stH1       = style{fontSans, "B", 17, colNavy}
	stH2       = style{fontSans, "B", 12.5, colNavy}
	stH3       = style{fontSans, "B", 10, colNavy}
)

// ---- text primitives -------------------------------------------------------

func (d *pdfDoc) use(s style) {
	if d.curSet && d.cur == s {
		return
	}
	d.loadFont(s.family, s.face)
	d.f.SetFont(s.family, s.face, s.size)
	d.f.SetTextColor(s.color.r, s.color.g, s.color.b)
	d.cur, d.curSet = s, true
}

// keepStyle is deferred by the header and footer: gofpdf restores the
// font and colours of the page being left once they return, so the cached
// style must come back with them.
func (d *pdfDoc) keepStyle() func() {
	cur, set := d.cur, d.curSet
	return func() { d.cur, d.curSet = cur, set }
}

func (d *pdfDoc) fill(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *pdfDoc) draw(c rgb) { d.f.SetDrawColor(c.r, c.g, c.b) }

// lines wraps already safe text to width in style s. It always returns at
// least one line.
func (d *pdfDoc) lines(s style, text string, width float64) []string {
	d.use(s)
	text = strings.TrimRight(text, "\n ")
	if text == "" {
		return []string{""}
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		para = strings.TrimRight(para, " ")
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.f.SplitText(para, width)...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// fit shortens safe text to one line of width, marking the cut.
func (d *pdfDoc) fit(s style, text string, width float64) string {
	d.use(s)
	if d.f.GetStringWidth(text) <= width {
		return text
	}
	// Binary search for the longest prefix that fits with the ellipsis.
	r := []rune(text)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.f.GetStringWidth(string(r[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// clampLines keeps at most n lines, ending the last kept one with an ellipsis.
func (d *pdfDoc) clampLines(s style, ls []string, n int, width float64) []string {
	if len(ls) <= n {
		return ls
	}
	ls = append([]string(nil), ls[:n]...)
	ls[n-1] = d.fit(s, ls[n-1]+" …", width)
	if !strings.HasSuffix(ls[n-1], "…") {
		ls[n-1] += "…"
	}
	return ls
}

// text draws one line at (x, y) as the top of the line box.
func (d *pdfDoc) text(s style, x, y, w float64, line, align string) {
	d.use(s)
	d.f.SetXY(x, y)
	d.f.CellFormat(w, s.lineH(), line, "", 0, align, false, 0, "")
}

// ensure starts a new page unless h millimetres fit below the cursor.
func (d *pdfDoc) ensure(h float64) {
	if d.f.GetY()+h > contentBot {
		d.f.AddPage()
	}
}

// para draws a wrapped paragraph across pages at the left margin.
func (d *pdfDoc) para(s style, text string) {
	d.paraAt(s, marginL, contentW, pdfSafe(text))
}

func (d *pdfDoc) paraAt(s style, x, w float64, safe string) {
	for _, l := range d.lines(s, safe, w) {
		d.ensure(s.lineH())
		y := d.f.GetY()
		d.text(s, x, y, w, l, "L")
		d.f.SetXY(marginL, y+s.lineH())
	}
}

func (d *pdfDoc) gap(h float64) { d.f.SetY(d.f.GetY() + h) }

// heading draws a contents heading (level 0 or 1) or a plain sub-heading
// (level 2 or more), keeping it with at least keep millimetres of what follows.
func (d *pdfDoc) heading(level int, title string, keep float64) {
	st := stH3
	switch level {
	case 0:
		st = stH1
	case 1:
		st = stH2
	}
	title = pdfSafe(title)
	ls := d.lines(st, title, contentW)
	h := float64(len(ls))*st.lineH() + 2
	if level == 0 && d.f.GetY() > marginTop+1 {
		d.f.AddPage() // every part starts on a new page
	} else {
		if d.f.GetY() > marginTop+1 {
			d.gap(map[int]float64{1: 5, 2: 3}[min(level, 2)])
		}
		d.ensure(h + keep)
	}
	y := d.f.GetY()
	if level <= 1 && d.next < len(d.toc) {
		i := d.next
		d.next++
		d.tocPages[i] = d.f.PageNo()
		d.f.Bookmark(title, level, y)
		d.links[i] = d.f.AddLink()
		d.f.SetLink(d.links[i], y, -1)
	}
	for _, l := range ls {
		d.text(st, marginL, y, contentW, l, "L")
		y += st.lineH()
	}
	if level == 0 {
		d.draw(colNavy)
		d.f.SetLineWidth(0.5)
		d.f.Line(marginL, y+0.8, marginL+contentW, y+0.8)
		y += 2
	}
	d.f.SetXY(marginL, y+1.5)
}

// badge draws a status label on a tinted box, h high, centred in width w.
func (d *pdfDoc) badge(x, y, w, h float64, label string, t tone, s style) {
	s.color = t.text
	d.use(s)
	label = d.fit(s, pdfSafe(label), w-2)
	bw := math.Min(w, d.f.GetStringWidth(label)+3)
	d.fill(t.fill)
	d.f.RoundedRect(x, y, bw, h, 0.8, "1234", "F")
	d.f.SetXY(x, y)
	d.f.CellFormat(bw, h, label, "", 0, "CM", false, 0, "")
}

// ---- page furniture --------------------------------------------------------

// header draws the running head: the logo and the report's subject on the
// left; the firm, document version and date on the right.
func (d *pdfDoc) header() {
	defer d.keepStyle()()
	if d.f.PageNo() == 1 {
		return
	}
	x := marginL
	if d.logo {
		w := d.logoBox(x, 7.2, 28, 5.2)
		x += w + 3
	}
	right := d.fit(stSmall, pdfSafe(d.headRight()), contentW*0.45)
	d.use(stSmall)
	rw := d.f.GetStringWidth(right)
	lw := marginL + contentW - rw - 4 - x
	d.text(stSmall, x, 10, lw, d.fit(stSmall, d.running, lw), "L")
	d.text(stSmall, marginL+contentW-rw, 10, rw, right, "R")
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, 14.2, marginL+contentW, 14.2)
	d.f.SetXY(marginL, marginTop)
}

func (d *pdfDoc) headRight() string {
	b := d.r.Branding
	var parts []string
	if b.Firm != "" {
		parts = append(parts, b.Firm)
	}
	if v := versionLabel(b); v != "" {
		parts = append(parts, v)
	}
	return strings.Join(append(parts, d.r.Cover.Date), " · ")
}

// versionLabel is "Version 0.9 (draft)", "Draft" or "".
func versionLabel(b Branding) string {
	switch {
	case b.Version != "" && b.Draft:
		return "Version " + b.Version + " (draft)"
	case b.Version != "":
		return "Version " + b.Version
	case b.Draft:
		return "Draft"
	}
	return ""
}

// logoBox draws the logo inside a box of at most maxW by maxH from (x, y),
// keeping its proportions, and returns the width it took.
func (d *pdfDoc) logoBox(x, y, maxW, maxH float64) float64 {
	l := d.r.Branding.Logo
	if l == nil || !d.logo {
		return 0
	}
	w, h := maxW, maxW*float64(l.H)/float64(l.W)
	if h > maxH {
		w, h = maxH*float64(l.W)/float64(l.H), maxH
	}
	d.f.ImageOptions("logo", x, y+(maxH-h)/2, w, h, false, fpdf.ImageOptions{ImageType: l.Type}, 0, "")
	return w
}

// footer draws the foot of page p of total: the confidentiality marking
// when there is one, the note that this is an estimate, and the page.
func (d *pdfDoc) footer(p, total int) {
	y := pageH - 14.0
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, y-1.5, marginL+contentW, y-1.5)
	note := "aimsready: a readiness estimate, not a certification or an audit"
	page := fmt.Sprintf("Page %d of %d", p, total)
	if m := d.r.Branding.Marking; m != "" {
		// A long marking gets smaller type before it is ever cut.
		st := style{fontSans, "B", 7.4, colText}
		d.use(st)
		if d.f.GetStringWidth(pdfSafe(m)) > contentW*0.78 {
			st.size = 6.2
		}
		d.text(st, marginL, y, contentW*0.78, d.fit(st, pdfSafe(m), contentW*0.78), "L")
		y += stSmall.lineH()
	}
	d.text(stSmall, marginL, y, contentW*0.78, note, "L")
	d.text(stSmall, marginL+contentW*0.78, pageH-14.0, contentW*0.22, page, "R")
}

// watermark lays a large, light DRAFT across the page, transparent enough
// that the text under it stays readable in print and on screen.
func (d *pdfDoc) watermark() {
	f := d.f
	st := style{fontSans, "B", 120, rgb{150, 150, 150}}
	d.use(st)
	w := f.GetStringWidth("DRAFT")
	f.SetAlpha(0.13, "Normal")
	f.TransformBegin()
	f.TransformRotate(55, pageW/2, pageH/2)
	f.SetXY(pageW/2-w/2, pageH/2-st.lineH()/2)
	f.CellFormat(w, st.lineH(), "DRAFT", "", 0, "C", false, 0, "")
	f.TransformEnd()
	f.SetAlpha(1, "Normal")
}

// ---- safe text ---------------------------------------------------------------

// pdfSafe makes a string drawable with the embedded Go fonts: it composes
// accents (NFC), drops invisible format and combining characters and
// control characters other than newline, turns tabs into spaces, and
// replaces every rune the fonts cannot draw (emoji, most scripts, anything
// beyond U+FFFF, on which gofpdf panics) with '?'.
func pdfSafe(s string) string {
	if plainASCII(s) {
		return s // most text: nothing to change, nothing to allocate
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
			// dropped: never drawable
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
			// dropped: combining marks left after NFC, zero-width joiners,
			// variation selectors, bidi controls
		case !pdfCovered(r):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainASCII reports whether s is printable ASCII and newlines only.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7F {
			return false
		}
	}
	return true
}

// Coverage is looked up rune by rune as text meets it and remembered: a
// report uses a few hundred distinct runes, and scanning all 65,536 in
// four fonts up front was the largest part of a single report's time.
var (
	coverageMu    sync.Mutex
	coverageFonts []*sfnt.Font
	coverageBuf   sfnt.Buffer
	known         [0x10000 / 64]uint64 // runes looked up
	covered       [0x10000 / 64]uint64 // of those, the ones every font draws
)

// pdfCovered reports whether every embedded font has a glyph for r.
func pdfCovered(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	if r >= 0x20 && r < 0x7F {
		return true // every Go font draws printable ASCII (TestASCIICovered)
	}
	coverageMu.Lock()
	defer coverageMu.Unlock()
	bit := uint64(1) << (r % 64)
	if known[r/64]&bit == 0 {
		known[r/64] |= bit
		if coverageFonts == nil {
			for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
				font, err := sfnt.Parse(ttf)
				if err != nil {
					panic("report: embedded Go font does not parse: " + err.Error())
				}
				coverageFonts = append(coverageFonts, font)
			}
		}
		ok := true
		for _, font := range coverageFonts {
			if gi, err := font.GlyphIndex(&coverageBuf, r); err != nil || gi == 0 {
				ok = false
				break
			}
		}
		if ok {
			covered[r/64] |= bit
		}
	}
	return covered[r/64]&bit != 0
}
