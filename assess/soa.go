package assess

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// MinJustificationWords is the fewest words an exclusion's justification
// needs before it can plausibly explain why a control does not apply.
const MinJustificationWords = 8

var genericJustifications = []string{
	"n/a", "na", "n.a.", "none", "not relevant", "not applicable", "does not apply", "doesn't apply",
	"irrelevant", "not needed", "not required", "out of scope", "no", "-", "tbd", "todo", "see above",
}

// placeholderRE is compiled on first use, not at every start.
var placeholderRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\b(tbd|todo|tbc|fixme|xxx)\b`) })

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
	if placeholderRE().MatchString(j) {
		return "placeholder text instead of a reason"
	}
	if n := len(strings.Fields(j)); n < MinJustificationWords {
		return fmt.Sprintf("too short (%d words) to say why the control does not apply", n)
	}
	return ""
}
