// Package report turns a scored assessment into what people read: terminal
// summaries, CI outputs, and the gap-analysis report in Markdown, PDF, CSV
// and JSON. It renders assess results and never re-scores them.
//
// model.go builds the one report model every renderer draws; each renderer
// keeps to its own files (markdown.go, csv.go, json.go, ci.go, diff.go,
// pdf*.go). report must not import assess/interview, any terminal package,
// or cmd.
package report

import (
	"fmt"
	"math"

	"strings"
	"unicode"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/internal/safetext"
)

// Disclaimer is stated in every report and summary.
const Disclaimer = "This is a readiness estimate produced by aimsready, not a certification or an audit. Only an accredited certification body can certify an AI management system against ISO/IEC 42001."

// Pct formats a 0–100 score with one decimal, the precision every output uses.
func Pct(v float64) string {
	return fmt.Sprintf("%.1f", round1(v))
}

// Gain formats a fix's gain in points.
func Gain(v float64) string {
	if v > 0 && v < 0.05 {
		return "<0.1"
	}
	return fmt.Sprintf("%.1f", round1(v))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// Round2 rounds for machine-readable outputs: stable, and precise enough to
// add gains back up.
func Round2(v float64) float64 { return math.Round(v*100) / 100 }

// SectionPct formats a section's score, or "n/a" when every question in it
// was excluded.
func SectionPct(s assess.SectionScore) string {
	if !s.Scored() {
		return "n/a"
	}
	return Pct(s.Score)
}

// Bar draws a score as a fixed-width bar; the number is always shown beside
// it, so nothing relies on the bar alone.
func Bar(v float64, width int) string {
	full := int(math.Round(v / 100 * float64(width)))
	full = max(0, min(width, full))
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// EscapeMarkdown makes user text safe inside Markdown, including table
// cells: pipes, backticks, emphasis and HTML are escaped and line breaks are
// folded, so a note can neither break a table nor inject markup.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '>', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '&':
			// Only an ampersand that could start an entity ("&lt;",
			// "&#60;") needs escaping; "Müller & Søn" stays readable.
			if i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || rs[i+1] == '#') {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '$':
			b.WriteString(`\$`) // "$$x$$" and "$x$" render as math on GitHub
		case '@':
			// "@name" notifies a GitHub user or team; a zero-width space
			// after the @ keeps it text (as Renovate does). An @ after a
			// letter or digit (an e-mail address, "catalog@1.0.0") is no
			// mention and stays as it is.
			if (i == 0 || !wordRune(rs[i-1])) && i+1 < len(rs) && wordRune(rs[i+1]) {
				b.WriteString("@&#8203;")
			} else {
				b.WriteByte('@')
			}
		default:
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || safetext.Invisible(r) {
				continue // never pass control bytes or invisible characters through
			}
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func wordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// HeadLine writes head and then meta on one line when they fit in width,
// else head alone and meta wrapped under it at indent: a fix's id stays
// whole at the start of its line, and no line runs past the terminal.
func HeadLine(head, meta string, width int, indent string) string {
	if meta == "" {
		return head
	}
	if len([]rune(head))+2+len([]rune(meta)) <= width {
		return head + "  " + meta
	}
	return head + "\n" + Wrap(meta, width, indent)
}

// Wrap folds text to width columns with the given indent on every line.
func Wrap(text string, width int, indent string) string {
	var b strings.Builder
	for pi, para := range strings.Split(strings.TrimSpace(text), "\n") {
		if pi > 0 {
			b.WriteString("\n")
		}
		line := indent
		n := len([]rune(indent))
		for _, word := range strings.Fields(para) {
			wl := len([]rune(word))
			if n > len([]rune(indent)) && n+1+wl > width {
				b.WriteString(line + "\n")
				line, n = indent, len([]rune(indent))
			}
			if n > len([]rune(indent)) {
				line += " "
				n++
			}
			line += word
			n += wl
		}
		b.WriteString(line)
	}
	return b.String()
}

// sectionKind is how headings name a section: "Clause" or "Annex".
func sectionKind(s Section) string {
	if s.Kind == "annex" {
		return "Annex"
	}
	return "Clause"
}

// Truncate shortens s to at most n runes, marking the cut.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// nonNil makes empty lists encode as [] rather than null in JSON outputs.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
