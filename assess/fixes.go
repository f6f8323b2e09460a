package assess

import (
	"cmp"
	"container/heap"
	"fmt"
	"strings"

	"github.com/aimsready/aimsready/catalog"
)

// Phase is when a fix belongs in the road to certification.
type Phase int

const (
	PhaseBeforeStage1 Phase = 1 // blockers and the foundations they stand on
	PhasePractice     Phase = 2 // put the documented system into practice
	PhaseOperate      Phase = 3 // operate and keep records: needs elapsed time
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseBeforeStage1, PhasePractice, PhaseOperate}

// Title is the phase name people read.
func (p Phase) Title() string {
	switch p {
	case PhaseBeforeStage1:
		return "Before Stage 1"
	case PhasePractice:
		return "Put into practice"
	case PhaseOperate:
		return "Operate and keep records"
	}
	return fmt.Sprintf("Phase %d", int(p))
}

// PhaseTotal sums the fixes of one phase.
type PhaseTotal struct {
	Phase    Phase
	Fixes    int
	Blockers int
	// BlockerDays is the part of Days the Stage 1 blockers take: a board
	// asks how long until Stage 1, not until every document is perfect.
	BlockerDays float64
	Days        float64 // person-days at catalog.Effort.Days
	Gain        float64
}

// WorkstreamTotal sums the fixes of one workstream.
type WorkstreamTotal struct {
	ID, Title string
	Fixes     int
	Days      float64
	Gain      float64
}

// fixes builds one fix per unmet criterion where it is answered, with its
// gain summed over every question it scores in, then orders them.
func (sc *scorer) fixes(c *catalog.Catalog, totalWeight float64, capacity int) {
	res := sc.res
	res.Fixes = make([]Fix, 0, capacity)
	soaMissing := res.soaGapOpen()
	soaCarried := false // an unmet "soa" criterion already names the gap
	at := map[string]int{}
	for _, q := range sc.applicable {
		w := sc.weights[q.ID]
		qTotal := q.TotalWeight()
		var cites []string // shared by the question's fixes; built once
		for _, cr := range q.Criteria {
			if sc.met(q, cr) {
				continue
			}
			oq, ocr := sc.owner(q, cr)
			id := oq.ID + "/" + ocr.ID
			gain := 100 * w * cr.Weight / qTotal / totalWeight
			if i, seen := at[id]; seen {
				// The same artefact, met once: one fix closing both questions.
				f := &res.Fixes[i]
				f.Gain += gain
				f.Importance += w * cr.Weight
				f.Also = append(f.Also, q.ID)
				f.Cites = append(append([]string(nil), f.Cites...), q.Citation())
				continue
			}
			if cites == nil {
				cites = citations(q)
			}
			oans := sc.a.Answers[oq.ID]
			f := Fix{
				ID: id, Question: oq.ID, QuestionTitle: oq.FullTitle(), Criterion: ocr.ID, Text: ocr.Text, NoEvent: ocr.NoEvent, Fix: ocr.Fix,
				Cites: cites, Effort: ocr.Effort, Evidence: ocr.Evidence, Assessed: oans != nil && oans.Assessed,
				Gain: gain, Importance: w * cr.Weight, Workstream: oq.WorkstreamID(),
				Plan: sc.a.Plan[id], Seq: len(res.Fixes),
			}
			if oq != q {
				f.Also = []string{q.ID}
				f.Cites = append(citations(oq), q.Citation())
			}
			if ocr.Documented {
				f.Blocker = true
				b := Blocker{Question: oq.ID, Title: oq.FullTitle(), Criterion: ocr.ID, Text: ocr.Text, Fix: ocr.Fix,
					Reason: "required documented information is not in place"}
				if !f.Assessed {
					b.Reason = "not assessed yet, so the required documented information is not confirmed"
				}
				if ocr.ID == "soa" && soaMissing {
					b.Reason += "; " + soaGap(res)
					soaCarried = true
				}
				res.Blockers = append(res.Blockers, b)
			}
			at[id] = len(res.Fixes)
			res.Fixes = append(res.Fixes, f)
		}
	}
	// A Statement of Applicability that does not cover and justify every
	// control is a blocker even when the SoA itself is reported in place
	// (or the catalog has no SoA criterion).
	if soaMissing && !soaCarried {
		b := Blocker{Question: "SoA", Title: "Statement of Applicability", Criterion: "soa",
			Text: "The Statement of Applicability decides and justifies every control.", Reason: soaGap(res), Fix: soaFix}
		if soa := c.Question("6.1.3"); soa != nil {
			b.Question, b.Title, b.Text = soa.ID, soa.Title, "The Statement of Applicability decides and justifies every Annex A control."
			b.Fix = soaGapFix(res)
			// The roadmap carries it too, so the blockers it counts are the
			// verdict's, and the work can be planned under 6.1.3/soa.
			if cr := soa.Criterion("soa"); cr != nil {
				res.Fixes = append(res.Fixes, sc.soaGapFix(c, soa, cr, b))
			}
		}
		res.Blockers = append(res.Blockers, b)
	}
	deps := dependencies(res.Fixes, c)
	assignPhases(res.Fixes, deps)
	orderFixes(res.Fixes, deps)
	res.Phases, res.Workstreams = totals(res.Fixes)
}

