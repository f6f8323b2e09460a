// Command aimsready estimates how ready an organisation is for an
// ISO/IEC 42001:2023 certification audit and says what to fix first.
//
// This package is thin cobra wiring: flags, calls into catalog, assess,
// assess/interview and report, messages and exit codes. Logic that another
// front end could reuse belongs in those packages; nothing imports this one.
package main

import (
	"os"

	// First, so no terminal library queries the terminal at start-up.
	_ "github.com/aimsready/aimsready/assess/interview/termquiet"
)

func main() {
	setInvocation(os.Args[0]) // hints name the command as it was started
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
