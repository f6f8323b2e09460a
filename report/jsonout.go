package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeIndentedJSON writes v as encoding/json's Encoder does with
// SetIndent("", "  ") and SetEscapeHTML(false) (user text stays readable:
// "&", not "\u0026"), byte for byte, in one write.
//
// It exists for start-up time: the Encoder re-scans its output through
// json's validating scanner to indent it, which took more time than
// marshalling the 160 KB score JSON itself. Marshal's output is valid
// compact JSON, so indenting it needs no validation, only a walk that
// skips over strings.
func writeIndentedJSON(w io.Writer, v any) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(indentCompact(compact.Bytes()))
	return err
}

// indentCompact indents compact JSON (as json.Marshal writes it, plus the
// Encoder's trailing newline) with two spaces per level, exactly as
// json.Indent(dst, src, "", "  ") would.
func indentCompact(src []byte) []byte {
	dst := make([]byte, 0, len(src)+len(src)/2)
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			// Copy the string up to its closing quote; escapes hide quotes.
			j := i + 1
			for j < len(src) {
				k := bytes.IndexAny(src[j:], `"\`)
				if k < 0 {
					j = len(src)
					break
				}
				j += k
				if src[j] == '\\' {
					j += 2
					continue
				}
				break
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1]) // empty: "{}" and "[]" stay on one line
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
