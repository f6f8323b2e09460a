package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// ScoreSchema versions the JSON of `aimsready score --format json`.
const ScoreSchema = "aimsready.score/v1"

type scoreJSON struct {
	Schema         string         `json:"schema"`
	Catalog        string         `json:"catalog"`
	AnswersCatalog string         `json:"answers_catalog"`
	Profile        string         `json:"profile"`
	Organization   string         `json:"organization"`
	Date           string         `json:"date"`
	Overall        float64        `json:"overall"`
	Verdict        verdictJSON    `json:"verdict"`
	Sections       []sectionJSON  `json:"sections"`
	Blockers       []blockerJSON  `json:"blockers"`
	Fixes          []fixJSON      `json:"fixes"`
	NotAssessed    []string       `json:"not_assessed"`
	Excluded       []string       `json:"excluded"`
	SoAMissing     []string       `json:"soa_missing"`
	Questions      []questionJSON `json:"questions"`
	Disclaimer     string         `json:"disclaimer"`
}

type verdictJSON struct {
	Ready  bool   `json:"ready_for_stage1"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
}

type sectionJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
	Score    *float64 `json:"score"` // null when every question was excluded
	Answered int      `json:"answered"`
	Total    int      `json:"total"`
	Excluded int      `json:"excluded"`
}

type blockerJSON struct {
	Question  string `json:"question"`
	Title     string `json:"title"`
	Criterion string `json:"criterion"`
	Text      string `json:"text"`
	Reason    string `json:"reason"`
	Fix       string `json:"fix"`
}

type fixJSON struct {
	Rank          int      `json:"rank"`
	Question      string   `json:"question"`
	QuestionTitle string   `json:"question_title"`
	Criterion     string   `json:"criterion"`
	Text          string   `json:"text"`
	Fix           string   `json:"fix"`
	Cites         []string `json:"cites"`
	Effort        string   `json:"effort"`
	Blocker       bool     `json:"blocker"`
	Assessed      bool     `json:"assessed"`
	Gain          float64  `json:"gain"`
}

type questionJSON struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Kind   string   `json:"kind"`
	Weight float64  `json:"weight"`
	Status string   `json:"status"`
	Score  float64  `json:"score"`
	Met    []string `json:"met"`
	Unmet  []string `json:"unmet"`
}

// WriteScoreJSON writes the machine-readable score for CI jobs and scripts.
func WriteScoreJSON(w io.Writer, res *assess.Result) error {
	out := scoreJSON{
		Schema: ScoreSchema, Catalog: res.Catalog, AnswersCatalog: res.AnswersFrom, Profile: string(res.Profile),
		Organization: res.Organization, Date: res.Date, Overall: Round2(res.Overall),
		Verdict:  verdictJSON{res.Verdict.Ready(), res.Verdict.Label, res.Verdict.Reason},
		Sections: []sectionJSON{}, Blockers: []blockerJSON{}, Fixes: []fixJSON{}, Questions: []questionJSON{},
		NotAssessed: nonNil(res.NotAssessed), Excluded: nonNil(res.Excluded), SoAMissing: nonNil(res.SoAMissing),
		Disclaimer: Disclaimer,
	}
	for _, s := range res.Sections {
		var score *float64
		if s.Scored() {
			v := Round2(s.Score)
			score = &v
		}
		out.Sections = append(out.Sections, sectionJSON{s.ID, s.Title, string(s.Kind), score, s.Answered, s.Total, s.Excluded})
	}
	for _, b := range res.Blockers {
		out.Blockers = append(out.Blockers, blockerJSON{b.Question, b.Title, b.Criterion, b.Text, b.Reason, b.Fix})
	}
	for _, f := range res.Fixes {
		out.Fixes = append(out.Fixes, fixJSON{f.Rank, f.Question, f.QuestionTitle, f.Criterion, f.Text, f.Fix,
			f.Cites, string(f.Effort), f.Blocker, f.Assessed, Round2(f.Gain)})
	}
	for _, q := range res.Questions {
		out.Questions = append(out.Questions, questionJSON{q.ID, q.Title, q.Kind, q.Weight, string(q.Status), Round2(q.Score), nonNil(q.Met), nonNil(q.Unmet)})
	}
	return writeIndentedJSON(w, out)
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes one test case per question, failing with its unmet
// criteria, so CI systems show the gaps in their test views. Excluded
// controls are skipped with their justification.
func WriteJUnit(w io.Writer, res *assess.Result, c *catalog.Catalog) error {
	suites := junitSuites{Name: "ISO/IEC 42001 readiness: " + res.Organization}
	bySection := map[string]*junitSuite{}
	var order []string
	for _, s := range res.Sections {
		bySection[s.ID] = &junitSuite{Name: fmt.Sprintf("%s %s", s.ID, s.Title)}
		order = append(order, s.ID)
	}
	for _, q := range res.Questions {
		suite := bySection[q.Section]
		tc := junitCase{Name: q.ID + " " + q.Title, Classname: "aimsready." + q.Section}
		switch q.Status {
		case assess.StatusExcluded:
			tc.Skipped = &junitMessage{Message: "excluded in the Statement of Applicability: " + q.Justification}
			suite.Skipped++
		case assess.StatusNotAssessed:
			tc.Failure = &junitMessage{Type: "not-assessed", Message: "not assessed yet (scored 0)",
				Body: "Answer this question with 'aimsready assess' or in the answers file."}
			suite.Failures++
		case assess.StatusMet:
		default:
			var body strings.Builder
			for _, id := range q.Unmet {
				if cr := c.Question(q.ID).Criterion(id); cr != nil {
					fmt.Fprintf(&body, "- %s: %s\n  Fix: %s\n", id, cr.Text, cr.Fix)
				}
			}
			tc.Failure = &junitMessage{Type: "unmet-criteria",
				Message: fmt.Sprintf("%d of %d criteria not met (score %s)", len(q.Unmet), len(q.Unmet)+len(q.Met), Pct(q.Score)),
				Body:    body.String()}
			suite.Failures++
		}
		suite.Tests++
		suite.Cases = append(suite.Cases, tc)
	}
	for _, id := range order {
		s := bySection[id]
		suites.Suites = append(suites.Suites, *s)
		suites.Tests += s.Tests
		suites.Failures += s.Failures
		suites.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(suites); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// WriteScoreMarkdown writes a summary fit for a CI job summary or a
// pull-request comment.
func WriteScoreMarkdown(w io.Writer, res *assess.Result, top int) error {
	if top <= 0 {
		top = 10
	}
	p := &printer{w: w}
	org := EscapeMarkdown(res.Organization)
	if org == "" {
		org = "(organisation not named)"
	}
	p.f("## ISO/IEC 42001 readiness: %s\n\n", org)
	p.f("**Overall: %s / 100** · **%s**\n\n", Pct(res.Overall), res.Verdict.Label)
	p.f("%s\n\n", EscapeMarkdown(res.Verdict.Reason))
	assessed := len(res.Questions) - len(res.NotAssessed)
	p.f("Catalog `%s`, %s profile, %d of %d questions assessed", res.Catalog, res.Profile, assessed, len(res.Questions))
	if res.Date != "" {
		p.f(", assessment date %s", EscapeMarkdown(res.Date))
	}
	p.f(".\n\n| Section | Score | Answered |\n|---|---:|---:|\n")
	for _, s := range res.Sections {
		p.f("| %s %s | %s | %d/%d |\n", s.ID, EscapeMarkdown(s.Title), SectionPct(s), s.Answered, s.Total)
	}
	if len(res.Blockers) > 0 {
		p.f("\n### Stage 1 blockers (%d)\n\n", len(res.Blockers))
		for _, b := range res.Blockers {
			p.f("- **%s** %s, `%s`: %s\n", b.Question, EscapeMarkdown(b.Title), b.Criterion, EscapeMarkdown(b.Reason))
		}
	}
	if len(res.Fixes) > 0 {
		n := min(top, len(res.Fixes))
		p.f("\n### Top %d of %d fixes\n\n| # | Question | Fix | Effort | Gain |\n|---:|---|---|:---:|---:|\n", n, len(res.Fixes))
		for _, f := range res.Fixes[:n] {
			tag := ""
			if f.Blocker {
				tag = " **(blocker)**"
			}
			p.f("| %d | %s `%s`%s | %s | %s | +%s |\n", f.Rank, f.Question, f.Criterion, tag, EscapeMarkdown(f.Fix), f.Effort, Gain(f.Gain))
		}
	}
	if len(res.NotAssessed) > 0 {
		p.f("\nNot assessed (scored 0): %s\n", strings.Join(res.NotAssessed, ", "))
	}
	p.f("\n_%s_\n", Disclaimer)
	return p.err
}
