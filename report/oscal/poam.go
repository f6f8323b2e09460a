package oscal

import (
	"fmt"
	"io"
	"strings"

	"github.com/aimsready/aimsready/report"
)

// WritePOAM writes the report's fix list as an OSCAL plan of action and
// milestones.
func WritePOAM(w io.Writer, r *report.Report) error {
	p, err := POAMOf(r)
	if err != nil {
		return err
	}
	return encode(w, p)
}

// POAMOf maps the fix list to an OSCAL plan of action and milestones: one
// POA&M item per fix (poamItem), each treating one risk, the gap it closes
// (gapRisk), with the fix as the risk's remediation. The plan is identified
// by organisation, catalog and profile, not by date, so each item keeps its
// UUID from one assessment to the next and a GRC tool can follow it.
func POAMOf(r *report.Report) (*POAMDoc, error) {
	catalogID, _, _ := strings.Cut(r.Cover.Catalog, "@")
	org := line(r.Cover.Organization)
	d, err := newDoc(r, "poam", org, catalogID, r.Cover.Profile)
	if err != nil {
		return nil, err
	}
	p := POAM{
		UUID:       d.names.uuid("document"),
		Metadata:   d.metadata(r.Cover.Standard + " readiness plan of action" + titleSuffix(org)),
		BackMatter: &BackMatter{Resources: []Resource{d.catalogResource(), d.standardResource()}},
	}
	if org != "" {
		// The AI management system is identified by its organisation alone,
		// the same in every plan.
		p.SystemID = &SystemID{IdentifierType: "https://ietf.org/rfc/rfc4122", ID: UUID5(Namespace, "aims\x00"+org)}
	}
	ar := newNamer("aimsready", "assessment-results", org, r.Cover.Date, catalogID, r.Cover.Profile)
	owners := &owners{}
	for _, f := range r.Fixes {
		risk := d.gapRisk(f)
		item := d.poamItem(f, risk.UUID)
		if _, ok := d.questions[f.Question]; ok && f.Assessed {
			item.Props = append(item.Props, Property{Name: "assessment-results-finding", NS: NS, Value: ar.uuid("finding", f.Question)})
		}
		if err := d.applyPlan(planOf(f), &risk, &item, owners); err != nil {
			return nil, fmt.Errorf("fix %d (%s %s): %w", f.Rank, f.Question, f.Criterion, err)
		}
		p.Risks = append(p.Risks, risk)
		p.POAMItems = append(p.POAMItems, item)
	}
	owners.addTo(&p.Metadata)
	if len(p.POAMItems) == 0 {
		// OSCAL needs at least one item; say plainly that none is open.
		p.POAMItems = []POAMItem{{
			UUID: d.names.uuid("item", "none"), Title: "No open actions",
			Description: "Every criterion of every applicable question is met: the assessment leaves nothing to plan.",
		}}
	}
	return &POAMDoc{POAM: p}, nil
}

// poamItem maps one fix to one POA&M item: the action, why, and where it
// comes from, with its roadmap phase and workstream.
func (d *doc) poamItem(f report.Fix, riskUUID string) POAMItem {
	var p props
	p.add("rank", fmt.Sprint(f.Rank))
	p.add("phase", fmt.Sprint(f.Phase))
	p.add("phase-title", f.PhaseTitle)
	p.add("workstream", f.WorkstreamTitle)
	p.add("evidence-kind", f.Evidence)
	p.add("question", f.Question)
	p.add("criterion", f.Criterion)
	if q := d.questions[f.Question]; q != nil {
		p.add("control-id", questionControlID(q))
	}
	for _, also := range f.Also {
		p.add("also-closes", also)
	}
	for _, c := range f.Cites {
		p.add("citation", c)
	}
	p.add("effort", f.Effort)
	p.add("gain", num(report.Round2(float64(f.Gain))))
	p.add("stage-1-blocker", boolean(f.Blocker))
	p.add("assessed", boolean(f.Assessed))
	desc := fmt.Sprintf("Closes the gap on %s, criterion %s: %s", line(f.Question+" "+f.QuestionTitle), f.Criterion, line(f.CriterionText))
	return POAMItem{
		UUID: d.names.uuid("item", f.Question, f.Criterion), Title: line(f.Fix), Description: desc,
		Props: p.list(), RelatedRisks: []AssociatedRisk{{RiskUUID: riskUUID}},
	}
}