// soaGapFix is the fix for a Statement of Applicability that is in place
// but leaves controls undecided or unjustified: a small document fix that
// closes no criterion (so it gains no points), citing 6.1.3 and each
// control it names.
func (sc *scorer) soaGapFix(c *catalog.Catalog, soa *catalog.Question, cr *catalog.Criterion, b Blocker) Fix {
	res := sc.res
	id := soa.ID + "/" + cr.ID
	cites := citations(soa)
	for _, ids := range [][]string{res.SoAMissing, res.SoAUnjustified, res.SoAGeneric} {
		for _, qid := range ids {
			if q := c.Question(qid); q != nil {
				cites = append(cites, q.Citation())
			}
		}
	}
	return Fix{
		ID: id, Question: soa.ID, QuestionTitle: soa.FullTitle(), Criterion: cr.ID, Text: b.Text, Fix: b.Fix,
		Cites: cites, Effort: catalog.EffortS, Evidence: catalog.EvidenceDocument, Blocker: true, Assessed: true,
		Importance: sc.weights[soa.ID] * cr.Weight, Workstream: soa.WorkstreamID(), Plan: sc.a.Plan[id], Seq: len(res.Fixes),
	}
}

// soaGapFix says what to write for the controls the SoA leaves open.
func soaGapFix(res *Result) string {
	var parts []string
	if len(res.SoAMissing) > 0 {
		parts = append(parts, "decide whether "+catalog.JoinAnd(res.SoAMissing)+" apply and write down why")
	}
	if len(res.SoAUnjustified) > 0 {
		parts = append(parts, "write down why "+catalog.JoinAnd(res.SoAUnjustified)+" are included or excluded")
	}
	if len(res.SoAGeneric) > 0 {
		parts = append(parts, "give the exclusion of "+catalog.JoinAnd(res.SoAGeneric)+" a real reason (or include it)")
	}
	text := strings.Join(parts, ", and ")
	return strings.ToUpper(text[:1]) + text[1:] + ", in the Statement of Applicability, and record it in this assessment."
}

const soaFix = "Decide for each listed control whether it applies, write down why it is included or excluded in the Statement of Applicability, and record both in this assessment."

func soaGap(res *Result) string {
	var parts []string
	if n := len(res.SoAMissing); n > 0 {
		parts = append(parts, fmt.Sprintf("no applicability decision for %d control(s): %s", n, strings.Join(res.SoAMissing, ", ")))
	}
	if n := len(res.SoAUnjustified); n > 0 {
		parts = append(parts, fmt.Sprintf("no justification for %d control(s): %s", n, strings.Join(res.SoAUnjustified, ", ")))
	}
	if n := len(res.SoAGeneric); n > 0 {
		parts = append(parts, fmt.Sprintf("only a generic phrase or placeholder as the reason for excluding %d control(s): %s", n, strings.Join(res.SoAGeneric, ", ")))
	}
	return "the Statement of Applicability has " + strings.Join(parts, "; and ")
}

// basePhase places a fix by what it takes: documents and blockers before
// Stage 1, practices next, records (which need time to accumulate) last.
func basePhase(f *Fix) Phase {
	switch {
	case f.Blocker, f.Evidence == catalog.EvidenceDocument:
		return PhaseBeforeStage1
	case f.Evidence == catalog.EvidenceRecord:
		return PhaseOperate
	}
	return PhasePractice
}

