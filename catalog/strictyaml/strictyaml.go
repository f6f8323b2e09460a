// Package strictyaml reads hand-edited YAML files strictly and reports every
// problem with file:line:col. It exists because yaml.v3's struct decoding
// reports only lines, names Go types in its messages, and silently loses
// KnownFields inside custom unmarshalers; our users edit these files by hand
// and need messages they can act on.
//
// It knows no aimsready types and imports no other package of this module.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a file, at a place when there is one.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Col  int
	Msg  string
	// More is set on the line that stands for problems left out of the
	// list ("... and 3,210 more of the same kind"): how many it stands for.
	More int
	// like is the first problem of the kind left out; listed says whether
	// it is itself listed.
	like   *Problem
	listed bool
}

func (p *Problem) Error() string {
	switch {
	case p.More > 0 && p.like != nil:
		if !p.listed {
			return fmt.Sprintf("... and %s more problems, such as %s", groupDigits(p.More), p.like.Error())
		}
		at := p.like.Error()
		if p.like.Line > 0 {
			at = fmt.Sprintf("%s:%d", p.like.File, p.like.Line)
		}
		return fmt.Sprintf("... and %s more of the same kind as %s", groupDigits(p.More), at)
	case p.More > 0:
		return p.Msg
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	default:
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
}

// Problems is a list of problems that is itself an error. It keeps every
// problem so a user can fix a file in one pass instead of one error per run.
type Problems []*Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Count is how many problems the list stands for, including those a
// Reader left out of it.
func (ps Problems) Count() int {
	n := 0
	for _, p := range ps {
		if p.More > 0 {
			n += p.More
		} else {
			n++
		}
	}
	return n
}

// Sort orders problems by position so output is stable and reads top-down;
// the lines standing for problems left out come last.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if (ps[i].More > 0) != (ps[j].More > 0) {
			return ps[j].More > 0
		}
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Col < ps[j].Col
	})
}

// Err returns nil for an empty list, so callers can `return ps.Err()`.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// AsProblems extracts the problem list from an error, if it carries one.
func AsProblems(err error) (Problems, bool) {
	var ps Problems
	if errors.As(err, &ps) {
		return ps, true
	}
	var p *Problem
	if errors.As(err, &p) {
		return Problems{p}, true
	}
	return nil, false
}

// yamlLine is compiled on first use (a syntax error), not at every start.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// Parse reads exactly one YAML document and returns its root mapping or
// sequence node. It rejects what a hand-edited file should never contain:
// nothing at all, several documents, binary or UTF-16 data, anchors and
// aliases (which also rules out "billion laughs" expansion bombs).
func Parse(file string, data []byte, maxBytes int) (*yaml.Node, error) {
	return ParseItems(file, data, maxBytes, DefaultMaxItems)
}

// DefaultMaxItems bounds the values of a file read with Parse: twenty
// times what the built-in catalog holds.
const DefaultMaxItems = 200_000

// ParseItems is Parse with a bound on the number of values (lines with
// content, list items and flow separators), checked before the document is
// parsed: yaml.v3's time and memory grow with the number of values, not
// the bytes (a 4 MiB list of a million one-letter items takes seconds and
// hundreds of megabytes), so the byte limit alone does not bound the cost.
func ParseItems(file string, data []byte, maxBytes, maxItems int) (*yaml.Node, error) {
	fail := func(line int, format string, args ...any) (*yaml.Node, error) {
		return nil, Problems{{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}}
	}
	if maxBytes > 0 && len(data) > maxBytes {
		return fail(0, "file is %s, larger than the %s limit", humanBytes(len(data)), humanBytes(maxBytes))
	}
	if maxItems > 0 {
		if line, over := countItems(data, maxItems); over {
			return fail(line, "file holds more than %s values (lines and list items), the limit; a complete assessment holds a few thousand", groupDigits(maxItems))
		}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return fail(0, "file is UTF-16 encoded; save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(1+bytes.Count(data[:i], []byte("\n")), "file contains a NUL byte; it is not a text file")
	}
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += n
		}
		return fail(line, "file is not valid UTF-8 text")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(0, "file is empty")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fail(0, "file holds no YAML content (only comments?)")
		}
		return nil, syntaxProblem(file, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return fail(next.Line, "file holds more than one YAML document (a second '---'); keep one document per file")
	} else if !errors.Is(err, io.EOF) {
		return nil, syntaxProblem(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return fail(0, "file holds no YAML content")
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return fail(0, "file holds no YAML content (only comments?)")
	}
	if n := findAlias(root); n != nil {
		return fail(n.Line, "anchors and aliases (&name, *name) are not supported; write the values out")
	}
	// The comment at the top of the file belongs to the document; keep it
	// on the root so a caller that saves the file again can keep it too.
	if root.HeadComment == "" {
		root.HeadComment = doc.HeadComment
	}
	return root, nil
}

