package assess

import "testing"

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"2026-11-22", true},
		{"2024-02-29", true},
		{"2026-02-29", false}, // not a calendar date
		{"2026-1-22", false},
		{"+026-11-22", false}, // time.Parse alone takes a signed year
		{"2026-11-22 ", false},
		{"22.11.2026", false},
		{"", false},
	} {
		if _, err := ParseDate(tt.in); (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q): err = %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}
