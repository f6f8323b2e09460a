package interview

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

// The tests of issue 16: the interview asks the date, systems hold several
// roles, --full widens a quick snapshot, accessible mode shows every
// description wrapped at words, and long criteria lists say more lies below.

func may4() time.Time { return time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC) }

func TestAccessibleAsksAssessmentDate(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "new.yaml")
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"4"}, Now: may4},
		"Acme", "Dana", "2026-13-01", "30.04.2026", "2026-04-30", "All AI", // two dates refused
		"1", "0", "") // developer; no systems
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	if n := strings.Count(out, "write the date as YYYY-MM-DD"); n != 2 {
		t.Errorf("bad dates refused %d times, want 2:\n%s", n, out)
	}
	if !strings.Contains(out, "[now: 2026-05-04; enter keeps it]") {
		t.Errorf("today's date not offered as the default:\n%s", out)
	}
	if got := load(t, c, path).Date; got != "2026-04-30" {
		t.Errorf("date = %q, want the one typed", got)
	}
	if !strings.Contains(flat(out), "dated 2026-04-30") {
		t.Errorf("the saved date is not said:\n%s", out)
	}
}

func TestAccessibleSystemHoldsSeveralRoles(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleDeveloper, catalog.RoleProvider}, nil)
	iv := &Interview{Catalog: c, Path: path, Revisit: true} // asks the details again
	out, err := runLines(t, iv,
		"", "", "", "", "0", // details kept as they are
		"Claims model", "Ranks claims", "1", "2", "0", "5", // developer and provider, high risk
		"Chatbot", "", "0", "1", // no role ticked: asked again
		"", "2", "0", "", // provider, risk kept: not rated yet
		"") // no more systems
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	a := load(t, c, path)
	want := []assess.System{
		{Name: "Claims model", Purpose: "Ranks claims", Roles: []catalog.Role{catalog.RoleDeveloper, catalog.RoleProvider}, Risk: "high"},
		{Name: "Chatbot", Roles: []catalog.Role{catalog.RoleProvider}}, // an Enter leaves it unrated, never low
	}
	if diff := cmp.Diff(want, a.Systems); diff != "" {
		t.Errorf("systems (-want +got):\n%s", diff)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range []string{
		"Saved AI system Claims model (developer and provider, high risk).",
		"Tick at least one role for Chatbot",
		"Listed so far (1): Claims model (developer and provider, high risk).",
		"a company may, for example, develop and provide the same model",
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestFullTurnsQuickSnapshotIntoFullAssessment(t *testing.T) {
	c := builtin(t)
	var quick *catalog.Question
	for _, q := range c.Questions() {
		if q.Quick && !q.IsControl() {
			quick = q
			break
		}
	}
	done := &assess.Answer{Applicable: true, Assessed: true, Met: []string{quick.Criteria[0].ID}}
	path := fixture(t, c, []catalog.Role{catalog.RoleUser}, map[string]*assess.Answer{quick.ID: done})
	a := load(t, c, path)
	a.Profile = assess.ProfileQuick
	if err := assess.Save(path, a, c); err != nil {
		t.Fatal(err)
	}

	// Without --full: only quick questions, and the way to widen it.
	out, _ := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{quick.Section.ID}})
	if !strings.Contains(flat(out), "is a quick snapshot: only its quick-snapshot questions are asked") || !strings.Contains(out, "\n  aimsready assess --answers "+path+" --section "+quick.Section.ID+" --full\n") {
		t.Errorf("quick snapshot hint:\n%s", out)
	}
	if load(t, c, path).Profile != assess.ProfileQuick {
		t.Fatal("the profile changed without --full")
	}

	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{quick.Section.ID}, Full: true})
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	a = load(t, c, path)
	if a.Profile != assess.ProfileFull {
		t.Errorf("profile = %q, want full", a.Profile)
	}
	if diff := cmp.Diff(done, a.Answers[quick.ID]); diff != "" {
		t.Errorf("the quick answer was not kept (-want +got):\n%s", diff)
	}
	inFull := len(c.Questions())
	inQuick := 0
	for _, q := range c.Questions() {
		if q.Quick && q.ConcernsAny(a.Roles) {
			inQuick++
		}
	}
	want := "was a quick snapshot and is now a full assessment: its answers are kept, and " + strconv.Itoa(inFull-inQuick) + " more questions are in scope."
	if !strings.Contains(flat(out), want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	var firstNonQuick *catalog.Question
	for _, q := range quick.Section.Questions {
		if !q.Quick {
			firstNonQuick = q
			break
		}
	}
	if firstNonQuick != nil && !strings.Contains(out, firstNonQuick.ID+" "+firstNonQuick.Title) {
		t.Errorf("%s, outside the quick snapshot, was not asked:\n%s", firstNonQuick.ID, out)
	}
}

