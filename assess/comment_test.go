package assess

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// init's file carries each criterion's statement beside its id, within 80
// columns, and loads and saves back byte for byte.
func TestFileCommentsCarryCriteria(t *testing.T) {
	c := builtin(t)
	a := New(c, "Acme", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), ProfileFull)
	data, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for i, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > 80 {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
	// The comment lines joined read each statement whole, after its id.
	var comments []string
	for _, line := range strings.Split(text, "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "#") {
			comments = append(comments, strings.TrimSpace(strings.TrimPrefix(l, "#")))
		}
	}
	joined := strings.Join(comments, " ")
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			want := cr.ID + ": " + strings.Join(strings.Fields(cr.Text), " ")
			if !strings.Contains(joined, want) {
				t.Errorf("%s: statement of %s missing from the comments", q.ID, cr.ID)
			}
		}
	}
	loaded, _, err := Parse("a.yaml", data, c)
	if err != nil {
		t.Fatalf("the file does not load: %v", err)
	}
	again, err := Marshal(loaded, c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(text, string(again)); diff != "" {
		t.Errorf("load and save changed the file (-first +again):\n%s", diff)
	}
}

func TestWrapWords(t *testing.T) {
	for _, tt := range []struct {
		in    string
		width int
		want  []string
	}{
		{"a b c", 10, []string{"a b c"}},
		{"aaa bbb ccc", 7, []string{"aaa bbb", "ccc"}},
		{"aaa bbb ccc ddd", 7, []string{"aaa bbb", "ccc", "ddd"}}, // later lines are two narrower
		{"averyveryverylongword x", 5, []string{"averyveryverylongword", "x"}},
		{"", 5, nil},
	} {
		if got := wrapWords(tt.in, tt.width); !cmp.Equal(got, tt.want) {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
