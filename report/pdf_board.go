package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// The one page for the board: who and when, the verdict and why, the
// overall score with documentation and implementation readiness (and
// evidence coverage when the file keeps an evidence register), the
// consultant's view, the five gaps that matter most in plain words, any
// planned fixes past due, and the roadmap phases with their effort. It stands alone (report
// --summary) and opens the full report after the title page.
//
// It must read in greyscale: nothing is said by colour alone. Every level
// is written out, bars are dark on light grey, and the threshold a bar
// must reach is marked with a tick and a number.
//
// It must stay one page whatever the answers hold. The page is planned
// before it is drawn: every text is wrapped and measured, and when the
// whole would not fit, the plan is squeezed step by step (a shorter view,
// fewer lines per gap) until it does.

// boardOnly draws the one-page summary as a document of its own.
func (d *pdfDoc) boardOnly() {
	d.footOnFirst = true
	d.f.AddPage()
	d.board(true)
}

// boardTileW is the width of each of n score tiles, 4 mm apart.
func boardTileW(n int) float64 { return (contentW - float64(n-1)*4) / float64(n) }

// boardGaps picks the gaps for the board: Stage 1 blockers first, then
// the rest in roadmap order.
func boardGaps(fixes []Fix, n int) []Fix {
	out := append([]Fix(nil), fixes...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Blocker && !out[j].Blocker })
	return out[:min(n, len(out))]
}

// boardPlan is the page wrapped and measured, ready to draw.
type boardPlan struct {
	top     float64
	logoW   float64
	org, by []string
	reasons [][]string
	more    int // reasons left out
	view    [][]richWord
	gaps    []boardGap
	overdue []string // planned fixes past due, in a line or two
	tiles   []boardTile
	height  float64
}

// boardTile is one score on the board page: evidence coverage joins the
// three readiness figures when the file keeps an evidence register.
type boardTile struct {
	label string
	value *Points
	need  float64 // the threshold to mark on the bar, if any
	notes []string
}

type boardGap struct {
	fix            Fix
	head, tag      string
	missing, doing []string
}

const (
	boardTileH  = 29.0
	boardRowH   = 2*cellPad + stCellHeight
	boardHeadH  = 2*cellPad + 2*8.3*ptMM*1.38
	boardGapGap = 1.6
)

// stCellHeight is one line of table text.
const stCellHeight = 8.3 * ptMM * 1.38

// board plans the page at the loosest level that fits, then draws it.
func (d *pdfDoc) board(alone bool) {
	bottom := contentBot - 1
	if alone {
		bottom -= stSmall.lineH() + 1 // the pointer to the full report
	}
	var p boardPlan
	for squeeze := 0; squeeze <= 4; squeeze++ {
		p = d.planBoard(alone, squeeze)
		if p.top+p.height <= bottom {
			break
		}
	}
	d.drawBoard(p, alone)
}

