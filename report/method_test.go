package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// A file with every required document in place and nothing else is ready
// for Stage 1 only, and says so with both figures in the terminal summary
// and on the PDF's first pages.
func TestDocumentsOnlyVerdictShown(t *testing.T) {
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	a := assess.New(c, "Paper Tiger AG", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), assess.ProfileFull)
	for _, q := range c.Questions() {
		ans := &assess.Answer{Applicable: true, Assessed: true, Met: []string{}}
		for _, cr := range q.Criteria {
			if cr.Documented {
				ans.Met = append(ans.Met, cr.ID)
			}
		}
		if q.IsControl() {
			ans.Decided, ans.Justification = true, "Included because our credit scoring model needs it."
		}
		a.Answers[q.ID] = ans
	}
	res := assess.Score(a, c)
	if res.Verdict.Label != assess.LabelStage1 {
		t.Fatalf("verdict %q (%s), want %q", res.Verdict.Label, res.Verdict.Reason, assess.LabelStage1)
	}
	var text bytes.Buffer
	if err := WriteScoreText(&text, res, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Documentation   ", "Implementation  ", "Verdict         " + assess.LabelStage1, "Implementation readiness is"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("terminal summary lacks %q:\n%s", want, text.String())
		}
	}
	var pdf bytes.Buffer
	if err := WritePDF(&pdf, Build(res, c, Options{})); err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, pdf.Bytes())
	first := got
	if i := strings.Index(got, "Section scores"); i > 0 {
		first = got[:i] // the cover, contents and the top of the summary
	}
	for _, want := range []string{"Ready for Stage 1, not yet for Stage 2", "documentation readiness", "implementation (needs 70)"} {
		if !strings.Contains(first, want) {
			t.Errorf("the PDF's first pages lack %q", want)
		}
	}
}
