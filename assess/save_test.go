package assess

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// sameAnswers compares answers as a file records them: a control's
// applicability decision is written whenever it was made, so a decision
// implied by assessing it reads back as an explicit one.
var sameAnswers = []cmp.Option{
	cmpopts.EquateEmpty(),
	cmpopts.IgnoreUnexported(Answers{}), // the layout of the file it came from
	cmp.Transformer("decision", func(a Answer) Answer { a.Decided = (&a).Decision(); return a }),
}

// loadsBack saves a, loads the file and compares: what is saved must load
// again as the same answers.
func loadsBack(t *testing.T, a *Answers, c *catalog.Catalog) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := Save(path, a, c); err != nil {
		t.Fatalf("save: %v", err)
	}
	b, _, err := LoadFile(path, c)
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("the saved file does not load: %v\n%s", err, data)
	}
	if diff := cmp.Diff(a, b, sameAnswers...); diff != "" {
		t.Errorf("load after save (-saved +loaded):\n%s", diff)
	}
}

// Text the interview accepts must survive a save and a load: yaml.v3 writes
// a literal block starting with a tab that its own parser then rejects.
func TestSaveAwkwardTextLoadsBack(t *testing.T) {
	c := builtin(t)
	for _, s := range []string{
		"\tindented with a tab\nsecond line",
		"\t",
		"line\n\ttab inside",
		" leading space\nsecond",
		"trailing space \nsecond ",
		"crlf\r\nline",
		"lone\rcarriage return",
		"ends with newline\n",
		"two trailing\n\n",
		"\nstarts with newline",
		"# looks like a comment\n- looks like a list",
		"\ufeffbyte order mark\nline",
		"key: value\n  indented: more",
		"tab\tin one line",
	} {
		t.Run(strings.ReplaceAll(s, "\n", "|"), func(t *testing.T) {
			a := New(c, s, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), ProfileFull)
			a.Scope = s
			a.Systems = []System{{Name: "n " + s, Purpose: s}}
			a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Met: []string{}, Notes: s, Evidence: []string{"e " + s}}
			a.Answers["A.7.3"] = &Answer{Applicable: false, Assessed: true, Decided: true, Justification: strings.TrimSpace("j " + s)}
			loadsBack(t, a, c)
		})
	}
}

// A save that would write a file the loader refuses is refused, with a
// message naming the value, and the file on disk stays as it was.
func TestSaveRefusesWhatWouldNotLoad(t *testing.T) {
	c := builtin(t)
	tests := []struct {
		name string
		edit func(a *Answers)
		want string
	}{
		{"escape in notes", func(a *Answers) {
			a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Notes: "\x1b]0;x\a"}
		}, `answer "5.2": notes contains the control character U+001B`},
		{"bidi override in organization", func(a *Answers) { a.Organization = "Acme\u202e" }, "organization contains the control character U+202E"},
		{"invalid UTF-8", func(a *Answers) { a.Scope = "M\xfcller" }, "scope is not valid UTF-8 text"},
		{"note too long", func(a *Answers) {
			a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Notes: strings.Repeat("x", MaxTextChars+1)}
		}, `notes is 20,001 characters long, over the limit of 20,000`},
		{"too many lines", func(a *Answers) { a.Scope = strings.Repeat("l\n", MaxTextLines+1) }, "scope has 1,001 lines"},
		{"too much evidence", func(a *Answers) {
			a.Answers["5.2"] = &Answer{Applicable: true, Assessed: true, Evidence: make([]string, MaxListItems+1)}
			for i := range a.Answers["5.2"].Evidence {
				a.Answers["5.2"].Evidence[i] = "e"
			}
		}, `evidence has 201 items, over the limit of 200`},
		{"bad date", func(a *Answers) { a.Date = "2026-02-30" }, `date "2026-02-30" is not a day of the calendar`},
		{"excluded clause", func(a *Answers) {
			a.Answers["4.1"] = &Answer{Applicable: false, Assessed: true, Justification: "x"}
		}, "clause 4.1 cannot be marked not applicable"},
		{"over the size limit", func(a *Answers) {
			// Every note within the limits, together over 4 MiB.
			for _, q := range c.Questions() {
				a.Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: []string{}, Notes: strings.Repeat("word ", MaxTextChars/5)}
			}
			a.Scope = strings.Repeat("y", MaxTextChars)
			for i := 0; i < MaxListItems; i++ {
				a.Systems = append(a.Systems, System{Name: strings.Repeat("s", MaxTextChars)})
			}
		}, "over the 4 MiB limit of an answers file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.yaml")
			a := New(c, "Acme", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), ProfileFull)
			if err := Save(path, a, c); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)
			tt.edit(a)
			err := Save(path, a, c)
			if err == nil || !errors.Is(err, ErrNotSaved) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant ErrNotSaved containing %q", err, tt.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("a refused save changed the file")
			}
			if _, _, err := LoadFile(path, c); err != nil {
				t.Errorf("file no longer loads: %v", err)
			}
		})
	}
}

