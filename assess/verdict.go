package assess

import (
	"fmt"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// Verdict labels, the same in every output.
const (
	LabelSnapshot   = "Snapshot only"
	LabelNotReady   = "Not ready for Stage 1"
	LabelStage1     = "Ready for Stage 1, not yet for Stage 2"
	LabelStage1And2 = "Ready for Stage 1 and Stage 2 (estimate)"
)

// verdict decides the level from what the answers show, never more:
//  1. any Stage 1 blocker: not ready for Stage 1;
//  2. otherwise, implementation readiness under its threshold, a clause
//     under its floor, or a record a certification body expects before
//     Stage 2 missing: ready for Stage 1 only;
//  3. otherwise ready for both (an estimate).
//
// Meeting one more criterion can only remove reasons, so the level never
// goes down when an answer improves. Evidence coverage under the method's
// threshold adds a reason at any level and never changes the level:
// coverage is a second dimension, not a penalty.
func verdict(res *Result, c *catalog.Catalog) Verdict {
	claims := append(claimsReason(res), staleReason(res, c)...)
	if res.Profile == ProfileQuick {
		reasons := []string{fmt.Sprintf("This quick snapshot covers %d of the catalog's questions; run the full assessment before deciding on a Stage 1 audit.", len(res.Questions))}
		reasons = append(reasons, blockerReasons(res)...)
		reasons = append(reasons, claims...)
		return Verdict{Level: LevelSnapshot, Label: LabelSnapshot, Reason: strings.Join(reasons, " "), Reasons: reasons}
	}
	if len(res.Blockers) > 0 {
		reasons := append(blockerReasons(res), claims...)
		return Verdict{Level: LevelNotReady, Label: LabelNotReady, Reason: strings.Join(reasons, " "), Reasons: reasons}
	}
	var reasons []string
	m := res.Method
	if res.Implementation.Has && res.Implementation.Score < m.ImplementationThreshold {
		reasons = append(reasons, fmt.Sprintf("Implementation readiness is %.1f, under the %.0f a Stage 2 audit needs: the documented system is not yet shown to operate.", res.Implementation.Score, m.ImplementationThreshold))
	}
	var low []string
	for _, s := range res.Sections {
		if s.Kind == catalog.KindClause && s.Scored() && s.Score < m.ClauseFloor {
			low = append(low, fmt.Sprintf("%s %s (%.1f)", s.ID, s.Title, s.Score))
		}
	}
	if len(low) > 0 {
		reasons = append(reasons, fmt.Sprintf("Clauses under the floor of %.0f that every clause needs before Stage 2: %s.", m.ClauseFloor, catalog.JoinAnd(low)))
	}
	if missing := missingStage2Records(res, c); len(missing) > 0 {
		reasons = append(reasons, fmt.Sprintf("Not yet recorded, and expected by certification bodies before Stage 2: %s.", catalog.JoinAnd(missing)))
	}
	if len(reasons) > 0 {
		reasons = append([]string{"No Stage 1 blockers: every required document is reported in place and the Statement of Applicability decides and justifies every control."}, reasons...)
		reasons = append(reasons, claims...)
		return Verdict{Level: LevelStage1, Label: LabelStage1, Reason: strings.Join(reasons, " "), Reasons: reasons}
	}
	reasons = append([]string{"No Stage 1 blockers, implementation readiness and every clause are above their thresholds, and the first internal audit and management review are recorded."},
		claims...)
	reasons = append(reasons, "This is an estimate from the answers given; a certification body decides at the audits.")
	return Verdict{Level: LevelStage1And2, Label: LabelStage1And2, Reason: strings.Join(reasons, " "), Reasons: reasons}
}

// claimsReason says, when evidence coverage is under the method's
// threshold, that readiness rests mostly on claims: criteria reported met
// with no reviewed, current evidence in the register.
func claimsReason(res *Result) []string {
	cov := res.EvidenceCoverage
	if !cov.Has || cov.Score >= res.Method.EvidenceThreshold {
		return nil
	}
	return []string{fmt.Sprintf("Readiness rests mostly on claims: evidence coverage is %.1f (under %.0f), so most of what is reported as met has no reviewed, current evidence in the register. Auditors sample evidence: collect and review it before the audit.",
		cov.Score, res.Method.EvidenceThreshold)}
}

// staleReason names the required documented information reported met
// whose only reviewed evidence is out of date: an auditor finds the
// record, then finds it stale. Like coverage, it never changes the level.
func staleReason(res *Result, c *catalog.Catalog) []string {
	staleBy := map[string]*EvidenceState{} // criterion key -> its first stale, reviewed item
	for i := range res.Evidence {
		st := &res.Evidence[i]
		if !st.Stale || st.Item.Status != EvidenceReviewed {
			continue
		}
		for _, key := range st.Item.Supports {
			if staleBy[key] == nil {
				staleBy[key] = st
			}
		}
	}
	if len(staleBy) == 0 {
		return nil
	}
	var stale []string
	seen := map[string]bool{}
	for _, qs := range res.Questions {
		q := c.Question(qs.ID)
		for _, id := range qs.Claimed { // met, with nothing current behind it
			cr := q.Criterion(id)
			if cr == nil || !cr.Documented {
				continue
			}
			key := EvidenceKey(q, cr)
			if st := staleBy[key]; st != nil && !seen[key] {
				seen[key] = true
				stale = append(stale, fmt.Sprintf("%s (%s, current only until %s)", key, st.Item.ID, st.Expires))
			}
		}
	}
	if len(stale) == 0 {
		return nil
	}
	return []string{"Required documented information reported in place rests on out-of-date evidence: " + catalog.JoinAnd(stale) + ". An auditor will ask for a current version."}
}

// missingStage2Records names the before-stage2 criteria not met, in
// catalog order.
func missingStage2Records(res *Result, c *catalog.Catalog) []string {
	var out []string
	for i := range res.Fixes {
		f := &res.Fixes[i]
		if q := c.Question(f.Question); q != nil {
			if cr := q.Criterion(f.Criterion); cr != nil && cr.BeforeStage2 {
				out = append(out, fmt.Sprintf("%s (%s)", strings.TrimSuffix(cr.Text, "."), f.Question))
			}
		}
	}
	return out
}

func blockerReasons(res *Result) []string {
	if len(res.Blockers) == 0 {
		return []string{"No Stage 1 blockers were found in the questions covered."}
	}
	var qs []string
	seen := map[string]bool{}
	gap := ""
	if res.soaGapOpen() {
		gap = soaGap(res)
	}
	for _, b := range res.Blockers {
		if gap != "" && b.Reason == gap {
			continue // the coverage blocker, said separately below
		}
		if !seen[b.Question] {
			seen[b.Question] = true
			qs = append(qs, b.Question)
		}
	}
	reasons := []string{fmt.Sprintf("%d Stage 1 blocker(s).", len(res.Blockers))}
	if len(qs) > 0 {
		reasons = append(reasons, "Required documented information is missing or unconfirmed for "+catalog.JoinAnd(qs)+".")
	}
	if len(res.SoAMissing) > 0 && gap != "" {
		reasons = append(reasons, "The Statement of Applicability has no decision for "+catalog.JoinAnd(res.SoAMissing)+".")
	}
	if len(res.SoAUnjustified) > 0 && gap != "" {
		reasons = append(reasons, "The Statement of Applicability gives no justification for "+catalog.JoinAnd(res.SoAUnjustified)+".")
	}
	if len(res.SoAGeneric) > 0 && gap != "" {
		reasons = append(reasons, "The Statement of Applicability excludes "+catalog.JoinAnd(res.SoAGeneric)+" with a generic phrase or placeholder instead of a reason.")
	}
	return reasons
}
