package main

import (
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
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

const defaultAnswersFile = assess.DefaultAnswersFile

func addAssessmentCommands(root *cobra.Command, e *env) {
	root.AddCommand(newInitCmd(e), newValidateCmd(e), newScoreCmd(e), newDiffCmd(e))
}

// loadAnswers loads and checks an answers file, printing warnings to stderr.
func (e *env) loadAnswers(path string) (*assess.Answers, *catalog.Catalog, error) {
	c, err := e.catalog()
	if err != nil {
		return nil, nil, err
	}
	a, warnings, err := assess.LoadFile(path, c)
	if err != nil {
		hint := "fix what is listed above, then check again with '" + commandLine(e, "validate", shellQuote(path)) + "'"
		if errors.Is(err, fs.ErrNotExist) {
			hint = "create one with 'aimsready init' or 'aimsready assess'"
		}
		return nil, nil, inputError(err, hint)
	}
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "aimsready: warning: %s\n", safetext.Line(w.String()))
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
Each question is preceded by its title and criterion ids as comments, so it
can be filled in with any editor and checked with 'aimsready validate'.`,
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
		if date, err = time.Parse("2006-01-02", o.date); err != nil {
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
	if st, err := os.Stat(o.out); err == nil && st.Mode().IsRegular() && !o.force {
		return inputError(fmt.Errorf("%s already exists; not overwriting it", o.out), "continue it with 'aimsready assess --answers "+o.out+"', or pass --force to start over")
	}
	if err := assess.Save(o.out, a, c); err != nil {
		return inputError(err, "")
	}
	n := 0
	for _, q := range c.Questions() {
		if a.InProfile(q) {
			n++
		}
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d questions, none assessed yet\nnext: fill it in (or run '%s'), then '%s'\n", o.out, n,
		commandLine(e, "assess", "--answers", shellQuote(o.out)), commandLine(e, "validate", shellQuote(o.out)))
	return nil
}

func newValidateCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check an answers file and list every problem with file:line:col",
		Args:  exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			a, c, err := e.loadAnswers(args[0])
			if err != nil {
				return err
			}
			res := assess.Score(a, c)
			fmt.Fprintf(e.stdout, "%s: ok: %d of %d questions assessed, %d control(s) excluded, catalog %s\n",
				args[0], len(res.Questions)-len(res.NotAssessed), len(res.Questions), len(res.Excluded), c.Ident())
			return nil
		},
	}
}

type scoreOptions struct {
	format         string
	failUnder      float64
	failOnBlockers bool
	top            int
}

func newScoreCmd(e *env) *cobra.Command {
	o := &scoreOptions{}
	cmd := &cobra.Command{
		Use:   "score FILE",
		Short: "Score an answers file; optionally fail a CI build under a threshold",
		Long: `Score an answers file and print the result.

Formats: text (terminal summary), json (for scripts), junit (one test case
per question, for CI test views), markdown (for a CI job summary or a pull
request comment).

Gates exit with code 1 after printing the result:
  --fail-under N       the overall score is below N (0-100)
  --fail-on-blockers   any Stage 1 blocker remains`,
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
			return runScore(e, args[0], o, cmd.Flags().Changed("fail-under"))
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text, json, junit or markdown")
	cmd.Flags().Float64Var(&o.failUnder, "fail-under", 0, "exit 1 if the overall score is below `N` (0-100)")
	cmd.Flags().BoolVar(&o.failOnBlockers, "fail-on-blockers", false, "exit 1 if any Stage 1 blocker remains")
	cmd.Flags().IntVar(&o.top, "top", 10, "number of fixes to list in text and markdown")
	return cmd
}

func runScore(e *env, path string, o *scoreOptions, gateUnder bool) error {
	var write func(io.Writer, *assess.Result, *catalog.Catalog) error
	switch o.format {
	case "text":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog) error {
			return report.WriteScoreText(w, r, report.TextOptions{Top: o.top})
		}
	case "json":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog) error { return report.WriteScoreJSON(w, r) }
	case "junit":
		write = report.WriteJUnit
	case "markdown", "md":
		write = func(w io.Writer, r *assess.Result, _ *catalog.Catalog) error {
			return report.WriteScoreMarkdown(w, r, o.top)
		}
	default:
		return usageError("unknown format %q for score (use text, json, junit or markdown)", o.format)
	}
	a, c, err := e.loadAnswers(path)
	if err != nil {
		return err
	}
	res := assess.Score(a, c)
	if err := write(e.stdout, res, c); err != nil {
		return err
	}
	var failed []string
	if gateUnder && res.Overall < o.failUnder {
		failed = append(failed, fmt.Sprintf("overall score %s is below the threshold %g", report.Pct(res.Overall), o.failUnder))
	}
	if o.failOnBlockers && len(res.Blockers) > 0 {
		failed = append(failed, fmt.Sprintf("%d Stage 1 blocker(s) remain", len(res.Blockers)))
	}
	if len(failed) > 0 {
		return &gateError{reason: strings.Join(failed, "; ")}
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
				return &gateError{reason: "the overall score or a section score went down"}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().BoolVar(&failOnRegression, "fail-on-regression", false, "exit 1 if the overall score or any section went down")
	return cmd
}
