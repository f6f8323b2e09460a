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
		// Inert on GitHub: mentions and math; invisible characters dropped.
		{"ask @octocat or @org/team", "ask @&#8203;octocat or @&#8203;org/team"},
		{"mail a@b.example, catalog iso@1.0.0", "mail a@b.example, catalog iso@1.0.0"},
		{"$$x^2$$ and $y$", `\$\$x^2\$\$ and \$y\$`},
		{"bidi\u202e\u200e\u200f\u061c zero\u200b\ufeff tag\U000E0041", "bidi zero tag"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
