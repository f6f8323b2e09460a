package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Why "-" looked like a dash: the Go fonts are drawn for source code, where
// U+002D is the minus operator. Their glyph "hyphen" for U+002D is a copy of
// "minus" (1196 of 2048 units wide, wider than their en dash at 1024), so
// "2026-11-22" and "third-party" printed with long dashes. fpdf maps runes
// through the font's own cmap (there is no cp1252 translator on the UTF-8
// path), so nothing in the PDF code picked the wrong glyph: the font did.
// The same fonts carry a proper text hyphen at U+00AD ("uni00AD", 682
// units). textFace gives the proportional faces that glyph for U+002D, by
// copying its outline and metrics over the minus-like one, once per face
// and process.

// The faces are patched on first use, each once per process: a report
// that sets nothing in bold italics never pays for that face.
var (
	regularFace    = sync.OnceValues(func() ([]byte, error) { return patchedFace("Go Regular", goregular.TTF) })
	boldFace       = sync.OnceValues(func() ([]byte, error) { return patchedFace("Go Bold", gobold.TTF) })
	italicFace     = sync.OnceValues(func() ([]byte, error) { return patchedFace("Go Italic", goitalic.TTF) })
	boldItalicFace = sync.OnceValues(func() ([]byte, error) { return patchedFace("Go Bold Italic", gobolditalic.TTF) })
)

// textFace returns the TrueType face the PDF embeds for an fpdf style
// ("", "B", "I" or "BI").
func textFace(style string) ([]byte, error) {
	switch style {
	case "B":
		return boldFace()
	case "I":
		return italicFace()
	case "BI":
		return boldItalicFace()
	}
	return regularFace()
}

func patchedFace(name string, ttf []byte) ([]byte, error) {
	out, err := withTextHyphen(ttf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// withTextHyphen returns a copy of the TrueType font ttf whose U+002D glyph
// has the outline and advance of its U+00AD glyph.
func withTextHyphen(ttf []byte) ([]byte, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	minus, err := f.GlyphIndex(&buf, '-')
	if err != nil || minus == 0 {
		return nil, errors.New("no glyph for U+002D")
	}
	hyphen, err := f.GlyphIndex(&buf, '\u00AD')
	if err != nil || hyphen == 0 {
		return nil, errors.New("no glyph for U+00AD")
	}
	out := append([]byte(nil), ttf...)
	tab, err := ttfTables(out)
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"head", "hhea", "loca", "glyf", "hmtx"} {
		if _, ok := tab[name]; !ok {
			return nil, fmt.Errorf("no %s table", name)
		}
	}
	be := binary.BigEndian
	head, hhea, loca, glyf, hmtx := tab["head"], tab["hhea"], tab["loca"], tab["glyf"], tab["hmtx"]
	if head.len < 54 || hhea.len < 36 {
		return nil, errors.New("short head or hhea table")
	}
	longLoca := be.Uint16(out[head.off+50:]) == 1
	glyph := func(g int) (int, int, error) {
		var a, b int
		if longLoca {
			if 4*(g+2) > loca.len {
				return 0, 0, errors.New("glyph beyond loca")
			}
			a, b = int(be.Uint32(out[loca.off+4*g:])), int(be.Uint32(out[loca.off+4*g+4:]))
		} else {
			if 2*(g+2) > loca.len {
				return 0, 0, errors.New("glyph beyond loca")
			}
			a, b = 2*int(be.Uint16(out[loca.off+2*g:])), 2*int(be.Uint16(out[loca.off+2*g+2:]))
		}
		if a > b || b > glyf.len {
			return 0, 0, errors.New("glyph outside glyf")
		}
		return glyf.off + a, b - a, nil
	}
	dst, dstLen, err := glyph(int(minus))
	if err != nil {
		return nil, err
	}
	src, srcLen, err := glyph(int(hyphen))
	if err != nil {
		return nil, err
	}
	if srcLen > dstLen {
		return nil, fmt.Errorf("text hyphen outline (%d bytes) does not fit the slot of U+002D (%d bytes)", srcLen, dstLen)
	}
	// The shorter outline leaves zero padding in the slot, which readers
	// of the glyf table ignore.
	copy(out[dst:dst+dstLen], out[src:src+srcLen])
	clear(out[dst+srcLen : dst+dstLen])

	metrics := int(be.Uint16(out[hhea.off+34:]))
	if int(minus) >= metrics || int(hyphen) >= metrics || 4*metrics > hmtx.len {
		return nil, errors.New("hyphen glyphs outside the long horizontal metrics")
	}
	copy(out[hmtx.off+4*int(minus):hmtx.off+4*int(minus)+4], out[hmtx.off+4*int(hyphen):hmtx.off+4*int(hyphen)+4])

	fixChecksums(out, tab)
	if _, err := sfnt.Parse(out); err != nil {
		return nil, fmt.Errorf("patched font does not parse: %w", err)
	}
	return out, nil
}

type ttfTable struct{ dir, off, len int }

// ttfTables reads the table directory of a TrueType font.
func ttfTables(b []byte) (map[string]ttfTable, error) {
	if len(b) < 12 {
		return nil, errors.New("too short for a font")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, errors.New("table directory beyond the end")
	}
	m := make(map[string]ttfTable, n)
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		t := ttfTable{dir: 12 + 16*i, off: int(binary.BigEndian.Uint32(rec[8:])), len: int(binary.BigEndian.Uint32(rec[12:]))}
		if t.off < 0 || t.len < 0 || t.off+t.len > len(b) {
			return nil, fmt.Errorf("table %q beyond the end", rec[:4])
		}
		m[string(rec[:4])] = t
	}
	return m, nil
}

// fixChecksums recomputes every table checksum and head.checkSumAdjustment,
// so the patched font is as valid as the original.
func fixChecksums(b []byte, tab map[string]ttfTable) {
	be := binary.BigEndian
	head := tab["head"]
	be.PutUint32(b[head.off+8:], 0)
	for _, t := range tab {
		be.PutUint32(b[t.dir+4:], ttfSum(b[t.off:t.off+t.len]))
	}
	be.PutUint32(b[head.off+8:], 0xB1B0AFBA-ttfSum(b))
}

func ttfSum(b []byte) uint32 {
	var s uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) { // a last, short word counts as padded with zeros
		var w [4]byte
		copy(w[:], b[n:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// loadFont adds a face to the document the first time it is used: each
// face embedded costs memory and file size, and a report without
// bold italics needs none.
//
// fpdf writes into the font bytes it is given while subsetting, so each
// document gets its own copy: the shared slices stay pristine and the next
// PDF comes out byte for byte the same.
func (d *pdfDoc) loadFont(family, face string) {
	key := family + "/" + face
	if d.loaded[key] {
		return
	}
	if d.loaded == nil {
		d.loaded = map[string]bool{}
	}
	d.loaded[key] = true
	ttf, err := textFace(face)
	if err != nil {
		// The Go fonts are compiled in, so this is a bug, not bad input;
		// writePDF turns the panic into an error.
		panic(fmt.Sprintf("loading the PDF fonts: %v", err))
	}
	d.f.AddUTF8FontFromBytes(family, face, bytes.Clone(ttf))
}
