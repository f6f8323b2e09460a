package oscal

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
)

// The evidence register reaches OSCAL as relevant-evidence of the criteria
// it supports: a link for a URL or a local path, a description for a plain
// reference, with id, status, date, hash and currency as properties. The
// document stays valid against the OSCAL schema.
func TestRegisterAsRelevantEvidence(t *testing.T) {
	c := builtin(t)
	a := load(t, "../../testdata/examples/answers.yaml", c)
	hash := strings.Repeat("ab", 32)
	a.Register = []*assess.EvidenceItem{
		{ID: "E-001", Title: "AI policy v1.3", Location: "policies/ai-policy-v1.3.pdf", SHA256: hash, Date: "2026-09-14",
			Status: assess.EvidenceReviewed, Supports: []string{"5.2/policy-documented"}, Notes: "Signed copy."},
		{ID: "E-002", Location: "https://intranet.example/aims/scope", Status: assess.EvidenceReviewed, Supports: []string{"4.3/scope-documented"}},
		{ID: "E-003", Title: "Board minutes", Location: "DMS: Board/2026-09", Status: assess.EvidenceReceived,
			Supports: []string{"5.2/policy-documented"}},
		{ID: "E-004", Location: "ops/monitoring.pdf", SHA256: hash, Date: "2026-01-01", Status: assess.EvidenceReviewed,
			Supports: []string{"9.1/results-retained"}},
	}
	ar, _ := render(t, build(a, c))
	validate(t, "assessment-results with a register", ar)

	var doc AssessmentResultsDoc
	if err := json.Unmarshal(ar, &doc); err != nil {
		t.Fatal(err)
	}
	obs := map[string]Observation{}
	for _, o := range doc.AssessmentResults.Results[0].Observations {
		obs[o.Title] = o
	}
	policy := obs["5.2 policy-documented: met"]
	if len(policy.RelevantEvidence) != 2 {
		t.Fatalf("5.2/policy-documented: %+v", policy.RelevantEvidence)
	}
	e1, e3 := policy.RelevantEvidence[0], policy.RelevantEvidence[1]
	if e1.Href != "policies/ai-policy-v1.3.pdf" || e1.Description != "E-001 AI policy v1.3" || e1.Remarks != "Signed copy." ||
		!hasProp(e1.Props, "sha256", "", hash) || !hasProp(e1.Props, "evidence-status", "", "reviewed") || !hasProp(e1.Props, "evidence-date", "", "2026-09-14") {
		t.Errorf("file item: %+v", e1)
	}
	if e3.Href != "" || e3.Description != "E-003 Board minutes (DMS: Board/2026-09)" {
		t.Errorf("a plain reference must stay a description: %+v", e3)
	}
	if !hasProp(policy.Props, "evidence-state", "", "evidenced") || len(policy.Methods) != 2 || policy.Methods[1] != "EXAMINE" {
		t.Errorf("evidenced criterion: props %+v, methods %v", policy.Props, policy.Methods)
	}
	if scope := obs["4.3 scope-documented: met"]; len(scope.RelevantEvidence) != 1 || scope.RelevantEvidence[0].Href != "https://intranet.example/aims/scope" {
		t.Errorf("URL item: %+v", scope.RelevantEvidence)
	}
	if claimed := obs["5.2 communicated: met"]; !hasProp(claimed.Props, "evidence-state", "", "claimed") {
		t.Errorf("a met criterion with no reviewed evidence should be claimed: %+v", claimed.Props)
	}
	stale := obs["9.1 results-retained: met"]
	if stale.UUID == "" {
		stale = obs["9.1 results-retained: not met"]
	}
	if len(stale.RelevantEvidence) != 1 || !hasProp(stale.RelevantEvidence[0].Props, "currency", "", "stale") {
		t.Errorf("a record past its maximum age should be marked stale: %+v", stale)
	}
}
