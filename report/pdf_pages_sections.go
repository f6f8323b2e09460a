package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// The body of the PDF report: section detail, question by question, and the
// prioritised fix list.

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
			// What is missing, in words; the criterion id is for the
			// CSV, JSON and workbook, not for the reader.
			gap = append(gap, run{stSmall, pdfSafe(orDash(fx.CriterionText))})
			if fx.NoEvent != "" {
				gap = append(gap, run{stSmall, pdfSafe(fx.NoEvent)})
			}
			if len(fx.Cites) > 0 {
				// The ISO citation; the cross-references follow the fix.
				gap = append(gap, run{stSmall, pdfSafe(fx.Cites[0])})
			}
		}
		if !fx.Assessed {
			gap = append(gap, run{stSmallB, "not assessed yet"})
		}
		what := []run{{stCell, pdfSafe(fx.Fix)}}
		if full {
			if c := compactRefs(refs[fx.Question]); c != "" {
				what = append(what, run{stSmall, pdfSafe(c)})
			}
			// The plan from the answers file, as the Markdown fix list
			// has it; OVERDUE is a word, not a colour.
			if pt := planText(fx); pt != "" {
				st := stSmall
				if fx.Overdue {
					st = stCellB
				}
				what = append(what, run{st, pdfSafe("Plan: " + pt)})
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
		d.sectionComment(sec.ID)
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
		row := d.criterionRow(c, "Met", toneGood)
		if c.Claimed && len(d.r.Evidence.Items) > 0 {
			row[1].runs = append(row[1].runs, run{stSmallB, "claimed: no reviewed, current evidence in the register"})
		}
		rows = append(rows, row)
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
	if ev := questionEvidence(d.r, q); len(ev) > 0 {
		rows = append(rows, []pcell{cellOf(stSmallB, "Evidence"), cellOf(stEvidence, strings.Join(ev, "\n"))})
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
	if c.Documented {
		tags = append(tags, "documented information")
	}
	if c.FixRank > 0 {
		tags = append(tags, "fix #"+strconv.Itoa(c.FixRank))
	}
	if len(c.EvidenceItems) > 0 {
		tags = append(tags, "evidence "+strings.Join(c.EvidenceItems, ", "))
	}
	runs := []run{{stCell, pdfSafe(text)}}
	if len(tags) > 0 {
		runs = append(runs, run{stSmall, pdfSafe(strings.Join(tags, " · "))})
	}
	return []pcell{{runs: txt(stSmall, ""), badge: &badgeSpec{label, tn}}, {runs: runs}}
}

// ---- fix list --------------------------------------------------------------

func (d *pdfDoc) fixList() {
	r := d.r
	d.heading(0, "Prioritized fix list", 40)
	if len(r.Fixes) == 0 {
		d.para(stBody, "No fixes: every criterion of every applicable question is met.")
		return
	}
	var phases []string
	for _, ph := range r.Roadmap.Phases {
		phases = append(phases, fmt.Sprintf("phase %d %s", ph.Phase, ph.Title))
	}
	d.para(stBody, fmt.Sprintf("%d fixes, one per criterion not met, in roadmap order (%s); within a phase the more important fixes first, and never a fix before one it builds on. Under each gap is what is missing and the clause it comes from. Effort is S, M or L: %s, %s or %s person-days. Gain is how many points the overall score rises when the fix is done; the gains add up to %s points. Cross-references under each fix are our own analysis unless marked as a published crosswalk.%s",
		len(r.Fixes), strings.Join(phases, ", "), fmtNum(catalog.EffortS.Days()), fmtNum(catalog.EffortM.Days()), fmtNum(catalog.EffortL.Days()), Gain(100-float64(r.Summary.Overall)), planNote(r.Fixes)))
	d.gap(3)
	d.rows(d.fixRows(r.Fixes, true))
}

// planNote explains the plan lines of the fix list when the answers file
// plans any fix.
func planNote(fixes []Fix) string {
	for _, fx := range fixes {
		if fx.Status != "" {
			return " Where the answers file plans a fix, its status, owner and due date follow it, with OVERDUE when it is past due and not done."
		}
	}
	return ""
}
