package assess

import (
	"fmt"
	"strings"
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

// worstCases are accepted or barely refused inputs at the limits, the
// costliest shapes to parse: validate must stay under a second and 200 MB
// for any of them.
func worstCases() map[string][]byte {
	head := "format: 1\ncatalog: iso42001-2023@0.9.0\nanswers:\n"
	cases := map[string][]byte{}
	var kv strings.Builder // one mapping with a key per line
	kv.WriteString(head + "  \"O.1\":\n")
	for i := 0; i < MaxItems-10; i++ {
		fmt.Fprintf(&kv, "    k%d: v\n", i)
	}
	cases["mapping-keys"] = []byte(kv.String())
	var flow strings.Builder // answers kept from an older catalog, 200 evidence items each
	flow.WriteString(head)
	for i, items := 0, 0; items+210 < MaxItems; i++ {
		fmt.Fprintf(&flow, "  \"O.%d\": {met: [], evidence: [%s]}\n", i, strings.TrimSuffix(strings.Repeat("e,", MaxListItems), ","))
		items += MaxListItems + 4
	}
	cases["flow-lists"] = []byte(flow.String())
	var notes strings.Builder // 4 MiB of one-line notes at the length limit
	notes.WriteString(head)
	for i := 0; notes.Len()+MaxTextChars+40 < MaxFileBytes; i++ {
		fmt.Fprintf(&notes, "  \"O.%d\":\n    met: []\n    notes: %s\n", i, strings.Repeat("w", MaxTextChars-10))
	}
	cases["long-notes"] = []byte(notes.String())
	return cases
}

func BenchmarkParseWorstCase(b *testing.B) {
	c := builtin(b)
	for name, data := range worstCases() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Parse("worst.yaml", data, c)
			}
		})
	}
}
