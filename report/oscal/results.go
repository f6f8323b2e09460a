package oscal

import (
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/report"
)

// WriteAssessmentResults writes the report as an OSCAL assessment-results
// document.
func WriteAssessmentResults(w io.Writer, r *report.Report) error {
	ar, err := AssessmentResultsOf(r)
	if err != nil {
		return err
	}
	return encode(w, ar)
}

// AssessmentResultsOf maps the report to OSCAL assessment results:
//
//   - the verdict is the result's description and properties (resultSummary);
//   - every assessed question is one finding on its control's objective,
//     satisfied when every criterion is met (finding);
//   - every criterion of an assessed question is one observation, met or
//     not met (criterionObservation); the evidence named for a question is
//     one observation with relevant-evidence entries (evidenceObservation);
//   - every Annex A control with an applicability decision has one
//     Statement of Applicability observation with its justification
//     (soaObservation);
//   - questions not assessed yet have no finding: they are listed in the
//     result's remarks and count as not met in the score.
//
// The assessment is identified by organisation, date, catalog and profile,
// so re-exporting a revised answers file keeps every UUID.
func AssessmentResultsOf(r *report.Report) (*AssessmentResultsDoc, error) {
	catalogID, _, _ := strings.Cut(r.Cover.Catalog, "@")
	d, err := newDoc(r, "assessment-results", line(r.Cover.Organization), r.Cover.Date, catalogID, r.Cover.Profile)
	if err != nil {
		return nil, err
	}
	plan := d.planResource()
	catalog := d.catalogResource()
	ar := AssessmentResults{
		UUID:     d.names.uuid("document"),
		Metadata: d.metadata(r.Cover.Title + titleSuffix(r.Cover.Organization)),
		ImportAP: ImportAP{Href: "#" + plan.UUID,
			Remarks: "There is no separate OSCAL assessment plan for this readiness self-assessment; the referenced back-matter resource describes the plan: catalog, profile and scope."},
		BackMatter: &BackMatter{Resources: []Resource{plan, catalog, d.standardResource()}},
	}

	res := Result{
		UUID:  d.names.uuid("result"),
		Title: line(r.Cover.Standard + " readiness estimate"),
		Start: d.when,
		Links: []Link{{Href: "#" + catalog.UUID, Rel: "reference", Text: "Control source: aimsready question catalog " + r.Cover.Catalog}},
	}
	res.Description, res.Props = resultSummary(r)
	res.ReviewedControls = reviewedControls(r)
	res.LocalDefinitions = d.systems()
	res.Attestations = d.attestations()

	soa := map[string]string{} // control id -> SoA observation UUID
	for _, ctl := range r.SoA.Controls {
		if ctl.Applicability == report.SoAUndecided {
			continue
		}
		q := d.questions[ctl.ID]
		if q == nil {
			continue // not in this profile
		}
		obs := d.soaObservation(q, ctl)
		soa[ctl.ID] = obs.UUID
		res.Observations = append(res.Observations, obs)
	}
	for _, sec := range r.Sections {
		for i := range sec.Questions {
			q := &sec.Questions[i]
			if q.Status == string(assess.StatusExcluded) || q.Status == string(assess.StatusNotAssessed) {
				continue
			}
			var related []RelatedObservation
			if id, ok := soa[q.ID]; ok {
				related = append(related, RelatedObservation{ObservationUUID: id})
			}
			for _, c := range q.Met {
				obs := d.criterionObservation(q, c, true)
				res.Observations = append(res.Observations, obs)
				related = append(related, RelatedObservation{ObservationUUID: obs.UUID})
			}
			for _, c := range q.Unmet {
				obs := d.criterionObservation(q, c, false)
				res.Observations = append(res.Observations, obs)
				related = append(related, RelatedObservation{ObservationUUID: obs.UUID})
			}
			if obs, ok := d.evidenceObservation(q); ok {
				res.Observations = append(res.Observations, obs)
				related = append(related, RelatedObservation{ObservationUUID: obs.UUID})
			}
			f := d.finding(q)
			f.RelatedObservations = related
			res.Findings = append(res.Findings, f)
		}
	}
	res.Remarks = resultRemarks(r)
	ar.Results = []Result{res}
	return &AssessmentResultsDoc{AssessmentResults: ar}, nil
}

