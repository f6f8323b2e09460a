package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// indentReference is what the encoder this replaces wrote.
func indentReference(t testing.TB, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWriteIndentedJSON(t *testing.T) {
	for _, v := range []any{
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x", nil, true, map[string]any{"d": 1.5}}},
		[]string{`quote " and \ backslash`, "\\", `\"`, "ends with \\", "<&> stays", "ünïcode \u2028"},
		"plain", 42, nil, []any{[]any{[]any{}}},
		map[string]string{"{not": "a [brace], or: comma"},
	} {
		var got bytes.Buffer
		if err := writeIndentedJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(indentReference(t, v)), got.String()); diff != "" {
			t.Errorf("%v (-encoder +ours):\n%s", v, diff)
		}
	}
}

// FuzzIndentCompact checks the indenter against json.Indent on any valid
// JSON in compact form.
func FuzzIndentCompact(f *testing.F) {
	f.Add(`{"a":[1,2,{"b":"c\"d\\"}],"e":{},"f":[]}`)
	f.Add(`"\\\\"`)
	f.Fuzz(func(t *testing.T, s string) {
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(s)); err != nil {
			return
		}
		compact.WriteByte('\n')
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentCompact(compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent of %q:\n got %q\nwant %q", compact.String(), got, want.Bytes())
		}
	})
}

// TestIndenterPieces feeds the indenter one byte at a time: its state must
// carry across writes.
func TestIndenterPieces(t *testing.T) {
	src := []byte(`{"a":[],"b":{"c":"x\"y\\","d":[1,{}]},"e":"\\"}` + "\n")
	var got bytes.Buffer
	d := &indenter{w: &got}
	for i := range src {
		d.Write(src[i : i+1])
	}
	if diff := cmp.Diff(string(indentCompact(src)), got.String()); diff != "" {
		t.Error(diff)
	}
	var want bytes.Buffer
	json.Indent(&want, src, "", "  ")
	if diff := cmp.Diff(want.String(), got.String()); diff != "" {
		t.Error(diff)
	}
}