// countItems counts an upper bound of the values in a YAML document:
// every line with content (blank and comment lines hold none) plus every
// flow separator and opening bracket and every "- ". It reports the line
// where the count passes limit.
func countItems(data []byte, limit int) (line int, over bool) {
	n, line := 0, 1
	start := true // at the start of a line, in its indentation
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case b == '\n':
			line++
			start = true
			continue
		case start && (b == ' ' || b == '\t' || b == '\r'):
			continue
		case start && b == '#':
			// A comment line (or text inside a block scalar): no value.
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
			continue
		case start:
			start = false
			n++
		}
		switch b {
		case ',', '[', '{':
			n++
		case '-':
			if i+1 < len(data) && data[i+1] == ' ' {
				n++
			}
		}
		if n > limit {
			return line, true
		}
	}
	return line, false
}

// groupDigits writes 50000 as "50,000".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func syntaxProblem(file string, err error) error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		text := "YAML syntax error: " + m[2]
		// yaml.v3 reports where the enclosing block starts, not the bad
		// line itself, for these; say so and name the usual cause.
		switch {
		case strings.Contains(m[2], "did not find expected key"), strings.Contains(m[2], "did not find expected '-' indicator"):
			text = "YAML syntax error in the block that starts here: " + m[2] + " (usually a line below is indented differently from its neighbours)"
		case strings.Contains(m[2], "mapping values are not allowed"):
			text += " (a value may contain ': '; put it in quotes)"
		case strings.Contains(m[2], "found character that cannot start any token"):
			text += " (tabs cannot indent YAML; use spaces)"
		}
		return Problems{{File: file, Line: line, Msg: text}}
	}
	return Problems{{File: file, Msg: "YAML syntax error: " + strings.TrimPrefix(msg, "yaml: ")}}
}

// findAlias looks for anchors or aliases without recursion, so a deeply
// nested hostile document cannot exhaust the stack.
func findAlias(root *yaml.Node) *yaml.Node {
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			return n
		}
		// Push children in reverse so the first one in the file is found first.
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	return nil
}

// Peek returns the text of key in mapping n without checking anything else,
// so a caller can name an item ("criterion \"policy\"") before reporting
// problems inside it.
func Peek(n *yaml.Node, key string) string {
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return strings.TrimSpace(n.Content[i+1].Value)
		}
	}
	return ""
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// Reader collects problems while a caller walks a parsed document.
type Reader struct {
	File     string
	Problems Problems
	// Warnings are things the user should know that do not stop loading.
	Warnings Problems
	// MaxText and MaxLines bound every text value (characters, lines) and
	// MaxList every list (items); 0 means no bound.
	MaxText, MaxLines, MaxList int

	kinds  map[string]*kind
	listed int
}

// A file with thousands of mistakes (a wrong file, or one made to flood a
// terminal) lists the first of each kind and counts the rest.
const (
	maxListedPerKind = 20
	maxListed        = 200
)

// kind counts the problems of one message template.
type kind struct {
	first  *Problem // the first listed, which the summary line points to
	listed int
	more   *Problem // the "... and N more" line, once there is one
}

