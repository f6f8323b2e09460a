package assess

import (
	"math"
	"sort"
)

// Comparison is the change between two scored assessments of the same
// organisation, for progress tracking and CI regression gates.
type Comparison struct {
	Old, New *Result
	// CatalogChanged is true when the two were answered against different
	// catalog versions: a change of method, not necessarily of readiness.
	CatalogChanged bool
	OverallDelta   float64
	Sections       []SectionDelta
	Closed         []Fix    // fixes of Old that New no longer needs
	Opened         []Fix    // fixes New needs that Old did not
	NewlyAssessed  []string // questions not assessed in Old but assessed in New
	BlockersBefore int
	BlockersAfter  int
	// PlanChanges are the plan entries added, removed or changed.
	PlanChanges []PlanChange
	// RegisterChanges are the evidence register items added, removed or
	// with a new status, by id.
	RegisterChanges []RegisterChange
}

// SectionDelta is one section's change.
type SectionDelta struct {
	ID, Title string
	Old, New  float64
	// Delta is the change as reports print it: the difference of the two
	// scores rounded to one decimal (see ShownDelta).
	Delta float64
	InOld bool
	InNew bool
}

// Down reports whether the section went down in both assessments' printed
// scores.
func (s SectionDelta) Down() bool { return s.InOld && s.InNew && s.Delta < -epsilon }

// ShownDelta is the change between two scores as a reader computes it from
// the printed numbers: 43.5 -> 44.7 is +1.2, never +1.3 from the unrounded
// 43.54 and 44.71. Reports print scores to one decimal.
func ShownDelta(old, new float64) float64 {
	return math.Round((math.Round(new*10) - math.Round(old*10))) / 10
}

// Regressed reports whether the overall score or any section went down,
// by at least the 0.1 a report can show.
func (c *Comparison) Regressed() bool {
	return c.OverallDelta < -epsilon || len(c.Regressions()) > 0
}

// Regressions lists the sections that went down, in catalog order.
func (c *Comparison) Regressions() []SectionDelta {
	var down []SectionDelta
	for _, s := range c.Sections {
		if s.Down() {
			down = append(down, s)
		}
	}
	return down
}

// epsilon absorbs floating-point noise so equal scores never read as change.
const epsilon = 1e-9

// Compare computes what changed from old to new.
func Compare(old, new *Result) *Comparison {
	c := &Comparison{
		Old: old, New: new,
		CatalogChanged:  old.Catalog != new.Catalog || old.AnswersFrom != new.AnswersFrom,
		OverallDelta:    ShownDelta(old.Overall, new.Overall),
		BlockersBefore:  len(old.Blockers),
		BlockersAfter:   len(new.Blockers),
		PlanChanges:     planChanges(old.Plan, new.Plan),
		RegisterChanges: registerChanges(old.Evidence, new.Evidence),
	}
	oldSec := map[string]SectionScore{}
	for _, s := range old.Sections {
		oldSec[s.ID] = s
	}
	seen := map[string]bool{}
	// A section with no score (everything excluded) on a side counts as
	// absent there: n/a to a number is neither progress nor regression.
	for _, s := range new.Sections {
		d := SectionDelta{ID: s.ID, Title: s.Title, New: s.Score, InNew: s.Scored()}
		if o, ok := oldSec[s.ID]; ok && o.Scored() {
			d.Old, d.InOld = o.Score, true
			if d.InNew {
				d.Delta = ShownDelta(o.Score, s.Score)
			}
		}
		seen[s.ID] = true
		c.Sections = append(c.Sections, d)
	}
	for _, s := range old.Sections {
		if !seen[s.ID] && s.Scored() {
			c.Sections = append(c.Sections, SectionDelta{ID: s.ID, Title: s.Title, Old: s.Score, InOld: true, Delta: ShownDelta(s.Score, 0)})
		}
	}
	key := func(f Fix) string { return f.Question + "\x00" + f.Criterion }
	oldFix, newFix := map[string]bool{}, map[string]bool{}
	for _, f := range old.Fixes {
		oldFix[key(f)] = true
	}
	for _, f := range new.Fixes {
		newFix[key(f)] = true
		if !oldFix[key(f)] {
			c.Opened = append(c.Opened, f)
		}
	}
	for _, f := range old.Fixes {
		if !newFix[key(f)] {
			c.Closed = append(c.Closed, f)
		}
	}
	bySeq := func(fs []Fix) {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Seq < fs[j].Seq })
	}
	bySeq(c.Opened)
	bySeq(c.Closed)
	wasNotAssessed := map[string]bool{}
	for _, id := range old.NotAssessed {
		wasNotAssessed[id] = true
	}
	stillNot := map[string]bool{}
	for _, id := range new.NotAssessed {
		stillNot[id] = true
	}
	for _, q := range new.Questions {
		if wasNotAssessed[q.ID] && !stillNot[q.ID] {
			c.NewlyAssessed = append(c.NewlyAssessed, q.ID)
		}
	}
	return c
}
