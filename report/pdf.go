package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// WritePDF renders the report as an A4 PDF: title page, contents, executive
// summary with a chart of section scores, section detail, fix list,
// Statement of Applicability, cross-framework view and method appendix.
//
// The same report always gives the same bytes: the document dates come from
// the assessment date, never from the clock. Every string is passed through
// pdfSafe first, and a panic inside gofpdf is returned as an error.
func WritePDF(w io.Writer, r *Report) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rendering the PDF failed: %v", p)
		}
	}()
	// Pass 1 finds the page of every heading and the page count; pass 2
	// draws the same pages with the contents page filled in.
	first, err := renderPDF(r, nil, 0)
	if err != nil {
		return err
	}
	second, err := renderPDF(r, first.tocPages, first.f.PageNo())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := second.f.Output(&buf); err != nil {
		return fmt.Errorf("rendering the PDF failed: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

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
	fontMono = "gomono"
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
	case "met", ImplImplemented, SoAApplicable:
		return toneGood
	case "partial", ImplLargely, ImplPartially:
		return toneMid
	case "not-met", ImplNot:
		return toneBad
	case "excluded", ImplNotApplicable: // also SoAExcluded
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
	stMono     = style{fontMono, "", 7.4, colMuted}
	stH1       = style{fontSans, "B", 17, colNavy}
	stH2       = style{fontSans, "B", 12.5, colNavy}
	stH3       = style{fontSans, "B", 10, colNavy}
)

// pdfDoc holds the drawing state of one pass.
type pdfDoc struct {
	f          *gofpdf.Fpdf
	r          *Report
	toc        []tocEntry
	tocPages   []int // page of each contents entry, filled while drawing
	prevPages  []int // from the first pass; nil during it
	totalPages int   // from the first pass; 0 during it
	links      []int
	next       int // index of the next contents entry to be drawn
	running    string
	// cur is the font and text colour last set through use. gofpdf builds
	// strings on every SetFont and SetTextColor, so use skips repeats; the
	// largest share of the PDF's allocations went there.
	cur    style
	curSet bool
}

type tocEntry struct {
	level int
	title string
}

func renderPDF(r *Report, prevPages []int, totalPages int) (*pdfDoc, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, r: r, prevPages: prevPages, totalPages: totalPages}
	d.toc = pdfContents(r)
	d.tocPages = make([]int, len(d.toc))

	// gofpdf writes into the font bytes it is given while subsetting, so
	// each document gets its own copy: the shared gofont slices stay
	// pristine and the next PDF comes out byte for byte the same.
	f.AddUTF8FontFromBytes(fontSans, "", bytes.Clone(goregular.TTF))
	f.AddUTF8FontFromBytes(fontSans, "B", bytes.Clone(gobold.TTF))
	f.AddUTF8FontFromBytes(fontSans, "I", bytes.Clone(goitalic.TTF))
	f.AddUTF8FontFromBytes(fontMono, "", bytes.Clone(gomono.TTF))
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("loading the PDF fonts: %w", err)
	}
	stamp := pdfDate(r.Cover.Date)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true) // fonts and other resources in a fixed order, not map order
	org := r.Cover.Organization
	if strings.TrimSpace(org) == "" {
		org = "(organisation not named)"
	}
	f.SetTitle(pdfSafe(r.Cover.Title+": "+org), true)
	author := r.Cover.Assessor
	if strings.TrimSpace(author) == "" {
		author = "aimsready"
	}
	f.SetAuthor(pdfSafe(author), true)
	f.SetSubject(pdfSafe("Gap analysis against "+r.Cover.Standard+" for "+org+": a readiness estimate, not a certification or an audit"), true)
	f.SetCreator(pdfSafe(toolLine(r.Cover)), true)
	f.SetProducer("aimsready (gofpdf)", false)
	f.SetKeywords(pdfSafe("ISO/IEC 42001, AI management system, gap analysis, readiness, Statement of Applicability"), true)
	f.SetDisplayMode("fullwidth", "single")
	f.SetMargins(marginL, marginTop, marginR)
	f.SetAutoPageBreak(false, 0) // every break is decided here, so tables can repeat headers
	f.SetCellMargin(0)
	f.AliasNbPages("")
	d.running = pdfSafe(r.Cover.Standard + " readiness · " + org)
	f.SetHeaderFuncMode(d.header, true)
	f.SetFooterFunc(d.footer)

	d.titlePage()
	d.contentsPage()
	d.summary()
	d.sections()
	d.fixList()
	d.soa()
	d.crossFramework()
	d.method()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("rendering the PDF failed: %w", err)
	}
	return d, nil
}

