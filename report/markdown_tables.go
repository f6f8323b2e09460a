package report

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Markdown is also the route to Word: `pandoc report.md -o report.docx`.
// pandoc sizes the columns of a wide pipe table by the number of dashes in
// its separator line, which GitHub ignores. balanceTables rewrites every
// separator so each column's dashes follow how much text the column holds:
// a rank column stays narrow and a fix column gets the room.

// WriteMarkdown writes the gap-analysis report as GitHub-flavoured Markdown
// that pandoc also turns into a clean Word document. Every text from the
// answers or the catalog goes through EscapeMarkdown, so no note, title or
// justification can break a table or inject markup.
func WriteMarkdown(w io.Writer, r *Report) error { return writeBalanced(w, r, writeMarkdown) }

// WriteSoAMarkdown writes the draft Statement of Applicability alone.
func WriteSoAMarkdown(w io.Writer, r *Report) error { return writeBalanced(w, r, writeSoAMarkdown) }

// WritePlanMarkdown writes the roadmap alone.
func WritePlanMarkdown(w io.Writer, r *Report) error { return writeBalanced(w, r, writePlanMarkdown) }

// writeBalanced renders with write, then balances the tables.
func writeBalanced(w io.Writer, r *Report, write func(io.Writer, *Report) error) error {
	var buf bytes.Buffer
	if err := write(&buf, r); err != nil {
		return err
	}
	_, err := w.Write(balanceTables(buf.Bytes()))
	return err
}

// balanceTables gives every pipe table's separator line dashes in
// proportion to its columns' text. Nothing else changes.
func balanceTables(md []byte) []byte {
	lines := strings.SplitAfter(string(md), "\n")
	for i := 1; i < len(lines); i++ {
		aligns, ok := separatorCells(lines[i])
		if !ok || !strings.HasPrefix(lines[i-1], "|") {
			continue
		}
		// The table: header above, body rows below until a line that
		// is not a row.
		end := i + 1
		for end < len(lines) && strings.HasPrefix(lines[end], "|") {
			end++
		}
		widths := columnWidths(append([]string{lines[i-1]}, lines[i+1:end]...), len(aligns))
		var b strings.Builder
		b.WriteString("|")
		for c, a := range aligns {
			n := widths[c]
			switch a {
			case "l":
				b.WriteString(":" + strings.Repeat("-", n-1))
			case "r":
				b.WriteString(strings.Repeat("-", n-1) + ":")
			case "c":
				b.WriteString(":" + strings.Repeat("-", n-2) + ":")
			default:
				b.WriteString(strings.Repeat("-", n))
			}
			b.WriteString("|")
		}
		b.WriteString("\n")
		lines[i] = b.String()
		i = end - 1
	}
	return []byte(strings.Join(lines, ""))
}

// separatorCells reads a separator line ("|---|--:|") into alignments:
// "" (none), "l", "r" or "c".
func separatorCells(line string) ([]string, bool) {
	line = strings.TrimRight(line, "\n")
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") || len(line) < 3 {
		return nil, false
	}
	var out []string
	for _, c := range strings.Split(line[1:len(line)-1], "|") {
		c = strings.TrimSpace(c)
		core := strings.Trim(c, ":")
		if core == "" || strings.Trim(core, "-") != "" {
			return nil, false
		}
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		switch {
		case left && right:
			out = append(out, "c")
		case right:
			out = append(out, "r")
		case left:
			out = append(out, "l")
		default:
			out = append(out, "")
		}
	}
	return out, true
}

// columnWidths is the dash count of each column: about the length of its
// longer cells (the 80th percentile, so one long note does not take the
// table), and room for its longest word ("developer", "Implementation")
// so Word never breaks one; a long text column gets at most 32.
func columnWidths(rows []string, n int) []int {
	lengths := make([][]int, n)
	longestWord := make([]int, n)
	for _, row := range rows {
		for c, cell := range splitRow(row) {
			if c >= n {
				break
			}
			l := utf8.RuneCountInString(cell)
			lengths[c] = append(lengths[c], l)
			for _, w := range strings.Fields(cell) {
				// Up to 16 letters (a long path or address may break),
				// with room for Word's cell padding and a bold header.
				longestWord[c] = max(longestWord[c], 2*min(16, utf8.RuneCountInString(w))+6)
			}
		}
	}
	out := make([]int, n)
	for c := range out {
		ls := lengths[c]
		slices.Sort(ls)
		p := 0
		if len(ls) > 0 {
			p = ls[int(math.Floor(0.8*float64(len(ls)-1)))]
		}
		out[c] = max(min(32, p), longestWord[c], 3)
	}
	return out
}

// splitRow splits a table row into trimmed cells, honouring "\|" escapes.
func splitRow(row string) []string {
	row = strings.TrimSpace(strings.TrimRight(row, "\n"))
	row = strings.TrimPrefix(strings.TrimSuffix(row, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			cur.WriteByte(row[i])
			cur.WriteByte(row[i+1])
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}
