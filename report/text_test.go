package report

import "testing"

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Müller & Søn", "Müller & Søn"},
		{"a &lt; b", "a &amp;lt; b"},
		{"R&D", "R&amp;D"},
		{"<script>alert(1)</script>", `&lt;script\>alert(1)&lt;/script\>`},
		{"a | b", `a \| b`},
		{"`code` *bold* _it_ [link](x) ![img](y)", "\\`code\\` \\*bold\\* \\_it\\_ \\[link\\](x) \\!\\[img\\](y)"},
		{"line one\nline two\r\nthree", "line one line two three"},
		{"# not a heading", `\# not a heading`},
		{"ctrl\x1b[31mred\x07", `ctrl\[31mred`},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
