package assess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// Upgraded is one question-level evidence reference moved into the
// register.
type Upgraded struct {
	Question string
	Item     *EvidenceItem
	// Hashed says the reference named a regular file next to the answers
	// file, whose SHA-256 is now recorded.
	Hashed bool
}

// UpgradeEvidence moves the evidence references written under questions
// (the format before the register) into register items, losing nothing:
//
//   - each distinct reference becomes one item, in catalog order and then
//     in the order written, with the next generated id (E-001, ...); a
//     reference named under several questions is one item backing them all;
//   - the location is the reference as written, trimmed, line breaks turned
//     into spaces (blank references, which say nothing, are dropped);
//   - it supports the criteria of its questions that are met (a shared
//     criterion by its target); when none is met it supports nothing yet,
//     and its notes say so;
//   - its notes name the questions it came from;
//   - a reference naming a regular file next to the answers file (or an
//     absolute path) gets its SHA-256, so `evidence check` can verify it;
//     anything that is not a regular file stays a reference, unread;
//   - its status is received: nobody has said it was reviewed.
//
// References under questions the catalog does not have (kept from another
// catalog version) are moved too, supporting nothing. answersPath locates
// relative paths; "" hashes nothing. The question-level lists are emptied.
func UpgradeEvidence(a *Answers, c *catalog.Catalog, answersPath string) []Upgraded {
	res := Score(a, c)
	met := map[string][]string{}
	for _, qs := range res.Questions {
		q := c.Question(qs.ID)
		for _, id := range qs.Met {
			if cr := q.Criterion(id); cr != nil {
				met[q.ID] = appendNew(met[q.ID], EvidenceKey(q, cr))
			}
		}
	}
	type origin struct {
		names   []string // "5.2 AI policy"
		unmet   []string // questions with nothing met
		unknown []string // questions not in the catalog
	}
	var out []Upgraded
	byLoc := map[string]int{}
	origins := map[*EvidenceItem]*origin{}
	move := func(qid, name string, ans *Answer, known bool) {
		for _, ref := range ans.Evidence {
			loc := strings.TrimSpace(oneLine.Replace(ref))
			if loc == "" {
				continue
			}
			i, seen := byLoc[loc]
			if !seen {
				it := &EvidenceItem{ID: NextEvidenceID(a), Location: loc, Status: EvidenceReceived}
				up := Upgraded{Question: qid, Item: it}
				if answersPath != "" && !IsURL(loc) {
					// Anything but a readable regular file stays a reference.
					if sum, _, err := HashFile(ResolveLocation(answersPath, loc)); err == nil {
						it.SHA256, up.Hashed = sum, true
					}
				}
				a.Register = append(a.Register, it)
				origins[it] = &origin{}
				i = len(out)
				byLoc[loc] = i
				out = append(out, up)
			}
			it, o := out[i].Item, origins[out[i].Item]
			if slices.Contains(o.names, name) {
				continue
			}
			o.names = append(o.names, name)
			for _, key := range met[qid] {
				it.Supports = appendNew(it.Supports, key)
			}
			switch {
			case !known:
				o.unknown = append(o.unknown, qid)
			case len(met[qid]) == 0:
				o.unmet = append(o.unmet, qid)
			}
		}
		ans.Evidence = nil
	}
	for _, q := range c.Questions() {
		if ans := a.Answers[q.ID]; ans != nil && len(ans.Evidence) > 0 {
			move(q.ID, q.ID+" "+q.Title, ans, true)
		}
	}
	for _, id := range sortedKeys(a.Orphans) {
		if ans := a.Orphans[id]; len(ans.Evidence) > 0 {
			move(id, id, ans, false)
		}
	}
	for _, up := range out {
		o := origins[up.Item]
		notes := fmt.Sprintf("Named as evidence for %s in an earlier answers file; moved here by 'aimsready evidence upgrade'.", catalog.JoinAnd(o.names))
		if len(o.unknown) > 0 {
			notes += fmt.Sprintf(" %s: not a question of %s, so it backs nothing there.", catalog.JoinAnd(o.unknown), c.Ident())
		}
		if len(o.unmet) > 0 {
			notes += fmt.Sprintf(" No criterion of %s was reported met, so it backs none of them yet: list the criteria it supports.", catalog.JoinAnd(o.unmet))
		}
		up.Item.Notes = notes
	}
	return out
}

// oneLine turns line breaks into spaces: a location is one line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
