package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeIndentedJSON writes v as encoding/json's Encoder does with
// SetIndent("", "  ") and SetEscapeHTML(false) (user text stays readable:
// "&", not "\u0026"), byte for byte.
//
// It exists for start-up time: the Encoder indents by re-scanning its
// output with json's validating scanner into a second buffer, which took
// more time than marshalling the 160 KB score JSON itself. Marshal's output
// is valid compact JSON, so indenting it needs no validation, only a walk
// that skips over strings, done as the Encoder writes.
func writeIndentedJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(&indenter{w: w})
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// indenter indents compact JSON written to it with two spaces per level,
// as json.Indent(dst, src, "", "  ") would. It keeps its state between
// writes, so the input may arrive in any pieces.
type indenter struct {
	w        io.Writer
	out      []byte
	depth    int
	inString bool
	escaped  bool // the previous byte in a string was a backslash
	opened   bool // the previous byte opened an object or array
}

// indentChunk is how much indented output is gathered before it is
// written: small enough not to touch fresh memory for the whole document
// (page faults are a large part of a short run's time), large enough that
// writes are few.
const indentChunk = 32 << 10

func (d *indenter) Write(p []byte) (int, error) {
	if d.out == nil {
		d.out = make([]byte, 0, indentChunk+256)
	}
	for i := 0; i < len(p); i++ {
		if len(d.out) >= indentChunk {
			if err := d.flush(); err != nil {
				return 0, err
			}
		}
		c := p[i]
		if d.inString {
			if d.escaped {
				d.escaped = false
				d.out = append(d.out, c)
				continue
			}
			// Copy up to the next quote or backslash in one go.
			k := bytes.IndexAny(p[i:], `"\`)
			if k < 0 {
				d.out = append(d.out, p[i:]...)
				break
			}
			d.out = append(d.out, p[i:i+k+1]...)
			i += k
			if p[i] == '\\' {
				d.escaped = true
			} else {
				d.inString = false
			}
			continue
		}
		if d.opened {
			d.opened = false
			if c == '}' || c == ']' { // empty: "{}" and "[]" stay on one line
				d.out = append(d.out, c)
				continue
			}
			d.depth++
			d.newline()
		}
		switch c {
		case '"':
			d.inString = true
			d.out = append(d.out, c)
		case '{', '[':
			d.out = append(d.out, c)
			d.opened = true
		case '}', ']':
			d.depth--
			d.newline()
			d.out = append(d.out, c)
		case ',':
			d.out = append(d.out, c)
			d.newline()
		case ':':
			d.out = append(d.out, ':', ' ')
		default:
			d.out = append(d.out, c)
		}
	}
	if err := d.flush(); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (d *indenter) flush() error {
	if len(d.out) == 0 {
		return nil
	}
	_, err := d.w.Write(d.out)
	d.out = d.out[:0]
	return err
}

func (d *indenter) newline() {
	d.out = append(d.out, '\n')
	for range d.depth {
		d.out = append(d.out, ' ', ' ')
	}
}

// indentCompact indents a whole compact JSON text (for tests).
func indentCompact(src []byte) []byte {
	var b bytes.Buffer
	(&indenter{w: &b}).Write(src)
	return b.Bytes()
}