// kindRank orders evidence kinds: a document comes before the practice it
// describes, and both before the records that show it operating.
func kindRank(k catalog.EvidenceKind) int {
	switch k {
	case catalog.EvidenceDocument:
		return 0
	case catalog.EvidenceRecord:
		return 2
	}
	return 1
}

// dependencies lists, for each fix, the fixes it builds on: the foundations
// of the questions its question builds on, and, for a fix that is not
// itself required documented information, the foundations of its own
// question ("add a section to the template" waits for "write the
// procedure and template"). A question's foundations are its required
// documented information (all its fixes if it has none, for the questions
// that build on it); only those whose
// evidence kind is not later than the fix's own count (a procedure needs
// the procedures it rests on; records need everything beneath them).
// Tying a fix to a prerequisite's foundations, not to every gap in it,
// keeps the Statement of Applicability from waiting on refinements of the
// risk assessment template.
func dependencies(fixes []Fix, c *catalog.Catalog) [][]int {
	foundations := map[string][]int{}
	for i := range fixes {
		if isFoundation(c, &fixes[i]) {
			foundations[fixes[i].Question] = append(foundations[fixes[i].Question], i)
		}
	}
	deps := make([][]int, len(fixes))
	pre := map[string][]string{}
	for i := range fixes {
		q := fixes[i].Question
		if _, ok := pre[q]; !ok {
			pre[q] = prerequisites(c, q)
		}
		k := kindRank(fixes[i].Evidence)
		if !fixes[i].Blocker {
			for _, j := range foundations[q] {
				if fixes[j].Blocker && kindRank(fixes[j].Evidence) <= k {
					deps[i] = append(deps[i], j)
				}
			}
		}
		for _, p := range pre[q] {
			for _, j := range foundations[p] {
				if kindRank(fixes[j].Evidence) <= k {
					deps[i] = append(deps[i], j)
				}
			}
		}
	}
	return deps
}

// isFoundation reports whether a fix is one its question's dependents build
// on: required documented information, or any fix of a question that
// requires none.
func isFoundation(c *catalog.Catalog, f *Fix) bool {
	if f.Blocker {
		return true
	}
	q := c.Question(f.Question)
	if q == nil {
		return true
	}
	for _, cr := range q.Criteria {
		if cr.Documented {
			return false
		}
	}
	return true
}

// assignPhases gives every fix its base phase, then pulls what a fix builds
// on forward to that fix's phase: the foundations of a blocker are needed
// before Stage 1 too.
func assignPhases(fixes []Fix, deps [][]int) {
	for i := range fixes {
		fixes[i].Phase = basePhase(&fixes[i])
	}
	for changed := true; changed; { // the links form a DAG: this settles in a few rounds
		changed = false
		for i := range fixes {
			for _, j := range deps[i] {
				if fixes[i].Phase < fixes[j].Phase {
					fixes[j].Phase = fixes[i].Phase
					changed = true
				}
			}
		}
	}
}

