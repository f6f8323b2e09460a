package oscal

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/report"
	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	schemaFile     = "../../testdata/oscal/oscal_complete_schema-1-2-2.json"
	exampleAnswers = "../../testdata/examples/answers.yaml"
	tinyCatalog    = "../../testdata/oscal/tiny-catalog.yaml"
	tinyAnswers    = "../../testdata/oscal/tiny-answers.yaml"
	goldenDir      = "../../testdata/golden/oscal"
	testVersion    = "0.0.0-test"
)

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// validate checks an OSCAL document against NIST's OSCAL 1.2.2 JSON schema,
// offline, with format assertions (dates, URI references) switched on.
func validate(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := schemaCheck(t, data); err != nil {
		t.Fatalf("%s does not validate against the OSCAL 1.2.2 schema:\n%#v", name, err)
	}
}

func schemaCheck(t *testing.T, data []byte) error {
	t.Helper()
	schemaOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		schema, schemaErr = c.Compile(schemaFile)
	})
	if schemaErr != nil {
		t.Fatalf("compiling the OSCAL schema: %v", schemaErr)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return schema.Validate(inst)
}

// TestSchemaCatchesMistakes shows the validation is not vacuous: the
// mistakes an OSCAL writer makes most are rejected. (The small custom
// catalog keeps this quick.)
func TestSchemaCatchesMistakes(t *testing.T) {
	tiny, err := catalog.LoadFile(tinyCatalog)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := render(t, build(load(t, tinyAnswers, tiny), tiny))
	validate(t, "tiny assessment-results", good)
	for _, tc := range []struct{ name, from, to string }{
		{"version 1 UUID", `("uuid": "[0-9a-f]{8}-[0-9a-f]{4}-)5`, "${1}1"},
		{"date without time", `"last-modified": "2026-03-31T00:00:00Z"`, `"last-modified": "2026-03-31"`},
		{"empty list", `"methods": \[\s*"INTERVIEW"\s*\]`, `"methods": []`},
		{"unknown field", `"oscal-version": "1.2.2",`, `"oscal-version": "1.2.2", "generator": "aimsready",`},
		{"token starting with a digit", `"target-id": "clause-1.1_obj"`, `"target-id": "1.1_obj"`},
		{"unknown objective state", `"state": "satisfied"`, `"state": "partly-satisfied"`},
		{"two-line title", `"title": "Prepared by"`, `"title": "Prepared\nby"`},
	} {
		re := regexp.MustCompile(tc.from)
		loc := re.FindIndex(good)
		if loc == nil {
			t.Fatalf("%s: %s not found in the document", tc.name, tc.from)
		}
		bad := append(append(append([]byte{}, good[:loc[0]]...), re.Expand(nil, []byte(tc.to), good, re.FindSubmatchIndex(good))...), good[loc[1]:]...)
		if schemaCheck(t, bad) == nil {
			t.Errorf("%s: the schema accepted it", tc.name)
		}
	}
}

