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

// ---- evidence register changes ------------------------------------------------

// registerName is how a register item is named in a diff: its title, else
// its location.
func registerName(it *assess.EvidenceItem) string {
	return oneLine(it.Label())
}

// registerChangeText is the status side of a register change: "received
// -> reviewed", for an added item its status, for a removed one "was
// received".
func registerChangeText(ch assess.RegisterChange) string {
	switch ch.Kind() {
	case "added":
		return string(ch.New.Status)
	case "removed":
		return "was " + string(ch.Old.Status)
	}
	return string(ch.Old.Status) + " -> " + string(ch.New.Status)
}

func writeRegisterChangesText(p *printer, c *assess.Comparison) {
	if len(c.RegisterChanges) == 0 {
		return
	}
	p.f("\nEvidence register changes (%d)\n", len(c.RegisterChanges))
	for _, ch := range c.RegisterChanges {
		p.f("  %-8s %s %s: %s\n", ch.Kind(), ch.ID, registerChangeText(ch), Truncate(registerName(ch.Item()), 60))
	}
}

func writeRegisterChangesMarkdown(p *printer, c *assess.Comparison) {
	if len(c.RegisterChanges) == 0 {
		return
	}
	p.f("\n### Evidence register changes\n\n| Item | Change | Before | After |\n|---|---|---|---|\n")
	status := func(it *assess.EvidenceItem) string {
		if it == nil {
			return "–"
		}
		return string(it.Status)
	}
	for _, ch := range c.RegisterChanges {
		p.f("| %s %s | %s | %s | %s |\n", mdText(ch.ID), mdText(registerName(ch.Item())), ch.Kind(), status(ch.Old), status(ch.New))
	}
}

type registerChangeJSON struct {
	ID        string  `json:"id"`
	Change    string  `json:"change"` // added, removed or status
	Title     string  `json:"title"`
	Location  string  `json:"location"`
	OldStatus *string `json:"old_status"`
	NewStatus *string `json:"new_status"`
}

func registerChangesJSON(c *assess.Comparison) []registerChangeJSON {
	out := []registerChangeJSON{}
	st := func(it *assess.EvidenceItem) *string {
		if it == nil {
			return nil
		}
		s := string(it.Status)
		return &s
	}
	for _, ch := range c.RegisterChanges {
		it := ch.Item()
		out = append(out, registerChangeJSON{ch.ID, ch.Kind(), it.Title, it.Location, st(ch.Old), st(ch.New)})
	}
	return out
}
