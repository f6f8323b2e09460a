package report

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseLogo checks and flattens the example logo, as every report
// with a PNG logo does once.
func BenchmarkParseLogo(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "logo.png"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseLogo(data); err != nil {
			b.Fatal(err)
		}
	}
}
