package report

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// Gate is one CI gate that was asked for (a threshold, the blockers, and
// later a regression, an overdue plan or an evidence check) and its outcome.
// Gates are the only JUnit test cases that can fail.
type Gate struct {
	ID      string // short, for the test case's class: threshold, blockers
	Name    string // what passing means: "overall score is at least 70"
	Failed  bool
	Message string // one line: the outcome
	Detail  string // optional: what to look at, one item per line
}

// JUnit mapping (documented in the README's "In CI" section):
//
//   - suite "gates": "answers file is valid" (an error when it is not), then
//     one test case per gate asked for, failing when the gate fails;
//   - one suite per section, one test case per question: a met question
//     passes; a gap (partly or not met, not assessed) is skipped with
//     "gap: ..." and its unmet criteria and fixes in system-out; an excluded
//     control is skipped with its justification. Skipped never fails a
//     build, so a team that passes its gates has a green test view and still
//     sees every gap;
//   - suite properties carry the overall and section scores and the verdict.
const (
	junitGates      = "gates"
	junitValidCase  = "answers file is valid"
	junitClassGates = "aimsready.gates"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Items []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// junitCase keeps the element order the common JUnit schemas expect:
// skipped, error or failure first, then system-out.
type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

type junitText struct {
	Body string `xml:",cdata"`
}

func (s *junitSuite) add(tc junitCase) {
	s.Tests++
	switch {
	case tc.Error != nil:
		s.Errors++
	case tc.Failure != nil:
		s.Failures++
	case tc.Skipped != nil:
		s.Skipped++
	}
	s.Cases = append(s.Cases, tc)
}

func (ss *junitSuites) add(s junitSuite) {
	ss.Tests += s.Tests
	ss.Failures += s.Failures
	ss.Errors += s.Errors
	ss.Skipped += s.Skipped
	ss.Suites = append(ss.Suites, s)
}

// WriteJUnit writes the CI test view of a scored answers file: the gates
// that were asked for pass or fail; per-question detail never fails.
func WriteJUnit(w io.Writer, res *assess.Result, c *catalog.Catalog, file string, gates []Gate) error {
	org := res.Organization
	if org == "" {
		org = "(organisation not named)"
	}
	suites := junitSuites{Name: "aimsready: ISO/IEC 42001 readiness of " + org}

	g := junitSuite{Name: junitGates, Properties: &junitProperties{Items: []junitProperty{
		{"overall", Pct(res.Overall)},
		{"verdict", res.Verdict.Label},
		{"stage-1-blockers", fmt.Sprint(len(res.Blockers))},
		{"questions-assessed", fmt.Sprintf("%d of %d", len(res.Questions)-len(res.NotAssessed), len(res.Questions))},
		{"catalog", res.Catalog},
		{"profile", string(res.Profile)},
		{"answers-file", file},
	}}}
	g.add(junitCase{Name: junitValidCase, Classname: junitClassGates, File: file,
		SystemOut: &junitText{Body: fmt.Sprintf("%s: ok: %d of %d questions assessed, catalog %s\n",
			file, len(res.Questions)-len(res.NotAssessed), len(res.Questions), res.Catalog)}})
	for _, gate := range gates {
		tc := junitCase{Name: gate.Name, Classname: junitClassGates + "." + gate.ID, File: file}
		if gate.Failed {
			tc.Failure = &junitMessage{Message: gate.Message, Type: gate.ID, Body: gate.Detail}
		} else if gate.Message != "" {
			tc.SystemOut = &junitText{Body: gate.Message + "\n" + gate.Detail}
		}
		g.add(tc)
	}
	suites.add(g)

	bySection := map[string]*junitSuite{}
	var order []string
	for _, s := range res.Sections {
		score := "n/a"
		if s.Scored() {
			score = Pct(s.Score)
		}
		bySection[s.ID] = &junitSuite{Name: fmt.Sprintf("%s %s", s.ID, s.Title),
			Properties: &junitProperties{Items: []junitProperty{{"score", score}, {"answered", fmt.Sprintf("%d of %d", s.Answered, s.Total)}}}}
		order = append(order, s.ID)
	}
	for _, q := range res.Questions {
		bySection[q.Section].add(questionCase(q, c))
	}
	for _, id := range order {
		suites.add(*bySection[id])
	}
	return writeXML(w, suites)
}

// questionCase is the detail of one question: never a failure.
func questionCase(q assess.QuestionScore, c *catalog.Catalog) junitCase {
	tc := junitCase{Name: q.ID + " " + q.Title, Classname: "aimsready." + q.Section}
	switch q.Status {
	case assess.StatusMet:
	case assess.StatusExcluded:
		tc.Skipped = &junitMessage{Message: "excluded in the Statement of Applicability: " + oneLine(q.Justification)}
	case assess.StatusNotAssessed:
		tc.Skipped = &junitMessage{Message: "gap: not assessed yet (scored 0)"}
		tc.SystemOut = &junitText{Body: "Answer this question with 'aimsready assess' or in the answers file.\n"}
	default:
		tc.Skipped = &junitMessage{Message: fmt.Sprintf("gap: %d of %d criteria not met (score %s)", len(q.Unmet), len(q.Unmet)+len(q.Met), Pct(q.Score))}
		var body strings.Builder
		if cq := c.Question(q.ID); cq != nil {
			for _, id := range q.Unmet {
				if cr := cq.Criterion(id); cr != nil {
					fmt.Fprintf(&body, "- %s: %s\n  Fix: %s\n", id, oneLine(cr.Text), oneLine(cr.Fix))
				}
			}
		}
		tc.SystemOut = &junitText{Body: body.String()}
	}
	return tc
}

// WriteJUnitError writes the test view of an answers file that could not be
// read: one error test case naming the file, and the line and column of the
// first problem, so a broken file never leaves an empty report behind.
func WriteJUnitError(w io.Writer, file string, err error) error {
	tc := junitCase{Name: junitValidCase, Classname: junitClassGates, File: file}
	msg := err.Error()
	kind := "invalid-input"
	if errors.Is(err, fs.ErrNotExist) {
		kind = "missing-file"
	}
	if ps, ok := strictyaml.AsProblems(err); ok && len(ps) > 0 {
		first := ps[0]
		msg = first.Error()
		switch n := len(ps) - 1; {
		case n == 1:
			msg += " (and 1 more problem)"
		case n > 1:
			msg += fmt.Sprintf(" (and %d more problems)", n)
		}
		tc.File, tc.Line = first.File, first.Line
	}
	tc.Error = &junitMessage{Message: oneLine(msg), Type: kind, Body: err.Error() + "\n"}
	s := junitSuite{Name: junitGates}
	s.add(tc)
	suites := junitSuites{Name: "aimsready: ISO/IEC 42001 readiness"}
	suites.add(s)
	return writeXML(w, suites)
}

// clean makes every text of the report safe for XML 1.0: answers files may
// hold control characters, and CDATA bodies are not escaped.
func (ss *junitSuites) clean() {
	ss.Name = xmlText(ss.Name)
	msg := func(m *junitMessage) {
		if m != nil {
			m.Message, m.Type, m.Body = xmlText(m.Message), xmlText(m.Type), xmlText(m.Body)
		}
	}
	for i := range ss.Suites {
		s := &ss.Suites[i]
		s.Name = xmlText(s.Name)
		if s.Properties != nil {
			for j := range s.Properties.Items {
				p := &s.Properties.Items[j]
				p.Name, p.Value = xmlText(p.Name), xmlText(p.Value)
			}
		}
		for j := range s.Cases {
			c := &s.Cases[j]
			c.Name, c.Classname, c.File = xmlText(c.Name), xmlText(c.Classname), xmlText(c.File)
			msg(c.Skipped)
			msg(c.Error)
			msg(c.Failure)
			if c.SystemOut != nil {
				c.SystemOut.Body = xmlText(c.SystemOut.Body)
			}
		}
	}
}

func writeXML(w io.Writer, ss junitSuites) error {
	ss.clean()
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(ss); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// xmlText replaces what XML 1.0 cannot carry (control characters, invalid
// UTF-8) with U+FFFD. encoding/xml writes CDATA as it is and lets control
// characters through in attributes, so every text is cleaned here.
func xmlText(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !ok(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}
