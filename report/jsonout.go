package report

import (
	"bytes"
	"encoding"
	"encoding/json"
	"io"
	"reflect"
	"strings"

	"github.com/aimsready/aimsready/internal/safetext"
)

// writeIndentedJSON writes v exactly as encoding/json's Encoder does with
// SetIndent("", "  ") and SetEscapeHTML(false) (user text stays readable:
// "&", not "\u0026").
//
// It exists for start-up time, which a short run spends largely on page
// faults for fresh memory. The Encoder marshals the whole document into one
// buffer grown by doubling, then indents it into a second one by re-scanning
// it with json's validating scanner: for the 160 KB score JSON that touched
// ~500 KB and cost more than the marshalling itself. Here the top-level
// struct and its slices are encoded piece by piece (each piece by
// encoding/json, so every value is encoded as it would be) and indented by a
// walk that only skips over strings, 32 KB at a time.
func writeIndentedJSON(w io.Writer, v any) error {
	jw := safetext.NewJSONWriter(w)
	d := &indenter{w: jw}
	enc := json.NewEncoder(pieceWriter{d})
	enc.SetEscapeHTML(false)
	s := &streamer{enc: enc, d: d}
	s.value(reflect.ValueOf(v), 0)
	if s.err == nil {
		d.Write([]byte{'\n'})
		s.err = d.flush()
	}
	if s.err == nil {
		s.err = jw.Flush()
	}
	return s.err
}

// pieceWriter passes an Encode's output on without its trailing newline.
type pieceWriter struct{ d *indenter }

func (p pieceWriter) Write(b []byte) (int, error) {
	p.d.Write(bytes.TrimSuffix(b, []byte{'\n'}))
	return len(b), p.d.err
}

// streamer writes a value as compact JSON into the indenter, splitting
// structs and slices into pieces down to maxDepth.
type streamer struct {
	enc *json.Encoder
	d   *indenter
	err error
}

// maxDepth splits the top-level object and the lists in it; below that a
// piece (one question, one fix) is small.
const maxDepth = 2

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func (s *streamer) raw(b string) {
	if s.err == nil {
		s.d.Write([]byte(b))
		s.err = s.d.err
	}
}

func (s *streamer) whole(v reflect.Value) {
	if s.err != nil {
		return
	}
	if !v.IsValid() {
		s.raw("null")
		return
	}
	s.err = s.enc.Encode(v.Interface())
}

func (s *streamer) value(v reflect.Value, depth int) {
	if s.err != nil {
		return
	}
	if depth >= maxDepth || !v.IsValid() || custom(v.Type()) {
		s.whole(v)
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			s.raw("null")
			return
		}
		s.value(v.Elem(), depth)
	case reflect.Struct:
		fields, ok := plainFields(v.Type())
		if !ok {
			s.whole(v)
			return
		}
		s.raw("{")
		n := 0
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmptyValue(fv) {
				continue
			}
			if n > 0 {
				s.raw(",")
			}
			n++
			s.raw(f.key + ":")
			s.value(fv, depth+1)
		}
		s.raw("}")
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // []byte is base64
			s.whole(v)
			return
		}
		if v.IsNil() {
			s.raw("null")
			return
		}
		s.raw("[")
		for i := range v.Len() {
			if i > 0 {
				s.raw(",")
			}
			s.value(v.Index(i), depth+1)
		}
		s.raw("]")
	default:
		s.whole(v)
	}
}

// custom reports whether values of t encode themselves.
func custom(t reflect.Type) bool {
	return t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)
}

type plainField struct {
	index     int
	key       string // the quoted name
	omitEmpty bool
}

// plainFields lists a struct's fields as encoding/json writes them, when
// the struct is plain: no embedded fields and no tag options but
// omitempty. Anything else is left to encoding/json whole (ok false).
func plainFields(t reflect.Type) ([]plainField, bool) {
	var fields []plainField
	seen := map[string]bool{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil, false
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if opts != "" && opts != "omitempty" {
			return nil, false
		}
		if name == "" {
			name = sf.Name
		}
		if seen[name] || strings.ContainsAny(name, "\"\\<>&") {
			return nil, false
		}
		seen[name] = true
		key, err := json.Marshal(name)
		if err != nil {
			return nil, false
		}
		fields = append(fields, plainField{index: i, key: string(key), omitEmpty: opts == "omitempty"})
	}
	return fields, true
}

// isEmptyValue is encoding/json's omitempty test.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// indenter indents compact JSON written to it with two spaces per level,
// as json.Indent(dst, src, "", "  ") would. It keeps its state between
// writes, so the input may arrive in any pieces, and writes to w in chunks
// of indentChunk; call flush at the end. The first write error sticks.
type indenter struct {
	w        io.Writer
	out      []byte
	err      error
	depth    int
	inString bool
	escaped  bool // the previous byte in a string was a backslash
	opened   bool // the previous byte opened an object or array
}

// indentChunk is how much indented output is gathered before it is
// written: small enough not to touch fresh memory for the whole document,
// large enough that writes are few.
const indentChunk = 32 << 10

func (d *indenter) Write(p []byte) (int, error) {
	if d.out == nil {
		d.out = make([]byte, 0, indentChunk+512)
	}
	for i := 0; i < len(p); i++ {
		if len(d.out) >= indentChunk {
			d.flush()
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
	return len(p), d.err
}

// flush writes what is gathered.
func (d *indenter) flush() error {
	if len(d.out) > 0 && d.err == nil {
		_, d.err = d.w.Write(d.out)
	}
	d.out = d.out[:0]
	return d.err
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
	d := &indenter{w: &b}
	d.Write(src)
	d.flush()
	return b.Bytes()
}
