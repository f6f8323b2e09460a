package safetext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestLineAndText(t *testing.T) {
	tests := []struct{ in, line, text string }{
		{"plain Zürich", "plain Zürich", "plain Zürich"},
		{"a\x1b]8;;http://x\x1b\\link\x07", "a\uFFFD]8;;http://x\uFFFD\\link\uFFFD", "a\uFFFD]8;;http://x\uFFFD\\link\uFFFD"},
		{"Acme\rOverall 100.0", "Acme Overall 100.0", "Acme\nOverall 100.0"},
		{"crlf\r\nnext", "crlf  next", "crlf\nnext"},
		{"tab\there", "tab here", "tab\there"},
		{"bidi\u202eevil\u202c marks\u200e\u200f\u061c", "bidievil marks", "bidievil marks"},
		{"zero\u200bwidth\u200d\ufeff\u2060", "zerowidth", "zerowidth"},
		{"tag\U000E0041\U000E007F", "tag", "tag"},
		{"c1\u0085\u009b", "c1\uFFFD\uFFFD", "c1\uFFFD\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8", "bad\uFFFDutf8"},
		{"real \uFFFD kept", "real \uFFFD kept", "real \uFFFD kept"},
		{"sep\u2028x", "sepx", "sepx"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.line {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
		}
	}
}

func TestWriterHoldsSplitCharacters(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	s := []byte("Zürich \u202e€\x1b[2J\n")
	for i := range s {
		w.Write(s[i : i+1])
	}
	w.Flush()
	if got, want := b.String(), "Zürich €\uFFFD[2J\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	b.Reset()
	w.Write([]byte("end\xe2\x82"))
	w.Flush()
	if got := b.String(); got != "end\uFFFD" {
		t.Errorf("incomplete tail: %q", got)
	}
}

// JSONWriter escapes invisible characters wherever the writes split them,
// and a JSON reader gets the same text back.
func TestJSONWriter(t *testing.T) {
	in := "{\"s\":\"a\u200eb\u202ec\U000E0041d\ufeffé\"}\n"
	want := `{"s":"a\u200eb\u202ec\udb40\udc41d\ufeffé"}` + "\n"
	for size := 1; size <= len(in); size++ {
		var out strings.Builder
		jw := NewJSONWriter(&out)
		for i := 0; i < len(in); i += size {
			jw.Write([]byte(in[i:min(i+size, len(in))]))
		}
		jw.Flush()
		if out.String() != want {
			t.Fatalf("writes of %d bytes: got %q, want %q", size, out.String(), want)
		}
		var v struct{ S string }
		if err := json.Unmarshal([]byte(out.String()), &v); err != nil || v.S != "a\u200eb\u202ec\U000E0041d\ufeffé" {
			t.Fatalf("decodes to %q, %v", v.S, err)
		}
	}
}
