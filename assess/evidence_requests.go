package assess

import (
	"slices"

	"github.com/aimsready/aimsready/catalog"
)

// Request states: why a criterion is on the request list.
const (
	RequestNotAssessed = "not assessed" // the question has not been answered
	RequestNotMet      = "not met"      // answered, not met: ask for what would show it
	RequestClaimed     = "claimed"      // reported met, no reviewed, current evidence
	RequestEvidenced   = "evidenced"    // reviewed, current evidence on file (listed with --all)
)

// EvidenceRequest is one criterion on the evidence request list a
// consultant sends a client before the interviews.
type EvidenceRequest struct {
	Question      string // where the criterion is answered
	QuestionTitle string
	Section       string
	Criterion     string
	Text          string
	Kind          catalog.EvidenceKind
	Ask           string // the catalog's "what to ask for"; the criterion text when it has none
	MaxAgeMonths  int
	// Also lists the other questions that rely on the same artefact.
	Also []string
	// State is one of the Request* states; "" for a request list drawn
	// from the catalog alone.
	State string
	// Items are the register items already behind it, as "E-004 (requested)".
	Items []string
}

// EvidenceRequests lists what to ask a client for, per question in catalog
// order, one entry per criterion. With answers (a may be nil for the whole
// catalog) it covers the questions of the assessment's profile, leaves out
// excluded controls, and by default lists only criteria not met or not
// evidenced; all lists every criterion with its state. A criterion shared
// by several questions (same-as) is asked once, where it is answered.
func EvidenceRequests(a *Answers, c *catalog.Catalog, all bool) []EvidenceRequest {
	var res *Result
	byQ := map[string]*QuestionScore{}
	if a != nil {
		res = Score(a, c)
		for i := range res.Questions {
			byQ[res.Questions[i].ID] = &res.Questions[i]
		}
	}
	inScope := func(q *catalog.Question) bool {
		if a == nil {
			return true
		}
		qs := byQ[q.ID]
		return qs != nil && qs.Status != StatusExcluded
	}
	// Who else relies on each shared criterion, in catalog order.
	also := map[string][]string{}
	for _, q := range c.Questions() {
		for _, cr := range q.Criteria {
			if cr.SameAs != "" && inScope(q) {
				also[cr.SameAs] = appendNew(also[cr.SameAs], q.ID)
			}
		}
	}
	var out []EvidenceRequest
	for _, q := range c.Questions() {
		if !inScope(q) {
			continue
		}
		qs := byQ[q.ID]
		for _, cr := range q.Criteria {
			key := EvidenceKey(q, cr)
			if cr.SameAs != "" && cr.TargetQuestion != nil && inScope(cr.TargetQuestion) {
				continue // asked where it is answered
			}
			req := EvidenceRequest{Question: q.ID, QuestionTitle: q.Title, Section: q.Section.ID, Criterion: cr.ID,
				Text: cr.Text, Kind: cr.Evidence, Ask: cr.Ask, MaxAgeMonths: cr.MaxAgeMonths}
			if req.Ask == "" {
				req.Ask = cr.Text
			}
			for _, other := range also[key] {
				if other != q.ID {
					req.Also = append(req.Also, other)
				}
			}
			if a != nil {
				switch {
				case qs.Status == StatusNotAssessed && !slices.Contains(qs.Met, cr.ID):
					req.State = RequestNotAssessed
				case !slices.Contains(qs.Met, cr.ID):
					req.State = RequestNotMet
				case slices.Contains(qs.Claimed, cr.ID):
					req.State = RequestClaimed
				default:
					req.State = RequestEvidenced
				}
				if req.State == RequestEvidenced && !all {
					continue
				}
				for _, st := range res.Evidence {
					if st.Item.Supporting(key) {
						label := st.Item.ID + " (" + string(st.Item.Status)
						if st.Stale {
							label += ", stale"
						}
						req.Items = append(req.Items, label+")")
					}
				}
			}
			out = append(out, req)
		}
	}
	return out
}
