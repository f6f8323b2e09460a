package report

import (
	"strings"
)

// The consultant's texts use a small Markdown subset: paragraphs separated
// by a blank line, bullet lists ("- " or "* " at the start of a line),
// **bold** and *italics*. parseRich reads it into blocks every renderer
// draws its own way; anything else (headings, links, HTML) stays literal
// text, so a stray character can never change the document's structure.

// richBlock is a paragraph, or a bullet list when items is set.
type richBlock struct {
	spans []span   // paragraph
	items [][]span // bullet list
}

// span is a piece of text in one style.
type span struct {
	text         string
	bold, italic bool
}

// parseRich splits text into paragraphs and bullet lists.
func parseRich(text string) []richBlock {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var blocks []richBlock
	var para []string
	var items []string
	flushPara := func() {
		if len(para) > 0 {
			blocks = append(blocks, richBlock{spans: parseSpans(strings.Join(para, " "))})
			para = nil
		}
	}
	flushItems := func() {
		if len(items) > 0 {
			b := richBlock{}
			for _, it := range items {
				b.items = append(b.items, parseSpans(it))
			}
			blocks = append(blocks, b)
			items = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flushPara()
			flushItems()
		case bulletText(t) != "":
			flushPara()
			items = append(items, bulletText(t))
		case len(items) > 0 && line != t:
			// An indented line continues the bullet above it.
			items[len(items)-1] += " " + t
		default:
			flushItems()
			para = append(para, t)
		}
	}
	flushPara()
	flushItems()
	return blocks
}

// bulletText returns the text of a bullet line, or "".
func bulletText(t string) string {
	if len(t) > 2 && (t[0] == '-' || t[0] == '*') && (t[1] == ' ' || t[1] == '\t') {
		// "**bold** at the start" is not a bullet: t[1] would be '*'.
		return strings.TrimSpace(t[2:])
	}
	return ""
}

// parseSpans reads **bold** and *italics* the way CommonMark does in the
// common cases: a marker opens only before a non-space and closes only
// after one, so "2 * 3" and a lone "**" stay literal.
func parseSpans(s string) []span {
	var out []span
	var cur strings.Builder
	bold, italic := false, false
	emit := func() {
		if cur.Len() > 0 {
			out = append(out, span{cur.String(), bold, italic})
			cur.Reset()
		}
	}
	for i := 0; i < len(s); {
		m := markerAt(s, i)
		switch {
		case m == 2 && bold && closesAt(s, i):
			emit()
			bold = false
		case m == 2 && !bold && opensAt(s, i, 2) && findClose(s, i+2, 2) > 0:
			emit()
			bold = true
		case m == 1 && italic && closesAt(s, i):
			emit()
			italic = false
		case m == 1 && !italic && opensAt(s, i, 1) && findClose(s, i+1, 1) > 0:
			emit()
			italic = true
		default:
			if m == 0 {
				m = 1
			}
			cur.WriteString(s[i : i+m])
		}
		i += max(m, 1)
	}
	emit()
	return mergeSpans(out)
}

// markerAt is 2 for "**", 1 for a single '*', 0 otherwise. Three stars
// read as bold then italic.
func markerAt(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], "**"):
		return 2
	case s[i] == '*':
		return 1
	}
	return 0
}

// opensAt: a marker of length n at i is followed by a non-space.
func opensAt(s string, i, n int) bool {
	return i+n < len(s) && s[i+n] != ' ' && s[i+n] != '\t'
}

// closesAt: a marker at i follows a non-space.
func closesAt(s string, i int) bool {
	return i > 0 && s[i-1] != ' ' && s[i-1] != '\t'
}

// findClose finds a closing marker of length n from i, or returns -1.
func findClose(s string, i, n int) int {
	for j := i; j < len(s); j++ {
		m := markerAt(s, j)
		if m == n && j > i && closesAt(s, j) {
			return j
		}
		if m == 2 && n == 1 {
			j++ // a bold marker inside an italic run
		}
	}
	return -1
}

func mergeSpans(in []span) []span {
	var out []span
	for _, sp := range in {
		if n := len(out); n > 0 && out[n-1].bold == sp.bold && out[n-1].italic == sp.italic {
			out[n-1].text += sp.text
			continue
		}
		out = append(out, sp)
	}
	return out
}

// plainRich is the text without markers, for places that take plain text
// (spreadsheet cells, document metadata).
func plainRich(text string) string {
	var paras []string
	for _, b := range parseRich(text) {
		if b.items == nil {
			paras = append(paras, spansText(b.spans))
			continue
		}
		var ls []string
		for _, it := range b.items {
			ls = append(ls, "• "+spansText(it))
		}
		paras = append(paras, strings.Join(ls, "\n"))
	}
	return strings.Join(paras, "\n\n")
}

func spansText(sp []span) string {
	var b strings.Builder
	for _, s := range sp {
		b.WriteString(s.text)
	}
	return b.String()
}

// mdRich renders the subset as Markdown: the user's text escaped, the
// markers written by us, so nothing else in it becomes markup.
func mdRich(text string) string {
	var out []string
	for _, b := range parseRich(text) {
		if b.items == nil {
			out = append(out, mdLeadSafe(mdSpans(b.spans)))
			continue
		}
		var ls []string
		for _, it := range b.items {
			ls = append(ls, "- "+mdSpans(it))
		}
		out = append(out, strings.Join(ls, "\n"))
	}
	return strings.Join(out, "\n\n")
}

func mdSpans(sp []span) string {
	var b strings.Builder
	for _, s := range sp {
		// Markers must hug the text, so outer spaces go outside them.
		core := strings.TrimSpace(s.text)
		lead := s.text[:len(s.text)-len(strings.TrimLeft(s.text, " \t"))]
		trail := s.text[len(strings.TrimRight(s.text, " \t")):]
		if lead != "" {
			lead = " "
		}
		if trail != "" {
			trail = " "
		}
		if core == "" {
			b.WriteString(lead)
			continue
		}
		m := ""
		switch {
		case s.bold && s.italic:
			m = "***"
		case s.bold:
			m = "**"
		case s.italic:
			m = "*"
		}
		b.WriteString(lead + m + EscapeMarkdown(core) + m + trail)
	}
	return strings.TrimSpace(b.String())
}