// Loading bounds text, lists and the number of values, each with a message.
func TestLoadLimits(t *testing.T) {
	c := builtin(t)
	tests := []struct{ name, src, want string }{
		{"long note", head + "answers:\n  \"5.2\":\n    met: []\n    notes: " + strings.Repeat("x", MaxTextChars+1) + "\n", `a.yaml:6:12: answer "5.2": notes is 20,001 characters long, over the limit of 20,000`},
		{"long list", head + "answers:\n  \"5.2\":\n    met: []\n    evidence: [" + strings.Repeat("e,", MaxListItems) + "e]\n", `a.yaml:6:15: answer "5.2": evidence has 201 items, over the limit of 200`},
		{"note longer than the interview's text area", head + "answers:\n  \"5.2\":\n    met: []\n    notes: |\n" + strings.Repeat("      l\n", 10_001), `answer "5.2": notes has 10,001 lines, over the limit of 1,000`},
		{"many values", head + "answers:\n  \"5.2\":\n    met: []\n    evidence: [" + strings.Repeat("e,", MaxItems) + "e]\n", `a.yaml:6: file holds more than 60,000 values`},
		{"many lines", head + strings.Repeat("x: 1\n", MaxItems), `file holds more than 60,000 values`},
		{"control in a key", head + "answers:\n  \"5.2\\e[2J\\a\": {}\n", `answers: a key contains the control character U+001B`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse("a.yaml", []byte(tt.src), c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %.300v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	// Comments and long notes in blocks are not values: a file of comments
	// loads whatever its length.
	src := head + strings.Repeat("# comment line\n", MaxItems*2)
	if _, _, err := Parse("a.yaml", []byte(src), c); err != nil {
		t.Errorf("comments counted as values: %.300v", err)
	}
}

// A file with thousands of mistakes lists the first of each kind and counts
// the rest, so a wrong file cannot flood the terminal.
func TestProblemsAreCapped(t *testing.T) {
	c := builtin(t)
	var b strings.Builder
	b.WriteString(head + "answers:\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("  \"X." + strings.Repeat("9", 3) + "." + itoa(i) + "\": {}\n")
	}
	_, _, err := Parse("a.yaml", []byte(b.String()), c)
	if err == nil {
		t.Fatal("want errors")
	}
	msg := err.Error()
	if n := strings.Count(msg, "\n") + 1; n > 50 {
		t.Errorf("%d lines of problems listed", n)
	}
	if !strings.Contains(msg, "... and 4,980 more of the same kind as a.yaml:4") {
		t.Errorf("no summary line:\n%s", msg[max(0, len(msg)-300):])
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// FuzzRoundTrip puts arbitrary text everywhere the interview and the
// commands put user text: a save either is refused because Check names a
// broken rule, or writes a file that loads back as the same answers.
func FuzzRoundTrip(f *testing.F) {
	c := builtin(f)
	f.Add("Acme", "\tindented\nsecond line", "policy.pdf", "We buy no data.", uint16(3))
	f.Add("Zürich Ωmega", "crlf\r\nline \n", "", " \t", uint16(70))
	f.Add("\u202e", "a\n\n", "#x", "- y", uint16(0))
	qs := c.Questions()
	var controls []*catalog.Question
	for _, q := range qs {
		if q.IsControl() {
			controls = append(controls, q)
		}
	}
	f.Fuzz(func(t *testing.T, org, notes, evidence, just string, n uint16) {
		a := New(c, org, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), ProfileFull)
		a.Assessor, a.Scope = just, notes
		a.Systems = []System{{Name: "s" + org, Purpose: notes}}
		q := qs[int(n)%len(qs)]
		a.Answers[q.ID] = &Answer{Applicable: true, Assessed: true, Met: q.CriterionIDs()[:int(n)%len(q.Criteria)], Notes: notes, Evidence: []string{evidence, notes}}
		ctl := controls[int(n)%len(controls)]
		if ctl != q {
			a.Answers[ctl.ID] = &Answer{Applicable: false, Assessed: true, Decided: true, Justification: strings.TrimSpace("j" + just)}
		}
		a.Plan = map[string]*PlanItem{}
		if cr := q.Criteria[0]; cr.SameAs == "" {
			a.Plan[q.ID+"/"+cr.ID] = &PlanItem{Owner: strings.TrimSpace(org), Status: PlanInProgress}
		}
		data, err := MarshalChecked("f.yaml", a, c)
		if err != nil {
			if cerr := Check(a, c); cerr == nil {
				t.Fatalf("Check passed, yet the save was refused: %v", err)
			}
			return
		}
		b, _, err := Parse("f.yaml", data, c)
		if err != nil {
			t.Fatalf("saved file does not load: %v\n%s", err, data)
		}
		if diff := cmp.Diff(a, b, sameAnswers...); diff != "" {
			t.Fatalf("save, load (-saved +loaded):\n%s", diff)
		}
	})
}

// Text tagged !!null is kept (and warned about), never silently dropped
// by a load and the save after it.
func TestNullTaggedTextIsKept(t *testing.T) {
	c := builtin(t)
	src := head + "organization: !!null Acme\nanswers:\n  \"5.2\":\n    met: []\n    notes: !!null keep me\n  \"5.3\":\n    met: !!null\n"
	a, warns, err := Parse("a.yaml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	if a.Organization != "Acme" || a.Answers["5.2"].Notes != "keep me" {
		t.Errorf("organization %q, notes %q", a.Organization, a.Answers["5.2"].Notes)
	}
	if a.Answers["5.3"] != nil {
		t.Errorf("an empty !!null met is not assessed: %+v", a.Answers["5.3"])
	}
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.String())
	}
	if all := strings.Join(msgs, "\n"); !strings.Contains(all, `a.yaml:7: answer "5.2": notes is tagged !!null but holds "keep me"; it is kept as text`) {
		t.Errorf("warnings:\n%s", all)
	}
	loadsBack(t, a, c)
}
