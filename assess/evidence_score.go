package assess

import (
	"slices"

	"github.com/aimsready/aimsready/catalog"
)

// Evidence coverage: scoring reads the register judged on the assessment
// date, so the same file always gives the same coverage. An item counts
// for a criterion when it is reviewed and not stale on that day.

// judgeRegister judges the register and indexes it by criterion key.
func (sc *scorer) judgeRegister(c *catalog.Catalog) {
	if len(sc.a.Register) == 0 {
		return
	}
	sc.res.Evidence = JudgeRegister(sc.a, c, sc.a.Date)
	sc.supports = map[string][]int{}
	for i, st := range sc.res.Evidence {
		for _, key := range st.Item.Supports {
			sc.supports[key] = append(sc.supports[key], i)
		}
	}
}

// evidenced reports whether a counting item backs the criterion key.
func (sc *scorer) evidenced(key string) bool {
	for _, i := range sc.supports[key] {
		if sc.res.Evidence[i].Counts {
			return true
		}
	}
	return false
}

// questionEvidence fills the register ids behind a question's criteria and
// its claimed criteria (met, with nothing counting behind them).
func (sc *scorer) questionEvidence(q *catalog.Question, qs *QuestionScore) {
	if len(sc.supports) == 0 {
		// No register: every met criterion is claimed. Share Met's array
		// (clipped, so an append to either never writes into the other).
		qs.Claimed = slices.Clip(qs.Met)
		return
	}
	var seen map[int]bool
	for _, cr := range q.Criteria {
		idx := sc.supports[EvidenceKey(q, cr)]
		if len(idx) == 0 {
			continue
		}
		if qs.CriterionEvidence == nil {
			qs.CriterionEvidence = map[string][]string{}
			seen = map[int]bool{}
		}
		for _, i := range idx {
			qs.CriterionEvidence[cr.ID] = append(qs.CriterionEvidence[cr.ID], sc.res.Evidence[i].Item.ID)
			seen[i] = true
		}
	}
	for i := range sc.res.Evidence {
		if seen[i] {
			qs.EvidenceItems = append(qs.EvidenceItems, sc.res.Evidence[i].Item.ID)
		}
	}
	for _, id := range qs.Met {
		if cr := q.Criterion(id); cr != nil && !sc.evidenced(EvidenceKey(q, cr)) {
			qs.Claimed = append(qs.Claimed, id)
		}
	}
}
