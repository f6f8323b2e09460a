package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const deliverableSrc = `commentary:
  executive: |
    The organisation has a **sound** policy base.

    - risk method in place
    - *no* impact assessment yet
  findings:
    - Roles are clear.
    - Supplier controls are informal.
  recommendations: [Run the impact assessment first.]
  sections:
    "6": Planning is the weakest clause.
    "A.5": |
      Impact assessments are missing.
engagement:
  period: {start: 2026-10-01, end: 2026-11-20}
  interviewees:
    - {name: Anna Weber, role: Head of Data Science, date: 2026-10-14}
    - {name: Jonas Keller, role: CISO}
  documents: [AI policy v1.2, Risk register 2026-Q3]
  limitations: Sampled two of five systems.
branding:
  firm: Nováková Advisory s.r.o.
  logo: brand/logo.png
  confidentiality: Confidential - client only
  draft: true
  version: "0.9"
`

func TestParseDeliverable(t *testing.T) {
	c := builtin(t)
	a, ws, err := Parse("a.yaml", []byte(head+deliverableSrc), c)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if strings.Contains(w.Msg, "interview") {
			t.Errorf("unexpected warning %s", w)
		}
	}
	want := Commentary{
		Executive:       "The organisation has a **sound** policy base.\n\n- risk method in place\n- *no* impact assessment yet",
		Findings:        []string{"Roles are clear.", "Supplier controls are informal."},
		Recommendations: []string{"Run the impact assessment first."},
		Sections:        []SectionComment{{"6", "Planning is the weakest clause."}, {"A.5", "Impact assessments are missing."}},
	}
	if diff := cmp.Diff(want, a.Commentary); diff != "" {
		t.Errorf("commentary (-want +got):\n%s", diff)
	}
	wantE := Engagement{PeriodStart: "2026-10-01", PeriodEnd: "2026-11-20",
		Interviewees: []Interviewee{{"Anna Weber", "Head of Data Science", "2026-10-14"}, {"Jonas Keller", "CISO", ""}},
		Documents:    []string{"AI policy v1.2", "Risk register 2026-Q3"}, Limitations: "Sampled two of five systems."}
	if diff := cmp.Diff(wantE, a.Engagement); diff != "" {
		t.Errorf("engagement (-want +got):\n%s", diff)
	}
	wantB := Branding{Firm: "Nováková Advisory s.r.o.", Logo: "brand/logo.png", Marking: "Confidential - client only", Draft: true, Version: "0.9"}
	if diff := cmp.Diff(wantB, a.Branding); diff != "" {
		t.Errorf("branding (-want +got):\n%s", diff)
	}
}

