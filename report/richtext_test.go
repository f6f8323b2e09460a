package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSpans(t *testing.T) {
	tests := []struct {
		in   string
		want []span
	}{
		{"plain", []span{{"plain", false, false}}},
		{"a **b** c", []span{{"a ", false, false}, {"b", true, false}, {" c", false, false}}},
		{"*i* and **b**", []span{{"i", false, true}, {" and ", false, false}, {"b", true, false}}},
		{"***both***", []span{{"both", true, true}}},
		{"**bold with *it* inside**", []span{{"bold with ", true, false}, {"it", true, true}, {" inside", true, false}}},
		{"2 * 3 = 6", []span{{"2 * 3 = 6", false, false}}},
		{"a * star * here", []span{{"a * star * here", false, false}}},
		{"dangling **bold", []span{{"dangling **bold", false, false}}},
		{"**", []span{{"**", false, false}}},
		{"*", []span{{"*", false, false}}},
		{"snake_case *x", []span{{"snake_case *x", false, false}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, parseSpans(tt.in), cmp.AllowUnexported(span{})); diff != "" {
			t.Errorf("parseSpans(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseRichBlocks(t *testing.T) {
	in := "First line\ncontinues.\n\n- one\n- **two**\n  wraps on\n* three\n\nAfter.\n-not a bullet"
	got := parseRich(in)
	want := []richBlock{
		{spans: []span{{"First line continues.", false, false}}},
		{items: [][]span{{{"one", false, false}}, {{"two", true, false}, {" wraps on", false, false}}, {{"three", false, false}}}},
		{spans: []span{{"After. -not a bullet", false, false}}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(span{}, richBlock{})); diff != "" {
		t.Errorf("parseRich (-want +got):\n%s", diff)
	}
}

// The Markdown renderer writes the markers itself and escapes the user's
// text, so nothing else in it becomes markup.
func TestMarkdownRich(t *testing.T) {
	in := "Para with **bold**, *it* and a [link](x) <b>tag</b> # not a heading.\n\n1. not a list\n\n- item with `code`\n- *second*"
	want := "Para with **bold**, *it* and a \\[link\\](x) &lt;b\\>tag&lt;/b\\> \\# not a heading.\n\n1\\. not a list\n\n- item with \\`code\\`\n- *second*"
	if got := mdRich(in); got != want {
		t.Errorf("mdRich:\n got %q\nwant %q", got, want)
	}
	if got, want := plainRich("A **b**\n\n- x\n- *y*"), "A b\n\n• x\n• y"; got != want {
		t.Errorf("plainRich = %q, want %q", got, want)
	}
}

func FuzzRich(f *testing.F) {
	f.Add("a **b** *c* ***d*** - e\n\n- f\n  g")
	f.Fuzz(func(t *testing.T, s string) {
		for _, b := range parseRich(s) {
			for _, it := range append(b.items, b.spans) {
				for _, sp := range it {
					if sp.text == "" {
						t.Fatalf("empty span from %q", s)
					}
				}
			}
		}
		_ = mdRich(s)
	})
}
