package assess

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
)

// Limits of an answers file. Loading enforces them with a message naming
// the place; saving checks the same rules first, so the tool never writes a
// file it would then refuse to read.
const (
	// MaxItems bounds the values in a file (lines with content and list
	// items), counted before parsing: a complete assessment of the
	// built-in catalog holds about a thousand. At the bound, the costliest
	// shapes (one mapping of 60,000 keys) validate in about a third of a
	// second and 60 MB.
	MaxItems = 60_000
	// MaxTextChars and MaxTextLines bound one text value: a note,
	// justification, scope or name.
	MaxTextChars = 20_000
	MaxTextLines = 1_000
	// MaxListItems bounds one list: evidence references, AI systems, roles,
	// met criteria.
	MaxListItems = 200
)

// reader is the strictyaml reader with the answers file's limits.
func reader(file string) *strictyaml.Reader {
	return &strictyaml.Reader{File: file, MaxText: MaxTextChars, MaxLines: MaxTextLines, MaxList: MaxListItems}
}

// ErrNotSaved marks an error of a save that was refused before anything was
// written: the file on disk is as it was.
var ErrNotSaved = errors.New("not saved")

// Check applies the loader's rules to answers about to be saved, and says
// in words what would make the file fail to load: text with control
// characters or over the limits, lists too long, a date that is not one,
// an exclusion without justification.
func Check(a *Answers, c *catalog.Catalog) error {
	var probs []string
	bad := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	checkText := func(what, s string) {
		if msg := strictyaml.CheckText(s, MaxTextChars, MaxTextLines); msg != "" {
			bad("%s %s", what, msg)
		}
	}
	checkList := func(what string, n int) {
		if n > MaxListItems {
			bad("%s has %d items, over the limit of %d", what, n, MaxListItems)
		}
	}
	checkText("organization", a.Organization)
	checkText("assessor", a.Assessor)
	checkText("scope", a.Scope)
	checkText("catalog", a.Catalog)
	if a.Date != "" {
		if _, err := ParseDate(a.Date); err != nil {
			bad("date %q %s", a.Date, DateIssue(a.Date))
		}
	}
	if a.Profile != "" && a.Profile != ProfileFull && a.Profile != ProfileQuick {
		bad("profile must be full or quick, not %q", a.Profile)
	}
	checkList("roles", len(a.Roles))
	for _, r := range a.Roles {
		if !knownRole(r) {
			bad("unknown role %q in roles", r)
		}
	}
	checkList("systems", len(a.Systems))
	for i, s := range a.Systems {
		what := fmt.Sprintf("system %d", i+1)
		checkText(what+": name", s.Name)
		checkText(what+": purpose", s.Purpose)
		if strings.TrimSpace(s.Name) == "" {
			bad("%s: name is missing", what)
		}
		for _, r := range s.Roles {
			if !knownRole(r) {
				bad("%s: unknown role %q", what, r)
			}
		}
		if s.Risk != "" && !slices.Contains(riskLevels, s.Risk) {
			bad("%s: risk must be one of %s, not %q", what, strings.Join(riskLevels, ", "), s.Risk)
		}
	}
	checkAnswer := func(id string, ans *Answer, q *catalog.Question) {
		if ans == nil {
			return
		}
		what := fmt.Sprintf("answer %q", id)
		checkText(what+": justification", ans.Justification)
		checkText(what+": notes", ans.Notes)
		checkList(what+": evidence", len(ans.Evidence))
		for _, e := range ans.Evidence {
			checkText(what+": evidence", e)
		}
		checkList(what+": met", len(ans.Met)+len(ans.Unknown))
		for _, m := range append(slices.Clone(ans.Met), ans.Unknown...) {
			checkText(what+": met", m)
		}
		if !ans.Applicable {
			switch {
			case q != nil && !q.IsControl():
				bad("%s: clause %s cannot be marked not applicable", what, id)
			case strings.TrimSpace(ans.Justification) == "":
				bad("%s: an excluded control needs a justification", what)
			}
		}
	}
	for _, q := range c.Questions() {
		checkAnswer(q.ID, a.Answers[q.ID], q)
	}
	for _, id := range sortedKeys(a.Orphans) {
		checkText("question id", id)
		checkAnswer(id, a.Orphans[id], nil)
	}
	for _, plan := range []map[string]*PlanItem{a.Plan, a.PlanOrphans} {
		for _, id := range sortedKeys(plan) {
			checkText("plan id", id)
			checkText(fmt.Sprintf("plan %q: owner", id), plan[id].Owner)
		}
	}
	if len(probs) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrNotSaved, joinProblems(probs))
}

func joinProblems(probs []string) string {
	const show = 5
	if len(probs) > show {
		return strings.Join(probs[:show], "; ") + fmt.Sprintf("; and %d more", len(probs)-show)
	}
	return strings.Join(probs, "; ")
}

// MarshalChecked is Marshal with the guards of a save: the loader's rules
// first, then the size limit, then a parse of what was marshalled, which
// must read back as the same answers (marshalling it again gives the same
// bytes). file names the file in messages.
func MarshalChecked(file string, a *Answers, c *catalog.Catalog) ([]byte, error) {
	if err := Check(a, c); err != nil {
		return nil, err
	}
	if a.layout != nil {
		if data, err := marshalReadBack(file, a, c); err == nil {
			return data, nil
		}
		// The file's own layout would not read back the same answers: save
		// in the canonical layout instead, which always does.
		plain := *a
		plain.layout = nil
		a = &plain
	}
	return marshalReadBack(file, a, c)
}

// marshalReadBack marshals a and proves the result loads back to the same
// answers.
func marshalReadBack(file string, a *Answers, c *catalog.Catalog) ([]byte, error) {
	data, err := Marshal(a, c)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotSaved, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: the answers would take %.1f MiB, over the %d MiB limit of an answers file; shorten the longest notes or split the assessment",
			ErrNotSaved, float64(len(data))/(1<<20), MaxFileBytes>>20)
	}
	back, _, err := Parse(file, data, c)
	if err != nil {
		return nil, fmt.Errorf("%w: the file written would not load again (please report this): %v", ErrNotSaved, err)
	}
	again, err := Marshal(back, c)
	if err != nil || !bytes.Equal(again, data) {
		return nil, fmt.Errorf("%w: the file written would not read back the same answers (please report this)", ErrNotSaved)
	}
	return data, nil
}

// CleanInput makes text typed or pasted at a prompt savable, so that what
// the interview accepts always loads again: bytes that are not UTF-8 are
// read as Latin-1 (a terminal not set to UTF-8), CRLF and a lone CR become
// a line break, and what the loader refuses (control characters other than
// tab and line break, bidi overrides) is removed.
func CleanInput(s string) string {
	if !utf8.ValidString(s) {
		var b strings.Builder
		for len(s) > 0 {
			r, n := utf8.DecodeRuneInString(s)
			if r == utf8.RuneError && n == 1 {
				r = rune(s[0]) // Latin-1: the byte is the code point
			}
			b.WriteRune(r)
			s = s[n:]
		}
		s = b.String()
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if _, bad := strictyaml.UnsafeRune(s); !bad {
		return s
	}
	return strings.Map(func(r rune) rune {
		if _, bad := strictyaml.UnsafeRune(string(r)); bad {
			return -1
		}
		return r
	}, s)
}
