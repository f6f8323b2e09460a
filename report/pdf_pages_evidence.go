package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/aimsready/aimsready/assess"
)

// The evidence register page of the PDF report: every item with its date,
// status, hash prefix, what it supports and whether it is still current.

func (d *pdfDoc) evidenceRegister() {
	reg := d.r.Evidence
	d.heading(0, "Evidence register", 40)
	if len(reg.Items) == 0 {
		d.para(stBody, "The answers file has no evidence register yet, so every criterion reported as met is a claim: nothing seen and recorded backs it. 'aimsready evidence add' records evidence with its hash; 'aimsready evidence upgrade' turns the evidence references of earlier answers files into register items.")
		return
	}
	d.para(stBody, fmt.Sprintf("%d items: %d reviewed, %d received, %d requested. Judged on %s, the assessment date: %d stale (too old for the records they support), %d expired (past their valid-until), %d expiring within %d days. %d criteria reported as met have no reviewed, current evidence behind them (claimed). Only reviewed items that are neither stale nor expired count towards evidence coverage; the hash prefix identifies the version of a local file that was recorded.",
		len(reg.Items), reg.Reviewed, reg.Received, reg.Requested, orDash(reg.AsOf), reg.StaleByAge(), reg.Expired, reg.Expiring, assess.ExpiryWarningDays, reg.Claimed))
	d.gap(3)
	t := &table{d: d, header: true, zebra: true, cols: []tcol{
		{"Id", 13, ""}, {"Title and location", 32, ""}, {"Date", 20, ""}, {"Status", 19, ""},
		{"SHA-256", 23, ""}, {"Supports", contentW - 13 - 32 - 20 - 19 - 23 - 20, ""}, {"Currency", 20, ""},
	}}
	rows := make([][]pcell, len(reg.Items))
	for i, e := range reg.Items {
		what := []run{}
		if e.Title != "" {
			what = append(what, run{stCell, pdfSafe(e.Title)})
		}
		if e.Location != "" {
			what = append(what, run{stEvidence, pdfSafe(e.Location)})
		}
		if e.Notes != "" {
			what = append(what, run{stSmall, pdfSafe(e.Notes)})
		}
		cur := pcell{runs: txt(stSmall, "no expiry")}
		switch {
		case e.Mark() != "":
			tn := toneMid
			if e.Stale {
				tn = toneBad
			}
			cur = pcell{badge: &badgeSpec{e.Mark(), tn}}
		case e.Expires != "":
			cur = pcell{runs: txt(stSmall, "current")}
		}
		if d := e.CurrencyDate(); d != "" {
			cur.runs = append(cur.runs, run{stSmall, pdfSafe(d)}) // STALE since, EXPIRED on, until
		}
		status := pcell{badge: &badgeSpec{e.Status, evidenceTone(e.Status)}}
		if e.Owner != "" {
			status.runs = txt(stSmall, e.Owner)
		}
		rows[i] = []pcell{
			cellOf(stCellB, e.ID),
			{runs: what},
			cellOf(stCell, orDash(e.Date)),
			status,
			cellOf(stEvidence, orDash(e.HashPrefix())),
			cellOf(stSmall, orDash(strings.Join(e.Supports, "\n"))),
			cur,
		}
	}
	d.rows(t, rows)
}

// evidenceTile is the executive summary's evidence coverage: a full-width
// tile under the key figures, so the four figures above keep their room.
func (d *pdfDoc) evidenceTile() {
	s := d.r.Summary
	f := d.f
	label := fmt.Sprintf("Evidence coverage: the weighted share of the criteria reported as met that reviewed, current evidence in the register backs. Under %.0f, readiness rests mostly on claims.", s.Thresholds.Evidence)
	valueW := 26.0
	ls := d.lines(stSmall, pdfSafe(label), contentW-valueW-6)
	h := math.Max(11, float64(len(ls))*stSmall.lineH()+4)
	y := f.GetY()
	d.draw(colRule)
	f.SetLineWidth(0.3)
	f.Rect(marginL, y, contentW, h, "D")
	tn := colNavy
	if s.EvidenceCoverage == nil || float64(*s.EvidenceCoverage) < s.Thresholds.Evidence {
		tn = toneBad.text
	}
	d.text(style{fontSans, "B", 15, tn}, marginL+3, y+(h-6)/2, valueW, scoreText(s.EvidenceCoverage), "L")
	ty := y + (h-float64(len(ls))*stSmall.lineH())/2
	for _, l := range ls {
		d.text(stSmall, marginL+3+valueW, ty, contentW-valueW-6, l, "L")
		ty += stSmall.lineH()
	}
	f.SetXY(marginL, y+h+3)
}

// evidenceTone: only reviewed evidence is green; received is amber,
// requested grey.
func evidenceTone(status string) tone {
	switch status {
	case "reviewed":
		return toneGood
	case "received":
		return toneMid
	}
	return toneNone
}
