package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// Version is the tool version; release builds set it with -ldflags.
var Version = "0.1.0-dev"

// Exit codes, documented in the README.
const (
	exitOK          = 0
	exitGate        = 1   // a threshold, blocker or regression gate failed
	exitBadInput    = 2   // bad input or usage
	exitInterrupted = 130 // the user interrupted
	exitHangup      = 129 // the terminal was closed (SIGHUP); answers kept as on Ctrl-C
)

// cliError carries an exit code and an optional hint to the top level.
type cliError struct {
	code int
	err  error
	hint string
}

func (e *cliError) Error() string { return e.err.Error() }
func (e *cliError) Unwrap() error { return e.err }

func inputError(err error, hint string) error {
	return &cliError{code: exitBadInput, err: err, hint: hint}
}
func usageError(format string, args ...any) error {
	return &cliError{code: exitBadInput, err: fmt.Errorf(format, args...), hint: "run 'aimsready help' for usage"}
}

// gateError reports a failed gate; the result was already printed.
type gateError struct{ reason string }

func (e *gateError) Error() string { return e.reason }

// errInterrupted ends a command the user stopped; the message was printed.
var errInterrupted = errors.New("interrupted")

// errHangup ends a command whose terminal was closed; it is an
// errInterrupted with its own exit code.
var errHangup = fmt.Errorf("%w: the terminal was closed", errInterrupted)

// env is what a command needs from the outside world, so tests can run the
// whole CLI in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer // text for people: neutralised by package safetext
	stderr io.Writer // messages: neutralised by package safetext
	// rawStdout is standard output as it is: for a terminal check, the
	// interview, a PDF, and data that must stay byte for byte (an answers
	// file, a catalog export).
	rawStdout   io.Writer
	catalogPath string
	prog        progName // how hints name this program (see hint.go)
	hinted      bool     // a hint naming a command was printed
}

// catalog loads the catalog named by --catalog, or the built-in one.
func (e *env) catalog() (*catalog.Catalog, error) {
	if e.catalogPath == "" {
		c, err := catalog.Builtin()
		if err != nil {
			return nil, fmt.Errorf("built-in catalog is broken (please report this): %w", err)
		}
		return c, nil
	}
	c, err := catalog.LoadFile(e.catalogPath)
	if err != nil {
		return nil, inputError(err, "check the catalog with "+cite(e.bare("catalog", "lint", shellQuote(e.catalogPath))))
	}
	return c, nil
}

// Main runs the CLI and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Every string from a file that reaches the terminal (answer keys,
	// organisation names, catalog titles, file names) passes a filter.
	safeOut, safeErr := safetext.NewWriter(stdout), safetext.NewWriter(stderr)
	defer safeOut.Flush()
	defer safeErr.Flush()
	e := &env{stdin: stdin, stdout: safeOut, stderr: safeErr, rawStdout: stdout, prog: invocation}
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.Execute()
	code := exitCode(e, err)
	e.installNote(stderr)
	return code
}

