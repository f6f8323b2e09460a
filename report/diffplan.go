package report

import (
	"github.com/aimsready/aimsready/assess"
)

// planSide is one side of a plan change for people: "in-progress, Ana,
// due 2027-01-31", or "(not planned)".
func planSide(p *assess.PlanItem) string {
	if p == nil {
		return "(not planned)"
	}
	return planText(Fix{Status: string(p.Status), Owner: p.Owner, Due: p.Due})
}

func writePlanChangesText(p *printer, c *assess.Comparison) {
	if len(c.PlanChanges) == 0 {
		return
	}
	p.f("\nPlan changes (%d)\n", len(c.PlanChanges))
	for _, ch := range c.PlanChanges {
		p.f("  %-8s %s: %s -> %s\n", ch.Kind(), ch.ID, planSide(ch.Old), planSide(ch.New))
	}
}

func writePlanChangesMarkdown(p *printer, c *assess.Comparison) {
	if len(c.PlanChanges) == 0 {
		return
	}
	p.f("\n### Plan changes\n\n| Fix | Change | Before | After |\n|---|---|---|---|\n")
	for _, ch := range c.PlanChanges {
		p.f("| %s | %s | %s | %s |\n", mdText(ch.ID), ch.Kind(), mdText(planSide(ch.Old)), mdText(planSide(ch.New)))
	}
}

type planChangeJSON struct {
	ID     string    `json:"id"`
	Change string    `json:"change"`
	Old    *planJSON `json:"old"`
	New    *planJSON `json:"new"`
}

func planChangesJSON(c *assess.Comparison) []planChangeJSON {
	out := []planChangeJSON{}
	pj := func(p *assess.PlanItem) *planJSON {
		if p == nil {
			return nil
		}
		return &planJSON{p.Owner, p.Due, string(p.Status)}
	}
	for _, ch := range c.PlanChanges {
		out = append(out, planChangeJSON{ch.ID, ch.Kind(), pj(ch.Old), pj(ch.New)})
	}
	return out
}