func (d *pdfDoc) planBoard(alone bool, squeeze int) boardPlan {
	r := d.r
	s := r.Summary
	p := boardPlan{top: marginTop - 4}
	if alone {
		p.top = 14
	}
	if d.logo {
		l := r.Branding.Logo
		w := math.Min(40, 14*float64(l.W)/float64(l.H))
		p.logoW = w + 4
	}
	tw := contentW - p.logoW
	h := stSmallB.lineH() + 0.6
	ost := style{fontSans, "B", 17, colNavy}
	p.org = d.clampLines(ost, d.lines(ost, pdfSafe(orgName(r.Cover)), tw), 2, tw)
	h += float64(len(p.org)) * ost.lineH()
	var by []string
	if r.Cover.Date != "" {
		by = append(by, "Assessment of "+r.Cover.Date)
	}
	if period := r.Engagement.Period(); period != "" {
		by = append(by, "period "+period)
	}
	if r.Branding.Firm != "" {
		by = append(by, "prepared by "+r.Branding.Firm)
	} else if r.Cover.Assessor != "" {
		by = append(by, "assessor "+r.Cover.Assessor)
	}
	if v := versionLabel(r.Branding); v != "" {
		by = append(by, lowerFirst(v))
	}
	p.by = d.clampLines(stCell, d.lines(stCell, pdfSafe(strings.Join(by, " · ")), tw), 2, tw)
	h += float64(len(p.by))*stCell.lineH() + 2 + 4
	if p.logoW > 0 {
		h = math.Max(h, 14+4+4)
	}

	// Verdict.
	reasons := s.Verdict.Reasons
	if len(reasons) == 0 && s.Verdict.Reason != "" {
		reasons = []string{s.Verdict.Reason}
	}
	maxReasons, reasonLines := 4, 2
	if squeeze >= 3 {
		maxReasons, reasonLines = 3, 1
	}
	h += style{fontSans, "B", 13, colText}.lineH() + 0.5
	for i, reason := range reasons {
		if i == maxReasons {
			p.more = len(reasons) - maxReasons
			h += stCell.lineH()
			break
		}
		ls := d.clampLines(stCell, d.lines(stCell, pdfSafe(reason), contentW-28), reasonLines, contentW-28)
		p.reasons = append(p.reasons, ls)
		h += float64(len(ls)) * stCell.lineH()
	}
	h += 3

	// Score tiles.
	impl := "practice and records: what a Stage 2 audit tests"
	if s.Thresholds.Implementation > 0 {
		impl += "; needs " + fmtNum(s.Thresholds.Implementation)
	}
	p.tiles = []boardTile{
		{label: "Overall readiness", value: &s.Overall, notes: []string{"all criteria, weighted"}},
		{label: "Documentation readiness", value: s.Documentation, notes: []string{"documents: what a Stage 1 audit reviews"}},
		{label: "Implementation readiness", value: s.Implementation, need: s.Thresholds.Implementation, notes: []string{impl}},
	}
	if len(r.Evidence.Items) > 0 {
		// Four tiles are narrower: the two readiness labels lose the word
		// their notes already carry.
		p.tiles[1].label, p.tiles[2].label = "Documentation", "Implementation"
		p.tiles = append(p.tiles, boardTile{label: "Evidence coverage", value: s.EvidenceCoverage, need: s.Thresholds.Evidence,
			notes: []string{"met criteria with reviewed evidence; under " + fmtNum(s.Thresholds.Evidence) + ": claims"}})
	}
	tileW := boardTileW(len(p.tiles)) - 6
	for i := range p.tiles {
		p.tiles[i].notes = d.clampLines(stSmall, d.lines(stSmall, p.tiles[i].notes[0], tileW), 2, tileW)
	}
	h += boardTileH + 4

	// The consultant's view.
	viewLines := []int{5, 3, 2, 2, 0}[squeeze]
	if view := firstParagraph(r.Commentary.Executive); len(view) > 0 && viewLines > 0 {
		p.view = d.richLines(stBody, view, contentW-4)
		if len(p.view) > viewLines {
			p.view = d.viewWhole(view, viewLines)
		}
		h += stSmallB.lineH() + 0.5 + float64(len(p.view))*stBody.lineH() + 3
	}

	// The gaps.
	missingLines := []int{2, 2, 1, 1, 1}[squeeze]
	doLines := []int{2, 1, 1, 0, 0}[squeeze]
	h += stH3.lineH() + 1
	gaps := boardGaps(r.Fixes, 5)
	if len(gaps) == 0 {
		h += stBody.lineH()
	}
	for _, g := range gaps {
		bg := boardGap{fix: g, head: pdfSafe(g.Question + " " + g.QuestionTitle), tag: fmt.Sprintf("phase %d · effort %s", g.Phase, g.Effort)}
		if g.Blocker {
			bg.tag = "Stage 1 blocker · " + bg.tag
		}
		bg.tag = pdfSafe(bg.tag)
		bg.missing = d.clampLines(stCell, d.lines(stCell, pdfSafe(gapLead(g)+lowerFirst(orDash(g.CriterionText))), contentW-6), missingLines, contentW-6)
		if doLines > 0 {
			bg.doing = d.clampLines(stCell, d.lines(stCell, pdfSafe("Do: "+g.Fix), contentW-6), doLines, contentW-6)
		}
		h += stBodyB.lineH() + float64(len(bg.missing)+len(bg.doing))*stCell.lineH() + boardGapGap
		p.gaps = append(p.gaps, bg)
	}
	h += 2

	// Planned fixes past due: what the board should chase first.
	if len(s.Overdue) > 0 {
		p.overdue = d.clampLines(stCellB, d.lines(stCellB, pdfSafe(overdueLine(s.Overdue)), contentW), []int{2, 2, 1, 1, 1}[squeeze], contentW)
		h += float64(len(p.overdue))*stCellB.lineH() + 2
	}

	// The roadmap table.
	if n := len(r.Roadmap.Phases); n > 0 {
		h += stH3.lineH() + 1 + boardHeadH + float64(n+1)*boardRowH + 1 + stSmall.lineH()
	}
	p.height = h
	return p
}

