package report

import (
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// The cross-framework coverage view: how the questions that reference an
// external framework item scored.
func buildCrossFramework(res *assess.Result, c *catalog.Catalog) []Framework {
	type acc struct {
		questions  []string
		weight     float64
		points     float64
		applicable bool
		referenced map[string]bool
	}
	// Gather: framework -> item -> questions, in result (catalog) order.
	accs := map[string]map[string]*acc{}
	get := func(fw, item string) *acc {
		if accs[fw] == nil {
			accs[fw] = map[string]*acc{}
		}
		a := accs[fw][item]
		if a == nil {
			a = &acc{referenced: map[string]bool{}}
			accs[fw][item] = a
		}
		return a
	}
	for i := range res.Questions {
		qs := &res.Questions[i]
		q := c.Question(qs.ID)
		if q == nil {
			continue
		}
		seen := map[string]bool{}
		for _, ref := range q.Refs {
			item := ref.ID
			if ref.Framework == catalog.FrameworkNIST {
				item = catalog.NISTFunction(ref.ID)
				if item == "" {
					continue
				}
			}
			a := get(ref.Framework, item)
			a.referenced[ref.ID] = true
			key := ref.Framework + "\x00" + item
			if seen[key] {
				continue
			}
			seen[key] = true
			a.questions = append(a.questions, qs.ID)
			if qs.Status != assess.StatusExcluded {
				a.applicable = true
				a.weight += qs.Weight
				a.points += qs.Weight * qs.Score
			}
		}
	}
	item := func(fw, id, title string) CrossRef {
		cr := CrossRef{ID: id, Title: title, Questions: []string{}}
		if a := accs[fw][id]; a != nil {
			cr.Questions = a.questions
			if a.applicable && a.weight > 0 {
				m := Points(a.points / a.weight)
				cr.Mean = &m
			}
		}
		return cr
	}

	nist := Framework{ID: catalog.FrameworkNIST, Name: catalog.FrameworkName(catalog.FrameworkNIST), Unit: "function"}
	nistTitles := map[string]string{
		"GOVERN":  "Culture, policies, roles and accountability for AI risk",
		"MAP":     "Context established and risks identified",
		"MEASURE": "Risks analysed, assessed and tracked",
		"MANAGE":  "Risks prioritised and acted upon",
	}
	for _, fn := range []string{"GOVERN", "MAP", "MEASURE", "MANAGE"} {
		cr := item(catalog.FrameworkNIST, fn, nistTitles[fn])
		for _, t := range catalog.Vocabulary(catalog.FrameworkNIST) {
			if catalog.NISTFunction(t.ID) == fn {
				cr.Terms++
				if a := accs[catalog.FrameworkNIST][fn]; a != nil && a.referenced[t.ID] {
					cr.Referenced++
				}
			}
		}
		nist.Items = append(nist.Items, cr)
	}

	owasp := Framework{ID: catalog.FrameworkOWASP, Name: catalog.FrameworkName(catalog.FrameworkOWASP) + " 2025", Unit: "risk", Items: []CrossRef{}}
	for _, t := range catalog.Vocabulary(catalog.FrameworkOWASP) {
		if strings.HasSuffix(t.ID, ":2025") {
			owasp.Items = append(owasp.Items, item(catalog.FrameworkOWASP, t.ID, t.Title))
		}
	}

	act := Framework{ID: catalog.FrameworkAIAct, Name: catalog.FrameworkName(catalog.FrameworkAIAct), Unit: "article", Items: []CrossRef{}}
	for _, t := range catalog.Vocabulary(catalog.FrameworkAIAct) {
		if accs[catalog.FrameworkAIAct][t.ID] != nil {
			act.Items = append(act.Items, item(catalog.FrameworkAIAct, t.ID, t.Title))
		}
	}
	return []Framework{nist, owasp, act}
}
