package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/assess/interview"
	"github.com/aimsready/aimsready/assess/interview/termquiet"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newAssessCmd) }

type assessOptions struct {
	answers    string
	sections   []string
	quick      bool
	full       bool
	revisit    bool
	accessible bool
}

func newAssessCmd(e *env) *cobra.Command {
	var o assessOptions
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Run the interview: walk the clauses and Annex A controls, saving every answer",
		Long: `assess walks an ISO/IEC 42001 gap assessment in the terminal: first the
assessment details (organisation, assessor, scope, roles, AI systems), then
every clause and Annex A control, section by section. For each question
choose to assess it now or skip it for now (it stays not assessed and is
asked again next time); to assess it, tick the criteria that are met, and
add notes and evidence references.

Every answer is saved to the answers file the moment it is given, so the
interview can be stopped at any time (Esc or Ctrl-C) and resumed by running
the same command again: only unanswered questions are asked.

It needs an interactive terminal. In a script or CI, write the answers file
with 'aimsready init' and score it with 'aimsready score'. With --accessible
(or ACCESSIBLE=1) it asks plain numbered prompts, one line at a time, for
screen readers: answer n to "Assess ... now?" to skip a question for now;
type a criterion's number to tick or untick it and 0 when done; an empty line keeps the value shown (type - to clear notes or
evidence); notes are one line; Ctrl-C stops (Esc does not).`,
		Example: `  aimsready assess
  aimsready assess --answers acme.yaml --section 6 --section A.7
  aimsready assess --quick
  aimsready assess --full                  turn a quick snapshot into a full assessment
  aimsready assess --revisit --section A.6`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return runAssess(c.Context(), e, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.answers, "answers", assess.DefaultAnswersFile, "answers `FILE` to fill in; an existing file is resumed")
	f.StringArrayVar(&o.sections, "section", nil, "only ask the section with this `ID` (4-10, A.2-A.10); repeat for several")
	f.BoolVar(&o.quick, "quick", false, "only ask the quick-snapshot questions (a new file gets the quick profile)")
	f.BoolVar(&o.full, "full", false, "make a quick snapshot a full assessment, keeping its answers, and ask the rest")
	f.BoolVar(&o.revisit, "revisit", false, "ask answered questions again, with the earlier answers pre-selected")
	f.BoolVar(&o.accessible, "accessible", false, "plain numbered prompts for screen readers (also ACCESSIBLE=1)")
	return cmd
}

