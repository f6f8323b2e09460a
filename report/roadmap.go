package report

import (
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// SoANote says what the report's Statement of Applicability is.
const SoANote = "Draft Statement of Applicability derived from this assessment: the decisions and justifications recorded in the answers file, with each control's status on the assessment's scale. Review it and adopt it as your own controlled document; a certification body audits the organisation's SoA, not this report."

// Roadmap groups the fixes by phase and by workstream with effort totals.
type Roadmap struct {
	DaysPerEffort []EffortDays        `json:"days_per_effort"`
	Phases        []RoadmapPhase      `json:"phases"`
	Workstreams   []RoadmapWorkstream `json:"workstreams"`
}

// RoadmapPhase is one phase and the ranks of its fixes.
type RoadmapPhase struct {
	Phase    int    `json:"phase"`
	Title    string `json:"title"`
	Fixes    int    `json:"fixes"`
	Blockers int    `json:"blockers"`
	// BlockerDays is the person-days of the phase's Stage 1 blockers.
	BlockerDays float64 `json:"blocker_days"`
	Days        float64 `json:"days"`
	Gain        Points  `json:"gain"`
	Ranks       []int   `json:"ranks"`
}

// RoadmapWorkstream is one workstream's share of the work.
type RoadmapWorkstream struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Fixes int     `json:"fixes"`
	Days  float64 `json:"days"`
	Gain  Points  `json:"gain"`
}

func readinessPoints(r assess.Readiness) *Points {
	if !r.Has {
		return nil
	}
	v := Points(r.Score)
	return &v
}

func buildFix(f *assess.Fix) Fix {
	out := Fix{
		ID: f.ID, Rank: f.Rank, Phase: int(f.Phase), PhaseTitle: f.Phase.Title(),
		Workstream: f.Workstream, WorkstreamTitle: catalog.WorkstreamTitle(f.Workstream),
		Question: f.Question, QuestionTitle: f.QuestionTitle, Criterion: f.Criterion,
		CriterionText: f.Text, NoEvent: strings.TrimSpace(f.NoEvent), Fix: f.Fix, Evidence: string(f.Evidence), Effort: string(f.Effort),
		Days: f.Effort.Days(), Importance: Points(f.Importance), Gain: Points(f.Gain),
		Blocker: f.Blocker, Assessed: f.Assessed, Cites: nonNil(f.Cites), Also: nonNil(f.Also),
	}
	if f.Plan != nil {
		out.Owner, out.Due, out.Status = f.Plan.Owner, f.Plan.Due, string(f.Plan.Status)
	}
	return out
}

func buildRoadmap(res *assess.Result) Roadmap {
	rm := Roadmap{
		DaysPerEffort: effortDays(),
		Phases:        []RoadmapPhase{},
		Workstreams:   []RoadmapWorkstream{},
	}
	for _, p := range res.Phases {
		rp := RoadmapPhase{Phase: int(p.Phase), Title: p.Phase.Title(), Fixes: p.Fixes, Blockers: p.Blockers, BlockerDays: p.BlockerDays,
			Days: p.Days, Gain: Points(p.Gain), Ranks: []int{}}
		for _, f := range res.Fixes {
			if f.Phase == p.Phase {
				rp.Ranks = append(rp.Ranks, f.Rank)
			}
		}
		rm.Phases = append(rm.Phases, rp)
	}
	for _, w := range res.Workstreams {
		rm.Workstreams = append(rm.Workstreams, RoadmapWorkstream{ID: w.ID, Title: w.Title, Fixes: w.Fixes, Days: w.Days, Gain: Points(w.Gain)})
	}
	return rm
}

func effortDays() []EffortDays {
	return []EffortDays{
		{Effort: string(catalog.EffortS), Days: catalog.EffortS.Days(), Meaning: "a few person-days"},
		{Effort: string(catalog.EffortM), Days: catalog.EffortM.Days(), Meaning: "about two person-weeks"},
		{Effort: string(catalog.EffortL), Days: catalog.EffortL.Days(), Meaning: "about two person-months"},
	}
}

// blockerDays sums the person-days of the Stage 1 blockers over phases.
func blockerDays(phases []RoadmapPhase) float64 {
	var d float64
	for _, ph := range phases {
		d += ph.BlockerDays
	}
	return d
}