func exitCode(e *env, err error) int {
	if err == nil {
		return exitOK
	}
	var gate *gateError
	if errors.As(err, &gate) {
		fmt.Fprintf(e.stderr, "aimsready: gate failed: %s\n", gate.reason)
		return exitGate
	}
	if errors.Is(err, errHangup) {
		return exitHangup
	}
	if errors.Is(err, errInterrupted) {
		return exitInterrupted
	}
	code, hint := exitBadInput, ""
	var ce *cliError
	if errors.As(err, &ce) {
		code, hint = ce.code, ce.hint
	}
	if ps, ok := strictyaml.AsProblems(err); ok && len(ps) > 1 {
		fmt.Fprintf(e.stderr, "aimsready: error: %d problems:\n", ps.Count())
		for _, p := range ps {
			fmt.Fprintf(e.stderr, "  %s\n", safetext.Line(p.Error()))
		}
	} else {
		msg := err.Error()
		if m, h, ok := unknownCommand(msg); ok {
			msg, hint = m, h
		}
		// One line each: a file name with a line break cannot forge lines.
		fmt.Fprintf(e.stderr, "aimsready: error: %s\n", safetext.Line(msg))
	}
	if hint != "" {
		fmt.Fprintf(e.stderr, "hint: %s\n", safetext.Line(e.named(hint)))
	}
	return code
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "aimsready",
		Short: "ISO/IEC 42001 readiness assessment: how ready are you for the audit, and what to fix first",
		Long: `aimsready is an offline gap assessment for ISO/IEC 42001:2023, the certifiable
standard for an AI management system. It asks about clauses 4-10 and the
Annex A controls, scores the answers, calls out what would stop a Stage 1
audit, and writes a prioritized fix list.

Start here:
  aimsready assess                      the interview; answers are saved to
                                        aimsready-answers.yaml as you go
  aimsready report aimsready-answers.yaml -o report.pdf
                                        the gap-analysis report
  aimsready init, then aimsready score  the same from a file, for scripts and CI

Its results are a readiness estimate, not a certification or an audit.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
		// The catalog flag is read by commands through env.
	}
	root.SetVersionTemplate("aimsready {{.Version}}\n")

	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.PersistentFlags().StringVar(&e.catalogPath, "catalog", "", "use a custom catalog `FILE` instead of the built-in one")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &cliError{code: exitBadInput, err: plainFlagError(err), hint: fmt.Sprintf("run '%s --help' for usage", c.CommandPath())}
	})
	root.AddCommand(newVersionCmd(e), newCatalogCmd(e))
	addAssessmentCommands(root, e)
	for _, newCmd := range extraCommands {
		root.AddCommand(newCmd(e))
	}
	if e.prog.name != defaultName { // usage lines and help name the command as started
		root.Use = shellQuote(e.prog.name)
		// Help texts are renamed when help is shown, not at every start.
		help := root.HelpFunc()
		root.SetHelpFunc(func(c *cobra.Command, args []string) {
			renameHelp(e, c)
			help(c, args)
		})
	}
	return root
}

// renameHelp names the command as started in c's help (and its
// subcommands', which it lists).
func renameHelp(e *env, c *cobra.Command) {
	c.Long, c.Example = e.named(c.Long), e.named(c.Example)
	for _, sub := range c.Commands() {
		sub.Long, sub.Example = e.named(sub.Long), e.named(sub.Example)
	}
}

// extraCommands lets each command file register itself from init, so
// commands live in files of their own (cobra sorts them for help output).
var extraCommands []func(*env) *cobra.Command

// exactArgs is cobra.ExactArgs with a message a non-programmer can read and
// the usage-error exit code.
func exactArgs(n int, names ...string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		want := strings.Join(names, " and ")
		if n == 0 {
			if c.HasSubCommands() {
				return &cliError{code: exitBadInput, err: fmt.Errorf("unknown command %q for %s", args[0], c.CommandPath()),
					hint: fmt.Sprintf("run '%s --help' to see its commands", c.CommandPath())}
			}
			return &cliError{code: exitBadInput, err: fmt.Errorf("%s takes no arguments, got %q", c.CommandPath(), strings.Join(args, " ")), hint: "usage: " + c.UseLine()}
		}
		if len(args) < n {
			return &cliError{code: exitBadInput, err: fmt.Errorf("%s needs %s", c.CommandPath(), want), hint: "usage: " + c.UseLine()}
		}
		return &cliError{code: exitBadInput, err: fmt.Errorf("%s takes %s, got %d arguments", c.CommandPath(), want, len(args)), hint: "usage: " + c.UseLine()}
	}
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the tool version and the catalog id and version",
		Args:  exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			c, err := e.catalog()
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "aimsready %s\ncatalog %s (%s)\n", Version, c.Ident(), c.Title)
			return nil
		},
	}
}

// parseFailure is compiled on first use (a bad flag), not at every start.
var parseFailure = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`: strconv\.Parse\w+: parsing "[^"]*": (invalid syntax|value out of range)`)
})

// plainFlagError turns pflag's 'invalid argument "abc" for "--fail-under"
// flag: strconv.ParseFloat: parsing "abc": invalid syntax' into words a
// non-programmer can act on.
func plainFlagError(err error) error {
	msg := parseFailure().ReplaceAllStringFunc(err.Error(), func(m string) string {
		if strings.HasSuffix(m, "value out of range") {
			return ": the number is out of range"
		}
		return ": not a number"
	})
	return errors.New(msg)
}

// isTerminal reports whether f is an interactive terminal. A character
// device is not enough: /dev/null is one.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

// unknownCommand rewords cobra's "unknown command" error, whose
// suggestions come on lines of their own ("Did you mean this?\n\tscore"),
// as one line and a hint that names the command meant.
func unknownCommand(msg string) (string, string, bool) {
	head, rest, found := strings.Cut(msg, "\n")
	if !strings.HasPrefix(head, "unknown command ") {
		return "", "", false
	}
	head = strings.TrimSpace(head)
	hint := "run 'aimsready help' to see the commands"
	if found {
		if _, sugg, ok := strings.Cut(rest, "Did you mean this?"); ok {
			if names := strings.Fields(sugg); len(names) > 0 {
				hint = "did you mean '" + strings.Join(names, "' or '") + "'? " + hint
			}
		}
	}
	return head, hint, true
}
