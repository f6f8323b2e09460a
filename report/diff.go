package report

import (
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

// dateOr is an assessment's date, or a dash when the file has none.
func dateOr(date string) string {
	if strings.TrimSpace(date) == "" {
		return "-"
	}
	return date
}

// readinessChange is "55.6 -> 60.1  (+4.5)", with n/a on a side that has
// nothing to measure and no change then.
func readinessChange(old, new assess.Readiness) string {
	s := readinessLabel(old) + " -> " + readinessLabel(new)
	if old.Has && new.Has {
		s += "  (" + signed(assess.ShownDelta(old.Score, new.Score)) + ")"
	}
	return s
}

// Regression says what went down, one line each, for the
// --fail-on-regression gate: "overall -1.2 (57.2 -> 56.0)", "6 Planning
// -3.4 (52.3 -> 48.9)". None when nothing did.
func Regression(c *assess.Comparison) []string {
	var lines []string
	if c.OverallDelta < -1e-9 {
		lines = append(lines, fmt.Sprintf("overall %s (%s -> %s)", signed(c.OverallDelta), Pct(c.Old.Overall), Pct(c.New.Overall)))
	}
	for _, s := range c.Regressions() {
		lines = append(lines, fmt.Sprintf("%s %s %s (%s -> %s)", s.ID, s.Title, signed(s.Delta), Pct(s.Old), Pct(s.New)))
	}
	return lines
}

// WriteDiffText writes a terminal summary of what changed.
func WriteDiffText(w io.Writer, c *assess.Comparison) error {
	p := &printer{w: w}
	if c.CatalogChanged {
		p.f("%s\n\n", Wrap(catalogWarning(c), 80, ""))
	}
	p.f("Dates           %s -> %s\n", dateOr(c.Old.Date), dateOr(c.New.Date))
	p.f("Overall         %s -> %s  (%s)\n", Pct(c.Old.Overall), Pct(c.New.Overall), signed(c.OverallDelta))
	p.f("Documentation   %s\n", readinessChange(c.Old.Documentation, c.New.Documentation))
	p.f("Implementation  %s\n", readinessChange(c.Old.Implementation, c.New.Implementation))
	p.f("Evidence        %s\n", readinessChange(c.Old.EvidenceCoverage, c.New.EvidenceCoverage))
	p.f("Verdict         %s -> %s\n", c.Old.Verdict.Label, c.New.Verdict.Label)
	p.f("Blockers        %d -> %d\n\nSections                                    before   after  change\n", c.BlockersBefore, c.BlockersAfter)
	for _, s := range c.Sections {
		before, after := "-", "-"
		if s.InOld {
			before = Pct(s.Old)
		}
		if s.InNew {
			after = Pct(s.New)
		}
		mark := ""
		if s.Down() {
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
	writePlanChangesText(p, c)
	writeRegisterChangesText(p, c)
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
	PlanChanges    []planChangeJSON   `json:"plan_changes"`
	NewlyAssessed  []string           `json:"newly_assessed"`
	// EvidenceChanges are the register items added, removed or with a new
	// status (added to aimsready.diff/v1; a script that ignores unknown
	// fields reads it as before).
	EvidenceChanges []registerChangeJSON `json:"evidence_changes"`
}

type diffSide struct {
	Date           string   `json:"date"`
	Catalog        string   `json:"catalog"`
	AnswersCatalog string   `json:"answers_catalog"`
	Overall        float64  `json:"overall"`
	Documentation  *float64 `json:"documentation_readiness"`
	Implementation *float64 `json:"implementation_readiness"`
	Evidence       *float64 `json:"evidence_coverage"`
	Verdict        string   `json:"verdict"`
	Blockers       int      `json:"blockers"`
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
		return diffSide{r.Date, r.Catalog, r.AnswersFrom, Round2(r.Overall), readinessJSON(r.Documentation),
			readinessJSON(r.Implementation), readinessJSON(r.EvidenceCoverage), r.Verdict.Label, blockers}
	}
	// Deltas are differences of the numbers printed here (two decimals),
	// so a script subtracting old from new gets the same.
	out := diffJSON{Schema: DiffSchema, CatalogChanged: c.CatalogChanged, Old: side(c.Old, c.BlockersBefore), New: side(c.New, c.BlockersAfter),
		OverallDelta: Round2(Round2(c.New.Overall) - Round2(c.Old.Overall)), Regressed: c.Regressed(), Sections: []sectionDeltaJSON{},
		Closed: []fixRef{}, Opened: []fixRef{}, NewlyAssessed: nonNil(c.NewlyAssessed), PlanChanges: planChangesJSON(c),
		EvidenceChanges: registerChangesJSON(c)}
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
		if d.Old != nil && d.New != nil {
			d.Delta = Round2(*d.New - *d.Old)
		}
		out.Sections = append(out.Sections, d)
	}
	for _, f := range c.Closed {
		out.Closed = append(out.Closed, fixRef{f.Question, f.Criterion})
	}
	for _, f := range c.Opened {
		out.Opened = append(out.Opened, fixRef{f.Question, f.Criterion})
	}
	return writeIndentedJSON(w, out)
}

// WriteDiffMarkdown writes the comparison for a pull-request comment.
func WriteDiffMarkdown(w io.Writer, c *assess.Comparison) error {
	p := &printer{w: w}
	p.f("## ISO/IEC 42001 readiness: %s, %s -> %s\n\n", EscapeMarkdown(c.New.Organization), EscapeMarkdown(dateOr(c.Old.Date)), EscapeMarkdown(dateOr(c.New.Date)))
	if c.CatalogChanged {
		p.f("> **%s**\n\n", EscapeMarkdown(catalogWarning(c)))
	}
	p.f("**Overall: %s -> %s (%s)** · %s -> %s · blockers %d -> %d\n\n", Pct(c.Old.Overall), Pct(c.New.Overall), signed(c.OverallDelta),
		c.Old.Verdict.Label, c.New.Verdict.Label, c.BlockersBefore, c.BlockersAfter)
	p.f("Documentation readiness %s · implementation readiness %s · evidence coverage %s\n\n",
		readinessChange(c.Old.Documentation, c.New.Documentation), readinessChange(c.Old.Implementation, c.New.Implementation),
		readinessChange(c.Old.EvidenceCoverage, c.New.EvidenceCoverage))
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
		if s.Down() {
			change = "**" + change + "** ⚠"
		}
		p.f("| %s %s | %s | %s | %s |\n", s.ID, EscapeMarkdown(s.Title), before, after, change)
	}
	p.f("\nFixes closed: %d · opened: %d · questions newly assessed: %d\n", len(c.Closed), len(c.Opened), len(c.NewlyAssessed))
	if len(c.NewlyAssessed) > 0 {
		p.f("\nNewly assessed: %s\n", EscapeMarkdown(strings.Join(c.NewlyAssessed, ", ")))
	}
	// The fixes themselves, folded: a board asks what was done and what is
	// new, not only how many.
	if len(c.Closed) > 0 {
		p.f("\n<details><summary>Fixes closed: now met or excluded (%d)</summary>\n\n| Question | Criterion |\n|---|---|\n", len(c.Closed))
		for _, f := range c.Closed {
			p.f("| %s %s | %s |\n", f.Question, mdCell(f.QuestionTitle), mdCell(f.Text))
		}
		p.f("\n</details>\n")
	}
	if len(c.Opened) > 0 {
		p.f("\n<details><summary>Fixes opened: newly unmet (%d)</summary>\n\n| Question | Criterion | Fix |\n|---|---|---|\n", len(c.Opened))
		for _, f := range c.Opened {
			p.f("| %s %s | %s | %s |\n", f.Question, mdCell(f.QuestionTitle), mdCell(f.Text), mdCell(f.Fix))
		}
		p.f("\n</details>\n")
	}
	writePlanChangesMarkdown(p, c)
	writeRegisterChangesMarkdown(p, c)
	return p.err
}
