package assess

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/aimsready/aimsready/catalog"
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

// UnacceptableExclusion reports whether an exclusion's justification is no
// justification at all: a generic phrase ("Not relevant.") or placeholder
// text. Such an exclusion is an SoA gap, as a missing justification is; a
// merely short one stays a warning, since a few words can name a reason.
func UnacceptableExclusion(j string) bool {
	j = strings.TrimSpace(j)
	if j == "" || hasPlaceholder(j) {
		return j != ""
	}
	norm := strings.ToLower(strings.TrimRightFunc(j, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
	return slices.Contains(genericJustifications, norm)
}

// MinInclusionWords is the fewest words a justification for including a
// control needs: it should name the risk, system or obligation it answers.
const MinInclusionWords = 5

var genericInclusions = []string{
	"applicable", "yes", "required", "needed", "mandatory", "relevant", "applies", "in scope",
	"best practice", "standard requirement", "required by iso 42001", "required by the standard",
}

// ThinInclusion says why a justification for including a control would not
// survive a Stage 1 review (a placeholder, a generic word, too short to name
// the risk or obligation the control answers), or "" when it can stand.
func ThinInclusion(j string) string {
	j = strings.TrimSpace(j)
	if j == "" {
		return "no justification given"
	}
	norm := strings.ToLower(strings.TrimRightFunc(j, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
	if slices.Contains(genericInclusions, norm) {
		return fmt.Sprintf("generic phrase (%q) that does not say which risk, system or obligation the control answers", j)
	}
	if hasPlaceholder(j) || strings.Contains(j, DraftGap) {
		return "placeholder text instead of a reason"
	}
	if n := len(strings.Fields(j)); n < MinInclusionWords {
		return fmt.Sprintf("too short (%d words) to say which risk, system or obligation the control answers", n)
	}
	return ""
}

// DraftGap is the part of a drafted justification the assessor must
// replace; ThinInclusion refuses a text that still holds it.
const DraftGap = "[Name the risk, obligation or system this control answers.]"

// DraftInclusion offers a starting point for the justification of including
// a control, from the organisation's roles and AI systems: the interview
// shows it for the assessor to edit, never saves it unseen.
func DraftInclusion(q *catalog.Question, a *Answers) string {
	var roles []string
	for _, r := range a.Roles {
		if len(q.Roles) == 0 || slices.Contains(q.Roles, r) {
			roles = append(roles, string(r))
		}
	}
	var systems []string
	for _, s := range a.Systems {
		if len(q.Roles) == 0 || q.ConcernsAny(s.Roles) {
			name := s.Name
			if s.Risk != "" {
				name += " (" + s.Risk + " risk)"
			}
			systems = append(systems, name)
		}
	}
	var b strings.Builder
	b.WriteString("Applies because we act as " + orSomething(catalog.JoinAnd(roles), "a party concerned") + " of AI systems")
	if len(systems) > 0 {
		b.WriteString(", including " + catalog.JoinAnd(systems))
	}
	b.WriteString(". " + DraftGap)
	return b.String()
}

func orSomething(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
