package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Hints ("Resume with: aimsready assess", "hint: run 'aimsready init'")
// must work when typed as printed, so they name the program the way the
// user started it. Every hint goes through e.command or e.named.

// defaultName is the installed command's name.
const defaultName = "aimsready"

// invocation is how this process was started; main sets it from os.Args[0].
// Tests that call Main directly keep the default.
var invocation = progName{name: defaultName}

// progName is the command hints name, and whether it is a `go run` build.
type progName struct {
	name  string // "aimsready", or the path it was started by ("./bin/aimsready")
	goRun bool   // a temporary `go run` build: there is nothing to type yet
}

// nameFrom works out the command hints should show from os.Args[0]:
//
//   - a `go run` build (…/go-build…/b001/exe/aimsready): "aimsready", with
//     goRun set so the user is told how to install it;
//   - a bare name, as a shell passes a command found on PATH: that name;
//   - a path: the bare name when PATH finds this same file under it (so an
//     installed binary started by its full path still says "aimsready"),
//     otherwise the path as given, which works from the same folder.
func nameFrom(arg0 string, lookPath func(string) (string, error)) progName {
	if arg0 == "" {
		return progName{name: defaultName}
	}
	if isGoRunBuild(arg0) {
		return progName{name: defaultName, goRun: true}
	}
	base := filepath.Base(arg0)
	if !strings.ContainsRune(arg0, filepath.Separator) && !strings.ContainsRune(arg0, '/') {
		return progName{name: arg0}
	}
	if found, err := lookPath(base); err == nil && sameFile(found, arg0) {
		return progName{name: base}
	}
	return progName{name: arg0}
}

// isGoRunBuild reports whether path is where `go run` puts its temporary
// binary: $GOTMPDIR/go-buildNNN/b001/exe/NAME.
func isGoRunBuild(path string) bool {
	dir := filepath.Dir(path)
	if filepath.Base(dir) != "exe" {
		return false
	}
	return strings.HasPrefix(filepath.Base(filepath.Dir(filepath.Dir(dir))), "go-build")
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// setInvocation records how the process was started (called by main).
func setInvocation(arg0 string) { invocation = nameFrom(arg0, exec.LookPath) }

// command is the hint helper: the command line that runs this program with
// args, as the user started it, with --catalog when one is in use. Args
// must already be quoted for the shell where needed (shellQuote).
func (e *env) command(args ...string) string {
	if e.catalogPath != "" {
		args = append([]string{"--catalog", shellQuote(e.catalogPath)}, args...)
	}
	return e.bare(args...)
}

// bare is command without the --catalog flag in use.
func (e *env) bare(args ...string) string {
	e.hinted = true
	return strings.Join(append([]string{shellQuote(e.prog.name)}, args...), " ")
}

// commandWord finds "aimsready" used as a command in a message: followed by
// a subcommand or flag, at a word start. Texts from other packages (and
// help texts) write it so; named rewrites it to the command as started.
var commandWord = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(^|[\s'"` + "`" + `(])aimsready( (?:assess|init|validate|score|diff|report|catalog|version|help|plan|--?[a-z]))`)
})

// named rewrites commands in text written as "aimsready SUBCOMMAND" to the
// command as the user started it.
func (e *env) named(text string) string {
	if e.prog.name == defaultName && !e.prog.goRun || !strings.Contains(text, defaultName+" ") {
		return text // the usual case: nothing to rename or note
	}
	re := commandWord()
	if !re.MatchString(text) {
		return text
	}
	e.hinted = true
	if e.prog.name == defaultName {
		return text
	}
	name := shellQuote(e.prog.name)
	return re.ReplaceAllStringFunc(text, func(m string) string {
		sub := re.FindStringSubmatch(m)
		return sub[1] + name + sub[2]
	})
}

// cite sets a command off in a sentence: in single quotes, or in double
// quotes when it holds single quotes itself (a path with spaces), so the
// quotes that belong to the command stay readable.
func cite(command string) string {
	if strings.Contains(command, "'") {
		return `"` + command + `"`
	}
	return "'" + command + "'"
}

// installNote tells someone who started a `go run` build, and was shown
// commands to type, how to get the command those hints use.
func (e *env) installNote(w io.Writer) {
	if !e.prog.goRun || !e.hinted {
		return
	}
	fmt.Fprintf(w, "\nnote: this was a temporary 'go run' build, so there is no %[1]s command yet.\n"+
		"Install it from the repository with 'go install ./cmd/%[1]s'; Go puts it in $(go env GOBIN),\n"+
		"or $(go env GOPATH)/bin when GOBIN is not set: add that folder to your PATH, e.g.\n"+
		"  export PATH=\"$PATH:$(go env GOPATH)/bin\"\n", defaultName)
}