func builtin(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func load(t testing.TB, path string, c *catalog.Catalog) *assess.Answers {
	t.Helper()
	a, _, err := assess.LoadFile(path, c)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func build(a *assess.Answers, c *catalog.Catalog) *report.Report {
	return report.Build(assess.Score(a, c), c, report.Options{ToolVersion: testVersion})
}

// render writes both assessment documents of a report.
func render(t *testing.T, r *report.Report) (ar, poam []byte) {
	t.Helper()
	var a, p bytes.Buffer
	if err := WriteAssessmentResults(&a, r); err != nil {
		t.Fatal(err)
	}
	if err := WritePOAM(&p, r); err != nil {
		t.Fatal(err)
	}
	return a.Bytes(), p.Bytes()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./report/oscal -update' to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got); run 'go test ./report/oscal -update' if the change is intended:\n%s", name, diff)
	}
}

// TestExample validates the example's assessment results and plan of
// action, pins them byte for byte, and checks the references inside them.
func TestExample(t *testing.T) {
	c := builtin(t)
	r := build(load(t, exampleAnswers, c), c)
	ar, poam := render(t, r)
	validate(t, "assessment-results", ar)
	validate(t, "poam", poam)
	checkGolden(t, "assessment-results.json", ar)
	checkGolden(t, "poam.json", poam)
	cat := catalogJSON(t, c, "2026-11-22")
	checkReferences(t, ar, cat)
	checkReferences(t, poam, cat)
}

// TestEdgeCases validates the OSCAL output of assessments at the edges.
func TestEdgeCases(t *testing.T) {
	c := builtin(t)
	date := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	tiny, err := catalog.LoadFile(tinyCatalog)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		c    *catalog.Catalog
		a    func(testing.TB) *assess.Answers
	}{
		{"all of A.5 excluded", c, func(t testing.TB) *assess.Answers {
			a := load(t, exampleAnswers, c)
			for _, q := range c.Section("A.5").Questions {
				a.Answers[q.ID] = &assess.Answer{Applicable: false, Assessed: true, Decided: true,
					Justification: "We build no AI system whose use could affect people or groups outside the organisation."}
			}
			return a
		}},
		{"nothing assessed (fresh init file)", c, func(t testing.TB) *assess.Answers { return initFile(t, c, "Fresh Start AG", date) }},
		{"nothing assessed, no organisation or assessor", c, func(t testing.TB) *assess.Answers { return assess.New(c, "", date, assess.ProfileFull) }},
		{"quick snapshot", c, func(t testing.TB) *assess.Answers { return assess.New(c, "Quick Look BV", date, assess.ProfileQuick) }},
		{"everything met", c, func(t testing.TB) *assess.Answers { return allMet(c, date) }},
		{"custom catalog", tiny, func(t testing.TB) *assess.Answers { return load(t, tinyAnswers, tiny) }},
		{"custom catalog, nothing assessed", tiny, func(t testing.TB) *assess.Answers {
			return assess.New(tiny, "Tiny Example Ltd", date, assess.ProfileFull)
		}},
	}
	// The subtests share the catalogs; build their lazy indexes first.
	c.Question("4.1")
	tiny.Question("1.1")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := build(tc.a(t), tc.c)
			ar, poam := render(t, r)
			validate(t, "assessment-results", ar)
			validate(t, "poam", poam)
			cat := catalogJSON(t, tc.c, "2026-11-22")
			checkReferences(t, ar, cat)
			checkReferences(t, poam, cat)

			again, againPOAM := render(t, build(tc.a(t), tc.c))
			if !bytes.Equal(ar, again) || !bytes.Equal(poam, againPOAM) {
				t.Error("the same answers gave different bytes")
			}
		})
	}
}

