package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/internal/safetext"
)

// TextOptions tunes the terminal summary.
type TextOptions struct {
	Top   int // fixes to list; 0 means 10
	Width int // columns; 0 means 80
	// MaxBlockers limits the blockers listed (0: all), so the summary at
	// the end of an interview fits a screen; the count is always given.
	MaxBlockers int
}

// WriteScoreText writes the short terminal summary: overall score, verdict,
// per-section bars, blockers and the top fixes.
func WriteScoreText(w io.Writer, res *assess.Result, o TextOptions) error {
	if o.Top == 0 {
		o.Top = 10
	}
	if o.Width == 0 {
		o.Width = 80
	}
	p := &printer{w: w}
	org := safetext.Line(res.Organization) // one line: a CR or LF could forge lines below
	if org == "" {
		org = "(organisation not named)"
	}
	p.f("ISO/IEC 42001 readiness: %s", org)
	if res.Date != "" {
		p.f(" (%s)", res.Date)
	}
	p.f("\n")
	assessed := len(res.Questions) - len(res.NotAssessed)
	line := fmt.Sprintf("Catalog %s, %s profile: %d of %d questions assessed", res.Catalog, res.Profile, assessed, len(res.Questions))
	if n := len(res.Excluded); n > 0 {
		line += fmt.Sprintf(", %d control(s) excluded", n)
	}
	p.f("%s\n\n", Wrap(line, o.Width, ""))
	p.f("Overall         %s / 100\n", Pct(res.Overall))
	p.f("Documentation   %-5s  (document criteria met: what Stage 1 reviews)\n", readinessLabel(res.Documentation))
	p.f("Implementation  %-5s  (practice and records: what Stage 2 tests; needs %.0f)\n", readinessLabel(res.Implementation), res.Method.ImplementationThreshold)
	p.f("Evidence        %-5s  (met criteria with reviewed evidence; under %.0f: claims)\n", readinessLabel(res.EvidenceCoverage), res.Method.EvidenceThreshold)
	p.f("Verdict         %s\n", res.Verdict.Label)
	for _, r := range res.Verdict.Reasons {
		p.f("%s\n", bullet(r, o.Width, 16))
	}

	// 78 columns: the summary closes an interview on an 80-column terminal.
	p.f("\n%-45s %5s  %5s %5s %5s  %s\n", "Sections", "score", "doc", "impl", "evid", "answered")
	for _, s := range res.Sections {
		p.f("  %-5s %-26s %s %5s  %5s %5s %5s  %d/%d\n", s.ID, Truncate(safetext.Line(s.Title), 26), Bar(s.Score, 10), SectionPct(s),
			readinessLabel(s.Documentation), readinessLabel(s.Implementation), readinessLabel(s.EvidenceCoverage), s.Answered, s.Total)
	}

	if len(res.Blockers) > 0 {
		p.f("\nStage 1 blockers (%d)\n", len(res.Blockers))
		shown := res.Blockers
		if o.MaxBlockers > 0 && len(shown) > o.MaxBlockers {
			shown = shown[:o.MaxBlockers]
		}
		for _, b := range shown {
			head := fmt.Sprintf("  %-7s %s: ", b.Question, b.Criterion)
			p.f("%s%s\n", head, Truncate(safetext.Line(b.Title), max(20, o.Width-len([]rune(head)))))
			p.f("%s\n", Wrap(b.Reason, o.Width, "          "))
		}
		if n := len(res.Blockers) - len(shown); n > 0 {
			p.f("  ... and %d more in the report\n", n)
		}
	}

	if len(res.Fixes) > 0 {
		p.f("\nRoadmap (person-days: S = %g, M = %g, L = %g)\n", catalog.EffortS.Days(), catalog.EffortM.Days(), catalog.EffortL.Days())
		var bd float64
		for _, ph := range res.Phases {
			p.f("  %d. %-26s %3d fixes  %5g days  +%s pts\n", ph.Phase, ph.Phase.Title(), ph.Fixes, ph.Days, Gain(ph.Gain))
			bd += ph.BlockerDays
		}
		if bd > 0 {
			p.f("  The Stage 1 blockers alone take %g person-days.\n", bd)
		}
		n := min(o.Top, len(res.Fixes))
		p.f("\n%s\n", Wrap(fmt.Sprintf("Top %d of %d fixes (by phase, then importance; a fix never comes before one it builds on)", n, len(res.Fixes)), o.Width, ""))
		for _, f := range res.Fixes[:n] {
			var tags []string
			if f.Blocker {
				tags = append(tags, "blocker")
			}
			if !f.Assessed {
				tags = append(tags, "not assessed")
			}
			if f.Plan != nil {
				tag := string(f.Plan.Status)
				if f.Plan.Owner != "" {
					tag += ", " + f.Plan.Owner
				}
				if f.Plan.Due != "" {
					tag += ", due " + f.Plan.Due
				}
				tags = append(tags, tag)
			}
			tag := ""
			if len(tags) > 0 {
				tag = "[" + strings.Join(tags, "; ") + "]  "
			}
			gain := "+" + Gain(f.Gain) + " pts"
			if f.Gain == 0 && f.Blocker {
				gain = "no points, clears a blocker" // the SoA's open decisions
			}
			p.f("%s\n", HeadLine(fmt.Sprintf("%3d. %s", f.Rank, f.ID), fmt.Sprintf("%sphase %d, effort %s, %s", tag, f.Phase, f.Effort, gain), o.Width, "     "))
			if len(f.Also) > 0 {
				p.f("%s\n", Wrap("also closes "+strings.Join(f.Also, ", "), o.Width, "     "))
			}
			p.f("%s\n", Wrap(f.Fix, o.Width, "     "))
		}
	}
	if len(res.Overdue) > 0 {
		p.f("\nOverdue (%d)\n", len(res.Overdue))
		for _, f := range res.Overdue {
			p.f("%s\n", Wrap(fmt.Sprintf("%s: due %s, %s, owner %s", f.ID, f.Plan.Due, f.Plan.Status, orNone(f.Plan.Owner)), o.Width, "  "))
		}
	}
	if len(res.NotAssessed) > 0 {
		p.f("\n%s\n", Wrap(fmt.Sprintf("Not assessed (%d, scored 0): %s", len(res.NotAssessed), strings.Join(res.NotAssessed, ", ")), o.Width, ""))
	}
	p.f("\n%s\n", Wrap(Disclaimer, o.Width, ""))
	return p.err
}

// readinessLabel is a readiness figure, or "n/a" when nothing of that kind
// is in scope.
func readinessLabel(r assess.Readiness) string {
	if !r.Has {
		return "n/a"
	}
	return Pct(r.Score)
}

// bullet wraps text as a list item "- ..." at indent, continuation lines
// aligned under the text.
func bullet(text string, width, indent int) string {
	w := Wrap(text, width, strings.Repeat(" ", indent+2))
	return strings.Repeat(" ", indent) + "- " + w[indent+2:]
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// printer remembers the first write error so renderers stay readable.
type printer struct {
	w   io.Writer
	err error
}

// f prints; every string argument is neutralised (safetext.Text), as it
// may come from an answers file or a custom catalog.
func (p *printer) f(format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = safetext.Text(s)
		}
	}
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
