package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/internal/safetext"
)

// PlanSchema versions the JSON of `aimsready plan --format json`.
const PlanSchema = "aimsready.plan/v1"

// WritePlanText writes the roadmap for a terminal: phases with their fixes
// and totals, then the workstream totals.
func WritePlanText(w io.Writer, r *Report, width int) error {
	if width == 0 {
		width = 80
	}
	p := &printer{w: w}
	p.f("Roadmap for %s (%s)\n", orNone(r.Cover.Organization), r.Cover.Date)
	d := r.Roadmap.DaysPerEffort
	p.f("%s\n", Wrap(fmt.Sprintf("Fixes in phase order, then by importance; a fix never comes before a fix it builds on. Person-days: S = %s, M = %s, L = %s.",
		fmtNum(d[0].Days), fmtNum(d[1].Days), fmtNum(d[2].Days)), width, ""))
	for _, ph := range r.Roadmap.Phases {
		head := fmt.Sprintf("Phase %d: %s (%d fixes, %s person-days", ph.Phase, ph.Title, ph.Fixes, fmtNum(ph.Days))
		if ph.Blockers > 0 {
			head += fmt.Sprintf("; %d blockers, %s person-days", ph.Blockers, fmtNum(ph.BlockerDays))
		}
		p.f("\n%s\n", Wrap(head+")", width, ""))
		for _, f := range r.Fixes {
			if f.Phase != ph.Phase {
				continue
			}
			meta := ""
			if f.Blocker {
				meta += "[blocker] "
			}
			if pt := planText(f); pt != "" {
				meta += "[" + pt + "] "
			}
			meta += fmt.Sprintf("effort %s, %s", f.Effort, f.WorkstreamTitle)
			p.f("%s\n", HeadLine(fmt.Sprintf("%4d. %s", f.Rank, f.ID), meta, width, "      "))
			if len(f.Also) > 0 {
				p.f("%s\n", Wrap("also closes "+strings.Join(f.Also, ", "), width, "      "))
			}
			p.f("%s\n", Wrap(f.Fix, width, "      "))
		}
	}
	p.f("\nWorkstreams\n")
	for _, ws := range r.Roadmap.Workstreams {
		p.f("  %-40s %3d fixes  %5s person-days\n", ws.Title, ws.Fixes, fmtNum(ws.Days))
	}
	return p.err
}

// writePlanMarkdown writes the roadmap; WritePlanMarkdown balances it.
func writePlanMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	p.f("# Roadmap: %s\n\n", mdText(orNone(r.Cover.Organization)))
	p.f("Assessment of %s against %s. %s\n\n", mdText(r.Cover.Date), mdText(r.Cover.Standard), mdText(r.Disclaimer))
	writeMarkdownRoadmap(p, r)
	for _, ph := range r.Roadmap.Phases {
		var fixes []Fix
		for _, f := range r.Fixes {
			if f.Phase == ph.Phase {
				fixes = append(fixes, f)
			}
		}
		if len(fixes) == 0 {
			continue
		}
		p.f("## Phase %d: %s\n\n", ph.Phase, mdText(ph.Title))
		writeMarkdownFixTable(p, fixes, true)
	}
	return p.err
}

// WritePlanJSON writes the roadmap and its fixes for scripts.
func WritePlanJSON(w io.Writer, r *Report) error {
	out := struct {
		Schema       string  `json:"schema"`
		Organization string  `json:"organization"`
		Date         string  `json:"date"`
		Roadmap      Roadmap `json:"roadmap"`
		Fixes        []Fix   `json:"fixes"`
		Disclaimer   string  `json:"disclaimer"`
	}{PlanSchema, r.Cover.Organization, r.Cover.Date, r.Roadmap, r.Fixes, r.Disclaimer}
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