// pdfDate is the fixed document date: the assessment date at noon UTC, or
// 2000-01-01 when the answers have none, so the bytes never depend on the clock.
func pdfDate(date string) time.Time {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(date)); err == nil {
		return t.Add(12 * time.Hour)
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// pdfContents lists the headings that appear in the contents, in the order
// they are drawn.
func pdfContents(r *Report) []tocEntry {
	toc := []tocEntry{{0, "Executive summary"}, {0, "Section by section"}}
	for _, s := range r.Sections {
		toc = append(toc, tocEntry{1, sectionHeading(s)})
	}
	toc = append(toc, tocEntry{0, "Prioritized fix list"}, tocEntry{0, "Statement of Applicability"},
		tocEntry{0, "Cross-framework view"}, tocEntry{0, "Method and disclaimer"})
	return toc
}

func sectionHeading(s Section) string {
	kind := "Clause"
	if s.Kind == "annex" {
		kind = "Annex"
	}
	return kind + " " + s.ID + " " + s.Title
}

// ---- text primitives -------------------------------------------------------

func (d *pdfDoc) use(s style) {
	if d.curSet && d.cur == s {
		return
	}
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
		if i < len(d.links) {
			d.f.SetLink(d.links[i], y, -1)
		}
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

func (d *pdfDoc) header() {
	defer d.keepStyle()()
	if d.f.PageNo() == 1 {
		return
	}
	d.text(stSmall, marginL, 10, contentW*0.75, d.fit(stSmall, d.running, contentW*0.75), "L")
	d.text(stSmall, marginL+contentW*0.75, 10, contentW*0.25, pdfSafe(d.r.Cover.Date), "R")
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, 14.2, marginL+contentW, 14.2)
	d.f.SetXY(marginL, marginTop)
}

func (d *pdfDoc) footer() {
	defer d.keepStyle()()
	if d.f.PageNo() == 1 {
		return
	}
	y := pageH - 14.0
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, y-1.5, marginL+contentW, y-1.5)
	d.text(stSmall, marginL, y, contentW*0.7, "aimsready: a readiness estimate, not a certification or an audit", "L")
	// The page count is an alias gofpdf fills in at the end; it is aligned
	// with the count known from the first pass.
	page := fmt.Sprintf("Page %d of ", d.f.PageNo())
	d.use(stSmall)
	width := d.f.GetStringWidth(page + strconv.Itoa(max(d.totalPages, d.f.PageNo())))
	d.f.SetXY(marginL+contentW-width, y)
	d.f.CellFormat(width, stSmall.lineH(), page+"{nb}", "", 0, "L", false, 0, "")
}

// ---- title page ------------------------------------------------------------

