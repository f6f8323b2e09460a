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
