package assess

import (
	"testing"

	"github.com/aimsready/aimsready/catalog"
)

// fullAnswers answers every question, half the criteria met, with notes.
func fullAnswers(c *catalog.Catalog) *Answers {
	a := &Answers{Format: FormatVersion, Catalog: c.Ident(), Profile: ProfileFull, Organization: "Bench GmbH", Date: "2026-11-22", Answers: map[string]*Answer{}}
	for i, q := range c.Questions() {
		ans := &Answer{Applicable: true, Assessed: true, Notes: "Evidence reviewed in the workshop.", Evidence: []string{"doc.pdf"}}
		for j, id := range q.CriterionIDs() {
			if (i+j)%2 == 0 {
				ans.Met = append(ans.Met, id)
			}
		}
		a.Answers[q.ID] = ans
	}
	return a
}

func benchLoad(b *testing.B, c *catalog.Catalog) {
	data, err := Marshal(fullAnswers(c), c)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Parse("bench.yaml", data, c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchScore(b *testing.B, c *catalog.Catalog) {
	a := fullAnswers(c)
	b.ReportAllocs()
	for b.Loop() {
		Score(a, c)
	}
}

func BenchmarkLoadAnswers(b *testing.B)    { benchLoad(b, builtin(b)) }
func BenchmarkLoadAnswers10x(b *testing.B) { benchLoad(b, builtin(b).Scaled(10)) }
func BenchmarkScoreFull(b *testing.B)      { benchScore(b, builtin(b)) }
func BenchmarkScoreFull10x(b *testing.B)   { benchScore(b, builtin(b).Scaled(10)) }