// gapRisk is the gap a fix closes, as an OSCAL risk: the unmet criterion,
// why it matters, and the fix as the recommended remediation. Its priority
// (OSCAL's own property, lower first) is the fix's rank.
func (d *doc) gapRisk(f report.Fix) Risk {
	var st strings.Builder
	if f.Blocker {
		st.WriteString("Stage 1 blocker: the criterion stands for documented information the standard requires. ")
	}
	if !f.Assessed {
		st.WriteString("The question is not assessed yet, so the criterion counts as not met. ")
	}
	fmt.Fprintf(&st, "Meeting it raises the overall readiness estimate by %s points.", report.Gain(float64(f.Gain)))
	var rp, fp props
	rp.addOSCAL("priority", fmt.Sprint(f.Rank))
	rp.add("question", f.Question)
	rp.add("criterion", f.Criterion)
	fp.add("effort", f.Effort)
	return Risk{
		UUID:        d.names.uuid("risk", f.Question, f.Criterion),
		Title:       line(fmt.Sprintf("%s %s: %s not met", f.Question, f.QuestionTitle, f.Criterion)),
		Description: prose(f.CriterionText), Statement: st.String(), Props: rp.list(), Status: "open",
		Remediations: []Response{{
			UUID: d.names.uuid("remediation", f.Question, f.Criterion), Lifecycle: "recommendation",
			Title: "Recommended fix", Description: prose(f.Fix), Props: fp.list(),
		}},
	}
}

// plan is a fix's tracking entry in the answers file (method v2, issue 10):
// who owns it, when it is due, where it stands.
type plan struct{ Owner, Due, Status string }

// planOf is the one place that reads a fix's plan from the report. A
// variable so tests can exercise applyPlan with plans of their own.
var planOf = func(f report.Fix) plan { return plan{Owner: f.Owner, Due: f.Due, Status: f.Status} }

// applyPlan writes a planned fix into OSCAL's own fields: the due date is
// the risk's deadline and a milestone of the remediation, the status moves
// the risk and the remediation's lifecycle, and the owner is a party
// responsible for the milestone.
func (d *doc) applyPlan(pl plan, risk *Risk, item *POAMItem, o *owners) error {
	if pl == (plan{}) {
		return nil
	}
	rem := &risk.Remediations[0]
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(pl.Status)), " ", "-") {
	case "", "planned":
		rem.Lifecycle = "planned"
	case "in-progress":
		rem.Lifecycle, risk.Status = "planned", "remediating"
	case "done":
		rem.Lifecycle, risk.Status = "completed", "closed"
	default:
		return fmt.Errorf("unknown plan status %q (known: planned, in progress, done)", pl.Status)
	}
	var ip props
	ip.add("plan-status", pl.Status)
	ip.add("owner", pl.Owner)
	task := Task{UUID: d.names.uuid("milestone", item.UUID), Type: "milestone", Title: "Fix in place"}
	if pl.Due != "" {
		due, err := dateTime(pl.Due, "the plan")
		if err != nil {
			return err
		}
		risk.Deadline = due
		task.Timing = &Timing{OnDate: &OnDate{Date: due}}
		ip.add("due", pl.Due)
	}
	if owner := line(pl.Owner); owner != "" {
		task.ResponsibleRoles = []ResponsibleRole{{RoleID: roleActionOwner, PartyUUIDs: []string{o.party(owner)}}}
	}
	if task.Timing != nil || task.ResponsibleRoles != nil {
		rem.Tasks = []Task{task}
	}
	item.Props = append(item.Props, ip.list()...)
	return nil
}

// roleActionOwner is the role of a person who owns a planned fix.
const roleActionOwner = "action-owner"

// owners collects the people named as fix owners, once each, in the order
// first named, to add to the metadata as parties.
type owners struct {
	names []string
	uuids map[string]string
}

func (o *owners) party(name string) string {
	if id, ok := o.uuids[name]; ok {
		return id
	}
	if o.uuids == nil {
		o.uuids = map[string]string{}
	}
	id := partyUUID("person", name)
	o.uuids[name] = id
	o.names = append(o.names, name)
	return id
}

func (o *owners) addTo(m *Metadata) {
	if len(o.names) == 0 {
		return
	}
	m.Roles = append(m.Roles, Role{ID: roleActionOwner, Title: "Action owner", Description: "Owns one or more planned fixes."})
	known := map[string]bool{}
	for _, p := range m.Parties {
		known[p.UUID] = true
	}
	var all []string
	for _, name := range o.names {
		id := o.uuids[name]
		all = append(all, id)
		if !known[id] {
			m.Parties = append(m.Parties, Party{UUID: id, Type: "person", Name: name})
		}
	}
	m.ResponsibleParties = append(m.ResponsibleParties, ResponsibleParty{RoleID: roleActionOwner, PartyUUIDs: all})
}