// initFile is what 'aimsready init' writes, read back.
func initFile(t testing.TB, c *catalog.Catalog, org string, date time.Time) *assess.Answers {
	t.Helper()
	data, err := assess.Marshal(assess.New(c, org, date, assess.ProfileFull), c)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := assess.Parse("aimsready-answers.yaml", data, c)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func allMet(c *catalog.Catalog, date time.Time) *assess.Answers {
	a := assess.New(c, "Complete Ltd", date, assess.ProfileFull)
	a.Assessor = "Sam Auditor"
	for _, q := range c.Questions() {
		a.Answers[q.ID] = &assess.Answer{Applicable: true, Assessed: true, Met: q.CriterionIDs()}
		if q.IsControl() {
			a.Answers[q.ID].Decided = true
			a.Answers[q.ID].Justification = "Included because our AI risk assessment calls for it for the claims model."
		}
	}
	return a
}

// TestEdgeCaseContent checks what the edge cases must say, beyond being valid.
func TestEdgeCaseContent(t *testing.T) {
	c := builtin(t)
	date := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)

	t.Run("all excluded area has n/a and no findings", func(t *testing.T) {
		a := load(t, exampleAnswers, c)
		for _, q := range c.Section("A.5").Questions {
			a.Answers[q.ID] = &assess.Answer{Applicable: false, Assessed: true, Decided: true, Justification: "We build no AI system whose use could affect anyone outside."}
		}
		doc, err := AssessmentResultsOf(build(a, c))
		if err != nil {
			t.Fatal(err)
		}
		res := doc.AssessmentResults.Results[0]
		if !hasProp(res.Props, "section-score", "A.5", "n/a") {
			t.Error("the all-excluded area A.5 should have the section score n/a")
		}
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Title, "A.5.") {
				t.Errorf("excluded control has a finding: %s", f.Title)
			}
		}
		var soa int
		for _, o := range res.Observations {
			if strings.HasPrefix(o.Title, "A.5.") && strings.Contains(o.Title, "Statement of Applicability: excluded") {
				soa++
			}
		}
		if soa != len(c.Section("A.5").Questions) {
			t.Errorf("%d SoA observations for A.5, want %d", soa, len(c.Section("A.5").Questions))
		}
		sel := res.ReviewedControls.ControlSelections[0]
		if len(sel.ExcludeControls) == 0 || sel.ExcludeControls[0].ControlID != "A.5.2" {
			t.Errorf("excluded controls should be listed as excluded from the review: %+v", sel.ExcludeControls)
		}
	})

	t.Run("nothing assessed has no findings and a full plan", func(t *testing.T) {
		r := build(assess.New(c, "Fresh Start AG", date, assess.ProfileFull), c)
		doc, err := AssessmentResultsOf(r)
		if err != nil {
			t.Fatal(err)
		}
		res := doc.AssessmentResults.Results[0]
		if len(res.Findings) != 0 || len(res.Observations) != 0 {
			t.Errorf("%d findings and %d observations for a file with nothing assessed", len(res.Findings), len(res.Observations))
		}
		if !strings.Contains(res.Remarks, "Not assessed yet") {
			t.Errorf("remarks should list what is not assessed: %q", res.Remarks)
		}
		p, err := POAMOf(r)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(p.POAM.POAMItems), len(r.Fixes); got != want {
			t.Errorf("%d POA&M items, want one per fix (%d)", got, want)
		}
	})

	t.Run("everything met leaves one honest item", func(t *testing.T) {
		p, err := POAMOf(build(allMet(c, date), c))
		if err != nil {
			t.Fatal(err)
		}
		if items := p.POAM.POAMItems; len(items) != 1 || items[0].Title != "No open actions" {
			t.Errorf("items = %+v", items)
		}
	})

	t.Run("no date is an error, not the clock", func(t *testing.T) {
		a := assess.New(c, "Undated", date, assess.ProfileFull)
		a.Date = ""
		_, err := AssessmentResultsOf(build(a, c))
		if err == nil || !strings.Contains(err.Error(), "add 'date: YYYY-MM-DD'") {
			t.Errorf("err = %v", err)
		}
		if _, err := POAMOf(build(a, c)); err == nil {
			t.Error("POA&M without a date: no error")
		}
	})
}

// TestPlannedFixes maps plans (owner, due date, status) as method v2 will
// supply them, and validates the result, so that change is one line.
func TestPlannedFixes(t *testing.T) {
	c := builtin(t)
	r := build(load(t, exampleAnswers, c), c)
	plans := map[int]plan{
		1: {Owner: "Jana Nováková (external consultant)", Due: "2027-01-31", Status: "planned"},
		2: {Owner: "Lars Petersen", Due: "2027-02-28", Status: "in progress"},
		3: {Owner: "Lars Petersen", Status: "done"},
		4: {Due: "2027-03-31"},
	}
	defer func(old func(report.Fix) plan) { planOf = old }(planOf)
	planOf = func(f report.Fix) plan { return plans[f.Rank] }
	var buf bytes.Buffer
	if err := WritePOAM(&buf, r); err != nil {
		t.Fatal(err)
	}
	validate(t, "poam with plans", buf.Bytes())
	checkReferences(t, buf.Bytes(), nil)

	p, err := POAMOf(r)
	if err != nil {
		t.Fatal(err)
	}
	risks := map[string]Risk{}
	for _, rk := range p.POAM.Risks {
		risks[rk.UUID] = rk
	}
	got := func(i int) (Risk, POAMItem) {
		it := p.POAM.POAMItems[i]
		return risks[it.RelatedRisks[0].RiskUUID], it
	}
	r1, _ := got(0)
	if r1.Deadline != "2027-01-31T00:00:00Z" || r1.Status != "open" || r1.Remediations[0].Lifecycle != "planned" {
		t.Errorf("planned fix: %+v", r1)
	}
	if r2, _ := got(1); r2.Status != "remediating" {
		t.Errorf("in-progress fix: status %q", r2.Status)
	}
	if r3, _ := got(2); r3.Status != "closed" || r3.Remediations[0].Lifecycle != "completed" {
		t.Errorf("done fix: %+v", r3)
	}
	var owners []string
	for _, party := range p.POAM.Metadata.Parties {
		owners = append(owners, party.Name)
	}
	// The assessor owns a fix too: one party, not two.
	if diff := cmp.Diff([]string{"Müller & Søn Analytik GmbH", "Jana Nováková (external consultant)", "Lars Petersen"}, owners); diff != "" {
		t.Errorf("parties (-want +got):\n%s", diff)
	}

	planOf = func(f report.Fix) plan { return plan{Status: "someday"} }
	if _, err := POAMOf(r); err == nil || !strings.Contains(err.Error(), `unknown plan status "someday"`) {
		t.Errorf("err = %v", err)
	}
}

