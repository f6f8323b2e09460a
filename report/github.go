package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// GitHub workflow annotations (`::error file=...,line=...,col=...::message`)
// show problems on a pull request's diff. GitHub shows at most 10 errors and
// 10 warnings per step, so the most important come first.

// Annotation is one workflow command.
type Annotation struct {
	Level string // error, warning or notice
	File  string
	Line  int
	Col   int
	Title string
	Msg   string
}

// String renders the annotation with GitHub's escaping: in the message %,
// CR and LF; in properties also : and ,.
func (a Annotation) String() string {
	var props []string
	if a.File != "" {
		props = append(props, "file="+escapeProperty(a.File))
		if a.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", a.Line))
			if a.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", a.Col))
			}
		}
	}
	if a.Title != "" {
		props = append(props, "title="+escapeProperty(a.Title))
	}
	cmd := "::" + a.Level
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + escapeData(a.Msg)
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// WriteAnnotations writes annotations, one per line.
func WriteAnnotations(w io.Writer, as []Annotation) error {
	for _, a := range as {
		if _, err := fmt.Fprintln(w, a.String()); err != nil {
			return err
		}
	}
	return nil
}

// ProblemAnnotations turns an error from loading a file into one error
// annotation per problem, placed at its file, line and column.
func ProblemAnnotations(file string, err error) []Annotation {
	ps, ok := strictyaml.AsProblems(err)
	if !ok || len(ps) == 0 {
		return []Annotation{{Level: "error", File: file, Title: "aimsready", Msg: err.Error()}}
	}
	var as []Annotation
	for _, p := range ps {
		as = append(as, Annotation{Level: "error", File: p.File, Line: p.Line, Col: p.Col, Title: "aimsready", Msg: p.Msg})
	}
	return as
}

// WarningAnnotation turns a loading warning into a warning annotation.
func WarningAnnotation(w assess.Warning) Annotation {
	return Annotation{Level: "warning", File: w.File, Line: w.Line, Title: "aimsready", Msg: w.Msg}
}

// ScoreAnnotations sums up a score for a pull request: a notice with the
// result, an error per failed gate, and each Stage 1 blocker at its
// question's line in the answers file (lines: question id -> line), as an
// error when the blockers gate was asked for and failed, else a warning.
func ScoreAnnotations(file string, res *assess.Result, gates []Gate, lines map[string]int) []Annotation {
	blockersGate := false
	var as []Annotation
	for _, g := range gates {
		if g.Failed {
			as = append(as, Annotation{Level: "error", File: file, Title: "aimsready gate failed", Msg: g.Message})
			if g.ID == GateBlockers {
				blockersGate = true
			}
		}
	}
	level := "warning"
	if blockersGate {
		level = "error"
	}
	for _, b := range res.Blockers {
		as = append(as, Annotation{Level: level, File: file, Line: lines[b.Question], Title: "Stage 1 blocker " + b.Question,
			Msg: fmt.Sprintf("%s %s, %s: %s. Fix: %s", b.Question, b.Title, b.Criterion, b.Reason, oneLine(b.Fix))})
	}
	assessed := len(res.Questions) - len(res.NotAssessed)
	notice := Annotation{Level: "notice", File: file, Title: "aimsready readiness estimate",
		Msg: fmt.Sprintf("Overall %s / 100 · %s · %d Stage 1 blocker(s) · %d of %d questions assessed · catalog %s",
			Pct(res.Overall), res.Verdict.Label, len(res.Blockers), assessed, len(res.Questions), res.Catalog)}
	return append([]Annotation{notice}, as...)
}

// Gate ids, used as JUnit classes and to tell gates apart.
const (
	GateThreshold = "threshold"
	GateBlockers  = "blockers"
	GateOverdue   = "overdue"
)
