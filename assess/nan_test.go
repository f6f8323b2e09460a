package assess

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

// The overall score is a number from 0 to 100 whatever the answers: none,
// all excluded, all met, random, on the built-in catalog and a larger one.
func TestOverallNeverNaN(t *testing.T) {
	base := builtin(t)
	rnd := rand.New(rand.NewSource(1))
	for _, times := range []int{1, 3} {
		cat := base
		if times > 1 {
			cat = base.Scaled(times)
		}
		shapes := map[string]*Answers{
			"empty":    New(cat, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull),
			"quick":    New(cat, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileQuick),
			"all met":  allMet(cat),
			"random":   randomAnswers(cat, rnd),
			"excluded": New(cat, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull),
			"none met": New(cat, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ProfileFull),
		}
		for _, q := range cat.Questions() {
			if q.IsControl() {
				shapes["excluded"].Answers[q.ID] = &Answer{Applicable: false, Assessed: true, Justification: "Not used here at all."}
			}
			shapes["none met"].Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: []string{}}
		}
		for name, a := range shapes {
			res := Score(a, cat)
			if math.IsNaN(res.Overall) || res.Overall < 0 || res.Overall > 100 {
				t.Errorf("%s (catalog x%d): overall %v", name, times, res.Overall)
			}
			for _, s := range res.Sections {
				if math.IsNaN(s.Score) || math.IsInf(s.Score, 0) {
					t.Errorf("%s: section %s score %v", name, s.ID, s.Score)
				}
			}
		}
	}
}
