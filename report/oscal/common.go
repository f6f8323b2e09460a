// Package oscal writes aimsready's results as NIST OSCAL 1.2.2 JSON:
// assessment results and a plan of action and milestones from the report
// model (report.Build; nothing is re-scored here), and the question catalog
// as an OSCAL catalog.
//
// Every identifier is a version 5 UUID derived from stable names and every
// date comes from the answers file, so the same answers give the same bytes.
// The catalog carries identifiers, official short titles and aimsready's
// own questions and criteria, never the text of the standard.
package oscal

import (
	"encoding/json"
	"io"

	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/aimsready/aimsready/report"
)

// Role ids used in metadata. prepared-by and prepared-for are OSCAL's own;
// assessor is the role findings are attributed to.
const (
	roleAssessor    = "assessor"
	rolePreparedBy  = "prepared-by"
	rolePreparedFor = "prepared-for"
)

// doc is what the assessment results and the plan of action share: the
// report, its timestamp, the parties, and ids for controls.
type doc struct {
	r        *report.Report
	when     string // the assessment date as an OSCAL timestamp
	names    namer
	org      string // party UUID of the organisation, or ""
	assessor string // party UUID of the assessor, or ""
	// questions by id, to find a fix's question and its control id.
	questions map[string]*report.Question
}

func newDoc(r *report.Report, kind string, subject ...string) (*doc, error) {
	when, err := dateTime(r.Cover.Date, "the answers file")
	if err != nil {
		return nil, err
	}
	d := &doc{r: r, when: when, names: newNamer(append([]string{"aimsready", kind}, subject...)...),
		questions: map[string]*report.Question{}}
	if org := line(r.Cover.Organization); org != "" {
		d.org = partyUUID("organization", org)
	}
	if a := line(r.Cover.Assessor); a != "" {
		d.assessor = partyUUID("person", a)
	}
	for i := range r.Sections {
		for j := range r.Sections[i].Questions {
			q := &r.Sections[i].Questions[j]
			d.questions[q.ID] = q
		}
	}
	return d, nil
}

// questionControlID is the OSCAL control id of a question of the report.
func questionControlID(q *report.Question) string {
	return controlID(q.ID, q.Kind == "clause")
}

// metadata is the document metadata: title, the assessment date as the
// modification time and version, the parties and the disclaimer.
func (d *doc) metadata(title string) Metadata {
	r := d.r
	m := Metadata{
		Title: line(title), LastModified: d.when, Version: r.Cover.Date, OSCALVersion: Version,
		Roles: []Role{
			{ID: rolePreparedBy, Title: "Prepared by"},
			{ID: rolePreparedFor, Title: "Prepared for"},
			{ID: roleAssessor, Title: "Assessor", Description: "Gave or recorded the answers this readiness estimate is based on."},
		},
		Remarks: report.Disclaimer,
	}
	var p props
	if r.Cover.ToolVersion != "" {
		p.add("tool", "aimsready "+r.Cover.ToolVersion)
	}
	p.add("catalog", r.Cover.Catalog)
	p.add("standard", r.Cover.Standard)
	m.Props = p.list()
	if d.org != "" {
		m.Parties = append(m.Parties, Party{UUID: d.org, Type: "organization", Name: line(r.Cover.Organization)})
		m.ResponsibleParties = append(m.ResponsibleParties, ResponsibleParty{RoleID: rolePreparedFor, PartyUUIDs: []string{d.org}})
	}
	if d.assessor != "" {
		m.Parties = append(m.Parties, Party{UUID: d.assessor, Type: "person", Name: line(r.Cover.Assessor)})
		m.ResponsibleParties = append(m.ResponsibleParties,
			ResponsibleParty{RoleID: rolePreparedBy, PartyUUIDs: []string{d.assessor}},
			ResponsibleParty{RoleID: roleAssessor, PartyUUIDs: []string{d.assessor}})
	}
	return m
}

// origins attributes a finding or observation to the assessor, when named.
func (d *doc) origins() []Origin {
	if d.assessor == "" {
		return nil
	}
	return []Origin{{Actors: []OriginActor{{Type: "party", ActorUUID: d.assessor, RoleID: roleAssessor}}}}
}

// standardResource cites the standard the catalog is about.
func (d *doc) standardResource() Resource {
	return Resource{
		UUID:  d.names.uuid("resource", "standard"),
		Title: line(d.r.Cover.Standard),
		Props: []Property{{Name: "type", Value: "standard"}},
		Citation: &Citation{Text: line(d.r.Cover.Standard) +
			" (requirement text not reproduced: the standard is copyrighted; obtain it from ISO or a national standards body)"},
	}
}

// catalogResource names the control source: aimsready's question catalog,
// which `aimsready catalog export --format oscal` writes as an OSCAL catalog.
func (d *doc) catalogResource() Resource {
	return Resource{
		UUID:  d.names.uuid("resource", "catalog"),
		Title: line("aimsready question catalog " + d.r.Cover.Catalog + " (" + d.r.Cover.CatalogTitle + ")"),
		Description: "The control source of this document: one control per leaf clause and Annex A control, " +
			"with aimsready's own questions and weighted criteria as assessment objectives. " +
			"Write it with 'aimsready catalog export --format oscal' (using the same --catalog, if any).",
		Props:  []Property{{Name: "type", Value: "questionnaire"}},
		RLinks: []RLink{{Href: CatalogFileName, MediaType: "application/oscal.catalog+json"}},
	}
}

// File names the README suggests, used in links between the documents.
const (
	CatalogFileName           = "aimsready-catalog.oscal.json"
	AssessmentResultsFileName = "aimsready-assessment-results.oscal.json"
	POAMFileName              = "aimsready-poam.oscal.json"
)

func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