// TestStableAcrossRevisions: revising the answers keeps the UUIDs of the
// document and of what stays, so a GRC tool updates instead of duplicating.
func TestStableAcrossRevisions(t *testing.T) {
	c := builtin(t)
	before := build(load(t, exampleAnswers, c), c)
	a := load(t, exampleAnswers, c)
	a.Answers["9.3.2"] = &assess.Answer{Applicable: true, Assessed: true, Met: []string{c.Question("9.3.2").Criteria[0].ID}}
	after := build(a, c)

	d1, _ := AssessmentResultsOf(before)
	d2, _ := AssessmentResultsOf(after)
	if d1.AssessmentResults.UUID != d2.AssessmentResults.UUID {
		t.Error("the document UUID changed with a revised answer")
	}
	findings := map[string]string{}
	for _, f := range d1.AssessmentResults.Results[0].Findings {
		findings[f.Title] = f.UUID
	}
	for _, f := range d2.AssessmentResults.Results[0].Findings {
		if id, ok := findings[f.Title]; ok && id != f.UUID {
			t.Errorf("finding %s changed UUID", f.Title)
		}
	}
	p1, _ := POAMOf(before)
	p2, _ := POAMOf(after)
	items := map[string]string{}
	for _, it := range p1.POAM.POAMItems {
		items[it.Title] = it.UUID
	}
	kept := 0
	for _, it := range p2.POAM.POAMItems {
		if id, ok := items[it.Title]; ok {
			kept++
			if id != it.UUID {
				t.Errorf("POA&M item %q changed UUID", it.Title)
			}
		}
	}
	if kept == 0 {
		t.Error("no POA&M item in common")
	}
	// A new assessment date is a new assessment, but the same plan.
	a.Date = "2027-05-01"
	d3, _ := AssessmentResultsOf(build(a, c))
	p3, _ := POAMOf(build(a, c))
	if d3.AssessmentResults.UUID == d1.AssessmentResults.UUID {
		t.Error("a new assessment date kept the assessment-results UUID")
	}
	if p3.POAM.UUID != p1.POAM.UUID {
		t.Error("a new assessment date changed the plan's UUID")
	}
}

// TestFindingsMatchScores: each finding says what the score says.
func TestFindingsMatchScores(t *testing.T) {
	c := builtin(t)
	r := build(load(t, exampleAnswers, c), c)
	doc, err := AssessmentResultsOf(r)
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]Finding{}
	for _, f := range doc.AssessmentResults.Results[0].Findings {
		byTitle[f.Title] = f
	}
	assessed := 0
	for _, sec := range r.Sections {
		for _, q := range sec.Questions {
			f, ok := byTitle[q.ID+" "+q.Title]
			switch q.Status {
			case "excluded", "not-assessed":
				if ok {
					t.Errorf("%s (%s) has a finding", q.ID, q.Status)
				}
				continue
			}
			assessed++
			if !ok {
				t.Errorf("%s has no finding", q.ID)
				continue
			}
			want := "not-satisfied"
			if q.Status == "met" {
				want = "satisfied"
			}
			if f.Target.Status.State != want {
				t.Errorf("%s: state %s, want %s", q.ID, f.Target.Status.State, want)
			}
			if n := len(f.RelatedObservations); n < len(q.Met)+len(q.Unmet) {
				t.Errorf("%s: %d related observations for %d criteria", q.ID, n, len(q.Met)+len(q.Unmet))
			}
		}
	}
	if len(byTitle) != assessed {
		t.Errorf("%d findings for %d assessed questions", len(byTitle), assessed)
	}
	res := doc.AssessmentResults.Results[0]
	if !strings.Contains(res.Description, r.Summary.Verdict.Label) || !strings.Contains(res.Description, report.Disclaimer) {
		t.Errorf("the result's description should carry the verdict and the disclaimer:\n%s", res.Description)
	}
	if !hasProp(res.Props, "verdict", "", r.Summary.Verdict.Label) {
		t.Error("no verdict property")
	}
}

