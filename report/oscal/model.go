package oscal

// The small subset of the OSCAL 1.2.2 model that aimsready writes. Field
// names and JSON keys follow NIST's JSON schema; every slice is omitempty
// because the schema rejects empty arrays (minItems 1), and every optional
// string is omitempty because most OSCAL strings may not be empty.

// Version is the OSCAL version the documents declare.
const Version = "1.2.2"

// NS is the namespace of aimsready's own properties and parts. OSCAL
// reserves names without a namespace for its own vocabulary, so everything
// aimsready-specific (scores, weights, criteria) lives here. The URI names
// the project; it is an identifier, never fetched.
const NS = "https://github.com/aimsready/aimsready/ns/oscal"

// Metadata is the document metadata every OSCAL model carries.
type Metadata struct {
	Title              string             `json:"title"`
	LastModified       string             `json:"last-modified"`
	Version            string             `json:"version"`
	OSCALVersion       string             `json:"oscal-version"`
	Props              []Property         `json:"props,omitempty"`
	Links              []Link             `json:"links,omitempty"`
	Roles              []Role             `json:"roles,omitempty"`
	Parties            []Party            `json:"parties,omitempty"`
	ResponsibleParties []ResponsibleParty `json:"responsible-parties,omitempty"`
	Remarks            string             `json:"remarks,omitempty"`
}

// Property is a name/value pair, in OSCAL's namespace unless NS is set.
type Property struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Class   string `json:"class,omitempty"`
	Group   string `json:"group,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// Link points to a resource, in this document (#uuid) or outside it.
type Link struct {
	Href      string `json:"href"`
	Rel       string `json:"rel,omitempty"`
	MediaType string `json:"media-type,omitempty"`
	Text      string `json:"text,omitempty"`
}

// Role is a function a party performs, such as assessor.
type Role struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Party is a person or an organisation.
type Party struct {
	UUID    string     `json:"uuid"`
	Type    string     `json:"type"` // person or organization
	Name    string     `json:"name,omitempty"`
	Props   []Property `json:"props,omitempty"`
	Remarks string     `json:"remarks,omitempty"`
}

// ResponsibleParty says which parties perform a role.
type ResponsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

// ResponsibleRole names a role, and optionally who performs it, for a task.
type ResponsibleRole struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids,omitempty"`
}

// BackMatter holds resources the document refers to.
type BackMatter struct {
	Resources []Resource `json:"resources,omitempty"`
}

// Resource is one back-matter entry: a cited document or a description.
type Resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Props       []Property `json:"props,omitempty"`
	Citation    *Citation  `json:"citation,omitempty"`
	RLinks      []RLink    `json:"rlinks,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// Citation is a bibliographic reference.
type Citation struct {
	Text string `json:"text"`
}

// RLink is where a resource can be found.
type RLink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
}

// Part is a piece of a control or group: guidance, an objective, a method.
type Part struct {
	ID    string     `json:"id,omitempty"`
	Name  string     `json:"name"`
	NS    string     `json:"ns,omitempty"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title,omitempty"`
	Props []Property `json:"props,omitempty"`
	Prose string     `json:"prose,omitempty"`
	Parts []Part     `json:"parts,omitempty"`
}