func titleSuffix(org string) string {
	if org = line(org); org != "" {
		return ": " + org
	}
	return ""
}

// resultSummary maps the verdict and the headline figures to the result's
// description and properties. Fields that method v2 adds go here, one line
// each: the verdict level (p.add("verdict-level", ...)), documentation and
// implementation readiness (p.add("documentation-readiness", ...),
// p.add("implementation-readiness", ...)).
func resultSummary(r *report.Report) (string, []Property) {
	s := r.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (readiness estimate).\n\n", line(s.Verdict.Label))
	for _, r := range s.Verdict.Reasons {
		fmt.Fprintf(&b, "- %s\n", line(r))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Overall readiness: %s of 100; %d of %d questions assessed.\n", report.Pct(float64(s.Overall)), s.Assessed, s.Questions)
	if len(s.Blockers) > 0 {
		fmt.Fprintf(&b, "\nStage 1 blockers:\n\n")
		for _, bl := range s.Blockers {
			fmt.Fprintf(&b, "- %s %s, %s: %s\n", bl.Question, line(bl.QuestionTitle), bl.Criterion, line(bl.Reason))
		}
	}
	fmt.Fprintf(&b, "\n%s", report.Disclaimer)

	var p props
	p.add("verdict", s.Verdict.Label)
	p.add("verdict-level", fmt.Sprint(s.Verdict.Level))
	p.add("stage-1-ready", boolean(s.Verdict.Ready))
	p.add("stage-2-ready", boolean(s.Verdict.Stage2))
	p.add("overall-score", num(report.Round2(float64(s.Overall))))
	if s.Documentation != nil {
		p.add("documentation-readiness", num(report.Round2(float64(*s.Documentation))))
	}
	if s.Implementation != nil {
		p.add("implementation-readiness", num(report.Round2(float64(*s.Implementation))))
	}
	p.add("stage-1-blockers", fmt.Sprint(s.BlockerCount))
	p.add("questions", fmt.Sprint(s.Questions))
	p.add("questions-assessed", fmt.Sprint(s.Assessed))
	p.add("questions-not-assessed", fmt.Sprint(len(s.NotAssessed)))
	p.add("controls-excluded", fmt.Sprint(len(s.Excluded)))
	p.add("soa-undecided", fmt.Sprint(len(s.SoAMissing)))
	p.add("fixes", fmt.Sprint(s.FixCount))
	p.add("profile", r.Cover.Profile)
	p.add("catalog", r.Cover.Catalog)
	for _, sec := range s.Sections {
		v := "n/a" // every question excluded: no score, which is not 0
		if sec.Score != nil {
			v = num(report.Round2(float64(*sec.Score)))
		}
		p.addClass("section-score", controlID(sec.ID, sec.Kind == "clause"), v)
	}
	return b.String(), p.list()
}

// resultRemarks says what the findings do not cover.
func resultRemarks(r *report.Report) string {
	var parts []string
	if n := r.Summary.NotAssessed; len(n) > 0 {
		parts = append(parts, fmt.Sprintf("Not assessed yet (no finding; scored 0, their criteria are in the plan of action): %s.", strings.Join(n, ", ")))
	}
	if n := r.Summary.SoAMissing; len(n) > 0 {
		parts = append(parts, fmt.Sprintf("No applicability decision in the Statement of Applicability: %s.", strings.Join(n, ", ")))
	}
	if n := r.Summary.Excluded; len(n) > 0 {
		parts = append(parts, fmt.Sprintf("Excluded in the Statement of Applicability (no finding; see the SoA observations): %s.", strings.Join(n, ", ")))
	}
	return strings.Join(parts, "\n\n")
}

// reviewedControls is the assessment's scope: every question of the profile,
// with controls excluded in the Statement of Applicability left out.
func reviewedControls(r *report.Report) ReviewedControls {
	var sel ControlSelection
	for _, sec := range r.Sections {
		for i := range sec.Questions {
			q := &sec.Questions[i]
			if q.Status == string(assess.StatusExcluded) {
				sel.ExcludeControls = append(sel.ExcludeControls, SelectControl{ControlID: questionControlID(q)})
			} else {
				sel.IncludeControls = append(sel.IncludeControls, SelectControl{ControlID: questionControlID(q)})
			}
		}
	}
	if len(sel.IncludeControls) == 0 {
		// OSCAL needs at least one included control; an assessment that
		// excluded everything reviewed only applicability decisions.
		sel.IncludeControls = sel.ExcludeControls
		sel.ExcludeControls = nil
		sel.Remarks = "Every control in scope was excluded in the Statement of Applicability."
	}
	return ReviewedControls{
		Description: fmt.Sprintf("The %d questions of the %s profile of catalog %s: one per leaf clause and Annex A control.",
			r.Summary.Questions, r.Cover.Profile, r.Cover.Catalog),
		ControlSelections: []ControlSelection{sel},
	}
}

// planResource stands in for the assessment plan OSCAL asks results to
// import: what was assessed, against what, and who is in scope.
func (d *doc) planResource() Resource {
	r := d.r
	var b strings.Builder
	fmt.Fprintf(&b, "Readiness self-assessment of %s against %s, using aimsready question catalog %s (%s profile). ",
		orUnnamed(r.Cover.Organization), r.Cover.Standard, r.Cover.Catalog, r.Cover.Profile)
	b.WriteString("Each question is answered by saying which of its weighted criteria are met; scores are weighted means.")
	if s := prose(r.Cover.Scope); s != "" {
		fmt.Fprintf(&b, "\n\nScope: %s", s)
	}
	if len(r.Cover.Roles) > 0 {
		fmt.Fprintf(&b, "\n\nRoles towards AI systems: %s.", strings.Join(r.Cover.Roles, ", "))
	}
	var p props
	p.addOSCAL("type", "plan")
	return Resource{UUID: d.names.uuid("resource", "plan"), Title: "Assessment plan (described, not imported)", Description: b.String(), Props: p.list()}
}

func orUnnamed(org string) string {
	if org = line(org); org != "" {
		return org
	}
	return "an unnamed organisation"
}

// systems lists the AI systems in scope as components. aimsready does not
// record their operational state, so it says so rather than guess.
func (d *doc) systems() *LocalDefinitions {
	var comps []Component
	for i, s := range d.r.Cover.Systems {
		name := line(s.Name)
		if name == "" {
			continue
		}
		var p props
		p.add("ai-role", s.Role)
		p.add("risk-level", s.Risk)
		desc := prose(s.Purpose)
		if desc == "" {
			desc = "AI system in the scope of the assessment."
		}
		comps = append(comps, Component{
			UUID: d.names.uuid("system", fmt.Sprint(i), name), Type: "software", Title: name, Description: desc, Props: p.list(),
			Status: ComponentStatus{State: "other", Remarks: "aimsready does not record whether the system is in development or operation."},
		})
	}
	if len(comps) == 0 {
		return nil
	}
	return &LocalDefinitions{Components: comps}
}

// attestations carry the method and the disclaimer with the result, so no
// tool can present it without saying what it is.
func (d *doc) attestations() []Attestation {
	a := Attestation{Parts: []AssessmentPart{
		{Name: "method", Title: "Method", Prose: strings.Join(d.r.Method.Scoring, "\n\n")},
		{Name: "disclaimer", NS: NS, Title: "Readiness estimate, not an audit", Prose: report.Disclaimer},
	}}
	if d.assessor != "" {
		a.ResponsibleParties = []ResponsibleParty{{RoleID: roleAssessor, PartyUUIDs: []string{d.assessor}}}
	}
	return []Attestation{a}
}

// finding maps one assessed question to a finding on its control's
// objective: satisfied only when every criterion is met.
func (d *doc) finding(q *report.Question) Finding {
	cid := questionControlID(q)
	met, total := len(q.Met), len(q.Met)+len(q.Unmet)
	score := 0.0
	if q.Score != nil {
		score = float64(*q.Score)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d of %d criteria met (score %s of 100).", q.StatusLabel, met, total, report.Pct(score))
	if len(q.Unmet) > 0 {
		b.WriteString("\n\nNot met:\n")
		for _, c := range q.Unmet {
			fmt.Fprintf(&b, "\n- %s: %s", c.ID, line(c.Text))
		}
	}
	state, reason := "not-satisfied", "fail"
	if len(q.Unmet) == 0 {
		state, reason = "satisfied", "pass"
	}
	var p props
	p.add("question", q.ID)
	p.add("question-status", q.Status)
	p.add("score", num(report.Round2(score)))
	p.add("weight", num(q.Weight))
	p.add("citation", q.Citation)
	p.add("stage-1-blocker", boolean(blocks(q)))
	f := Finding{
		UUID: d.names.uuid("finding", q.ID), Title: line(q.ID + " " + q.Title), Description: b.String(),
		Props: p.list(), Origins: d.origins(), Remarks: prose(q.Notes),
		Target: FindingTarget{Type: "objective-id", TargetID: objectiveID(cid), Title: line(q.Title),
			Status: ObjectiveStatus{State: state, Reason: reason}},
	}
	// OSCAL's implementation states have no "not implemented"; a question
	// with nothing met says so in its status alone.
	switch {
	case len(q.Unmet) == 0:
		f.Target.ImplementationStatus = &ImplementationStatus{State: "implemented"}
	case met > 0:
		f.Target.ImplementationStatus = &ImplementationStatus{State: "partial"}
	}
	return f
}

// blocks reports whether an unmet criterion of q stands for required
// documented information: a Stage 1 blocker.
func blocks(q *report.Question) bool {
	for _, c := range q.Unmet {
		if c.Documented {
			return true
		}
	}
	return false
}

// criterionObservation maps one criterion of an assessed question to an
// observation: the criterion in aimsready's words, met or not. The evidence
// kind of method v2 becomes one more line: p.add("evidence-kind", ...).
func (d *doc) criterionObservation(q *report.Question, c report.Criterion, met bool) Observation {
	state, label := "not-met", "not met"
	if met {
		state, label = "met", "met"
	}
	var p props
	p.add("question", q.ID)
	p.add("criterion", c.ID)
	p.add("criterion-state", state)
	p.add("weight", num(c.Weight))
	p.add("evidence-kind", c.Evidence)
	if c.Documented {
		p.add("documented-information", "true")
	}
	if c.FixRank > 0 {
		p.add("fix-rank", fmt.Sprint(c.FixRank))
	}
	return Observation{
		UUID:  d.names.uuid("observation", q.ID, c.ID),
		Title: line(fmt.Sprintf("%s %s: %s", q.ID, c.ID, label)), Description: prose(c.Text),
		Props: p.list(), Methods: []string{"INTERVIEW"}, Types: []string{"control-objective"},
		Origins: d.origins(), Collected: d.when,
	}
}

// evidenceObservation lists the evidence named for a question. aimsready
// records references; it does not open or check them.
func (d *doc) evidenceObservation(q *report.Question) (Observation, bool) {
	var ev []RelevantEvidence
	for _, e := range q.Evidence {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		re := RelevantEvidence{Description: e}
		if uriReference(e) {
			re.Href = e
		}
		ev = append(ev, re)
	}
	if len(ev) == 0 {
		return Observation{}, false
	}
	var p props
	p.add("question", q.ID)
	return Observation{
		UUID: d.names.uuid("evidence", q.ID), Title: line(q.ID + " evidence named"),
		Description: "Evidence named in the answers for " + line(q.ID+" "+q.Title) + ". aimsready records these references; it does not open or check them.",
		Props:       p.list(), Methods: []string{"INTERVIEW"}, Origins: d.origins(),
		RelevantEvidence: ev, Collected: d.when,
	}, true
}

// soaObservation records one Annex A control's applicability decision and
// its justification. The inclusion justification of method v2 arrives
// through ctl.Justification, which already carries exclusion reasons.
func (d *doc) soaObservation(q *report.Question, ctl report.Control) Observation {
	var p props
	p.add("question", q.ID)
	p.add("soa-applicability", ctl.Applicability)
	p.add("status", ctl.Status)
	if ctl.JustificationIssue != "" {
		p.add("justification-flagged", "true")
	}
	desc := prose(ctl.Justification)
	if desc == "" {
		desc = "No justification recorded."
	}
	obs := Observation{
		UUID:  d.names.uuid("soa", q.ID),
		Title: line(fmt.Sprintf("%s Statement of Applicability: %s", q.ID, ctl.Applicability)), Description: desc,
		Props: p.list(), Methods: []string{"INTERVIEW"}, Origins: d.origins(), Collected: d.when,
	}
	if ctl.JustificationIssue != "" {
		obs.Remarks = "An auditor is unlikely to accept this justification: " + ctl.JustificationIssue + "."
	}
	return obs
}