func (d *pdfDoc) titlePage() {
	f, r := d.f, d.r
	cv := r.Cover
	f.AddPage()
	// Navy band with the title.
	d.fill(colNavy)
	f.Rect(0, 0, pageW, 88, "F")
	d.fill(colNavyLight)
	f.Rect(0, 88, pageW, 1.6, "F")
	d.text(style{fontSans, "B", 10, rgb{170, 195, 228}}, marginL, 26, contentW, "GAP ANALYSIS REPORT", "L")
	y := 34.0
	tst := style{fontSans, "B", 24, colWhite}
	for _, l := range d.clampLines(tst, d.lines(tst, pdfSafe(cv.Title), contentW), 2, contentW) {
		d.text(tst, marginL, y, contentW, l, "L")
		y += tst.lineH()
	}
	sub := style{fontSans, "", 11, rgb{214, 226, 242}}
	d.text(sub, marginL, y+2, contentW, "How ready is the AI management system for a Stage 1 certification audit?", "L")

	// Organisation.
	y = 100
	d.text(stSmallB, marginL, y, contentW, "PREPARED FOR", "L")
	y += 5
	ost := style{fontSans, "B", 20, colNavy}
	org := cv.Organization
	if strings.TrimSpace(org) == "" {
		org = "(organisation not named)"
	}
	if len(d.lines(ost, pdfSafe(org), contentW)) > 2 {
		ost.size = 15 // a long name: smaller rather than cut
	}
	for _, l := range d.clampLines(ost, d.lines(ost, pdfSafe(org), contentW), 3, contentW) {
		d.text(ost, marginL, y, contentW, l, "L")
		y += ost.lineH()
	}
	y += 4

	// Facts, each clamped so the page never overflows; the body repeats
	// the scope and systems in full.
	systems := make([]string, 0, len(cv.Systems))
	for _, s := range cv.Systems {
		systems = append(systems, s.Name)
	}
	if len(systems) > 3 {
		systems = []string{fmt.Sprintf("%d AI systems, listed under Scope and AI systems in the executive summary", len(systems))}
	}
	facts := []struct {
		label, value string
		max          int
	}{
		{"Assessor", cv.Assessor, 2},
		{"Assessment date", cv.Date, 1},
		{"Scope", cv.Scope, 4},
		{"AI systems in scope", joinOrDash(systems, "; "), 2},
		{"Roles", joinOrDash(cv.Roles, ", "), 1},
		{"Catalog", catalogLine(cv) + profileNote(cv), 2},
		{"Generated by", toolLine(cv), 1},
	}
	labelW := 42.0
	valW := contentW - labelW
	for _, ft := range facts {
		ls := d.clampLines(stBody, d.lines(stBody, pdfSafe(orDash(ft.value)), valW), ft.max, valW)
		d.text(stSmallB, marginL, y+0.6, labelW, strings.ToUpper(ft.label), "L")
		for i, l := range ls {
			d.text(stBody, marginL+labelW, y+float64(i)*stBody.lineH(), valW, l, "L")
		}
		y += float64(len(ls))*stBody.lineH() + 2.2
		d.draw(colRule)
		f.SetLineWidth(0.15)
		f.Line(marginL, y-1.1, marginL+contentW, y-1.1)
	}

	// Score tile and verdict, above the disclaimer.
	discTop := contentBot - 26
	tileTop := discTop - 34
	d.fill(colPanel)
	f.Rect(marginL, tileTop, contentW, 28, "F")
	d.text(stSmallB, marginL+5, tileTop+4, 60, "OVERALL READINESS", "L")
	big := style{fontSans, "B", 26, colNavy}
	score := Pct(float64(r.Summary.Overall))
	d.text(big, marginL+5, tileTop+9, 60, score, "L")
	d.use(big)
	sw := f.GetStringWidth(score)
	d.text(style{fontSans, "", 11, colMuted}, marginL+6+sw, tileTop+14.2, 20, "/ 100", "L")
	vx := marginL + 70
	d.text(stSmallB, vx, tileTop+4, contentW-75, "STAGE 1 VERDICT", "L")
	d.badge(vx, tileTop+9, contentW-75, 7, r.Summary.Verdict.Label, verdictTone(r.Summary.Verdict), style{fontSans, "B", 10, colText})
	note := fmt.Sprintf("%d Stage 1 blocker(s), %d fixes; %d of %d questions assessed.",
		r.Summary.BlockerCount, r.Summary.FixCount, r.Summary.Assessed, r.Summary.Questions)
	d.text(stCell, vx, tileTop+18.5, contentW-75, note, "L")

	// Disclaimer.
	d.fill(rgb{248, 249, 251})
	d.draw(colRule)
	f.SetLineWidth(0.3)
	f.Rect(marginL, discTop, contentW, 24, "FD")
	d.fill(colNavy)
	f.Rect(marginL, discTop, 1.6, 24, "F")
	d.text(stCellB, marginL+5, discTop+3, contentW-8, "Disclaimer", "L")
	dy := discTop + 3 + stCellB.lineH() + 0.5
	for _, l := range d.lines(stCell, pdfSafe(r.Disclaimer), contentW-10) {
		d.text(stCell, marginL+5, dy, contentW-10, l, "L")
		dy += stCell.lineH()
	}
	d.text(stSmall, marginL, contentBot+3, contentW, "Confidential: prepared for "+d.fit(stSmall, pdfSafe(org), 120), "L")
}

func verdictTone(v Verdict) tone {
	if v.Ready {
		return toneGood
	}
	if strings.Contains(strings.ToLower(v.Label), "snapshot") {
		return toneNone
	}
	return toneBad
}

func profileNote(cv Cover) string {
	s := ""
	if cv.Profile != "" && cv.Profile != "full" {
		s += ", " + cv.Profile + " profile"
	}
	if cv.AnswersCatalog != "" && cv.AnswersCatalog != cv.Catalog {
		s += "; answers given against " + cv.AnswersCatalog
	}
	return s
}