func (d *pdfDoc) drawBoard(p boardPlan, alone bool) {
	f, r := d.f, d.r
	s := r.Summary
	y := p.top

	// Title block: what this is, for whom, by whom.
	if d.logo {
		d.logoBox(marginL+contentW-p.logoW+4, y, p.logoW-4, 14)
	}
	tw := contentW - p.logoW
	top := y
	d.text(stSmallB, marginL, y, tw, "BOARD SUMMARY · "+strings.ToUpper(pdfSafe(r.Cover.Standard))+" READINESS", "L")
	y += stSmallB.lineH() + 0.6
	ost := style{fontSans, "B", 17, colNavy}
	for _, l := range p.org {
		d.text(ost, marginL, y, tw, l, "L")
		y += ost.lineH()
	}
	for _, l := range p.by {
		d.text(stCell, marginL, y, tw, l, "L")
		y += stCell.lineH()
	}
	y += 2
	if p.logoW > 0 {
		y = math.Max(y, top+14+4)
	}
	d.draw(colNavy)
	f.SetLineWidth(0.5)
	f.Line(marginL, y, marginL+contentW, y)
	y += 4

	// Verdict: the label in words, then its reasons.
	d.text(stSmallB, marginL, y+0.6, 40, "VERDICT", "L")
	vst := style{fontSans, "B", 13, colText}
	d.text(vst, marginL+24, y-1.2, contentW-24, pdfSafe(s.Verdict.Label), "L")
	y += vst.lineH() + 0.5
	for _, ls := range p.reasons {
		d.text(stCell, marginL+24, y, 4, "•", "L")
		for _, l := range ls {
			d.text(stCell, marginL+28, y, contentW-28, l, "L")
			y += stCell.lineH()
		}
	}
	if p.more > 0 {
		d.text(stCell, marginL+28, y, contentW-28, fmt.Sprintf("and %d more in the report", p.more), "L")
		y += stCell.lineH()
	}
	y += 3

	// Scores: a tile with a bar each.
	tileW := boardTileW(len(p.tiles))
	for i, t := range p.tiles {
		x := marginL + float64(i)*(tileW+4)
		d.fill(colPanel)
		f.Rect(x, y, tileW, boardTileH, "F")
		d.text(stSmallB, x+3, y+2.5, tileW-6, strings.ToUpper(t.label), "L")
		big := style{fontSans, "B", 20, colNavy}
		d.text(big, x+3, y+6.5, tileW-6, scoreText(t.value), "L")
		d.use(big)
		sw := f.GetStringWidth(scoreText(t.value))
		if t.value != nil {
			d.text(style{fontSans, "", 8.5, colMuted}, x+4+sw, y+10.6, 15, "/ 100", "L")
		}
		// Bar, with the threshold marked when there is one.
		bx, barY, bw := x+3, y+16, tileW-6
		d.fill(colTrack)
		f.Rect(bx, barY, bw, 2.4, "F")
		if t.value != nil {
			d.fill(colText)
			f.Rect(bx, barY, bw*math.Max(0, math.Min(100, float64(*t.value)))/100, 2.4, "F")
		}
		if t.need > 0 {
			tx := bx + bw*t.need/100
			d.draw(colText)
			f.SetLineWidth(0.5)
			f.Line(tx, barY-1.2, tx, barY+3.6)
		}
		ny := y + 20
		for _, l := range t.notes {
			d.text(stSmall, x+3, ny, tileW-6, l, "L")
			ny += stSmall.lineH()
		}
	}
	y += boardTileH + 4

	// The consultant's view: the first paragraph of their commentary.
	if len(p.view) > 0 {
		d.text(stSmallB, marginL, y, contentW, "OUR VIEW", "L")
		y += stSmallB.lineH() + 0.5
		for _, line := range p.view {
			d.fill(colNavyLight)
			f.Rect(marginL, y, 0.9, stBody.lineH(), "F")
			cx := marginL + 4
			for j, wd := range line {
				if wd.space && j > 0 {
					d.use(wd.st)
					cx += f.GetStringWidth(" ")
				}
				d.use(wd.st)
				w := f.GetStringWidth(wd.text)
				d.text(wd.st, cx, y, w+0.5, wd.text, "L")
				cx += w
			}
			y += stBody.lineH()
		}
		y += 3
	}

	// The five gaps that matter most, in words.
	d.text(stH3, marginL, y, contentW, fmt.Sprintf("The %s gaps that matter most", spellCount(len(p.gaps))), "L")
	y += stH3.lineH() + 1
	if len(p.gaps) == 0 {
		d.text(stBody, marginL, y, contentW, "None: every criterion of every applicable question is met.", "L")
		y += stBody.lineH()
	}
	for i, g := range p.gaps {
		d.text(stBodyB, marginL, y, 6, strconv.Itoa(i+1)+".", "L")
		d.use(stSmallB)
		tagW := f.GetStringWidth(g.tag) + 1
		d.text(stBodyB, marginL+6, y, contentW-6-tagW-3, d.fit(stBodyB, g.head, contentW-6-tagW-3), "L")
		d.text(stSmallB, marginL+contentW-tagW, y+0.6, tagW, g.tag, "R")
		y += stBodyB.lineH()
		for _, l := range g.missing {
			d.text(stCell, marginL+6, y, contentW-6, l, "L")
			y += stCell.lineH()
		}
		for _, l := range g.doing {
			d.text(style{fontSans, "I", 8.3, colMuted}, marginL+6, y, contentW-6, l, "L")
			y += stCell.lineH()
		}
		y += boardGapGap
	}
	y += 2
	for _, l := range p.overdue {
		d.text(stCellB, marginL, y, contentW, l, "L")
		y += stCellB.lineH()
	}
	if len(p.overdue) > 0 {
		y += 2
	}

	// The roadmap phases with their effort.
	if ph := r.Roadmap.Phases; len(ph) > 0 {
		d.text(stH3, marginL, y, contentW, "The roadmap", "L")
		y += stH3.lineH() + 1
		f.SetXY(marginL, y)
		t := &table{d: d, header: true, cols: []tcol{{"Phase", contentW - 4*26, ""}, {"Fixes", 26, "R"}, {"Stage 1 blockers", 26, "R"}, {"Person-days", 26, "R"}, {"Points gained", 26, "R"}}}
		var rows [][]pcell
		fixes, blockers, days, gain := 0, 0, 0.0, 0.0
		for _, ph := range ph {
			rows = append(rows, []pcell{cellOf(stCell, fmt.Sprintf("%d. %s", ph.Phase, ph.Title)), cellOf(stCell, strconv.Itoa(ph.Fixes)),
				cellOf(stCell, strconv.Itoa(ph.Blockers)), cellOf(stCell, fmtNum(ph.Days)), cellOf(stCell, "+"+Gain(float64(ph.Gain)))})
			fixes, blockers, days, gain = fixes+ph.Fixes, blockers+ph.Blockers, days+ph.Days, gain+float64(ph.Gain)
		}
		rows = append(rows, []pcell{cellOf(stCellB, "Total"), cellOf(stCellB, strconv.Itoa(fixes)), cellOf(stCellB, strconv.Itoa(blockers)),
			cellOf(stCellB, fmtNum(days)), cellOf(stCellB, "+"+Gain(gain))})
		t.drawHeader()
		for _, row := range rows {
			t.add(row)
		}
		y = f.GetY() + 1
		note := "Person-days add up nominal effort sizes: the scale of the work, not a plan."
		if bd := blockerDays(ph); bd > 0 {
			note = fmt.Sprintf("The Stage 1 blockers alone take %s person-days. ", fmtNum(bd)) + note
		}
		d.text(stSmall, marginL, y, contentW, note, "L")
		y += stSmall.lineH()
	}
	if alone {
		d.text(stSmall, marginL, contentBot-stSmall.lineH()-0.5, contentW, "The full report has every gap, the Statement of Applicability and the method.", "L")
	}
	f.SetXY(marginL, y)
}

