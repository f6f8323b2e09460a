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

type inner struct {
	N    int      `json:"n"`
	S    string   `json:"s,omitempty"`
	L    []string `json:"l"`
	P    *float64 `json:"p"`
	skip int
}

type embeds struct {
	Schema string `json:"schema"`
	*inner
}

type options struct {
	A int    `json:"a,string"`
	B string `json:"-"`
	C string `json:"-,"`
}

type outer struct {
	Name    string            `json:"name"`
	Inner   inner             `json:"inner"`
	List    []inner           `json:"list"`
	Nil     []inner           `json:"nil"`
	Empty   []inner           `json:"empty"`
	Omitted []inner           `json:"omitted,omitempty"`
	Ptr     *inner            `json:"ptr"`
	NilPtr  *inner            `json:"nil_ptr"`
	Map     map[string]int    `json:"map"`
	Bytes   []byte            `json:"bytes"`
	Points  []Points          `json:"points"`
	Any     any               `json:"any"`
	Nested  [][]string        `json:"nested"`
	Tags    map[string]string `json:"tags,omitempty"`
	NoTag   bool
	Opts    options `json:"opts"`
	Embeds  embeds  `json:"embeds"`
}

func TestWriteIndentedJSON(t *testing.T) {
	f := 1.5
	full := outer{Name: "a <b> & \"c\"", Inner: inner{N: 1, L: []string{"x"}, P: &f}, List: []inner{{N: 2}, {S: "s", L: []string{}}},
		Empty: []inner{}, Ptr: &inner{N: 3}, Map: map[string]int{"z": 1, "a": 2}, Bytes: []byte("hi"), Points: []Points{1.234, 5},
		Any: []any{1, "two", nil}, Nested: [][]string{{}, {"a"}}, NoTag: true, Opts: options{A: 7, B: "b", C: "c"}, Embeds: embeds{"s", &inner{N: 9}}}
	for _, v := range []any{full, &full, outer{}, []outer{full, {}}, embeds{Schema: "x", inner: &inner{N: 1}},
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
	d.flush()
	if diff := cmp.Diff(string(indentCompact(src)), got.String()); diff != "" {
		t.Error(diff)
	}
	var want bytes.Buffer
	json.Indent(&want, src, "", "  ")
	if diff := cmp.Diff(want.String(), got.String()); diff != "" {
		t.Error(diff)
	}
}