// TestEvidenceLinks: evidence is a link only when it is a URI reference as
// written; everything is kept as a description.
func TestEvidenceLinks(t *testing.T) {
	for _, tc := range []struct {
		in   string
		link bool
	}{
		{"aims/scope-statement-v2.pdf", true},
		{"https://wiki.example.de/ml/eval-sets", true},
		{"https://intranet.example.com/ai/governance?view=lead#owner", true},
		{"board-minutes-2026-09-14.pdf", true},
		{"docs/ai%20policy.pdf", true},
		{"Shared drive > Governance > Lead appointment.docx", false},
		{`C:\evidence\policy.docx`, false},
		{"policy v2.pdf", false},
		{"Richtlinie-Ü.pdf", false},
		{"a#b#c", false},
		{"100%sure.pdf", false},
		{"1http://x", false},
		{"", false},
	} {
		if got := uriReference(tc.in); got != tc.link {
			t.Errorf("uriReference(%q) = %v, want %v", tc.in, got, tc.link)
		}
	}
}

func TestControlIDs(t *testing.T) {
	for _, tc := range []struct {
		id     string
		clause bool
		want   string
	}{
		{"6.1.2", true, "clause-6.1.2"},
		{"4", true, "clause-4"},
		{"A.6.2.4", false, "A.6.2.4"},
		{"A.10", false, "A.10"},
		{"2.1", false, "control-2.1"},
		{"X.1", false, "X.1"},
		{"_x", false, "_x"},
	} {
		if got := controlID(tc.id, tc.clause); got != tc.want {
			t.Errorf("controlID(%q, %v) = %q, want %q", tc.id, tc.clause, got, tc.want)
		}
	}
	token := regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)
	for _, q := range builtin(t).Questions() {
		if id := controlID(q.ID, !q.IsControl()); !token.MatchString(id) {
			t.Errorf("%s -> %q is not an OSCAL token", q.ID, id)
		}
	}
	if got := sortID("6.1.2"); got != "06.01.02" {
		t.Errorf("sortID = %q", got)
	}
	if got := sortID("A.10.3"); got != "A.10.03" {
		t.Errorf("sortID = %q", got)
	}
}

func hasProp(ps []Property, name, class, value string) bool {
	for _, p := range ps {
		if p.Name == name && p.Class == class && p.Value == value {
			return true
		}
	}
	return false
}

// TestDocumentsAreJSON catches an encoder change that would escape text.
func TestDocumentsAreJSON(t *testing.T) {
	c := builtin(t)
	ar, _ := render(t, build(load(t, exampleAnswers, c), c))
	if !json.Valid(ar) || !bytes.Contains(ar, []byte("Müller & Søn")) {
		t.Error("names should be written as UTF-8 text, not escaped")
	}
}

// BenchmarkDocuments measures writing the example's three OSCAL documents.
func BenchmarkDocuments(b *testing.B) {
	c := builtin(b)
	r := build(load(b, exampleAnswers, c), c)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteAssessmentResults(&buf, r); err != nil {
			b.Fatal(err)
		}
		if err := WritePOAM(&buf, r); err != nil {
			b.Fatal(err)
		}
		if err := WriteCatalog(&buf, c, "2026-11-22"); err != nil {
			b.Fatal(err)
		}
	}
}