// Errorf records a problem at node n (n may be nil for file-level problems).
// Past the first few of a kind, and past a total, problems are counted on
// one summary line instead of listed.
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	if r.kinds == nil {
		r.kinds = map[string]*kind{}
	}
	k := r.kinds[format]
	if k == nil {
		k = &kind{}
		r.kinds[format] = k
	}
	if k.more != nil { // only counted: not even formatted
		k.more.More++
		return
	}
	p := &Problem{File: r.File, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	if k.listed < maxListedPerKind && r.listed < maxListed {
		if k.first == nil {
			k.first = p
		}
		k.listed++
		r.listed++
		r.Problems = append(r.Problems, p)
		return
	}
	if k.first == nil {
		k.first = p
	}
	k.more = &Problem{File: r.File, More: 1, like: k.first, listed: k.listed > 0}
	r.Problems = append(r.Problems, k.more)
}

// CheckText says what is wrong with a text value, or "" when nothing is:
// invalid UTF-8, a control character, or more characters or lines than
// maxChars and maxLines (0: no bound). Savers call it too, so nothing is
// written that would not load again.
func CheckText(s string, maxChars, maxLines int) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8 text"
	}
	if bad, ok := unsafeRune(s); ok {
		return fmt.Sprintf("contains the control character %U; remove it (escape sequences could garble a terminal or report)", bad)
	}
	if maxLines > 0 {
		if n := strings.Count(strings.TrimRight(s, "\n"), "\n") + 1; n > maxLines {
			return fmt.Sprintf("has %s lines, over the limit of %s", groupDigits(n), groupDigits(maxLines))
		}
	}
	if maxChars > 0 && len(s) > maxChars { // bytes >= characters: count only when it may matter
		if n := utf8.RuneCountInString(s); n > maxChars {
			return fmt.Sprintf("is %s characters long, over the limit of %s", groupDigits(n), groupDigits(maxChars))
		}
	}
	return ""
}

// IsNull reports whether n is an empty value: nothing, "~" or "null". A
// value tagged !!null that holds text ("!!null some note") is not: its
// text is kept.
func IsNull(n *yaml.Node) bool {
	if n == nil {
		return true
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!null" {
		return false
	}
	switch n.Value {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// null is IsNull, and warns about text tagged !!null, which is read as
// the text it holds instead of being dropped.
func (r *Reader) null(n *yaml.Node, what string) bool {
	if IsNull(n) {
		return true
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		r.Warnings = append(r.Warnings, &Problem{File: r.File, Line: n.Line, Col: n.Column,
			Msg: fmt.Sprintf("%s is tagged !!null but holds %q; it is kept as text. Remove the !!null tag (or the text) to silence this", what, clip(n.Value))})
		n.Tag = "!!str"
	}
	return false
}

// Field is one key/value pair of a mapping, in file order.
type Field struct {
	Key     string
	KeyNode *yaml.Node
	Value   *yaml.Node
}

// Mapping checks that n is a mapping whose keys are all in known, without
// duplicates, and returns its fields in file order. what names the mapping
// in messages ("question \"5.2\""). A nil known list accepts any key (for
// maps keyed by ids), but duplicates are still rejected.
func (r *Reader) Mapping(n *yaml.Node, what string, known []string) ([]Field, bool) {
	if r.null(n, what) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		r.Errorf(n, "%s must be a mapping of key: value lines, not %s", what, describe(n))
		return nil, false
	}
	seen := map[string]*yaml.Node{}
	var out []Field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.Errorf(k, "%s: keys must be plain text", what)
			continue
		}
		if bad, ok := unsafeRune(k.Value); ok {
			r.Errorf(k, "%s: a key contains the control character %U; remove it", what, bad)
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			r.Errorf(k, "%s: key %q appears twice (first at line %d)", what, k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		if known != nil && !slices.Contains(known, k.Value) {
			r.Errorf(k, "%s: unknown key %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		out = append(out, Field{Key: k.Value, KeyNode: k, Value: v})
	}
	return out, true
}

// Sequence checks that n is a list and returns its items.
func (r *Reader) Sequence(n *yaml.Node, what string) []*yaml.Node {
	if r.null(n, what) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Errorf(n, "%s must be a list, not %s", what, describe(n))
		return nil
	}
	if r.MaxList > 0 && len(n.Content) > r.MaxList {
		r.Errorf(n, "%s has %s items, over the limit of %s", what, groupDigits(len(n.Content)), groupDigits(r.MaxList))
		return n.Content[:r.MaxList]
	}
	return n.Content
}

// String reads a scalar as text. Numbers and booleans are taken as written
// (so `id: 6.1` stays "6.1"); a missing value reads as "".
func (r *Reader) String(n *yaml.Node, what string) string {
	if r.null(n, what) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Errorf(n, "%s must be text, not %s", what, describe(n))
		return ""
	}
	if msg := CheckText(n.Value, r.MaxText, r.MaxLines); msg != "" {
		r.Errorf(n, "%s %s", what, msg)
		return ""
	}
	return n.Value
}

// UnsafeRune reports the first character of s that loading refuses in
// text, if any.
func UnsafeRune(s string) (rune, bool) { return unsafeRune(s) }

// unsafeRune finds characters that must never reach a terminal or a report
// from user text: C0/C1 controls other than tab and line breaks, DEL, and
// the bidirectional overrides that can make text read differently than it is.
func unsafeRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F,
			r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, true
		}
	}
	return 0, false
}

