package catalog

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/google/go-cmp/cmp"
)

// wantQuestions pins every question id and official short title of
// ISO/IEC 42001:2023 (shared/reference/iso42001-facts.md §1 and §3).
var wantQuestions = [][2]string{
	{"4.1", "Understanding the organization and its context"},
	{"4.2", "Understanding the needs and expectations of interested parties"},
	{"4.3", "Determining the scope of the AI management system"},
	{"4.4", "AI management system"},
	{"5.1", "Leadership and commitment"},
	{"5.2", "AI policy"},
	{"5.3", "Roles, responsibilities and authorities"},
	{"6.1.1", "General"},
	{"6.1.2", "AI risk assessment"},
	{"6.1.3", "AI risk treatment"},
	{"6.1.4", "AI system impact assessment"},
	{"6.2", "AI objectives and planning to achieve them"},
	{"6.3", "Planning of changes"},
	{"7.1", "Resources"},
	{"7.2", "Competence"},
	{"7.3", "Awareness"},
	{"7.4", "Communication"},
	{"7.5.1", "General"},
	{"7.5.2", "Creating and updating documented information"},
	{"7.5.3", "Control of documented information"},
	{"8.1", "Operational planning and control"},
	{"8.2", "AI risk assessment"},
	{"8.3", "AI risk treatment"},
	{"8.4", "AI system impact assessment"},
	{"9.1", "Monitoring, measurement, analysis and evaluation"},
	{"9.2.1", "General"},
	{"9.2.2", "Internal audit programme"},
	{"9.3.1", "General"},
	{"9.3.2", "Management review inputs"},
	{"9.3.3", "Management review results"},
	{"10.1", "Continual improvement"},
	{"10.2", "Nonconformity and corrective action"},
	{"A.2.2", "AI policy"},
	{"A.2.3", "Alignment with other organizational policies"},
	{"A.2.4", "Review of the AI policy"},
	{"A.3.2", "AI roles and responsibilities"},
	{"A.3.3", "Reporting of concerns"},
	{"A.4.2", "Resource documentation"},
	{"A.4.3", "Data resources"},
	{"A.4.4", "Tooling resources"},
	{"A.4.5", "System and computing resources"},
	{"A.4.6", "Human resources"},
	{"A.5.2", "AI system impact assessment process"},
	{"A.5.3", "Documentation of AI system impact assessments"},
	{"A.5.4", "Assessing AI system impact on individuals or groups of individuals"},
	{"A.5.5", "Assessing societal impacts of AI systems"},
	{"A.6.1.2", "Objectives for responsible development of AI system"},
	{"A.6.1.3", "Processes for responsible AI system design and development"},
	{"A.6.2.2", "AI system requirements and specification"},
	{"A.6.2.3", "Documentation of AI system design and development"},
	{"A.6.2.4", "AI system verification and validation"},
	{"A.6.2.5", "AI system deployment"},
	{"A.6.2.6", "AI system operation and monitoring"},
	{"A.6.2.7", "AI system technical documentation"},
	{"A.6.2.8", "AI system recording of event logs"},
	{"A.7.2", "Data for development and enhancement of AI system"},
	{"A.7.3", "Acquisition of data"},
	{"A.7.4", "Quality of data for AI systems"},
	{"A.7.5", "Data provenance"},
	{"A.7.6", "Data preparation"},
	{"A.8.2", "System documentation and information for users"},
	{"A.8.3", "External reporting"},
	{"A.8.4", "Communication of incidents"},
	{"A.8.5", "Information for interested parties"},
	{"A.9.2", "Processes for responsible use of AI systems"},
	{"A.9.3", "Objectives for responsible use of AI system"},
	{"A.9.4", "Intended use of the AI system"},
	{"A.10.2", "Allocating responsibilities"},
	{"A.10.3", "Suppliers"},
	{"A.10.4", "Customers"},
}

var wantSections = [][2]string{
	{"4", "Context of the organization"},
	{"5", "Leadership"},
	{"6", "Planning"},
	{"7", "Support"},
	{"8", "Operation"},
	{"9", "Performance evaluation"},
	{"10", "Improvement"},
	{"A.2", "Policies related to AI"},
	{"A.3", "Internal organization"},
	{"A.4", "Resources for AI systems"},
	{"A.5", "Assessing impacts of AI systems"},
	{"A.6", "AI system life cycle"},
	{"A.7", "Data for AI systems"},
	{"A.8", "Information for interested parties of AI systems"},
	{"A.9", "Use of AI systems"},
	{"A.10", "Third-party and customer relationships"},
}

