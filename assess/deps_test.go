package assess

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoTerminalDependencies keeps assess free of terminal code: the
// interview lives in assess/interview, and everything else that loads,
// scores or compares answers (reports, CI gates) must build without a
// terminal library.
func TestNoTerminalDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	banned := []string{
		"github.com/charmbracelet/",
		"github.com/muesli/",
		"github.com/mattn/go-isatty",
		"github.com/mattn/go-localereader",
		"github.com/erikgeiser/coninput",
		"github.com/xo/terminfo",
		"github.com/aimsready/aimsready/assess/interview",
		"github.com/aimsready/aimsready/report",
		"golang.org/x/term",
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, b := range banned {
			if strings.HasPrefix(pkg, b) {
				t.Errorf("assess depends on %s; it must not import terminal, interview or report code", pkg)
			}
		}
	}
}