func runAssess(ctx context.Context, e *env, o assessOptions) error {
	if o.quick && o.full {
		return usageError("--quick and --full cannot be used together: --quick asks only the quick-snapshot questions, --full all of them")
	}
	c, err := e.catalog()
	if err != nil {
		return err
	}
	var sections []string
	for _, id := range o.sections {
		s := interview.FindSection(c, id)
		if s == nil {
			return usageError("unknown section %q; valid sections are %s", id, strings.Join(interview.SectionIDs(c), ", "))
		}
		sections = append(sections, s.ID)
	}
	o.sections = sections // as the catalog spells them, for the resume hint
	if o.answers == "" {
		o.answers = assess.DefaultAnswersFile
	}
	accessible := o.accessible || envOn("ACCESSIBLE") || os.Getenv("TERM") == "dumb"
	if !accessible && !(isTerminal(e.stdin) && isTerminal(e.rawStdout)) {
		return inputError(errors.New("assess is an interactive interview and needs a terminal"),
			"in a script or CI, write the answers file with "+cite(e.command(initArgs(o.answers)...))+" and score it with "+cite(e.command("score", shellQuote(o.answers)))+"; for plain line-by-line prompts use "+cite(e.command(append(assessArgs(o), "--accessible")...)))
	}
	if ctx == nil {
		ctx = context.Background()
	}
	// Ctrl-C, SIGTERM and SIGHUP (the terminal window closed) all stop
	// the interview the same way: the form gives the terminal back, every
	// answer given is already saved, the resume message is printed.
	ctx, cancel := context.WithCancelCause(ctx)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		if s, ok := <-sigs; ok {
			cancel(signalCause{s})
		}
	}()
	var once sync.Once
	stop := func() { once.Do(func() { signal.Stop(sigs); close(sigs); cancel(nil) }) }
	defer stop()

	iv := &interview.Interview{
		Catalog:    c,
		Path:       o.answers,
		Sections:   sections,
		Quick:      o.quick,
		Full:       o.full,
		Revisit:    o.revisit,
		Accessible: accessible,
		Plain:      os.Getenv("NO_COLOR") != "",
		In:         e.stdin,
		Out:        e.rawStdout,
		Command: func(args ...string) string {
			for i, a := range args {
				args[i] = shellQuote(a)
			}
			return e.command(args...)
		},
		Named: e.named,
	}
	if !accessible && !iv.Plain {
		// Colours that suit the terminal; asked only now, see termquiet.
		termquiet.Probe(e.rawStdout)
	}
	err = iv.Run(ctx)
	stop()
	interrupted := errors.Is(err, interview.ErrInterrupted)
	if err != nil && !interrupted {
		if iv.Answers == nil { // stopped before the first question: the file was left as it is
			hint := ""
			if _, isLoadError := strictyaml.AsProblems(err); isLoadError {
				hint = fmt.Sprintf("%s was not changed; fix it (%s lists every problem) or choose another file with --answers", o.answers, cite(e.command("validate", shellQuote(o.answers))))
			}
			return inputError(err, hint)
		}
		return err
	}
	saved := false
	if _, statErr := os.Stat(o.answers); statErr == nil && iv.Answers != nil {
		saved = true
		fmt.Fprintln(e.stdout)
		if werr := report.WriteScoreText(e.stdout, assess.Score(iv.Answers, c), report.TextOptions{Top: 5, MaxBlockers: 5}); werr != nil {
			return werr
		}
		fmt.Fprintf(e.stdout, "\nWrite the report:\n  %s\n", e.command("report", shellQuote(o.answers), "-o", "report.pdf"))
	}
	if interrupted {
		why := ""
		if errors.Is(err, interview.ErrInputEnded) {
			why = "The input ended before the interview was complete."
		}
		var sc signalCause
		hangup := errors.As(context.Cause(ctx), &sc) && sc.sig == syscall.SIGHUP
		if hangup {
			why = "The terminal was closed."
		}
		printResume(e.stderr, e, o, saved, why)
		if hangup {
			return errHangup
		}
		return errInterrupted
	}
	return nil
}

// signalCause is why the interview's context ended: a signal.
type signalCause struct{ sig os.Signal }

func (s signalCause) Error() string { return "received " + s.sig.String() }

// printResume tells the user how to pick up where the interview stopped.
func printResume(w io.Writer, e *env, o assessOptions, saved bool, why string) {
	fmt.Fprintln(w)
	if why != "" {
		fmt.Fprintln(w, why)
	}
	if saved {
		fmt.Fprintf(w, "Stopped. Every answer given so far is saved in %s.\n", o.answers)
	} else {
		fmt.Fprintln(w, "Stopped before the first answer; nothing was saved.")
	}
	args := assessArgs(o)
	if o.accessible {
		args = append(args, "--accessible")
	}
	if saved {
		fmt.Fprintf(w, "Resume with:\n  %s\n", e.command(args...))
	} else {
		fmt.Fprintf(w, "Start again with:\n  %s\n", e.command(args...))
	}
}

// assessArgs repeats the assess flags in use (but --accessible, which
// depends on the person), so a resume hint continues the same interview.
func assessArgs(o assessOptions) []string {
	args := []string{"assess"}
	if o.answers != assess.DefaultAnswersFile {
		args = append(args, "--answers", shellQuote(o.answers))
	}
	for _, s := range o.sections {
		args = append(args, "--section", shellQuote(s))
	}
	if o.quick {
		args = append(args, "--quick")
	}
	if o.full {
		args = append(args, "--full")
	}
	if o.revisit {
		args = append(args, "--revisit")
	}
	return args
}

// initArgs writes the answers file path as init takes it.
func initArgs(path string) []string {
	if path == assess.DefaultAnswersFile {
		return []string{"init"}
	}
	return []string{"init", "-o", shellQuote(path)}
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:@+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// envOn reports whether an on/off environment variable is set and not 0 or false.
func envOn(name string) bool {
	v := strings.ToLower(strings.TrimSpace(os.Getenv(name)))
	return v != "" && v != "0" && v != "false" && v != "no"
}