// firstParagraph is the first paragraph of rich text, or its first bullet.
func firstParagraph(text string) []span {
	bs := parseRich(text)
	if len(bs) == 0 {
		return nil
	}
	if bs[0].items != nil {
		return bs[0].items[0]
	}
	return bs[0].spans
}

func spellCount(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five"}
	if n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// gapLead opens a gap's line on the board: what is missing, or, for a
// question nobody has answered yet, that it is not known to be missing.
func gapLead(f Fix) string {
	if !f.Assessed {
		return "Not assessed yet: "
	}
	return "Missing: "
}

// overdueLine names the planned fixes past due with their owners and due
// dates: "1 planned fix past due: 8.4 Title, owner Ana, due 2026-11-15".
func overdueLine(fixes []Fix) string {
	items := make([]string, len(fixes))
	for i, f := range fixes {
		items[i] = f.Question + " " + f.QuestionTitle
		if f.Owner != "" {
			items[i] += ", owner " + f.Owner
		}
		items[i] += ", due " + f.Due
	}
	noun := "planned fixes"
	if len(fixes) == 1 {
		noun = "planned fix"
	}
	return fmt.Sprintf("%d %s past due: %s.", len(fixes), noun, strings.Join(items, "; "))
}

// lowerFirst lowers the first letter, so a statement can follow "Missing:",
// but keeps acronyms ("AI", "ISO") as they are.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || (len(r) > 1 && unicode.IsUpper(r[1])) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// viewWhole shortens the consultant's view to at most n lines without
// cutting a sentence of theirs in half: as many whole sentences as fit,
// then "(continued in the report)". Only when not even the first sentence
// fits is it cut at a word, with an ellipsis.
func (d *pdfDoc) viewWhole(view []span, n int) [][]richWord {
	cuts := sentenceEnds(view)
	for k := len(cuts) - 1; k >= 0; k-- {
		prefix := append(cutSpans(view, cuts[k]), span{text: " (continued in the report)", italic: true})
		if lines := d.richLines(stBody, prefix, contentW-4); len(lines) <= n {
			return lines
		}
	}
	lines := d.richLines(stBody, view, contentW-4)[:n]
	last := lines[n-1]
	last[len(last)-1].text += " …"
	return lines
}

// spanPos is a place in a run of spans: span i, byte j.
type spanPos struct{ i, j int }

// sentenceEnds lists the places just after a '.', '!' or '?' that a space
// follows, in order: where a sentence ends.
func sentenceEnds(spans []span) []spanPos {
	var out []spanPos
	for i, sp := range spans {
		for j := 0; j < len(sp.text); j++ {
			if strings.IndexByte(".!?", sp.text[j]) < 0 {
				continue
			}
			next := byte(0)
			if j+1 < len(sp.text) {
				next = sp.text[j+1]
			} else if i+1 < len(spans) && spans[i+1].text != "" {
				next = spans[i+1].text[0]
			}
			if next == ' ' {
				out = append(out, spanPos{i, j + 1})
			}
		}
	}
	return out
}

// cutSpans returns the spans up to pos.
func cutSpans(spans []span, pos spanPos) []span {
	out := append([]span(nil), spans[:pos.i]...)
	last := spans[pos.i]
	last.text = last.text[:pos.j]
	return append(out, last)
}