// prerequisites returns every question id q builds on, directly or not.
// Lint rejects cycles; the seen set keeps a hand-made catalog safe anyway.
func prerequisites(c *catalog.Catalog, id string) []string {
	var out []string
	seen := map[string]bool{id: true}
	stack := []string{id}
	for len(stack) > 0 {
		q := c.Question(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		if q == nil {
			continue
		}
		for _, dep := range q.Requires {
			if !seen[dep] {
				seen[dep] = true
				out = append(out, dep)
				stack = append(stack, dep)
			}
		}
	}
	return out
}

// fixHeap is a priority queue of fix indexes: phase, then importance
// (inherited from the fixes that build on it, so a foundation of an
// important fix is not held back by its own small weight), then Stage 1
// blockers before other fixes, then documents before practices before
// records, then smaller effort, then catalog order.
// Seq makes it a total order.
type fixHeap struct {
	idx   []int
	fixes []Fix
	prio  []float64
}

func (h *fixHeap) Len() int { return len(h.idx) }
func (h *fixHeap) Less(i, j int) bool {
	a, b := &h.fixes[h.idx[i]], &h.fixes[h.idx[j]]
	if a.Phase != b.Phase {
		return a.Phase < b.Phase
	}
	if c := cmp.Compare(h.prio[h.idx[j]], h.prio[h.idx[i]]); c != 0 {
		return c < 0
	}
	if c := cmp.Compare(b.Importance, a.Importance); c != 0 {
		return c < 0
	}
	if a.Blocker != b.Blocker { // of equal importance, what stops Stage 1 goes first
		return a.Blocker
	}
	if c := cmp.Compare(kindRank(a.Evidence), kindRank(b.Evidence)); c != 0 {
		return c < 0 // a document before the practice and records that follow it
	}
	if c := cmp.Compare(a.Effort.Days(), b.Effort.Days()); c != 0 {
		return c < 0
	}
	return a.Seq < b.Seq
}
func (h *fixHeap) Swap(i, j int) { h.idx[i], h.idx[j] = h.idx[j], h.idx[i] }
func (h *fixHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *fixHeap) Pop() any {
	x := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return x
}

// orderFixes ranks fixes by the heap's order, except that no fix comes before a fix
// it builds on (a topological order that picks the best available fix each
// time, O(n log n) plus the links).
func orderFixes(fixes []Fix, deps [][]int) {
	waiting := make([]int, len(fixes))
	dependents := make([][]int, len(fixes))
	for i, ds := range deps {
		waiting[i] = len(ds)
		for _, j := range ds {
			dependents[j] = append(dependents[j], i)
		}
	}
	prio := make([]float64, len(fixes))
	for i := range fixes {
		prio[i] = fixes[i].Importance
	}
	for changed := true; changed; { // a foundation is as urgent as what builds on it
		changed = false
		for i, ds := range deps {
			for _, j := range ds {
				if prio[j] < prio[i] {
					prio[j], changed = prio[i], true
				}
			}
		}
	}
	h := &fixHeap{fixes: fixes, prio: prio}
	for i := range fixes {
		if waiting[i] == 0 {
			h.idx = append(h.idx, i)
		}
	}
	heap.Init(h)
	order := make([]int, 0, len(fixes))
	for h.Len() > 0 {
		i := heap.Pop(h).(int)
		order = append(order, i)
		for _, d := range dependents[i] {
			if waiting[d]--; waiting[d] == 0 {
				heap.Push(h, d)
			}
		}
	}
	if len(order) < len(fixes) {
		// Only a loop in the links can hold a fix back; lint rejects loops
		// in a catalog, and a fix list must never lose a fix all the same.
		placed := make([]bool, len(fixes))
		for _, i := range order {
			placed[i] = true
		}
		for i := range fixes {
			if !placed[i] {
				order = append(order, i)
			}
		}
	}
	sorted := make([]Fix, len(fixes))
	for rank, i := range order {
		sorted[rank] = fixes[i]
		sorted[rank].Rank = rank + 1
	}
	copy(fixes, sorted)
}

// totals sums fixes per phase (every phase listed) and per workstream (in
// catalog.Workstreams order, only those with fixes).
func totals(fixes []Fix) ([]PhaseTotal, []WorkstreamTotal) {
	phases := make([]PhaseTotal, len(Phases))
	for i, p := range Phases {
		phases[i].Phase = p
	}
	ws := map[string]*WorkstreamTotal{}
	for i := range fixes {
		f := &fixes[i]
		if p := int(f.Phase) - 1; p >= 0 && p < len(phases) {
			phases[p].Fixes++
			phases[p].Days += f.Effort.Days()
			phases[p].Gain += f.Gain
			if f.Blocker {
				phases[p].Blockers++
				phases[p].BlockerDays += f.Effort.Days()
			}
		}
		t := ws[f.Workstream]
		if t == nil {
			t = &WorkstreamTotal{ID: f.Workstream, Title: catalog.WorkstreamTitle(f.Workstream)}
			ws[f.Workstream] = t
		}
		t.Fixes++
		t.Days += f.Effort.Days()
		t.Gain += f.Gain
	}
	var out []WorkstreamTotal
	for _, w := range catalog.Workstreams {
		if t := ws[w.ID]; t != nil {
			out = append(out, *t)
			delete(ws, w.ID)
		}
	}
	for _, id := range sortedKeys(ws) { // custom ids, after the known ones
		out = append(out, *ws[id])
	}
	return phases, out
}
