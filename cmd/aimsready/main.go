// Command aimsready estimates how ready an organisation is for an
// ISO/IEC 42001:2023 certification audit and says what to fix first.
package main

import (
	"os"

	// First, so no terminal library queries the terminal at start-up.
	_ "github.com/aimsready/aimsready/assess/interview/termquiet"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