func joinOrDash(items []string, sep string) string {
	return orDash(strings.Join(items, sep))
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// ---- contents --------------------------------------------------------------

func (d *pdfDoc) contentsPage() {
	f := d.f
	f.AddPage()
	st := stH1
	d.text(st, marginL, marginTop, contentW, "Contents", "L")
	d.draw(colNavy)
	f.SetLineWidth(0.5)
	y := marginTop + st.lineH() + 0.8
	f.Line(marginL, y, marginL+contentW, y)
	f.SetXY(marginL, y+5)
	for i, e := range d.toc {
		s, indent, h := stBodyB, 0.0, 7.5
		if e.level > 0 {
			s, indent, h = stBody, 6, 5.6
		}
		if e.level == 0 && i > 0 {
			d.gap(1.5)
		}
		d.ensure(h)
		y := f.GetY()
		page := "…"
		if d.prevPages != nil && i < len(d.prevPages) {
			page = strconv.Itoa(d.prevPages[i])
		}
		title := d.fit(s, pdfSafe(e.title), contentW-indent-20)
		d.text(s, marginL+indent, y, contentW-indent-14, title, "L")
		d.use(s)
		tw := f.GetStringWidth(title)
		// Dotted leader between title and page number.
		d.draw(colRule)
		f.SetLineWidth(0.2)
		f.SetDashPattern([]float64{0.4, 1.2}, 0)
		ly := y + s.lineH()*0.72
		f.Line(marginL+indent+tw+2, ly, marginL+contentW-12, ly)
		f.SetDashPattern([]float64{}, 0)
		d.text(s, marginL+contentW-12, y, 12, page, "R")
		link := f.AddLink()
		d.links = append(d.links, link)
		f.Link(marginL, y, contentW, s.lineH(), link)
		f.SetXY(marginL, y+h)
	}
}

// ---- tables ----------------------------------------------------------------

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
}

const cellPad = 1.4

func txt(s style, text string) []run { return []run{{s, pdfSafe(text)}} }

func cellOf(s style, text string) pcell { return pcell{runs: txt(s, text)} }

