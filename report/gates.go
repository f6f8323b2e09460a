package report

import (
	"fmt"
	"strings"

	"github.com/aimsready/aimsready/assess"
)

// ThresholdGate checks the overall score against a threshold (0-100).
func ThresholdGate(res *assess.Result, threshold float64) Gate {
	g := Gate{ID: GateThreshold, Name: fmt.Sprintf("overall score is at least %g", threshold)}
	if res.Overall < threshold {
		g.Failed = true
		g.Message = fmt.Sprintf("overall score %s is below the threshold %g", Pct(res.Overall), threshold)
	} else {
		g.Message = fmt.Sprintf("overall score %s meets the threshold %g", Pct(res.Overall), threshold)
	}
	return g
}

// BlockersGate fails while any Stage 1 blocker remains, listing them.
func BlockersGate(res *assess.Result) Gate {
	g := Gate{ID: GateBlockers, Name: "no Stage 1 blockers remain"}
	if len(res.Blockers) == 0 {
		g.Message = "no Stage 1 blockers"
		return g
	}
	g.Failed = true
	g.Message = fmt.Sprintf("%d Stage 1 blocker(s) remain", len(res.Blockers))
	var b strings.Builder
	for _, bl := range res.Blockers {
		fmt.Fprintf(&b, "- %s %s, %s: %s\n  Fix: %s\n", bl.Question, bl.Title, bl.Criterion, oneLine(bl.Reason), oneLine(bl.Fix))
	}
	g.Detail = b.String()
	return g
}

// OverdueGate fails while a planned fix is past its due date on asOf
// (res.Overdue, filled by assess.MarkOverdue), listing them.
func OverdueGate(res *assess.Result, asOf string) Gate {
	g := Gate{ID: GateOverdue, Name: "no planned fix is overdue on " + asOf}
	if len(res.Overdue) == 0 {
		g.Message = "no planned fix is past due on " + asOf
		return g
	}
	ids := make([]string, len(res.Overdue))
	var b strings.Builder
	for i, f := range res.Overdue {
		ids[i] = f.ID
		fmt.Fprintf(&b, "- %s: due %s, %s, owner %s\n", f.ID, f.Plan.Due, f.Plan.Status, f.Plan.Owner)
	}
	g.Failed = true
	g.Message = fmt.Sprintf("%d planned fix(es) past due on %s: %s", len(ids), asOf, strings.Join(ids, ", "))
	g.Detail = b.String()
	return g
}

// FailedGates joins the messages of the gates that failed, or "" if none.
func FailedGates(gates []Gate) string {
	var failed []string
	for _, g := range gates {
		if g.Failed {
			failed = append(failed, g.Message)
		}
	}
	return strings.Join(failed, "; ")
}
