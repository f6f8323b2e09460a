package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoHTTPClient shows the binary cannot talk HTTP: net/http is not among
// its dependencies. (The net package itself arrives through pflag's IP flag
// types and opens nothing.)
func TestNoHTTPClient(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net/http", "net/rpc", "net/smtp", "crypto/tls", "net/http/httptrace":
			t.Errorf("the binary links %s; aimsready must never open network connections", pkg)
		}
	}
}
