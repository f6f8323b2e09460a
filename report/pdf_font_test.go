package report

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// pdfFonts are the TrueType faces the PDF embeds, by fpdf style.
type pdfFonts struct {
	regular, bold, italic, boldItalic []byte
}

// textFonts patches all four faces.
func textFonts() (pdfFonts, error) {
	var fs pdfFonts
	for _, f := range []struct {
		style string
		dst   *[]byte
	}{{"", &fs.regular}, {"B", &fs.bold}, {"I", &fs.italic}, {"BI", &fs.boldItalic}} {
		ttf, err := textFace(f.style)
		if err != nil {
			return fs, err
		}
		*f.dst = ttf
	}
	return fs, nil
}

// TestTextHyphen pins the cause of the wide hyphens: in the Go fonts U+002D
// is drawn as a minus, wider than an en dash. The faces the PDF embeds give
// it the fonts' own text hyphen instead, and the text still reads "-".
func TestTextHyphen(t *testing.T) {
	fonts, err := textFonts()
	if err != nil {
		t.Fatal(err)
	}
	width := func(ttf []byte, s string) float64 {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("x", "", bytes.Clone(ttf))
		f.SetFont("x", "", 10)
		return f.GetStringWidth(s)
	}
	// Measured after textFonts ran: the shared bytes stay unpatched.
	if orig, dash := width(goregular.TTF, "-"), width(goregular.TTF, "–"); orig <= dash {
		t.Fatalf("the unpatched Go Regular hyphen (%.2f mm) is no longer wider than its en dash (%.2f mm): is the patch still needed?", orig, dash)
	}
	for name, ttf := range map[string][]byte{"regular": fonts.regular, "bold": fonts.bold, "italic": fonts.italic} {
		hyphen, soft, dash := width(ttf, "-"), width(ttf, "\u00AD"), width(ttf, "–")
		if hyphen != soft || hyphen >= 0.7*dash {
			t.Errorf("%s: hyphen %.2f mm, text hyphen %.2f mm, en dash %.2f mm: want the hyphen as wide as the text hyphen and well short of the dash", name, hyphen, soft, dash)
		}
	}
}

func TestPDFTextKeepsHyphen(t *testing.T) {
	text := pdfText(t, exampleReportPDF(t))
	for _, w := range []string{"2026-11-22", "iso42001-2023"} {
		if !bytes.Contains([]byte(text), []byte(w)) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

// TestASCIICovered backs pdfCovered's shortcut: every face draws every
// printable ASCII character.
func TestASCIICovered(t *testing.T) {
	for _, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for r := rune(0x20); r < 0x7F; r++ {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("a Go font has no glyph for %q", r)
			}
		}
	}
}