// Strings reads a list of text values; a single scalar is not accepted,
// because a forgotten dash usually means a mistake.
func (r *Reader) Strings(n *yaml.Node, what string) []string {
	items := r.Sequence(n, what)
	var out []string
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || IsNull(it) {
			r.Errorf(it, "%s: each item must be text, not %s", what, describe(it))
			continue
		}
		if msg := CheckText(it.Value, r.MaxText, r.MaxLines); msg != "" {
			r.Errorf(it, "%s %s", what, msg)
			continue
		}
		out = append(out, it.Value)
	}
	return out
}

// Number reads a finite number.
func (r *Reader) Number(n *yaml.Node, what string) float64 {
	if n == nil || n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		r.Errorf(n, "%s must be a number, not %s", what, describe(n))
		return 0
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		if i, err2 := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err2 == nil {
			return float64(i)
		}
		r.Errorf(n, "%s: %q is not a number", what, n.Value)
		return 0
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		r.Errorf(n, "%s must be a finite number", what)
		return 0
	}
	return f
}

// Int reads a whole number.
func (r *Reader) Int(n *yaml.Node, what string) int {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		r.Errorf(n, "%s must be a whole number, not %s", what, describe(n))
		return 0
	}
	i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
	if err != nil {
		r.Errorf(n, "%s: %q is not a whole number in range", what, n.Value)
		return 0
	}
	return int(i)
}

// Bool reads true or false.
func (r *Reader) Bool(n *yaml.Node, what string) bool {
	if n != nil && n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true":
			return true
		case "false":
			return false
		}
	}
	r.Errorf(n, "%s must be true or false, not %s", what, describe(n))
	return false
}

func describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "an empty value"
		case "!!str":
			return fmt.Sprintf("the text %q", clip(n.Value))
		default:
			return fmt.Sprintf("%q", clip(n.Value))
		}
	}
	return "an unexpected value"
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// ReadFile reads a hand-edited file for Parse, refusing a directory and a
// file over maxBytes. The read itself is bounded too, so a device or pipe
// (validate /dev/zero) ends at the limit instead of reading forever. kind
// names the file in messages ("an answers file"). Errors read "path: what
// went wrong", without Go's "open path:" prefix repeated.
func ReadFile(path string, maxBytes int, kind string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, WithoutPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, WithoutPath(err))
	}
	tooBig := func(size string) error {
		return fmt.Errorf("%s: file is %s, larger than the %d MiB limit for %s", path, size, maxBytes>>20, kind)
	}
	switch {
	case st.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not %s", path, kind)
	case st.Mode().IsRegular() && st.Size() > int64(maxBytes):
		return nil, tooBig(fmt.Sprintf("%d bytes", st.Size()))
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, WithoutPath(err))
	}
	if len(data) > maxBytes {
		return nil, tooBig("more than " + groupDigits(maxBytes) + " bytes")
	}
	return data, nil
}

// WithoutPath strips the operation and path from an *os.PathError, for
// messages that already start with the path.
func WithoutPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