func TestParseDeliverableRejects(t *testing.T) {
	c := builtin(t)
	tests := []struct{ name, src, want string }{
		{"unknown commentary key", "commentary:\n  summary: x\n", `a.yaml:4:3: commentary: unknown key "summary" (known: executive, findings, recommendations, sections)`},
		{"findings not a list", "commentary:\n  findings: one finding\n", `a.yaml:4:13: commentary: findings must be a list`},
		{"empty finding", "commentary:\n  findings:\n    - a\n    -\n", `a.yaml:6:6: commentary: findings: each item must be text`},
		{"blank finding", "commentary:\n  findings: [a, \" \"]\n", `commentary: findings: item 2 is empty`},
		{"unknown section", "commentary:\n  sections:\n    \"A.11\": x\n", `a.yaml:5:5: commentary: sections: unknown section "A.11" (known: 4, 5,`},
		{"duplicate section", "commentary:\n  sections:\n    \"6\": x\n    \"6\": y\n", `key "6" appears twice`},
		{"executive not text", "commentary:\n  executive: [a]\n", `commentary: executive must be text, not a list`},
		{"escape in executive", "commentary:\n  executive: \"\\e[31m\"\n", `control character U+001B`},
		{"unknown engagement key", "engagement:\n  auditor: x\n", `engagement: unknown key "auditor"`},
		{"bad period date", "engagement:\n  period: {start: 2026-13-01}\n", `a.yaml:4:19: engagement: period: start: "2026-13-01" is not a day of the calendar: the month must be 01 to 12`},
		{"period reversed", "engagement:\n  period: {start: 2026-11-01, end: 2026-10-01}\n", `engagement: period ends (2026-10-01) before it starts (2026-11-01)`},
		{"unknown period key", "engagement:\n  period: {from: 2026-11-01}\n", `unknown key "from" (known: start, end)`},
		{"interviewee without name", "engagement:\n  interviewees:\n    - {role: CISO}\n", `a.yaml:5:7: engagement: an interviewee needs a name`},
		{"interviewee without role", "engagement:\n  interviewees:\n    - {name: Anna}\n", `engagement: interviewee "Anna": role is missing`},
		{"interviewee as text", "engagement:\n  interviewees:\n    - Anna, CISO\n", `a.yaml:5:7: engagement: interviewee must be a mapping`},
		{"interviewee bad date", "engagement:\n  interviewees:\n    - {name: A, role: B, date: 14.10.2026}\n", `date: "14.10.2026" must be a calendar date`},
		{"unknown branding key", "branding:\n  colour: navy\n", `branding: unknown key "colour" (known: firm, logo, confidentiality, draft, version)`},
		{"logo not an image", "branding:\n  logo: logo.svg\n", `a.yaml:4:9: branding: logo "logo.svg" must be a PNG or JPEG file`},
		{"draft not bool", "branding:\n  draft: yes please\n", `branding: draft must be true or false`},
		{"marking on two lines", "branding:\n  confidentiality: |\n    a\n    b\n", `branding: confidentiality must be one line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("a.yaml", []byte(head+tt.src), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestInterviewOutsidePeriodWarns(t *testing.T) {
	src := head + "engagement:\n  period: {start: 2026-10-01, end: 2026-10-31}\n  interviewees:\n    - {name: Anna, role: CISO, date: 2026-11-02}\n"
	_, ws, err := Parse("a.yaml", []byte(src), builtin(t))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range ws {
		if strings.Contains(w.String(), "a.yaml:6: interview with Anna on 2026-11-02 is outside the assessment period 2026-10-01 to 2026-10-31") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for the interview outside the period; got %v", ws)
	}
}

// The consultant's sections survive a save and load unchanged, and saving
// puts section comments in catalog order whatever order they were written.
func TestDeliverableRoundTrip(t *testing.T) {
	c := builtin(t)
	a := New(c, "Acme", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), ProfileFull)
	a.Commentary = Commentary{
		Executive:       "Para one with **bold**.\n\n- a\n- b",
		Findings:        []string{"yes", "=cmd|' /C calc'!A0", "multi\nline"},
		Recommendations: []string{"1.0"},
		Sections:        []SectionComment{{"A.5", "x: y"}, {"4", "true"}},
	}
	a.Engagement = Engagement{PeriodStart: "2026-10-01", PeriodEnd: "2026-11-20",
		Interviewees: []Interviewee{{"Anna", "CISO: security", "2026-10-02"}, {"Bo", "DPO", ""}},
		Documents:    []string{"- dash first"}, Limitations: "None.\nReally."}
	a.Branding = Branding{Firm: "Ω Advisory", Logo: "logo.jpeg", Marking: "Confidential", Draft: true, Version: "1.10"}
	data, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Parse("rt.yaml", data, c)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	b.Orphans = nil
	a.Commentary.Sections = []SectionComment{{"4", "true"}, {"A.5", "x: y"}}
	if diff := cmp.Diff(a, b, cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(Answers{})); diff != "" {
		t.Errorf("round trip (-saved +loaded):\n%s", diff)
	}
	if again, _ := Marshal(b, c); string(again) != string(data) {
		t.Error("Marshal is not deterministic across a round trip")
	}
	// A file without these sections saves without them.
	plain, _ := Marshal(New(c, "Acme", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), ProfileFull), c)
	for _, key := range []string{"commentary:", "engagement:", "branding:"} {
		if strings.Contains(string(plain), key) {
			t.Errorf("an empty %s section was written", key)
		}
	}
}

// FuzzDeliverable: whatever commentary, engagement and branding load, they
// save and load again unchanged.
func FuzzDeliverable(f *testing.F) {
	c := builtin(f)
	f.Add(deliverableSrc)
	f.Add("commentary:\n  executive: \"**x** *y*\"\nbranding: {draft: false}\n")
	f.Add("engagement:\n  interviewees:\n    - {name: \"A: B\", role: \"- c\"}\n")
	f.Fuzz(func(t *testing.T, src string) {
		a, _, err := Parse("f.yaml", []byte(head+src), c)
		if err != nil {
			return
		}
		data, err := Marshal(a, c)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := Parse("again.yaml", data, c)
		if err != nil {
			t.Fatalf("saved file does not load: %v\n%s", err, data)
		}
		b.Commentary.Sections, a.Commentary.Sections = nil, nil // saving puts them in catalog order
		if diff := cmp.Diff(a.Engagement, b.Engagement, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("engagement changed (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(a.Commentary, b.Commentary, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("commentary changed (-before +after):\n%s", diff)
		}
		if a.Branding != b.Branding {
			t.Errorf("branding changed: %+v -> %+v", a.Branding, b.Branding)
		}
	})
}
