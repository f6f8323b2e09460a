package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/internal/safetext"
)

// DiffSchema versions the JSON of `aimsready diff --format json`.
const DiffSchema = "aimsready.diff/v1"

func catalogWarning(c *assess.Comparison) string {
	return fmt.Sprintf("WARNING: the two assessments use different catalog versions (%s answered against %s; %s answered against %s). Part of any change may come from the method, not from progress.",
		c.Old.Date, c.Old.AnswersFrom, c.New.Date, c.New.AnswersFrom)
}

func signed(v float64) string {
	s := Pct(v)
	if s == "0.0" || s == "-0.0" {
		return "±0.0"
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

// WriteDiffText writes a terminal summary of what changed.
func WriteDiffText(w io.Writer, c *assess.Comparison) error {
	p := &printer{w: w}
	if c.CatalogChanged {
		p.f("%s\n\n", Wrap(catalogWarning(c), 80, ""))
	}
	p.f("Overall  %s -> %s  (%s)\n", Pct(c.Old.Overall), Pct(c.New.Overall), signed(c.OverallDelta))
	p.f("Verdict  %s -> %s\n", c.Old.Verdict.Label, c.New.Verdict.Label)
	p.f("Blockers %d -> %d\n\nSections                                    before   after  change\n", c.BlockersBefore, c.BlockersAfter)
	for _, s := range c.Sections {
		before, after := "-", "-"
		if s.InOld {
			before = Pct(s.Old)
		}
		if s.InNew {
			after = Pct(s.New)
		}
		mark := ""
		if s.InOld && s.InNew && s.Delta < -1e-9 {
			mark = "  down"
		}
		p.f("  %-5s %-34s %6s  %6s  %6s%s\n", s.ID, Truncate(safetext.Line(s.Title), 34), before, after, signed(s.Delta), mark)
	}
	p.f("\nFixes closed: %d   opened: %d   questions newly assessed: %d\n", len(c.Closed), len(c.Opened), len(c.NewlyAssessed))
	if len(c.NewlyAssessed) > 0 {
		p.f("Newly assessed: %s\n", strings.Join(c.NewlyAssessed, ", "))
	}
	list := func(title string, fixes []assess.Fix) {
		if len(fixes) == 0 {
			return
		}
		p.f("\n%s\n", title)
		for _, f := range fixes {
			p.f("  %-7s %s\n", f.Question, f.Criterion)
		}
	}
	list("Closed (now met or excluded)", c.Closed)
	list("Opened (newly unmet)", c.Opened)
	return p.err
}

type diffJSON struct {
	Schema         string             `json:"schema"`
	CatalogChanged bool               `json:"catalog_changed"`
	Old            diffSide           `json:"old"`
	New            diffSide           `json:"new"`
	OverallDelta   float64            `json:"overall_delta"`
	Regressed      bool               `json:"regressed"`
	Sections       []sectionDeltaJSON `json:"sections"`
	Closed         []fixRef           `json:"closed"`
	Opened         []fixRef           `json:"opened"`
	NewlyAssessed  []string           `json:"newly_assessed"`
}

type diffSide struct {
	Date           string  `json:"date"`
	Catalog        string  `json:"catalog"`
	AnswersCatalog string  `json:"answers_catalog"`
	Overall        float64 `json:"overall"`
	Verdict        string  `json:"verdict"`
	Blockers       int     `json:"blockers"`
}

type sectionDeltaJSON struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Old   *float64 `json:"old"`
	New   *float64 `json:"new"`
	Delta float64  `json:"delta"`
}

type fixRef struct {
	Question  string `json:"question"`
	Criterion string `json:"criterion"`
}

// WriteDiffJSON writes the comparison for scripts.
func WriteDiffJSON(w io.Writer, c *assess.Comparison) error {
	side := func(r *assess.Result, blockers int) diffSide {
		return diffSide{r.Date, r.Catalog, r.AnswersFrom, Round2(r.Overall), r.Verdict.Label, blockers}
	}
	out := diffJSON{Schema: DiffSchema, CatalogChanged: c.CatalogChanged, Old: side(c.Old, c.BlockersBefore), New: side(c.New, c.BlockersAfter),
		OverallDelta: Round2(c.OverallDelta), Regressed: c.Regressed(), Sections: []sectionDeltaJSON{},
		Closed: []fixRef{}, Opened: []fixRef{}, NewlyAssessed: nonNil(c.NewlyAssessed)}
	for _, s := range c.Sections {
		d := sectionDeltaJSON{ID: s.ID, Title: s.Title, Delta: Round2(s.Delta)}
		if s.InOld {
			v := Round2(s.Old)
			d.Old = &v
		}
		if s.InNew {
			v := Round2(s.New)
			d.New = &v
		}
		out.Sections = append(out.Sections, d)
	}
	for _, f := range c.Closed {
		out.Closed = append(out.Closed, fixRef{f.Question, f.Criterion})
	}
	for _, f := range c.Opened {
		out.Opened = append(out.Opened, fixRef{f.Question, f.Criterion})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteDiffMarkdown writes the comparison for a pull-request comment.
func WriteDiffMarkdown(w io.Writer, c *assess.Comparison) error {
	p := &printer{w: w}
	p.f("## ISO/IEC 42001 readiness: %s, %s -> %s\n\n", EscapeMarkdown(c.New.Organization), EscapeMarkdown(c.Old.Date), EscapeMarkdown(c.New.Date))
	if c.CatalogChanged {
		p.f("> **%s**\n\n", EscapeMarkdown(catalogWarning(c)))
	}
	p.f("**Overall: %s -> %s (%s)** · %s -> %s · blockers %d -> %d\n\n", Pct(c.Old.Overall), Pct(c.New.Overall), signed(c.OverallDelta),
		c.Old.Verdict.Label, c.New.Verdict.Label, c.BlockersBefore, c.BlockersAfter)
	p.f("| Section | Before | After | Change |\n|---|---:|---:|---:|\n")
	for _, s := range c.Sections {
		before, after := "–", "–"
		if s.InOld {
			before = Pct(s.Old)
		}
		if s.InNew {
			after = Pct(s.New)
		}
		change := signed(s.Delta)
		if s.InOld && s.InNew && s.Delta < -1e-9 {
			change = "**" + change + "** ⚠"
		}
		p.f("| %s %s | %s | %s | %s |\n", s.ID, EscapeMarkdown(s.Title), before, after, change)
	}
	p.f("\nFixes closed: %d · opened: %d · questions newly assessed: %d\n", len(c.Closed), len(c.Opened), len(c.NewlyAssessed))
	return p.err
}