func builtinT(t testing.TB) *Catalog {
	t.Helper()
	c, err := Builtin()
	if err != nil {
		t.Fatalf("built-in catalog: %v", err)
	}
	return c
}

func TestBuiltinQuestionsAndTitles(t *testing.T) {
	c := builtinT(t)
	var got [][2]string
	for _, q := range c.Questions() {
		got = append(got, [2]string{q.ID, q.Title})
	}
	if diff := cmp.Diff(wantQuestions, got); diff != "" {
		t.Errorf("question ids and titles (-want +got):\n%s", diff)
	}
	var gotSec [][2]string
	for _, s := range c.Sections {
		gotSec = append(gotSec, [2]string{s.ID, s.Title})
	}
	if diff := cmp.Diff(wantSections, gotSec); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	controls := 0
	for _, q := range c.Questions() {
		if q.IsControl() {
			controls++
		}
	}
	if controls != 38 {
		t.Errorf("Annex A controls = %d, want 38", controls)
	}
	if n := len(c.Questions()) - controls; n != 32 {
		t.Errorf("leaf clauses = %d, want 32", n)
	}
	if c.ID != "iso42001-2023" || !semver().MatchString(c.Version) {
		t.Errorf("catalog ident = %s", c.Ident())
	}
}

// The 18 items of documented information a Stage 1 audit cannot pass without
// (facts §2), and the criteria that stand for them.
func TestBuiltinDocumentedInformation(t *testing.T) {
	c := builtinT(t)
	want := []string{"4.3", "4.4", "5.2", "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.2", "7.2", "7.5.1",
		"8.1", "8.2", "8.3", "8.4", "9.1", "9.2.2", "9.3.3", "10.2"}
	var got []string
	for _, q := range c.Questions() {
		if q.Documented {
			got = append(got, q.ID)
		}
		if q.IsControl() {
			for _, cr := range q.Criteria {
				if cr.Documented {
					t.Errorf("%s/%s: Annex A criteria must not be Stage 1 documented-information blockers", q.ID, cr.ID)
				}
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documented-information questions (-want +got):\n%s", diff)
	}
	soa := c.Question("6.1.3").Criterion("soa")
	if soa == nil || !soa.Documented {
		t.Errorf("6.1.3 must have a documented criterion \"soa\" for the Statement of Applicability")
	}
}

func TestBuiltinQuickSnapshot(t *testing.T) {
	c := builtinT(t)
	n := 0
	for _, q := range c.Questions() {
		if q.Quick {
			n++
		}
	}
	if n < 12 || n > 20 {
		t.Errorf("quick questions = %d, want 12 to 20", n)
	}
}

func TestBuiltinRolesAndRefs(t *testing.T) {
	c := builtinT(t)
	for _, q := range c.Questions() {
		if q.IsControl() && len(q.Roles) == 0 {
			t.Errorf("%s: control has no roles", q.ID)
		}
		if len(q.Refs) == 0 {
			t.Errorf("%s: no cross-references", q.ID)
		}
		for _, r := range q.Refs {
			if r.Framework == FrameworkISO27001 && (q.IsControl() || r.ID != q.ID) {
				t.Errorf("%s: ISO/IEC 27001 reference %s must be the clause with the same number", q.ID, r.ID)
			}
			if r.Framework == FrameworkOWASP && !strings.HasSuffix(r.ID, ":2025") {
				t.Errorf("%s: OWASP reference %s: the built-in catalog pins the 2025 edition", q.ID, r.ID)
			}
		}
	}
}

// crosswalkPairs reads the full NIST AI RMF to ISO/IEC 42001 crosswalk
// (281 pairs, a copy of shared/reference kept under testdata): subcategory
// -> set of 42001 ids, Annex B guidance already applied to Annex A.
func crosswalkPairs(t *testing.T) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open("../testdata/reference/nist-ai-rmf-to-iso42001-crosswalk.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]map[string]bool{}
	for _, row := range rows[1:] {
		if pairs[row[0]] == nil {
			pairs[row[0]] = map[string]bool{}
		}
		pairs[row[0]][row[3]] = true
	}
	if n := len(rows) - 1; n != 281 {
		t.Fatalf("crosswalk has %d pairs, want 281", n)
	}
	return pairs
}

// A NIST reference is labelled crosswalk exactly when its pair is in the
// published crosswalk, and every question with a published pair cites one.
func TestCrosswalkLabels(t *testing.T) {
	c := builtinT(t)
	pairs := crosswalkPairs(t)
	hasPair := map[string]bool{}
	for _, qs := range pairs {
		for q := range qs {
			hasPair[q] = true
		}
	}
	for _, q := range c.Questions() {
		cites := false
		for _, r := range q.Refs {
			if r.Framework != FrameworkNIST {
				if r.Basis == BasisCrosswalk {
					t.Errorf("%s: %s %s is marked crosswalk; only NIST AI RMF pairs are published", q.ID, r.Framework, r.ID)
				}
				continue
			}
			published := pairs[r.ID][q.ID]
			switch {
			case published && r.Basis != BasisCrosswalk:
				t.Errorf("%s: NIST %s is a published pair but marked %s", q.ID, r.ID, r.Basis)
			case !published && r.Basis == BasisCrosswalk:
				t.Errorf("%s: NIST %s is marked crosswalk but is not a published pair", q.ID, r.ID)
			}
			cites = cites || published
		}
		if hasPair[q.ID] && !cites {
			t.Errorf("%s has published crosswalk pairs but cites none", q.ID)
		}
	}
}

func TestVocabularies(t *testing.T) {
	counts := map[string]int{}
	for _, term := range Vocabulary(FrameworkNIST) {
		counts[NISTFunction(term.ID)]++
	}
	want := map[string]int{"GOVERN": 19, "MAP": 18, "MEASURE": 22, "MANAGE": 13}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("NIST AI RMF subcategories per function (-want +got):\n%s", diff)
	}
	if !KnownRef(FrameworkOWASP, "LLM08:2026") || KnownRef(FrameworkOWASP, "LLM08") {
		t.Error("OWASP ids must carry their edition year")
	}
	if RefTitle(FrameworkOWASP, "LLM08:2025") != "Vector and Embedding Weaknesses" || RefTitle(FrameworkOWASP, "LLM08:2026") != "Hidden Context Exposure" {
		t.Error("OWASP 2025 and 2026 editions are numbered differently")
	}
}

// A hand-broken custom catalog must get every problem listed at once, each
// with file:line:col.
func TestValidateListsEveryProblem(t *testing.T) {
	src := `id: my-sector
version: "1.0"
title: Sector add-on
sections:
  - id: "X"
    title: Sector controls
    kind: annex
    intro: Our own.
    questions:
      - id: "X.1"
        title: Model cards
        weight: 0
        prompt: Do you publish model cards?
        guidance: ""
        roles: [builder]
        refs:
          - {framework: nist-ai-rmf, id: GOVERN 9.9, basis: analysis}
          - {framework: owasp-llm, id: LLM01:2025, basis: hunch}
        criteria:
          - id: policy
            text: A policy exists.
            weight: 0
            fix: Write it.
            effort: XL
          - id: policy
            text: Again.
            weight: 1
            fix: ""
            effort: S
      - id: "X.1"
        title: ""
        weight: 1
        prompt: p
        guidance: g
        documented: true
        criteria:
          - {id: Bad_Id, text: t, weight: 1, fix: f, effort: S}
          - {id: b, text: t, weight: 1, fix: f, effort: S}
          - {id: c, text: t, weight: 1, fix: f, effort: S}
`
	_, err := Parse("my.yaml", []byte(src))
	ps, ok := strictyaml.AsProblems(err)
	if !ok {
		t.Fatalf("want problems, got %v", err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Error())
	}
	want := []string{
		`my.yaml: catalog version "1.0" must be a semantic version, like 1.0.0`,
		`my.yaml:10:9: question "X.1": weight must be a number from 0.1 to 5, not 0`,
		`my.yaml:10:9: question "X.1": guidance is missing`,
		`my.yaml:10:9: question "X.1": unknown role "builder" (known: developer, provider, user)`,
		`my.yaml:10:9: question "X.1": needs 3 to 7 criteria, has 2`,
		`my.yaml:17:13: question "X.1": unknown NIST AI RMF 1.0 reference "GOVERN 9.9"`,
		`my.yaml:18:13: question "X.1": reference "LLM01:2025": basis must be crosswalk or analysis, not "hunch"`,
		`my.yaml:20:13: question "X.1": criterion "policy": weight must be a number from 0.1 to 5, not 0`,
		`my.yaml:20:13: question "X.1": criterion "policy": effort must be S, M or L, not "XL"`,
		`my.yaml:20:13: question "X.1": criterion "policy": evidence is missing: say document, practice or record (what it takes to meet it)`,
		`my.yaml:25:13: question "X.1": criterion "policy": duplicate criterion id`,
		`my.yaml:25:13: question "X.1": criterion "policy": fix is missing`,
		`my.yaml:25:13: question "X.1": criterion "policy": evidence is missing: say document, practice or record (what it takes to meet it)`,
		`my.yaml:30:9: question "X.1": duplicate question id (first at line 10)`,
		`my.yaml:30:9: question "X.1": title is missing`,
		`my.yaml:30:9: question "X.1": requires documented information but no criterion is marked documented: true`,
		`my.yaml:37:13: question "X.1": criterion "Bad_Id": id must be short kebab-case (a-z, 0-9, dashes)`,
		`my.yaml:37:13: question "X.1": criterion "Bad_Id": evidence is missing: say document, practice or record (what it takes to meet it)`,
		`my.yaml:38:13: question "X.1": criterion "b": evidence is missing: say document, practice or record (what it takes to meet it)`,
		`my.yaml:39:13: question "X.1": criterion "c": evidence is missing: say document, practice or record (what it takes to meet it)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestParseRejectsStructuralErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "my.yaml: file is empty"},
		{"comments only", "# nothing\n", "my.yaml: file holds no YAML content (only comments?)"},
		{"syntax", "id: [unclosed\n", "my.yaml:"},
		{"two documents", "id: a\n---\nid: b\n", "my.yaml:2: file holds more than one YAML document"},
		{"unknown top key", "id: a\nversion: 1.0.0\ntitle: t\nsectons: []\n", `my.yaml:4:1: catalog: unknown key "sectons" (known: id, version, title, standard, method, changes, sections)`},
		{"duplicate key", "id: a\nid: b\n", `my.yaml:2:1: catalog: key "id" appears twice (first at line 1)`},
		{"alias", "id: &x a\nversion: *x\n", "my.yaml:1: anchors and aliases"},
		{"wrong type", "id: a\nversion: 1.0.0\ntitle: t\nsections: {a: b}\n", "my.yaml:4:11: sections must be a list, not a mapping"},
		{"unknown criterion key", `id: a
version: 1.0.0
title: t
sections:
  - id: "1"
    title: s
    kind: clause
    intro: i
    questions:
      - id: "1.1"
        title: q
        weight: 1
        prompt: p
        guidance: g
        criteria:
          - {id: a, text: t, weight: 1, fix: f, effort: S, colour: red}
`, `my.yaml:16:60: question "1.1": criterion "a": unknown key "colour"`},
		{"escape sequence", "id: a\nversion: 1.0.0\ntitle: \"\\e[2Jgone\"\n", "my.yaml:3:8: catalog title contains the control character U+001B"},
		{"nul", "id: a\x00\n", "my.yaml:1: file contains a NUL byte"},
		{"utf16", "\xff\xfei\x00d\x00", "my.yaml: file is UTF-16 encoded"},
		{"bad utf8", "id: a\ntitle: \xc3\x28\n", "my.yaml:2: file is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("my.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml: no such file") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadFile(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// An exported catalog loads back as the same catalog: users start custom
// catalogs from an export.
func TestBuiltinRoundTrip(t *testing.T) {
	c := builtinT(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "copy.yaml")
	if err := os.WriteFile(path, BuiltinYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	c2, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.Questions()[5].Criteria, c2.Questions()[5].Criteria); diff != "" {
		t.Errorf("round trip (-builtin +copy):\n%s", diff)
	}
	if fmt.Sprint(len(c2.Questions())) != "70" {
		t.Errorf("copy has %d questions", len(c2.Questions()))
	}
}

func FuzzParse(f *testing.F) {
	f.Add(BuiltinYAML())
	f.Add([]byte("id: a\nversion: 1.0.0\ntitle: t\nsections: []\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Add([]byte("[[[[[[[[[[]]]]]]]]]]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err == nil && c == nil {
			t.Fatal("nil catalog without error")
		}
		if err != nil {
			if _, ok := strictyaml.AsProblems(err); !ok {
				t.Fatalf("error without position type: %v", err)
			}
		}
	})
}

func BenchmarkParseBuiltin(b *testing.B) {
	data := BuiltinYAML()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(BuiltinFile, data); err != nil {
			b.Fatal(err)
		}
	}
}

// A role weight applies to organisations holding that role; a role not
// listed takes the base weight, and the largest counts.
func TestWeightFor(t *testing.T) {
	q := &Question{Weight: 4, RoleWeights: map[Role]float64{RoleUser: 3, RoleProvider: 5}}
	for _, tc := range []struct {
		roles []Role
		want  float64
	}{
		{nil, 4},
		{[]Role{RoleUser}, 3},
		{[]Role{RoleDeveloper, RoleUser}, 4},
		{[]Role{RoleUser, RoleProvider}, 5},
		{[]Role{RoleDeveloper}, 4},
	} {
		if got := q.WeightFor(tc.roles); got != tc.want {
			t.Errorf("roles %v: weight %v, want %v", tc.roles, got, tc.want)
		}
	}
}

// Lint warns, with the place, on what makes a criterion hard to judge or
// a fix hard to act on.
func TestLintWarnings(t *testing.T) {
	src := `id: my-sector
version: 1.0.0
title: Sector add-on
sections:
  - id: "X"
    title: Sector controls
    kind: annex
    intro: Our own.
    questions:
      - id: "X.1"
        title: Model cards
        weight: 2
        prompt: Do you publish model cards?
        guidance: The auditor reads three.
        criteria:
          - {id: hedged, text: Cards are updated where appropriate., weight: 1, evidence: practice, fix: Update the cards., effort: S}
          - {id: noun-fix, text: Cards name their owner., weight: 1, evidence: document, fix: Ownership of cards., effort: S}
          - {id: twice, text: Cards are approved., weight: 1, evidence: document, fix: Update the cards., effort: S}
          - {id: rule-in-text, text: "Cards are reviewed after each incident. If none has happened yet, answer met.", weight: 1, evidence: record, fix: Review the cards after each incident., effort: S}
          - {id: rule-apart, text: Cards are reviewed yearly., no-event: "If a card is under a year old, answer met.", weight: 1, evidence: record, fix: Review each card every year., effort: S}
`
	c, err := Parse("sector.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(c.Warnings(), "\n")
	for _, want := range []string{
		`X.1/hedged: text hedges with "where appropriate"`,
		`X.1/noun-fix: fix starts with "Ownership"`,
		`X.1/twice: same fix as X.1/hedged`,
		`X.1/rule-in-text: text says how to answer; move that sentence to no-event`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "rule-apart") {
		t.Errorf("a rule kept in no-event was warned about:\n%s", got)
	}
	if cr := c.Question("X.1").Criterion("rule-apart"); cr.ForAssessor() != "Cards are reviewed yearly. If a card is under a year old, answer met." {
		t.Errorf("ForAssessor = %q", cr.ForAssessor())
	}
}

// Suggest points a mistyped id to the questions one keystroke away.
func TestSuggestTypos(t *testing.T) {
	c := builtinT(t)
	for _, tt := range []struct{ id, want string }{
		{"4.33", "did you mean 4.3 Determining the scope of the AI management system?"},
		{"6.1.5", "did you mean 6.1.1, 6.1.2, 6.1.3 or 6.1.4?"},
		{"7.5", "7.5 is a heading; its questions are 7.5.1, 7.5.2 and 7.5.3"},
		{"a.7.4", "did you mean A.7.4 Quality of data for AI systems?"},
		{"A.6.2.9", ""}, // seven ids one keystroke away: no guess
		{"zzz", ""},
	} {
		if got := c.Suggest(tt.id); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// implies must name another criterion of the catalog.
func TestImpliesChecked(t *testing.T) {
	src := `id: my-sector
version: 1.0.0
title: Sector add-on
sections:
  - id: "X"
    title: Sector controls
    kind: annex
    intro: Our own.
    questions:
      - id: "X.1"
        title: Model cards
        weight: 2
        prompt: Do you publish model cards?
        guidance: The auditor reads three.
        criteria:
          - {id: all, text: Every card exists., weight: 1, evidence: document, fix: Write the cards., effort: S, implies: ["X.1/one", "X.9/none", "X.1/all"]}
          - {id: one, text: The first card exists., weight: 1, evidence: document, fix: Write the first card., effort: S}
`
	_, err := Parse("sector.yaml", []byte(src))
	for _, want := range []string{`implies "X.9/none" must name another`, `implies "X.1/all" must name another`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), `"X.1/one"`) {
		t.Errorf("a valid implies was refused: %v", err)
	}
}
