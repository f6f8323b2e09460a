package interview

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/charmbracelet/huh"
)

// newEvidence is what attachEvidence would put in the register for the
// evidence typed at q: the references new to the question (one given
// before stays where it was) and the criteria this answer says are met,
// where they are answered, which such a reference supports unless the
// assessor says otherwise. Nothing when nothing is met yet.
func newEvidence(q *catalog.Question, ans, prev *assess.Answer) (refs []string, met []*catalog.Criterion) {
	if ans == nil || !ans.Assessed || !ans.Applicable || len(ans.Evidence) == 0 {
		return nil, nil
	}
	for _, cr := range q.Criteria {
		if ans.IsMet(cr.ID) && cr.SameAs == "" {
			met = append(met, cr)
		}
	}
	if len(met) == 0 {
		return nil, nil
	}
	for _, ref := range ans.Evidence {
		if prev == nil || !slices.Contains(prev.Evidence, ref) {
			refs = append(refs, ref)
		}
	}
	return refs, met
}

// askSupports asks, when more than one criterion is met, which of them
// each new evidence reference supports: board minutes typed at a question
// do not show that the policy is documented just because both were
// ticked there. One list per reference, every criterion met ticked, so
// Enter keeps them all. It returns the criteria keys chosen per reference;
// nil when nothing was asked.
func (iv *Interview) askSupports(ctx context.Context, q *catalog.Question, header string, ans, prev *assess.Answer) (map[string][]string, error) {
	refs, met := newEvidence(q, ans, prev)
	if len(refs) == 0 || len(met) < 2 {
		return nil, nil
	}
	values := make([]*[]string, len(refs))
	pages := make([]page, len(refs))
	for i, ref := range refs {
		pages[i], values[i] = supportsPage(header, iv.Answers.Evidence(ref), ref, met, q, iv.look)
	}
	intro := ""
	if iv.Accessible {
		intro = q.ID + ": what the evidence supports."
	}
	if err := iv.runPages(ctx, intro, pages); err != nil {
		return nil, err
	}
	chosen := make(map[string][]string, len(refs))
	for i, ref := range refs {
		chosen[ref] = *values[i]
	}
	return chosen, nil
}

// supportsPage is the list of the criteria met for one evidence reference
// (it, when the reference is a register id) of question q, all ticked,
// under the question's header; the value holds the keys of those left
// ticked.
func supportsPage(header string, it *assess.EvidenceItem, ref string, met []*catalog.Criterion, q *catalog.Question, l look) (page, *[]string) {
	// The title stays on one line, where the list's "more below" mark
	// finds it: "Which of these does “” support?" and the border take 40.
	room := max(12, l.width-40)
	name := "“" + truncate(strings.Join(strings.Fields(safetext.Line(ref)), " "), room) + "”"
	if it != nil && strings.TrimSpace(it.Title) != "" && it.Title != ref {
		name = it.ID + " (" + truncate(strings.Join(strings.Fields(safetext.Line(it.Title)), " "), room-len(it.ID)-1) + ")"
	}
	var opts []huh.Option[string]
	var texts []string
	value := new([]string)
	for _, cr := range met {
		key := assess.EvidenceKey(q, cr)
		text := optionText(cr.Text, l)
		texts = append(texts, text)
		opts = append(opts, huh.NewOption(text, key))
		*value = append(*value, key)
	}
	desc := "All the criteria met are ticked: untick those it does not show. With none ticked it stays on the question, outside the register."
	title := l.label("Which of these does "+name+" support?", desc, "", false)
	list := huh.NewMultiSelect[string]().
		Title(title).
		Description(desc).
		Options(opts...).
		Filterable(false).
		Value(value)
	return page{group: huh.NewGroup(list).Title(header), list: newScrollList(title, texts)}, value
}

// attachEvidence turns the evidence typed for a question into the evidence
// register: a register id (E-001) adds the question's met criteria to that
// item's supports; a path to a local file becomes an item hashed now; any
// other reference becomes a reference item. chosen, when it names a
// reference, narrows the criteria it supports to those (see askSupports).
// The typed text is not lost: what cannot go into the register (nothing met
// to support yet, nothing chosen, or an item the register refuses) stays
// on the question as before, and the notes returned say what happened, one
// line each.
func attachEvidence(a *assess.Answers, c *catalog.Catalog, answersPath string, q *catalog.Question, ans *assess.Answer, prev *assess.Answer, chosen map[string][]string) []string {
	refs, met := newEvidence(q, ans, prev)
	if len(met) == 0 {
		return nil // nothing met yet: the references stay on the question
	}
	var all []string // the criteria this answer says are met, where they are answered
	for _, cr := range met {
		all = append(all, assess.EvidenceKey(q, cr))
	}
	var kept, notes []string
	for _, ref := range ans.Evidence {
		if !slices.Contains(refs, ref) {
			kept = append(kept, ref) // given before: left where it was
			continue
		}
		keys := all
		if ks, ok := chosen[ref]; ok {
			keys = ks
		}
		if len(keys) == 0 {
			kept, notes = append(kept, ref), append(notes, "Evidence "+ref+" kept on the question: it supports none of the criteria met.")
			continue
		}
		if it := a.Evidence(ref); it != nil {
			note := "Evidence " + it.ID + " now supports " + strings.Join(keys, ", ") + "."
			for _, k := range keys {
				if err := assess.AddSupport(a, c, it.ID, k); err != nil {
					kept, note = append(kept, ref), "Evidence "+ref+" kept on the question: "+err.Error()
					break
				}
			}
			notes = append(notes, note)
			continue
		}
		item := assess.EvidenceItem{Title: ref, Location: ref, Status: assess.EvidenceReceived, Supports: keys}
		file := ref
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(answersPath), ref)
		}
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
			fe, err := assess.FileEvidence(answersPath, file)
			if err == nil {
				item.Location, item.SHA256, item.Title = fe.Location, fe.SHA256, filepath.Base(ref)
			}
		}
		added, err := assess.AddEvidence(a, c, item)
		if err != nil {
			kept, notes = append(kept, ref), append(notes, "Evidence kept on the question: "+err.Error())
			continue
		}
		// The same form as `evidence add` prints.
		what := "reference"
		if added.SHA256 != "" {
			what = "local file, sha256 " + added.SHA256[:12]
		}
		notes = append(notes, "added "+added.ID+": "+added.Location+" ("+what+"), status "+string(added.Status)+", supports "+strings.Join(added.Supports, ", "))
	}
	ans.Evidence = kept
	return notes
}
