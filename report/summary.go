package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
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
	p.f("Overall  %s / 100\n", Pct(res.Overall))
	p.f("Verdict  %s\n", res.Verdict.Label)
	p.f("%s\n", Wrap(res.Verdict.Reason, o.Width, "         "))

	p.f("\nSections%s\n", strings.Repeat(" ", 38)+"score  answered")
	for _, s := range res.Sections {
		p.f("  %-5s %-32s %s %5s  %d/%d\n", s.ID, Truncate(safetext.Line(s.Title), 32), Bar(s.Score, 10), SectionPct(s), s.Answered, s.Total)
	}

	if len(res.Blockers) > 0 {
		p.f("\nStage 1 blockers (%d)\n", len(res.Blockers))
		shown := res.Blockers
		if o.MaxBlockers > 0 && len(shown) > o.MaxBlockers {
			shown = shown[:o.MaxBlockers]
		}
		for _, b := range shown {
			p.f("  %-7s %s: %s\n", b.Question, b.Criterion, Truncate(safetext.Line(b.Title), 50))
			p.f("%s\n", Wrap(b.Reason, o.Width, "          "))
		}
		if n := len(res.Blockers) - len(shown); n > 0 {
			p.f("  ... and %d more: see 'aimsready score' or the report\n", n)
		}
	}

	if len(res.Fixes) > 0 {
		n := min(o.Top, len(res.Fixes))
		p.f("\nTop %d of %d fixes (blockers first, then most points per effort)\n", n, len(res.Fixes))
		for _, f := range res.Fixes[:n] {
			tag := ""
			if f.Blocker {
				tag = " [blocker]"
			}
			if !f.Assessed {
				tag += " [not assessed]"
			}
			p.f("%3d. %s %s%s  +%s pts, effort %s\n", f.Rank, f.Question, f.Criterion, tag, Gain(f.Gain), f.Effort)
			p.f("%s\n", Wrap(f.Fix, o.Width, "     "))
		}
	}
	if len(res.NotAssessed) > 0 {
		p.f("\n%s\n", Wrap(fmt.Sprintf("Not assessed (%d, scored 0): %s", len(res.NotAssessed), strings.Join(res.NotAssessed, ", ")), o.Width, ""))
	}
	p.f("\n%s\n", Wrap(Disclaimer, o.Width, ""))
	return p.err
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
