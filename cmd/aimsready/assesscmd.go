package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

const defaultAnswersFile = assess.DefaultAnswersFile

func addAssessmentCommands(root *cobra.Command, e *env) {
	root.AddCommand(newInitCmd(e), newValidateCmd(e), newScoreCmd(e), newDiffCmd(e))
}

// loadAnswers loads and checks an answers file, printing warnings to stderr.
// lockForSave takes the answers file's save lock for a command that reads,
// changes and writes it, so that two such commands run at once do not
// lose each other's change. Release it with the returned func.
func (e *env) lockForSave(path string) (func(), error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return func() {}, nil // nothing to protect; loading or saving says what is wrong
	}
	l, err := assess.LockForSave(path)
	if err != nil {
		return nil, inputError(err, "check that the folder is writable: aimsready keeps its lock and temporary files beside the answers file")
	}
	return l.Unlock, nil
}

func (e *env) loadAnswers(path string) (*assess.Answers, *catalog.Catalog, error) {
	return e.loadAnswersWarn(path, e.warner(false))
}

// loadAnswersWarn loads and checks an answers file, handing each warning to
// warn (GitHub annotations show them on the pull request instead).
func (e *env) loadAnswersWarn(path string, warn func(assess.Warning)) (*assess.Answers, *catalog.Catalog, error) {
	c, err := e.catalog()
	if err != nil {
		return nil, nil, err
	}
	a, warnings, err := assess.LoadFile(path, c)
	if err != nil {
		hint := "fix what is listed above, then check again with " + cite(e.command("validate", shellQuote(path)))
		if errors.Is(err, fs.ErrNotExist) {
			hint = "create one with " + cite(e.command("init")) + " or " + cite(e.command("assess"))
		}
		return nil, nil, inputError(err, hint)
	}
	for _, w := range warnings {
		warn(w)
	}
	return a, c, nil
}

type initOptions struct {
	out   string
	org   string
	date  string
	quick bool
	force bool
}

func newInitCmd(e *env) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write an answers file with every question, ready to fill in by hand",
		Long: `Write an answers file with every question present and not yet assessed.
Each question is preceded by its title and its criteria, each id beside its
statement, as comments, so it can be filled in with any editor and checked
with 'aimsready validate'.`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error { return runInit(e, o) },
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", defaultAnswersFile, "answers `FILE` to write, or - for standard output")
	cmd.Flags().StringVar(&o.org, "org", "", "organisation `NAME`")
	cmd.Flags().StringVar(&o.date, "date", "", "assessment date `YYYY-MM-DD` (default today)")
	cmd.Flags().BoolVar(&o.quick, "quick", false, "only the quick-snapshot questions")
	cmd.Flags().BoolVar(&o.force, "force", false, "overwrite an existing file")
	return cmd
}

func runInit(e *env, o *initOptions) error {
	c, err := e.catalog()
	if err != nil {
		return err
	}
	date := time.Now()
	if o.date != "" {
		if date, err = assess.ParseDate(o.date); err != nil {
			return usageError("--date %q must be a date written YYYY-MM-DD", o.date)
		}
	}
	if msg := strictyaml.CheckText(o.org, assess.MaxTextChars, assess.MaxTextLines); msg != "" {
		return usageError("--org %s", msg)
	}
	profile := assess.ProfileFull
	if o.quick {
		profile = assess.ProfileQuick
	}
	a := assess.New(c, o.org, date, profile)
	if o.out == "-" {
		data, err := assess.Marshal(a, c)
		if err != nil {
			return err
		}
		_, err = e.rawStdout.Write(data) // an answers file, byte for byte
		return err
	}
	if err := e.notOverCatalog(o.out, "the answers file"); err != nil {
		return err
	}
	// Only a regular file is overwritten; a device or pipe is written to.
	if st, err := os.Stat(o.out); err == nil && st.Mode().IsRegular() {
		if !o.force {
			return inputError(fmt.Errorf("%s already exists; not overwriting it", o.out), "continue it with "+cite(e.command("assess", "--answers", shellQuote(o.out)))+", or pass --force to start over")
		}
		// Starting over under a running interview would wipe the answers it
		// has acknowledged: take its lock for the length of the save.
		lock, err := assess.LockFile(o.out)
		if err != nil {
			return inputError(err, "")
		}
		defer lock.Unlock()
	}
	unlock, err := e.lockForSave(o.out)
	if err != nil {
		return err
	}
	defer unlock()
	if err := assess.Save(o.out, a, c); err != nil {
		return inputError(err, "")
	}
	n := 0
	for _, q := range c.Questions() {
		if a.InProfile(q) {
			n++
		}
	}
	assessArgs := []string{"assess"}
	if o.out != defaultAnswersFile {
		assessArgs = append(assessArgs, "--answers", shellQuote(o.out))
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d questions, none assessed yet\nnext: fill it in (or run %s), then %s\n", o.out, n,
		cite(e.command(assessArgs...)), cite(e.command("validate", shellQuote(o.out))))
	return nil
}

func newValidateCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "validate FILE",
		Short: "Check an answers file and list every problem with file:line:col",
		Long: `Check an answers file and list every problem with file:line:col.

Formats: text (default; problems on standard error), github (problems and
warnings as GitHub workflow annotations on standard output, so they show on
the pull request's diff).`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "text" && format != "github" {
				return usageError("unknown format %q for validate (use text or github)", format)
			}
			path := args[0]
			a, c, err := e.loadAnswersWarn(path, e.warner(format == "github"))
			if err != nil {
				if format == "github" {
					_ = report.WriteAnnotations(e.stdout, report.ProblemAnnotations(path, err))
				}
				return err
			}
			res := assess.Score(a, c)
			fmt.Fprintf(e.stdout, "%s: ok: %d of %d questions assessed, %d control(s) excluded, catalog %s\n",
				path, len(res.Questions)-len(res.NotAssessed), len(res.Questions), len(res.Excluded), c.Ident())
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text or github")
	return cmd
}

// warner prints loading warnings: as GitHub annotations on standard output,
// or as messages on standard error.
func (e *env) warner(github bool) func(assess.Warning) {
	if github {
		return func(w assess.Warning) {
			_ = report.WriteAnnotations(e.stdout, []report.Annotation{report.WarningAnnotation(w)})
		}
	}
	return func(w assess.Warning) { fmt.Fprintf(e.stderr, "aimsready: warning: %s\n", e.named(w.String())) }
}

type scoreOptions struct {
	format         string
	failUnder      float64
	failOnBlockers bool
	failOnOverdue  bool
	failOnEvidence bool
	asOf           string
	top            int
	junit          string
}

func newScoreCmd(e *env) *cobra.Command {
	o := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score FILE",
		Short: "Score an answers file; optionally fail a CI build under a threshold",
		Long: `Score an answers file and print the result.

Formats: text (terminal summary), json (for scripts), junit (CI test view:
the gates asked for pass or fail, every question is a passing or skipped
test case), markdown (for a CI job summary or a pull request comment),
github (GitHub workflow annotations: the result, failed gates and Stage 1
blockers at their line in the answers file).

--junit FILE also writes the JUnit test view to FILE, whatever the format.
When the answers file cannot be read, the JUnit output (file or standard
output) is still written, with one error test case naming file:line:col.

Gates exit with code 1 after printing the result:
  --fail-under N       the overall score is below N (0-100)
  --fail-on-blockers   any Stage 1 blocker remains
  --fail-on-overdue    a planned fix is past its due date on --as-of
                       (default today; give a date to make CI reproducible)
  --fail-on-evidence   an evidence register item is missing, changed or
                       expired on --as-of (as 'aimsready evidence check')`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Written so NaN fails too: every comparison with NaN is false,
			// and a NaN threshold would turn the gate off.
			if cmd.Flags().Changed("fail-under") && !(o.failUnder >= 0 && o.failUnder <= 100) {
				return usageError("--fail-under must be a number from 0 to 100, not %g", o.failUnder)
			}
			if o.top < 1 {
				return usageError("--top must be at least 1")
			}
			if err := checkDate("--as-of", o.asOf); err != nil {
				return err
			}
			return runScore(e, args[0], o, cmd.Flags().Changed("fail-under"))
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text, json, junit, markdown or github")
	cmd.Flags().Float64Var(&o.failUnder, "fail-under", 0, "exit 1 if the overall score is below `N` (0-100)")
	cmd.Flags().BoolVar(&o.failOnBlockers, "fail-on-blockers", false, "exit 1 if any Stage 1 blocker remains")
	cmd.Flags().BoolVar(&o.failOnOverdue, "fail-on-overdue", false, "exit 1 if a planned fix is past its due date")
	cmd.Flags().BoolVar(&o.failOnEvidence, "fail-on-evidence", false, "exit 1 if an evidence item is missing, changed or expired")
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "the day overdue and evidence currency are judged on, `YYYY-MM-DD` (default today)")
	cmd.Flags().IntVar(&o.top, "top", 10, "number of fixes to list in text and markdown")
	cmd.Flags().StringVar(&o.junit, "junit", "", "also write the JUnit test view to `FILE`")
	return cmd
}