// Component is a system component; aimsready uses it for the AI systems in
// scope of an assessment.
type Component struct {
	UUID        string          `json:"uuid"`
	Type        string          `json:"type"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Purpose     string          `json:"purpose,omitempty"`
	Props       []Property      `json:"props,omitempty"`
	Status      ComponentStatus `json:"status"`
	Remarks     string          `json:"remarks,omitempty"`
}

// ComponentStatus is a component's operational state.
type ComponentStatus struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

// Origin names who or what produced a finding or observation.
type Origin struct {
	Actors []OriginActor `json:"actors"`
}

// OriginActor is a party or tool behind a finding.
type OriginActor struct {
	Type      string `json:"type"` // tool, assessment-platform or party
	ActorUUID string `json:"actor-uuid"`
	RoleID    string `json:"role-id,omitempty"`
}

// SubjectReference points an observation at what it is about.
type SubjectReference struct {
	SubjectUUID string `json:"subject-uuid"`
	Type        string `json:"type"`
	Title       string `json:"title,omitempty"`
}

// ---- catalog ----

// CatalogDoc is the root of an OSCAL catalog file.
type CatalogDoc struct {
	Catalog Catalog `json:"catalog"`
}

// Catalog is a set of groups of controls.
type Catalog struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	Groups     []Group     `json:"groups,omitempty"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// Group is a catalog section: a clause or an Annex A area.
type Group struct {
	ID       string     `json:"id,omitempty"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []Property `json:"props,omitempty"`
	Parts    []Part     `json:"parts,omitempty"`
	Controls []Control  `json:"controls,omitempty"`
}

// Control is one question of the catalog: a leaf clause or a control.
type Control struct {
	ID    string     `json:"id"`
	Class string     `json:"class,omitempty"`
	Title string     `json:"title"`
	Props []Property `json:"props,omitempty"`
	Links []Link     `json:"links,omitempty"`
	Parts []Part     `json:"parts,omitempty"`
}

// ---- assessment results ----

// AssessmentResultsDoc is the root of an OSCAL assessment-results file.
type AssessmentResultsDoc struct {
	AssessmentResults AssessmentResults `json:"assessment-results"`
}

// AssessmentResults is what an assessment found.
type AssessmentResults struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	ImportAP   ImportAP    `json:"import-ap"`
	Results    []Result    `json:"results"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// ImportAP points to the assessment plan the results follow.
type ImportAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

// Result is one assessment's findings, observations and conclusion.
type Result struct {
	UUID             string            `json:"uuid"`
	Title            string            `json:"title"`
	Description      string            `json:"description"`
	Start            string            `json:"start"`
	Props            []Property        `json:"props,omitempty"`
	Links            []Link            `json:"links,omitempty"`
	LocalDefinitions *LocalDefinitions `json:"local-definitions,omitempty"`
	ReviewedControls ReviewedControls  `json:"reviewed-controls"`
	Attestations     []Attestation     `json:"attestations,omitempty"`
	Observations     []Observation     `json:"observations,omitempty"`
	Findings         []Finding         `json:"findings,omitempty"`
	Remarks          string            `json:"remarks,omitempty"`
}

// LocalDefinitions holds the components an assessment result refers to.
type LocalDefinitions struct {
	Components []Component `json:"components,omitempty"`
}

// ReviewedControls is the set of controls the assessment covered.
type ReviewedControls struct {
	Description       string             `json:"description,omitempty"`
	Props             []Property         `json:"props,omitempty"`
	Links             []Link             `json:"links,omitempty"`
	ControlSelections []ControlSelection `json:"control-selections"`
	Remarks           string             `json:"remarks,omitempty"`
}

// ControlSelection includes (and excludes) controls by id.
type ControlSelection struct {
	Description     string          `json:"description,omitempty"`
	IncludeControls []SelectControl `json:"include-controls"`
	ExcludeControls []SelectControl `json:"exclude-controls,omitempty"`
	Remarks         string          `json:"remarks,omitempty"`
}

// SelectControl names one control.
type SelectControl struct {
	ControlID string `json:"control-id"`
}

// Attestation is a statement by a responsible party about the results.
type Attestation struct {
	ResponsibleParties []ResponsibleParty `json:"responsible-parties,omitempty"`
	Parts              []AssessmentPart   `json:"parts"`
}

// AssessmentPart is a titled piece of prose in an attestation.
type AssessmentPart struct {
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Title string `json:"title,omitempty"`
	Prose string `json:"prose,omitempty"`
}

// Observation is something observed: here, whether one criterion is met, a
// Statement of Applicability decision, or the evidence named for a question.
type Observation struct {
	UUID             string             `json:"uuid"`
	Title            string             `json:"title,omitempty"`
	Description      string             `json:"description"`
	Props            []Property         `json:"props,omitempty"`
	Methods          []string           `json:"methods"`
	Types            []string           `json:"types,omitempty"`
	Origins          []Origin           `json:"origins,omitempty"`
	Subjects         []SubjectReference `json:"subjects,omitempty"`
	RelevantEvidence []RelevantEvidence `json:"relevant-evidence,omitempty"`
	Collected        string             `json:"collected"`
	Remarks          string             `json:"remarks,omitempty"`
}

// RelevantEvidence is one piece of evidence named for an observation.
type RelevantEvidence struct {
	Href        string     `json:"href,omitempty"`
	Description string     `json:"description"`
	Props       []Property `json:"props,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// Finding is the conclusion about one control objective.
type Finding struct {
	UUID                string               `json:"uuid"`
	Title               string               `json:"title"`
	Description         string               `json:"description"`
	Props               []Property           `json:"props,omitempty"`
	Origins             []Origin             `json:"origins,omitempty"`
	Target              FindingTarget        `json:"target"`
	RelatedObservations []RelatedObservation `json:"related-observations,omitempty"`
	Remarks             string               `json:"remarks,omitempty"`
}

// FindingTarget is the objective a finding is about, and its status.
type FindingTarget struct {
	Type                 string                `json:"type"` // statement-id or objective-id
	TargetID             string                `json:"target-id"`
	Title                string                `json:"title,omitempty"`
	Props                []Property            `json:"props,omitempty"`
	Status               ObjectiveStatus       `json:"status"`
	ImplementationStatus *ImplementationStatus `json:"implementation-status,omitempty"`
}

// ObjectiveStatus is satisfied or not-satisfied.
type ObjectiveStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"` // pass, fail or other
	Remarks string `json:"remarks,omitempty"`
}

// ImplementationStatus is how far a control is implemented.
type ImplementationStatus struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

// RelatedObservation points from a finding to an observation behind it.
type RelatedObservation struct {
	ObservationUUID string `json:"observation-uuid"`
}

// ---- plan of action and milestones ----

// POAMDoc is the root of an OSCAL plan-of-action-and-milestones file.
type POAMDoc struct {
	POAM POAM `json:"plan-of-action-and-milestones"`
}

// POAM is the plan of action: one item per fix, each with the gap (risk)
// it closes.
type POAM struct {
	UUID       string      `json:"uuid"`
	Metadata   Metadata    `json:"metadata"`
	SystemID   *SystemID   `json:"system-id,omitempty"`
	Risks      []Risk      `json:"risks,omitempty"`
	POAMItems  []POAMItem  `json:"poam-items"`
	BackMatter *BackMatter `json:"back-matter,omitempty"`
}

// SystemID identifies the management system the plan is for.
type SystemID struct {
	IdentifierType string `json:"identifier-type,omitempty"`
	ID             string `json:"id"`
}

// Risk is a gap left open: an unmet criterion, with its remedy and, once
// planned, its deadline.
type Risk struct {
	UUID         string     `json:"uuid"`
	Title        string     `json:"title"`
	Description  string     `json:"description"`
	Statement    string     `json:"statement"`
	Props        []Property `json:"props,omitempty"`
	Status       string     `json:"status"`
	Deadline     string     `json:"deadline,omitempty"`
	Remediations []Response `json:"remediations,omitempty"`
	Remarks      string     `json:"remarks,omitempty"`
}

// Response is a remedy for a risk.
type Response struct {
	UUID        string     `json:"uuid"`
	Lifecycle   string     `json:"lifecycle"` // recommendation, planned or completed
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []Property `json:"props,omitempty"`
	Tasks       []Task     `json:"tasks,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

// Task is a milestone of a remedy.
type Task struct {
	UUID             string            `json:"uuid"`
	Type             string            `json:"type"` // milestone or action
	Title            string            `json:"title"`
	Description      string            `json:"description,omitempty"`
	Timing           *Timing           `json:"timing,omitempty"`
	ResponsibleRoles []ResponsibleRole `json:"responsible-roles,omitempty"`
}

// Timing is when a task is due.
type Timing struct {
	OnDate *OnDate `json:"on-date,omitempty"`
}

// OnDate is a point in time.
type OnDate struct {
	Date string `json:"date"`
}

// POAMItem is one planned action.
type POAMItem struct {
	UUID         string           `json:"uuid"`
	Title        string           `json:"title"`
	Description  string           `json:"description"`
	Props        []Property       `json:"props,omitempty"`
	Links        []Link           `json:"links,omitempty"`
	RelatedRisks []AssociatedRisk `json:"related-risks,omitempty"`
	Remarks      string           `json:"remarks,omitempty"`
}

// AssociatedRisk points from a POA&M item to the risk it treats.
type AssociatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}
