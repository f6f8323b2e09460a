package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/catalog"
)

// readmeFacts are the sentences of the README that state a fact of the
// built-in catalog, each with the values the catalog gives now. A sentence
// may be reworded or dropped (its pattern then matches nothing), but every
// match must say what the catalog says, and TestREADMENumbers also fails on
// a count of questions, controls or criteria that no fact covers: such
// numbers are computed here, never typed. `go test ./cmd/aimsready -run
// README -update` writes the catalog's values into the README.
func readmeFacts(t *testing.T) []readmeFact {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var clauses, controls, quick, docQuestions, docCriteria int
	var multiDoc []string
	minW, maxW := 1e9, 0.0
	weigh := func(w float64) { minW, maxW = min(minW, w), max(maxW, w) }
	for _, q := range c.Questions() {
		if q.IsControl() {
			controls++
		} else {
			clauses++
		}
		if q.Quick {
			quick++
		}
		if q.Documented {
			docQuestions++
		}
		weigh(q.Weight)
		n := 0
		for _, cr := range q.Criteria {
			weigh(cr.Weight)
			if cr.Documented {
				n++
			}
		}
		docCriteria += n
		if n > 1 {
			multiDoc = append(multiDoc, q.ID)
		}
	}
	n := strconv.Itoa
	days := func(e catalog.Effort) string { return strconv.FormatFloat(e.Days(), 'f', -1, 64) }
	ws := func(w float64) string { return strconv.FormatFloat(w, 'f', -1, 64) }
	return []readmeFact{
		{`the\s+(\d+)\s+Annex\s+A\s+controls`, []string{n(controls)}},
		{`all\s+(\d+)\s+Annex\s+A\s+controls`, []string{n(controls)}},
		{`asks\s+only\s+the\s+(\d+)\s+quick-snapshot\s+questions`, []string{n(quick)}},
		{`the\s+(\d+)\s+items,\s+which\s+the\s+catalog\s+checks\s+as\s+(\d+)\s+criteria\s+because\s+([0-9A.,\s]+?(?:\s+and\s+[0-9A.]+)?)\s+each`,
			[]string{n(docQuestions), n(docCriteria), catalog.JoinAnd(multiDoc)}},
		{`leaf\s+subclause\s+of\s+clauses\s+4–10\s+\((\d+)\)\s+and\s+one\s+per\s+Annex\s+A\s+control\s+\((\d+)\)`, []string{n(clauses), n(controls)}},
		{`pins\s+all\s+(\d+)`, []string{n(clauses + controls)}},
		{`S\s+=\s+(\d+)\s+days,\s+M\s+=\s+(\d+),\s+L\s+=\s+(\d+)`, []string{days(catalog.EffortS), days(catalog.EffortM), days(catalog.EffortL)}},
		{`Weights\s+run\s+from\s+(\d+)\s+to\s+(\d+)`, []string{ws(minW), ws(maxW)}},
		{`catalog:\s+(iso42001-2023@[0-9.]+)`, []string{c.Ident()}},
	}
}

type readmeFact struct {
	pattern string
	want    []string // one per group
}

// countWord finds a typed count of catalog things ("38 Annex A controls",
// "18 items"); each must lie inside a fact's match.
var countWord = regexp.MustCompile(`\b(\d+)\s+(?:[\w-]+\s+){0,2}?(questions?|controls?|criteria|criterion|items|subclauses)\b`)

// countRules are counts that are rules, not facts of the catalog data.
var countRules = []string{
	"3–7 criteria", // catalog lint: a question has 3 to 7 criteria (catalog/load.go)
}

func TestREADMENumbers(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var covered [][2]int
	for _, f := range readmeFacts(t) {
		re := regexp.MustCompile(f.pattern)
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			idx := re.FindStringSubmatchIndex(m)
			var b strings.Builder
			last := 0
			for g, want := range f.want {
				start, end := idx[2+2*g], idx[3+2*g]
				got := m[start:end]
				if strings.Join(strings.Fields(got), " ") != want {
					if *update {
						b.WriteString(m[last:start])
						b.WriteString(want)
						last = end
						continue
					}
					t.Errorf("README says %q where the built-in catalog gives %q, in %q; run: go test ./cmd/aimsready -run README -update",
						got, want, strings.Join(strings.Fields(m), " "))
				}
			}
			b.WriteString(m[last:])
			return b.String()
		})
		for _, loc := range re.FindAllStringIndex(text, -1) {
			covered = append(covered, [2]int{loc[0], loc[1]})
		}
	}
	for _, r := range countRules {
		for i := strings.Index(text, r); i >= 0; {
			covered = append(covered, [2]int{i, i + len(r)})
			j := strings.Index(text[i+1:], r)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	for _, loc := range countWord.FindAllStringIndex(text, -1) {
		inside := false
		for _, c := range covered {
			if loc[0] >= c[0] && loc[1] <= c[1] {
				inside = true
				break
			}
		}
		if !inside {
			t.Errorf("README states %q: a count computed from the catalog belongs in readmeFacts (readme_numbers_test.go), not typed", strings.Join(strings.Fields(text[loc[0]:loc[1]]), " "))
		}
	}
	if *update && text != string(data) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Println("rewrote", path)
	}
}
