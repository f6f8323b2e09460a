package assess

import (
	"fmt"
	"strings"
	"unicode"
)

// MinJustificationWords is the fewest words an exclusion's justification
// needs before it can plausibly explain why a control does not apply.
const MinJustificationWords = 8

var genericJustifications = []string{
	"n/a", "na", "n.a.", "none", "not relevant", "not applicable", "does not apply", "doesn't apply",
	"irrelevant", "not needed", "not required", "out of scope", "no", "-", "tbd", "todo", "see above",
}

// hasPlaceholder reports whether s holds a placeholder word (tbd, todo,
// tbc, fixme, xxx) as a whole word, in any case. A word is a run of ASCII
// letters, digits and underscores, as regexp's \b sees it; scanning for them
// costs nothing at start-up, where compiling a regexp did.
func hasPlaceholder(s string) bool {
	word := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	for i := 0; i < len(s); {
		if !word(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && word(s[j]) {
			j++
		}
		switch strings.ToLower(s[i:j]) {
		case "tbd", "todo", "tbc", "fixme", "xxx":
			return true
		}
		i = j
	}
	return false
}

// ThinJustification says why an exclusion's justification would not survive
// an audit: empty, a placeholder, a generic phrase, or fewer than
// MinJustificationWords words. It returns "" for a justification that can
// stand.
func ThinJustification(j string) string {
	j = strings.TrimSpace(j)
	if j == "" {
		return "no justification given"
	}
	norm := strings.ToLower(strings.TrimRightFunc(j, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
	for _, g := range genericJustifications {
		if norm == g {
			return fmt.Sprintf("generic phrase (%q) that does not say why the control does not apply", j)
		}
	}
	if hasPlaceholder(j) {
		return "placeholder text instead of a reason"
	}
	if n := len(strings.Fields(j)); n < MinJustificationWords {
		return fmt.Sprintf("too short (%d words) to say why the control does not apply", n)
	}
	return ""
}