func runScore(e *env, path string, o *scoreOptions, gateUnder bool) error {
	var write func(io.Writer, *assess.Result, *catalog.Catalog, []report.Gate) error
	switch o.format {
	case "text":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog, _ []report.Gate) error {
			return report.WriteScoreText(w, r, report.TextOptions{Top: o.top})
		}
	case "json":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog, _ []report.Gate) error {
			return report.WriteScoreJSON(w, r)
		}
	case "junit":
		write = func(w io.Writer, r *assess.Result, c *catalog.Catalog, gates []report.Gate) error {
			return report.WriteJUnit(w, r, c, path, gates)
		}
	case "markdown", "md":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog, _ []report.Gate) error {
			return report.WriteScoreMarkdown(w, r, o.top)
		}
	case "github":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog, gates []report.Gate) error {
			return report.WriteAnnotations(w, report.ScoreAnnotations(path, r, gates, assess.AnswerLines(path)))
		}
	default:
		return usageError("unknown format %q for score (use text, json, junit, markdown or github)", o.format)
	}
	if o.junit != "" && samePath(o.junit, path) {
		return inputError(fmt.Errorf("refusing to write the JUnit file over the answers file %s", path), "choose another file, for example --junit aimsready-junit.xml")
	}
	a, c, err := e.loadAnswersWarn(path, e.warner(o.format == "github"))
	if err != nil {
		// A CI view of a file that cannot be read is never empty: the
		// error is a test case and annotations, and the exit code stays 2.
		switch o.format {
		case "junit":
			_ = report.WriteJUnitError(e.stdout, path, err)
		case "github":
			_ = report.WriteAnnotations(e.stdout, report.ProblemAnnotations(path, err))
		}
		if o.junit != "" {
			var buf bytes.Buffer
			if werr := report.WriteJUnitError(&buf, path, err); werr == nil {
				if werr := assess.WriteFileAtomic(o.junit, buf.Bytes(), 0o644); werr != nil {
					fmt.Fprintf(e.stderr, "aimsready: error: %v\n", werr)
				}
			}
		}
		return err
	}
	res := assess.Score(a, c)
	asOf := o.asOf
	if asOf == "" {
		asOf = time.Now().Format("2006-01-02")
	}
	assess.MarkOverdue(res, asOf)
	var gates []report.Gate
	if gateUnder {
		gates = append(gates, report.ThresholdGate(res, o.failUnder))
	}
	if o.failOnBlockers {
		gates = append(gates, report.BlockersGate(res))
	}
	if o.failOnOverdue {
		gates = append(gates, report.OverdueGate(res, asOf))
	}
	if o.failOnEvidence {
		gates = append(gates, report.EvidenceGate(assess.CheckEvidence(path, a, c, asOf)))
	}
	if err := write(e.stdout, res, c, gates); err != nil {
		return err
	}
	if o.junit != "" {
		var buf bytes.Buffer
		if err := report.WriteJUnit(&buf, res, c, path, gates); err != nil {
			return err
		}
		if err := assess.WriteFileAtomic(o.junit, buf.Bytes(), 0o644); err != nil {
			return inputError(err, "check that the folder exists and is writable")
		}
		fmt.Fprintf(e.stderr, "wrote %s\n", o.junit)
	}
	if failed := report.FailedGates(gates); failed != "" {
		return &gateError{reason: failed}
	}
	return nil
}

func newDiffCmd(e *env) *cobra.Command {
	var format string
	var failOnRegression bool
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two answers files: score changes, fixes closed and opened",
		Args:  exactArgs(2, "two answers files (older first)"),
		RunE: func(_ *cobra.Command, args []string) error {
			var write func(io.Writer, *assess.Comparison) error
			switch format {
			case "text":
				write = report.WriteDiffText
			case "json":
				write = report.WriteDiffJSON
			case "markdown", "md":
				write = report.WriteDiffMarkdown
			default:
				return usageError("unknown format %q for diff (use text, json or markdown)", format)
			}
			oldA, c, err := e.loadAnswers(args[0])
			if err != nil {
				return err
			}
			newA, _, err := e.loadAnswers(args[1])
			if err != nil {
				return err
			}
			cmp := assess.Compare(assess.Score(oldA, c), assess.Score(newA, c))
			if oldA.Organization != newA.Organization {
				fmt.Fprintf(e.stderr, "aimsready: warning: %s is about %q but %s is about %q: are these the same organisation?\n",
					args[0], oldA.Organization, args[1], newA.Organization)
			}
			if oldA.Profile != newA.Profile {
				fmt.Fprintf(e.stderr, "aimsready: warning: %s is a %s assessment but %s is %s: scores cover different questions\n",
					args[0], oldA.Profile, args[1], newA.Profile)
			}
			if cmp.CatalogChanged {
				fmt.Fprintf(e.stderr, "aimsready: warning: %s and %s were answered against different catalog versions (%s, %s): part of any change may come from the method, not from progress\n",
					args[0], args[1], oldA.Catalog, newA.Catalog)
			}
			if err := write(e.stdout, cmp); err != nil {
				return err
			}
			if failOnRegression && cmp.Regressed() {
				return &gateError{reason: "scores went down:\n  " + strings.Join(report.Regression(cmp), "\n  ")}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().BoolVar(&failOnRegression, "fail-on-regression", false, "exit 1 if the overall score or any section went down")
	return cmd
}

// checkDate accepts an empty value or a calendar date written YYYY-MM-DD.
func checkDate(flag, v string) error {
	if v == "" {
		return nil
	}
	if t, err := time.Parse("2006-01-02", v); err != nil || t.Format("2006-01-02") != v {
		return usageError("%s must be a calendar date written YYYY-MM-DD, not %q", flag, v)
	}
	return nil
}
