// Package safetext is the one place that decides which characters from a
// file may reach a terminal or a report. Text from answers files and
// custom catalogs is checked when loaded (strictyaml refuses control
// characters), but outputs must not rely on that alone: every string from
// a file passes through here on its way out.
//
// Neutralised everywhere: C0 and C1 control characters and DEL (escape
// sequences, BEL, carriage returns that overwrite a line), invalid UTF-8,
// and characters that are invisible yet change how text reads: bidi
// controls and marks (U+200E, U+200F, U+061C, U+202A–U+202E,
// U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060, U+FEFF),
// line and paragraph separators and Unicode tag characters.
//
// It imports nothing of this module, so every room may use it.
package safetext

import (
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Replacement stands in for a control character or an invalid byte, so
// that something visible shows that a character was there.
const Replacement = '\uFFFD'

// Invisible reports whether r is a format character that changes how
// surrounding text reads or hides text: bidi controls and marks,
// zero-width characters, separators, tags.
func Invisible(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F, // bidi marks
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // bidi embeddings, overrides, isolates
		r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF, r == 0x180E, // zero-width
		r == 0x2028, r == 0x2029, // line and paragraph separators
		r >= 0xE0000 && r <= 0xE007F: // tag characters
		return true
	}
	return false
}

// control reports whether r is a C0 or C1 control character or DEL.
func control(r rune) bool { return r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) }

// Line makes s safe on one line: line breaks and tabs become spaces, other
// controls and invalid bytes the replacement character, invisible
// characters are dropped.
func Line(s string) string {
	if clean(s, false) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalid(s, i):
			b.WriteRune(Replacement)
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case control(r):
			b.WriteRune(Replacement)
		case Invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Text is Line for text that may span lines: line breaks and tabs are
// kept (CRLF and a lone CR become a line break, so a CR cannot overwrite
// what was printed before it).
func Text(s string) string {
	if clean(s, true) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalid(s, i):
			b.WriteRune(Replacement)
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case control(r):
			b.WriteRune(Replacement)
		case Invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean reports whether s needs no change (the common case, without
// allocating).
func clean(s string, multiline bool) bool {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalid(s, i):
			return false
		case multiline && (r == '\n' || r == '\t'):
		case control(r), Invisible(r):
			return false
		}
	}
	return true
}

func isInvalid(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n <= 1
}

// Writer neutralises everything written through it as Text does. A
// character split across two writes is held back until it is complete.
type Writer struct {
	w    io.Writer
	hold runeHold
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (sw *Writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(sw.w, Text(string(sw.hold.complete(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back (an incomplete character, shown as the
// replacement character).
func (sw *Writer) Flush() error {
	if len(sw.hold) == 0 {
		return nil
	}
	sw.hold = nil
	_, err := io.WriteString(sw.w, string(Replacement))
	return err
}

// runeHold keeps the bytes of a character split across two writes.
type runeHold []byte

// complete returns what was held and p up to the last whole character,
// and holds back the rest for the next write.
func (h *runeHold) complete(p []byte) []byte {
	data := p
	if len(*h) > 0 {
		data = append(*h, p...)
		*h = nil
	}
	cut := completeRunes(data)
	*h = append(*h, data[cut:]...)
	return data[:cut]
}

// completeRunes returns how much of data ends on a whole character: an
// incomplete one at the end is held back for the next write.
func completeRunes(data []byte) int {
	for k := 1; k <= 3 && k <= len(data); k++ {
		c := data[len(data)-k]
		if c < 0x80 {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-k:]) {
				return len(data) - k
			}
			break
		}
	}
	return len(data)
}

// JSONWriter writes JSON with every invisible character (see Invisible)
// spelled as a \u escape. The data stay exactly as loaded, since a JSON
// reader decodes the escape to the same character, but a terminal, a
// viewer or a diff shows the escape instead of letting the character
// reorder or hide text. encoding/json emits those characters only inside
// strings, where an escape is valid.
type JSONWriter struct {
	w    io.Writer
	hold runeHold
	buf  []byte
}

// NewJSONWriter returns a JSONWriter on w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

func (jw *JSONWriter) Write(p []byte) (int, error) {
	out := jw.hold.complete(p)
	if hasInvisible(out) {
		jw.buf = jw.buf[:0]
		for len(out) > 0 {
			r, n := utf8.DecodeRune(out)
			if Invisible(r) {
				jw.buf = appendEscape(jw.buf, r)
			} else {
				jw.buf = append(jw.buf, out[:n]...)
			}
			out = out[n:]
		}
		out = jw.buf
	}
	if _, err := jw.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back as it is; JSON from encoding/json never
// ends inside a character, so this only matters for a truncated stream.
func (jw *JSONWriter) Flush() error {
	if len(jw.hold) == 0 {
		return nil
	}
	_, err := jw.w.Write(jw.hold)
	jw.hold = nil
	return err
}

// hasInvisible is a fast check: every invisible character is encoded with
// a lead byte 0xD8 (U+061C), 0xE1 (U+180E), 0xE2 (U+20xx), 0xEF (U+FEFF)
// or 0xF3 (tags).
func hasInvisible(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case 0xD8, 0xE1, 0xE2, 0xEF, 0xF3:
			r, _ := utf8.DecodeRune(b[i:])
			if Invisible(r) {
				return true
			}
		}
	}
	return false
}

const hexDigits = "0123456789abcdef"

// appendEscape spells r as JSON \u escapes (a surrogate pair above U+FFFF).
func appendEscape(b []byte, r rune) []byte {
	units := []rune{r}
	if r > 0xFFFF {
		r1, r2 := utf16.EncodeRune(r)
		units = []rune{r1, r2}
	}
	for _, u := range units {
		b = append(b, '\\', 'u', hexDigits[u>>12&0xF], hexDigits[u>>8&0xF], hexDigits[u>>4&0xF], hexDigits[u&0xF])
	}
	return b
}
