// Package termquiet stops the terminal libraries from querying the terminal
// when aimsready starts.
//
// bubbletea v1 asks lipgloss for the terminal's background colour in its
// package init, which writes escape sequences (OSC 11, cursor position
// report) to every interactive run of every command and waits up to five
// seconds for a terminal that never answers. Importing this package first
// (its import path sorts before github.com/charmbracelet/..., and Go
// initialises ready packages in import-path order) sets the background
// explicitly, so that init finds an answer and asks nothing. The interview
// asks the terminal itself, briefly, with Probe, when it really runs in one.
//
// It must import nothing that imports bubbletea (nor any aimsready
// package): it has to initialise before bubbletea does.
package termquiet

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func init() {
	lipgloss.SetHasDarkBackground(guessDark())
}

// guessDark reads the background from COLORFGBG ("15;0": light text on a
// dark background) when the terminal sets it, and otherwise assumes dark,
// the default of most terminals.
func guessDark() bool {
	v := os.Getenv("COLORFGBG")
	if i := strings.LastIndexByte(v, ';'); i >= 0 {
		switch v[i+1:] {
		case "7", "15":
			return false
		}
	}
	return true
}

// Probe asks the terminal on out for its background colour and tells
// lipgloss, so colours suit light and dark terminals. Call it only when the
// interview is about to take the terminal. termenv skips the query for
// terminals known not to answer (dumb, screen, tmux); one that ignores it
// costs termenv's timeout once.
func Probe(out io.Writer) {
	f, ok := out.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return
	}
	lipgloss.SetHasDarkBackground(termenv.NewOutput(f).HasDarkBackground())
}
