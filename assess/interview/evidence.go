package interview

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
)

// attachEvidence turns the evidence typed for a question into the evidence
// register: a register id (E-001) adds the question's met criteria to that
// item's supports; a path to a local file becomes an item hashed now; any
// other reference becomes a reference item. The typed text is not lost:
// what cannot go into the register (nothing met to support yet, or an
// item the register refuses) stays on the question as before, and the
// notes returned say what happened, one line each.
func attachEvidence(a *assess.Answers, c *catalog.Catalog, answersPath string, q *catalog.Question, ans *assess.Answer, prev *assess.Answer) []string {
	if ans == nil || !ans.Assessed || !ans.Applicable || len(ans.Evidence) == 0 {
		return nil
	}
	var keys []string // the criteria this answer says are met, where they are answered
	for _, cr := range q.Criteria {
		if ans.IsMet(cr.ID) && cr.SameAs == "" {
			keys = append(keys, assess.EvidenceKey(q, cr))
		}
	}
	if len(keys) == 0 {
		return nil // nothing met yet: the references stay on the question
	}
	var kept, notes []string
	for _, ref := range ans.Evidence {
		if prev != nil && slices.Contains(prev.Evidence, ref) {
			kept = append(kept, ref) // given before: left where it was
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
