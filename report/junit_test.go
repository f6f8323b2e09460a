package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/google/go-cmp/cmp"
)

// parsedJUnit is what a CI system reads back from the JUnit file.
type parsedJUnit struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name    string    `xml:"name,attr"`
			File    string    `xml:"file,attr"`
			Line    int       `xml:"line,attr"`
			Skipped *struct{} `xml:"skipped"`
			Failure *struct{} `xml:"failure"`
			Error   *struct {
				Message string `xml:"message,attr"`
				Body    string `xml:",chardata"`
			} `xml:"error"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, data []byte) parsedJUnit {
	t.Helper()
	var p parsedJUnit
	if err := xml.Unmarshal(data, &p); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, data)
	}
	// Every count must add up, or CI systems show wrong totals.
	var tests, failures, errs, skipped int
	for _, s := range p.Suites {
		var st, sf, se, ss int
		for _, c := range s.Cases {
			st++
			switch {
			case c.Error != nil:
				se++
			case c.Failure != nil:
				sf++
			case c.Skipped != nil:
				ss++
			}
		}
		if st != s.Tests || sf != s.Failures || se != s.Errors || ss != s.Skipped {
			t.Errorf("suite %q counts %d/%d/%d/%d, cases say %d/%d/%d/%d", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, st, sf, se, ss)
		}
		tests, failures, errs, skipped = tests+st, failures+sf, errs+se, skipped+ss
	}
	if tests != p.Tests || failures != p.Failures || errs != p.Errors || skipped != p.Skipped {
		t.Errorf("totals %d/%d/%d/%d, suites say %d/%d/%d/%d", p.Tests, p.Failures, p.Errors, p.Skipped, tests, failures, errs, skipped)
	}
	return p
}

// TestJUnitGates: only the gates asked for can fail; per-question detail is
// skipped or passes, so a team that meets its gates has a green view.
func TestJUnitGates(t *testing.T) {
	res, c := exampleResult(t)
	for _, tc := range []struct {
		name         string
		gates        []Gate
		failures     int
		gateCaseName []string
	}{
		{"no gates", nil, 0, []string{"answers file is valid"}},
		{"threshold met", []Gate{ThresholdGate(res, 30)}, 0, []string{"answers file is valid", "overall score is at least 30"}},
		{"both fail", []Gate{ThresholdGate(res, 70), BlockersGate(res)}, 2, []string{"answers file is valid", "overall score is at least 70", "no Stage 1 blockers remain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJUnit(&buf, res, c, "answers.yaml", tc.gates); err != nil {
				t.Fatal(err)
			}
			p := parseJUnit(t, buf.Bytes())
			if p.Failures != tc.failures || p.Errors != 0 {
				t.Errorf("%d failures and %d errors, want %d and 0", p.Failures, p.Errors, tc.failures)
			}
			var names []string
			for _, cs := range p.Suites[0].Cases {
				names = append(names, cs.Name)
			}
			if diff := cmp.Diff(tc.gateCaseName, names); diff != "" {
				t.Errorf("gate cases (-want +got):\n%s", diff)
			}
			gaps := 0
			for _, q := range res.Questions {
				if q.Status != assess.StatusMet {
					gaps++
				}
			}
			if p.Skipped != gaps {
				t.Errorf("%d skipped, want one per gap or exclusion (%d)", p.Skipped, gaps)
			}
			if got, want := p.Tests, len(res.Questions)+len(tc.gates)+1; got != want {
				t.Errorf("%d tests, want %d", got, want)
			}
		})
	}
}

// TestJUnitError: a file that cannot be read still gives a valid JUnit
// file with one error naming file:line:col.
func TestJUnitError(t *testing.T) {
	problems := strictyaml.Problems{
		{File: "answers.yaml", Line: 42, Col: 7, Msg: `unknown question "A.6.9"`},
		{File: "answers.yaml", Line: 50, Col: 3, Msg: "bad \x1b[31m thing"},
	}
	for _, tc := range []struct {
		name, message, file string
		line                int
		err                 error
	}{
		{"problems", `answers.yaml:42:7: unknown question "A.6.9" (and 1 more problem)`, "answers.yaml", 42, problems},
		{"missing", "missing.yaml: file does not exist", "missing.yaml", 0, fmt.Errorf("missing.yaml: %w", fs.ErrNotExist)},
		{"other", "something broke", "answers.yaml", 0, errors.New("something broke")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			file := tc.file
			if err := WriteJUnitError(&buf, file, tc.err); err != nil {
				t.Fatal(err)
			}
			if buf.Len() == 0 {
				t.Fatal("empty JUnit file")
			}
			p := parseJUnit(t, buf.Bytes())
			if p.Tests != 1 || p.Errors != 1 {
				t.Fatalf("tests %d errors %d, want 1 and 1", p.Tests, p.Errors)
			}
			cs := p.Suites[0].Cases[0]
			if cs.Error.Message != tc.message || cs.File != tc.file || cs.Line != tc.line {
				t.Errorf("error %q at %s:%d, want %q at %s:%d", cs.Error.Message, cs.File, cs.Line, tc.message, tc.file, tc.line)
			}
		})
	}
}

// TestJUnitHostileText: control characters in answers cannot break the XML.
func TestJUnitHostileText(t *testing.T) {
	res, c := exampleResult(t)
	res.Organization = "Evil\x1b[2J Corp\x00"
	for i := range res.Questions {
		if res.Questions[i].Status == assess.StatusExcluded {
			res.Questions[i].Justification = "]]> <x> \x07 \xff"
		}
	}
	var buf bytes.Buffer
	if err := WriteJUnit(&buf, res, c, "a\x1b.yaml", []Gate{{ID: "x", Name: "n", Failed: true, Message: "m\x1b", Detail: "]]>\x01"}}); err != nil {
		t.Fatal(err)
	}
	parseJUnit(t, buf.Bytes())
}

func TestAnnotationEscaping(t *testing.T) {
	for _, tc := range []struct {
		a    Annotation
		want string
	}{
		{Annotation{Level: "error", File: "a.yaml", Line: 3, Col: 7, Title: "aimsready", Msg: "bad"}, "::error file=a.yaml,line=3,col=7,title=aimsready::bad"},
		{Annotation{Level: "warning", File: "dir,x/a:b.yaml", Title: "t: 1, 2", Msg: "100% sure\r\nnext: line, a::b"},
			"::warning file=dir%2Cx/a%3Ab.yaml,title=t%3A 1%2C 2::100%25 sure%0D%0Anext: line, a::b"},
		{Annotation{Level: "notice", Msg: "plain"}, "::notice::plain"},
		{Annotation{Level: "error", File: "a.yaml", Col: 4, Msg: "col without line is dropped"}, "::error file=a.yaml::col without line is dropped"},
	} {
		if got := tc.a.String(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

func TestScoreAnnotations(t *testing.T) {
	res, _ := exampleResult(t)
	lines := map[string]int{"6.1.3": 49}
	as := ScoreAnnotations("answers.yaml", res, []Gate{ThresholdGate(res, 30)}, lines)
	if as[0].Level != "notice" || !strings.Contains(as[0].Msg, res.Verdict.Label) {
		t.Errorf("first annotation should be the result: %+v", as[0])
	}
	for _, a := range as[1:] {
		if a.Level != "warning" {
			t.Errorf("without a blockers gate, blockers are warnings: %+v", a)
		}
	}
	as = ScoreAnnotations("answers.yaml", res, []Gate{BlockersGate(res)}, lines)
	if as[1].Level != "error" || as[1].Title != "aimsready gate failed" {
		t.Errorf("a failed gate comes first as an error: %+v", as[1])
	}
	if as[2].Line != 49 || as[2].Level != "error" {
		t.Errorf("a blocker points at its question's line: %+v", as[2])
	}
	if len(as) != 2+len(res.Blockers) {
		t.Errorf("%d annotations, want notice + gate + %d blockers", len(as), len(res.Blockers))
	}
}

// FuzzCIViews: whatever text reaches them, an annotation is one line whose
// properties cannot be split, and a JUnit error file parses as XML.
func FuzzCIViews(f *testing.F) {
	f.Add("answers.yaml", "unknown question \"A.6.9\"")
	f.Add("a,b:c.yaml", "100% \r\n ]]> \x1b[2J \xff")
	f.Fuzz(func(t *testing.T, file, msg string) {
		a := Annotation{Level: "error", File: file, Line: 1, Col: 2, Title: "t" + msg, Msg: msg}.String()
		if strings.ContainsAny(a, "\r\n") {
			t.Fatalf("annotation spans lines: %q", a)
		}
		props := strings.SplitN(strings.TrimPrefix(a, "::error "), "::", 2)[0]
		if n := strings.Count(props, ","); n != 3 {
			t.Fatalf("properties split into %d parts: %q", n+1, a)
		}
		var buf bytes.Buffer
		if err := WriteJUnitError(&buf, file, strictyaml.Problems{{File: file, Line: 3, Col: 4, Msg: msg}}); err != nil {
			t.Fatal(err)
		}
		var v struct{}
		if err := xml.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatalf("not XML: %v\n%s", err, buf.Bytes())
		}
	})
}