func (t *table) drawHeader() {
	if !t.header {
		return
	}
	d := t.d
	h := 0.0
	ls := make([][]string, len(t.cols))
	for i, c := range t.cols {
		ls[i] = d.lines(stCellHead, pdfSafe(c.title), c.width-2*cellPad)
		h = math.Max(h, float64(len(ls[i]))*stCellHead.lineH())
	}
	h += 2 * cellPad
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
	for _, c := range t.cols {
		h = math.Max(h, float64(len(t.d.lines(stCellHead, pdfSafe(c.title), c.width-2*cellPad))))
	}
	return h*stCellHead.lineH() + 2*cellPad
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

// ---- executive summary -----------------------------------------------------

func (d *pdfDoc) summary() {
	f, r := d.f, d.r
	s := r.Summary
	d.heading(0, "Executive summary", 60)

	// Score tile on the left, verdict on the right.
	y := f.GetY() + 1
	tileW := 52.0
	vx := marginL + tileW + 6
	vw := contentW - tileW - 6
	reason := d.lines(stBody, pdfSafe(s.Verdict.Reason), vw)
	h := math.Max(30, 7+badgeH+5+float64(len(reason))*stBody.lineH()+3)
	d.fill(colPanel)
	f.Rect(marginL, y, tileW, h, "F")
	d.text(stSmallB, marginL+4, y+4, tileW-8, "OVERALL READINESS", "L")
	big := style{fontSans, "B", 28, colNavy}
	score := Pct(float64(s.Overall))
	d.text(big, marginL+4, y+9, tileW-8, score, "L")
	d.use(big)
	sw := f.GetStringWidth(score)
	d.text(style{fontSans, "", 10, colMuted}, marginL+5+sw, y+15, 20, "/ 100", "L")
	d.text(stSmallB, vx, y+1, vw, "STAGE 1 VERDICT", "L")
	d.badge(vx, y+6, vw, 6.5, s.Verdict.Label, verdictTone(s.Verdict), style{fontSans, "B", 9.5, colText})
	ry := y + 6 + 6.5 + 2.5
	for _, l := range reason {
		d.text(stBody, vx, ry, vw, l, "L")
		ry += stBody.lineH()
	}
	f.SetXY(marginL, y+h+5)

	// Key figures.
	figs := []struct{ value, label string }{
		{fmt.Sprintf("%d / %d", s.Assessed, s.Questions), "questions assessed"},
		{strconv.Itoa(s.BlockerCount), "Stage 1 blockers"},
		{strconv.Itoa(len(s.Excluded)), "controls excluded"},
		{strconv.Itoa(s.FixCount), "fixes in the plan"},
	}
	fw := (contentW - 3*4) / 4
	y = f.GetY()
	for i, fg := range figs {
		x := marginL + float64(i)*(fw+4)
		d.draw(colRule)
		f.SetLineWidth(0.3)
		f.Rect(x, y, fw, 16, "D")
		d.text(style{fontSans, "B", 15, colNavy}, x+3, y+2.2, fw-6, fg.value, "L")
		d.text(stSmall, x+3, y+10, fw-6, fg.label, "L")
	}
	f.SetXY(marginL, y+16+3)
	var notes []string
	if n := len(s.NotAssessed); n > 0 {
		notes = append(notes, fmt.Sprintf("Not assessed yet (scored 0): %s.", strings.Join(s.NotAssessed, ", ")))
	}
	if len(s.Excluded) > 0 {
		notes = append(notes, fmt.Sprintf("Excluded in the Statement of Applicability: %s.", strings.Join(s.Excluded, ", ")))
	}
	if r.SoA.Flagged > 0 {
		notes = append(notes, fmt.Sprintf("%d exclusion(s) have a justification too thin to survive an audit; see the Statement of Applicability.", r.SoA.Flagged))
	}
	for _, n := range notes {
		d.para(stSmall, n)
	}

	d.heading(2, "Section scores", 20)
	d.chart()

	if len(s.Blockers) > 0 {
		t := &table{d: d, header: true, zebra: true, cols: []tcol{
			{"Question", 38, ""}, {"What is required", 52, ""}, {"Why it blocks", 38, ""}, {"Fix", contentW - 128, ""},
		}}
		rows := make([][]pcell, len(s.Blockers))
		for i, b := range s.Blockers {
			rows[i] = []pcell{
				{runs: []run{{stCellB, pdfSafe(b.Question)}, {stCell, pdfSafe(b.QuestionTitle)}}},
				cellOf(stCell, b.Text), cellOf(stCell, capitalizeFirst(b.Reason)), cellOf(stCell, b.Fix),
			}
		}
		d.tableSection(fmt.Sprintf("Stage 1 blockers (%d)", len(s.Blockers)),
			"Required documented information that is missing or not confirmed. A Stage 1 auditor asks to see it first.", t, rows)
	}

	if len(s.TopFixes) > 0 {
		t, rows := d.fixRows(s.TopFixes, false)
		d.tableSection(fmt.Sprintf("Top %d of %d fixes", len(s.TopFixes), s.FixCount),
			"Stage 1 blockers first, then the most points per day of effort. Gain is how many points the overall score rises when the fix is done.", t, rows)
	}

	d.heading(2, "Scope and AI systems", 20)
	d.para(stBody, orDash(r.Cover.Scope))
	if len(r.Cover.Roles) > 0 {
		d.gap(1)
		d.para(stSmall, "Roles towards AI systems: "+strings.Join(r.Cover.Roles, ", ")+".")
	}
	if len(r.Cover.Systems) > 0 {
		d.gap(3)
		t := &table{d: d, header: true, zebra: true, cols: []tcol{
			{"AI system", 46, ""}, {"Purpose", contentW - 46 - 24 - 22, ""}, {"Role", 24, ""}, {"Risk", 22, ""},
		}}
		rows := make([][]pcell, len(r.Cover.Systems))
		for i, sys := range r.Cover.Systems {
			rows[i] = []pcell{cellOf(stCellB, sys.Name), cellOf(stCell, orDash(sys.Purpose)), cellOf(stCell, orDash(sys.Role)), cellOf(stCell, orDash(sys.Risk))}
		}
		d.rows(t, rows)
	}
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

// fixRows lays out fixes: rank, the gap (question, citation and criterion),
// what to do with the cross-references, effort, gain and blocker. The
// criterion's full text is in the section detail, which points back here.
func (d *pdfDoc) fixRows(fixes []Fix, full bool) (*table, [][]pcell) {
	gapW := 52.0
	t := &table{d: d, header: true, zebra: true, cols: []tcol{
		{"#", 8, "R"}, {"Gap", gapW, ""}, {"Fix", contentW - 8 - gapW - 12 - 13 - 18, ""},
		{"Effort", 12, "C"}, {"Gain", 13, "R"}, {"Blocker", 18, ""},
	}}
	refs := map[string][]Ref{}
	for _, sec := range d.r.Sections {
		for _, q := range sec.Questions {
			refs[q.ID] = q.Refs
		}
	}
	rows := make([][]pcell, len(fixes))
	for i, fx := range fixes {
		gap := []run{{stCellB, pdfSafe(fx.Question + " " + fx.QuestionTitle)}}
		if full {
			cite := fx.Criterion
			if len(fx.Cites) > 0 {
				cite = fx.Cites[0] + " · " + cite
			}
			gap = append(gap, run{stSmall, pdfSafe(cite)})
		}
		if !fx.Assessed {
			gap = append(gap, run{stSmallB, "not assessed yet"})
		}
		what := []run{{stCell, pdfSafe(fx.Fix)}}
		if full {
			if c := compactRefs(refs[fx.Question]); c != "" {
				what = append(what, run{stSmall, pdfSafe(c)})
			}
		}
		blocker := pcell{}
		if fx.Blocker {
			blocker.badge = &badgeSpec{"BLOCKER", toneBlocker}
		}
		rows[i] = []pcell{
			cellOf(stCellB, strconv.Itoa(fx.Rank)),
			{runs: gap},
			{runs: what},
			cellOf(stCell, fx.Effort),
			cellOf(stCell, "+"+Gain(float64(fx.Gain))),
			blocker,
		}
	}
	return t, rows
}

// compactRefs lists cross-references grouped by framework, marking those
// from a published crosswalk; the rest are our own analysis.
func compactRefs(refs []Ref) string {
	var groups []string
	var names []string
	by := map[string][]string{}
	for _, r := range refs {
		if _, ok := by[r.FrameworkName]; !ok {
			names = append(names, r.FrameworkName)
		}
		id := r.ID
		if r.Basis == "crosswalk" {
			id += " (crosswalk)"
		}
		by[r.FrameworkName] = append(by[r.FrameworkName], id)
	}
	for _, n := range names {
		groups = append(groups, n+": "+strings.Join(by[n], ", "))
	}
	return strings.Join(groups, " · ")
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

// ---- section detail --------------------------------------------------------

func (d *pdfDoc) sections() {
	r := d.r
	d.heading(0, "Section by section", 40)
	d.para(stBody, "Each clause and Annex A area with its score, then each question: its status, the criteria not met (with their rank in the fix list), the criteria met, and the notes and evidence recorded.")
	for i, sec := range r.Sections {
		if i > 0 {
			d.gap(3)
		}
		d.heading(1, sectionHeading(sec), 40)
		line := fmt.Sprintf("Score %s / 100 · %d of %d questions answered", sec.Label(), sec.Answered, sec.Total)
		if sec.Excluded > 0 {
			line += fmt.Sprintf(" · %d excluded", sec.Excluded)
		}
		d.para(stBodyB, line)
		if sec.Intro != "" {
			d.gap(1)
			d.para(stIntro, sec.Intro)
		}
		d.gap(2.5)
		for _, q := range sec.Questions {
			d.question(q)
		}
	}
}

func (d *pdfDoc) question(q Question) {
	title := q.ID + " " + q.Title
	score := "n/a"
	if q.Score != nil {
		score = Pct(float64(*q.Score))
	}
	meta := "Weight " + fmtNum(q.Weight)
	if q.Citation != "" {
		meta += " · " + q.Citation
	}
	t := &table{d: d, cols: []tcol{{"", 26, ""}, {"", contentW - 26, ""}}}
	rows := [][]pcell{}
	if q.Status == "not-assessed" {
		// One row, not every criterion: an early assessment would
		// otherwise run to dozens of pages of "not assessed".
		rows = append(rows, []pcell{{badge: &badgeSpec{"Not assessed", toneNone}}, cellOf(stCell, pdfSafe(notAssessedNote(q)))})
	}
	for _, c := range q.Unmet {
		if q.Status == "not-assessed" {
			break
		}
		rows = append(rows, d.criterionRow(c, "Not met", toneBad))
	}
	for _, c := range q.Met {
		rows = append(rows, d.criterionRow(c, "Met", toneGood))
	}
	if q.Justification != "" {
		label := "Justification"
		if q.Status == "excluded" {
			label = "Excluded because"
		}
		rows = append(rows, []pcell{cellOf(stSmallB, label), cellOf(stCell, q.Justification)})
	}
	if q.JustificationIssue != "" {
		rows = append(rows, []pcell{{badge: &badgeSpec{"Flagged", toneBad}},
			cellOf(style{fontSans, "B", 8.3, toneBad.text}, "This justification would not survive an audit: "+q.JustificationIssue+".")})
	}
	if q.Notes != "" {
		rows = append(rows, []pcell{cellOf(stSmallB, "Notes"), cellOf(stCell, q.Notes)})
	}
	if len(q.Evidence) > 0 {
		rows = append(rows, []pcell{cellOf(stSmallB, "Evidence"), cellOf(stMono, strings.Join(q.Evidence, "\n"))})
	}

	drawTitle := func(cont bool) {
		tt := title
		if cont {
			tt += " (continued)"
		}
		y := d.f.GetY()
		badgeW := 30.0
		scoreW := 16.0
		tw := contentW - badgeW - scoreW - 6
		ls := d.lines(stH3, pdfSafe(tt), tw)
		h := math.Max(float64(len(ls))*stH3.lineH(), badgeH+1) + stSmall.lineH() + 3.2
		d.fill(colPanel)
		d.f.Rect(marginL, y, contentW, h, "F")
		d.fill(colNavy)
		d.f.Rect(marginL, y, 1.2, h, "F")
		ty := y + 1.6
		for _, l := range ls {
			d.text(stH3, marginL+3, ty, tw, l, "L")
			ty += stH3.lineH()
		}
		d.text(stSmall, marginL+3, ty, tw, d.fit(stSmall, pdfSafe(meta), tw), "L")
		d.text(style{fontSans, "B", 10, colNavy}, marginL+contentW-scoreW-2, y+1.6, scoreW, score, "R")
		d.badge(marginL+contentW-scoreW-badgeW-3, y+1.8, badgeW, badgeH, q.StatusLabel, statusTone(q.Status), style{fontSans, "B", 7.4, colText})
		d.f.SetXY(marginL, y+h)
	}
	// Keep the title with its first row.
	need := 14.0
	if len(rows) > 0 {
		need += math.Min(t.measure(rows[0]), 30)
	}
	d.ensure(need)
	drawTitle(false)
	t.cont = func() { drawTitle(true) }
	for _, row := range rows {
		t.add(row)
	}
	d.gap(3.5)
}

func (d *pdfDoc) criterionRow(c Criterion, label string, tn tone) []pcell {
	text := c.Text
	if text == "" {
		text = c.ID
	}
	var tags []string
	tags = append(tags, c.ID)
	if c.Documented {
		tags = append(tags, "documented information")
	}
	if c.FixRank > 0 {
		tags = append(tags, "fix #"+strconv.Itoa(c.FixRank))
	}
	return []pcell{
		{runs: txt(stSmall, ""), badge: &badgeSpec{label, tn}},
		{runs: []run{{stCell, pdfSafe(text)}, {stSmall, pdfSafe(strings.Join(tags, " · "))}}},
	}
}

// ---- fix list --------------------------------------------------------------

func (d *pdfDoc) fixList() {
	r := d.r
	d.heading(0, "Prioritized fix list", 40)
	if len(r.Fixes) == 0 {
		d.para(stBody, "No fixes: every criterion of every applicable question is met.")
		return
	}
	d.para(stBody, fmt.Sprintf("%d fixes, one per criterion not met. Stage 1 blockers come first, then the fixes that add the most points per day of effort (S = days, M = weeks, L = months). Gain is how many points the overall score rises when the fix is done; the gains add up to %s points. Cross-references are our own analysis unless marked as a published crosswalk; the criterion each fix meets is stated in the section detail.",
		len(r.Fixes), Gain(100-float64(r.Summary.Overall))))
	d.gap(3)
	d.rows(d.fixRows(r.Fixes, true))
}

// ---- Statement of Applicability -------------------------------------------

func (d *pdfDoc) soa() {
	r := d.r
	soa := r.SoA
	d.heading(0, "Statement of Applicability", 40)
	intro := fmt.Sprintf("%d Annex A controls: %d applicable, %d excluded, %d without a decision. The implementation status follows from each control's score (see the method). An auditor expects a justification for every inclusion and exclusion.",
		len(soa.Controls), soa.Applicable, soa.Excluded, soa.Undecided)
	if soa.Flagged > 0 {
		intro += fmt.Sprintf(" %d exclusion(s) are flagged: their justification would not survive an audit.", soa.Flagged)
	}
	d.para(stBody, intro)
	d.gap(3)
	if len(soa.Controls) == 0 {
		d.para(stBody, "The catalog has no Annex A controls.")
		return
	}
	t := &table{d: d, header: true, zebra: true, cols: []tcol{
		{"Control", 16, ""}, {"Title", 44, ""}, {"Applicability", 24, ""}, {"Justification and evidence", contentW - 16 - 44 - 24 - 32 - 12, ""},
		{"Implementation", 32, ""}, {"Score", 12, "R"},
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
			just = append(just, run{stMono, pdfSafe(strings.Join(c.Evidence, "\n"))})
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
			{badge: &badgeSpec{c.Implementation, statusTone(c.Implementation)}},
			cellOf(stCell, score),
		}
	}
	d.rows(t, rows)
}

// ---- cross-framework view --------------------------------------------------

func (d *pdfDoc) crossFramework() {
	r := d.r
	d.heading(0, "Cross-framework view", 40)
	d.para(stBody, "How the answers cover other frameworks through the catalog's cross-references. Mean is the question-weighted mean score of the applicable questions that reference the item; a dash means no applicable question does. This shows where evidence can be reused; it is not an assessment against those frameworks.")
	for _, fw := range r.CrossFramework {
		nist := fw.ID == "nist-ai-rmf"
		var cols []tcol
		if nist {
			cols = []tcol{{"Function", 22, ""}, {"Description", 52, ""}, {"Subcategories referenced", 26, "R"}, {"Questions", contentW - 22 - 52 - 26 - 18, ""}, {"Mean", 18, "R"}}
		} else {
			cols = []tcol{{capitalizeFirst(fw.Unit), 22, ""}, {"Title", 58, ""}, {"Questions", contentW - 22 - 58 - 18, ""}, {"Mean", 18, "R"}}
		}
		t := &table{d: d, header: true, zebra: true, cols: cols}
		rows := make([][]pcell, 0, len(fw.Items))
		for _, it := range fw.Items {
			qs := "none"
			if len(it.Questions) > 0 {
				qs = strings.Join(it.Questions, ", ")
			}
			mean := cellOf(stCellB, "—")
			if it.Mean != nil {
				mean = cellOf(stCellB, Pct(float64(*it.Mean)))
			}
			if nist {
				rows = append(rows, []pcell{cellOf(stCellB, it.ID), cellOf(stCell, it.Title),
					cellOf(stCell, fmt.Sprintf("%d of %d", it.Referenced, it.Terms)), cellOf(stCell, qs), mean})
			} else {
				rows = append(rows, []pcell{cellOf(stCellB, it.ID), cellOf(stCell, it.Title), cellOf(stCell, qs), mean})
			}
		}
		intro := ""
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
	for _, th := range m.Implementation {
		rows = append(rows, []pcell{{badge: &badgeSpec{th.Status, statusTone(th.Status)}}, cellOf(stCell, th.Rule)})
	}
	d.tableSection("Implementation status in the Statement of Applicability", "", t, rows)

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

// ---- safe text ---------------------------------------------------------------

// pdfSafe makes a string drawable with the embedded Go fonts: it composes
// accents (NFC), drops invisible format and combining characters and
// control characters other than newline, turns tabs into spaces, and
// replaces every rune the fonts cannot draw (emoji, most scripts, anything
// beyond U+FFFF, on which gofpdf panics) with '?'.
func pdfSafe(s string) string {
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

var (
	coverageOnce sync.Once
	coverage     []uint64 // bit per BMP rune that every embedded font draws
)

// pdfCovered reports whether every embedded font has a glyph for r.
func pdfCovered(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	coverageOnce.Do(func() {
		coverage = make([]uint64, 0x10000/64)
		for i := range coverage {
			coverage[i] = ^uint64(0)
		}
		for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gomono.TTF} {
			font, err := sfnt.Parse(ttf)
			if err != nil {
				panic("report: embedded Go font does not parse: " + err.Error())
			}
			var buf sfnt.Buffer
			for c := 0; c <= 0xFFFF; c++ {
				if coverage[c/64]&(1<<(c%64)) == 0 {
					continue
				}
				if gi, err := font.GlyphIndex(&buf, rune(c)); err != nil || gi == 0 {
					coverage[c/64] &^= 1 << (c % 64)
				}
			}
		}
	})
	return coverage[r/64]&(1<<(r%64)) != 0
}