func TestAccessibleShowsDescriptionsWrappedAtWords(t *testing.T) {
	c := builtin(t)
	path := filepath.Join(t.TempDir(), "new.yaml")
	out, err := runLines(t, &Interview{Catalog: c, Path: path, Sections: []string{"A.5"}, Now: may4, Width: 80},
		"Acme", "Dana", "", "All AI", "1", "0", "", // details, developer, no systems
		"", // A.5.2: assess it now
		"", // it applies
		"0", "", "")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("Run = %v", err)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range []string{
		"Assessor. Who runs this assessment.",
		"Scope of the AI management system. Which units, sites, products and AI systems it covers.",
		"Tick every role that applies (x or space)",
		"Type its name, or leave it empty and press enter to go on.",
		"Does this control apply? Pre-selected",
		"Evidence (optional). Documents or records that show it, separated by commas: a register id (E-001), a file path (hashed now into the evidence register) or a reference.",
	} {
		if !strings.Contains(flat, s) {
			t.Errorf("accessible output lacks the description %q", s)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(strings.TrimRight(line, " ")); n > 80 && !strings.Contains(line, path) {
			t.Errorf("line %d is %d columns wide: %q", i+1, n, line)
		}
	}
	// Lines break only between words: the catalog's text reads whole when
	// the lines are joined again.
	q := c.Question("A.5.2")
	first := q.Criteria[0] // the first criterion asked here (a shared one is shown at its own question)
	for _, cr := range q.Criteria {
		if cr.SameAs == "" {
			first = cr
			break
		}
	}
	for _, text := range []string{q.Guidance, first.Text} {
		if !strings.Contains(flat, strings.Join(strings.Fields(text), " ")) {
			t.Errorf("text not shown whole, word by word: %q", text)
		}
	}
}

func TestTUILongCriteriaListSaysMoreBelow(t *testing.T) {
	c := builtin(t)
	path := fixture(t, c, []catalog.Role{catalog.RoleDeveloper}, nil)
	d := startTUI(t, &Interview{Catalog: c, Path: path, Sections: []string{"A.5"}})
	d.wait("Start")
	d.keys(keyEnter)
	d.wait("Assess it now")
	d.keys(keyEnter)
	d.wait("Does this control apply?")
	d.keys(keyEnter) // applies
	d.wait("Tick each one that is met.  ↓ 2 more below")
	for range 5 {
		d.keys(keyDown)
	}
	d.wait("Tick each one that is met.  ↑ 2 more above")
	d.keys(keyCtrlC)
	if err := d.result(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run = %v", err)
	}
}

func TestScrollListMark(t *testing.T) {
	l := newScrollList("Pick:", []string{"alpha\n  beta gamma", "two", "three"})
	for _, tt := range []struct{ screen, want string }{
		{"Pick:\nalpha\nbeta gamma\ntwo\nthree", "Pick:\nalpha\nbeta gamma\ntwo\nthree"},
		{"Pick:\nalpha\nbeta gamma\ntwo", "Pick:  ↓ 1 more below\nalpha\nbeta gamma\ntwo"},
		{"Pick:\nbeta gamma\ntwo", "Pick:  ↑1 ↓1 more\nbeta gamma\ntwo"},
		{"Pick:\ntwo\nthree", "Pick:  ↑ 1 more above\ntwo\nthree"},
		{"no list here", "no list here"},
	} {
		if got := l.mark(tt.screen); got != tt.want {
			t.Errorf("mark(%q) = %q, want %q", tt.screen, got, tt.want)
		}
	}
}
