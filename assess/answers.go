// Package assess holds an assessment: the answers file (loading, saving),
// scoring against a catalog, comparisons between two assessments, and the
// checks an exclusion's justification needs for the Statement of
// Applicability.
//
// It is plain data and arithmetic over files: it must not import any
// terminal or TUI package (the interview lives in assess/interview and
// imports assess, never the other way round; deps_test.go pins this), nor
// report or cmd.
package assess

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// FormatVersion is the answers file format this build reads and writes.
const FormatVersion = 1

// MaxFileBytes bounds an answers file. A complete assessment with long notes
// is under 200 KiB; anything far larger is a mistake or an attack.
const MaxFileBytes = 4 << 20

// Profile is the set of questions an assessment covers.
type Profile string

const (
	ProfileFull  Profile = "full"  // every question of the catalog
	ProfileQuick Profile = "quick" // the catalog's quick-snapshot questions
)

// DefaultAnswersFile is where the interview keeps its answers, and what the
// commands read, by default.
const DefaultAnswersFile = "aimsready-answers.yaml"

// answerKeys are the keys of one answer.
var answerKeys = []string{"applicable", "justification", "met", "notes", "evidence"}

// Risk levels for AI systems in the inventory.
var riskLevels = []string{"low", "limited", "medium", "high", "unacceptable"}

// RiskLevels lists the risk levels an AI system may have, lowest first.
func RiskLevels() []string { return slices.Clone(riskLevels) }

// Answers is one assessment of an organisation against a catalog.
type Answers struct {
	Format       int
	Catalog      string // catalog id@version the answers were given against
	Profile      Profile
	Organization string
	Assessor     string
	Date         string // YYYY-MM-DD; reports use it, so output never depends on the clock
	Scope        string
	Roles        []catalog.Role
	Systems      []System
	Answers      map[string]*Answer // by question id
	// Plan tracks fixes by fix id ("6.1.2/method-documented").
	Plan map[string]*PlanItem
	// Register is the evidence register, in file order (see evidence.go).
	Register []*EvidenceItem

	// Orphans are answers to questions the current catalog does not have
	// (kept so saving does not silently drop a user's work); PlanOrphans
	// the same for plan entries.
	Orphans     map[string]*Answer
	PlanOrphans map[string]*PlanItem

	// The consultant's words, engagement record and branding (engagement.go).
	Commentary Commentary
	Engagement Engagement
	Branding   Branding

	// layout is the file as loaded, whose comments and value styles a save
	// keeps (layout.go); nil for answers not loaded from a file.
	layout *yaml.Node
}

// System is an AI system in scope.
type System struct {
	Name    string
	Purpose string
	// Roles the organisation holds for this system: a company may develop
	// and provide the same model. Files write one role as `role: x` (the
	// format before several were allowed) and several as `roles: [x, y]`.
	Roles []catalog.Role
	Risk  string
}

// RolesText lists the system's roles for display: "developer, provider".
func (s System) RolesText() string {
	names := make([]string, len(s.Roles))
	for i, r := range s.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// Answer is what was said about one question.
type Answer struct {
	// Applicable is false for an Annex A control excluded in the Statement
	// of Applicability. Clauses are always applicable.
	Applicable    bool
	Justification string
	// Met lists the criterion ids that are met. Assessed is false while the
	// question has not been answered (no met list and not excluded).
	Met      []string
	Assessed bool
	// Unknown keeps met criteria the catalog in use does not know (answers
	// given against another catalog version), so saving never drops them.
	Unknown []string
	// Decided records an explicit applicability decision for a control
	// (`applicable: true` or `false`) even before its criteria are assessed,
	// so the Statement of Applicability counts it.
	Decided  bool
	Notes    string
	Evidence []string
}

// Decision reports whether the answer records an applicability decision:
// explicitly, or implicitly by assessing the control.
func (a *Answer) Decision() bool { return a != nil && (a.Decided || a.Assessed) }

// Excluded reports whether an assessed control was excluded in the SoA.
func (a *Answer) Excluded() bool { return a != nil && !a.Applicable }

// empty is an entry that says nothing yet, such as `"4.1": {}` from init.
func (a *Answer) empty() bool {
	return a.Applicable && !a.Assessed && !a.Decided && a.Justification == "" && a.Notes == "" && len(a.Evidence) == 0 && len(a.Met) == 0 && len(a.Unknown) == 0
}

// IsMet reports whether criterion id is met.
func (a *Answer) IsMet(id string) bool {
	if a == nil {
		return false
	}
	for _, m := range a.Met {
		if m == id {
			return true
		}
	}
	return false
}

// New starts an empty assessment against c.
func New(c *catalog.Catalog, org string, date time.Time, profile Profile) *Answers {
	if profile == "" {
		profile = ProfileFull
	}
	return &Answers{
		Format:       FormatVersion,
		Catalog:      c.Ident(),
		Profile:      profile,
		Organization: org,
		Date:         date.Format("2006-01-02"),
		Answers:      map[string]*Answer{},
	}
}

// InProfile reports whether the question belongs to the assessment's
// profile. The quick snapshot asks the catalog's quick questions that
// concern the organisation's roles (all of them while no role is known).
func (a *Answers) InProfile(q *catalog.Question) bool {
	if a.Profile != ProfileQuick {
		return true
	}
	return q.Quick && (len(a.Roles) == 0 || q.ConcernsAny(a.Roles))
}

// Warning is something the user should know that does not stop loading.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: %s", w.File, w.Msg)
}

// LoadFile reads and checks an answers file against catalog c.
func LoadFile(path string, c *catalog.Catalog) (*Answers, []Warning, error) {
	data, err := strictyaml.ReadFile(path, MaxFileBytes, "an answers file")
	if err != nil {
		return nil, nil, err
	}
	return Parse(path, data, c)
}

// ParseDate reads a calendar date written YYYY-MM-DD (exactly: no sign,
// no single-digit month or day), as answers files and flags take it.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err == nil && !isDigits(s[0:4]+s[5:7]+s[8:10]) {
		err = fmt.Errorf("%q is not written YYYY-MM-DD", s)
	}
	return t, err
}

// DateIssue says what is wrong with a date that ParseDate refuses, in
// words for the person who wrote it: the wrong form ("must be a calendar
// date written YYYY-MM-DD"), or a day the calendar does not have.
func DateIssue(s string) string {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[0:4]+s[5:7]+s[8:10]) {
		month, _ := strconv.Atoi(s[5:7])
		if month >= 1 && month <= 12 {
			year, _ := strconv.Atoi(s[0:4])
			days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			return fmt.Sprintf("is not a day of the calendar: %s has %d days", time.Month(month).String()+" "+s[0:4], days)
		}
		return "is not a day of the calendar: the month must be 01 to 12"
	}
	return "must be a calendar date written YYYY-MM-DD"
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Parse reads an answers file strictly. Every problem is returned at once,
// each with file:line:col. Answers given against another version of the same
// catalog load with warnings naming the questions that changed.
func Parse(file string, data []byte, c *catalog.Catalog) (*Answers, []Warning, error) {
	root, err := strictyaml.ParseItems(file, data, MaxFileBytes, MaxItems)
	if err != nil {
		return nil, nil, err
	}
	r := reader(file)
	a := &Answers{Answers: map[string]*Answer{}, Orphans: map[string]*Answer{}, layout: root}
	var warnings []Warning
	fields, ok := r.Mapping(root, "answers file", []string{"format", "catalog", "profile", "organization", "assessor", "date", "scope", "roles", "systems", "answers", "plan", "evidence", "commentary", "engagement", "branding"})
	if !ok {
		return nil, nil, r.Problems
	}
	var formatNode, catalogNode, answersNode, planNode, evidenceNode *yaml.Node
	deliverable := map[string]*yaml.Node{}
	for _, f := range fields {
		switch f.Key {
		case "format":
			formatNode = f.Value
			a.Format = r.Int(f.Value, "format")
		case "catalog":
			catalogNode = f.Value
			a.Catalog = strings.TrimSpace(r.String(f.Value, "catalog"))
		case "profile":
			a.Profile = Profile(r.String(f.Value, "profile"))
			if a.Profile != ProfileFull && a.Profile != ProfileQuick {
				r.Errorf(f.Value, "profile must be full or quick, not %q", a.Profile)
			}
		case "organization":
			a.Organization = r.String(f.Value, "organization")
		case "assessor":
			a.Assessor = r.String(f.Value, "assessor")
		case "date":
			a.Date = r.String(f.Value, "date")
			if _, err := ParseDate(a.Date); a.Date != "" && err != nil {
				r.Errorf(f.Value, "date %q %s", a.Date, DateIssue(a.Date))
			}
		case "scope":
			a.Scope = r.String(f.Value, "scope")
		case "roles":
			for _, s := range r.Strings(f.Value, "roles") {
				role := catalog.Role(s)
				if !knownRole(role) {
					r.Errorf(f.Value, "unknown role %q in roles (known: developer, provider, user)", s)
					continue
				}
				a.Roles = append(a.Roles, role)
			}
		case "systems":
			for _, n := range r.Sequence(f.Value, "systems") {
				a.Systems = append(a.Systems, parseSystem(r, n))
			}
		case "answers":
			answersNode = f.Value
		case "plan":
			planNode = f.Value
		case "evidence":
			evidenceNode = f.Value
		case "commentary", "engagement", "branding":
			deliverable[f.Key] = f.Value
		}
	}
	if a.Profile == "" {
		a.Profile = ProfileFull
	}
	switch {
	case formatNode == nil:
		r.Errorf(nil, "format is missing; add 'format: %d' at the top", FormatVersion)
	case a.Format != FormatVersion && len(r.Problems) == 0:
		r.Errorf(formatNode, "format %d is not supported by this version of aimsready (it reads format %d)", a.Format, FormatVersion)
	}
	sameVersion := true
	switch {
	case catalogNode == nil || a.Catalog == "":
		r.Errorf(catalogNode, "catalog is missing; add 'catalog: %s'", c.Ident())
	default:
		id, version, _ := strings.Cut(a.Catalog, "@")
		if id != c.ID {
			r.Errorf(catalogNode, "answers were given against catalog %q but the catalog in use is %q; pass the matching catalog with --catalog", a.Catalog, c.Ident())
		} else if version != c.Version {
			sameVersion = false
		}
	}
	listed := parseAnswerMap(r, answersNode, a, c, sameVersion)
	a.Plan, a.PlanOrphans = parsePlan(r, planNode, c, sameVersion)
	var unknownSupports []string
	a.Register, unknownSupports = parseRegister(r, evidenceNode, c, sameVersion)
	warnings = append(warnings, parseDeliverable(r, file, deliverable, a, c, sameVersion)...)
	for _, w := range r.Warnings {
		warnings = append(warnings, Warning{File: w.File, Line: w.Line, Msg: w.Msg})
	}
	warnings = append(warnings, thinWarnings(file, answersNode, a, c)...)
	if !sameVersion && len(r.Problems) == 0 {
		warnings = append(warnings, versionWarnings(file, catalogNode, a, c, listed)...)
		warnings = append(warnings, registerWarning(file, unknownSupports, c)...)
	}
	r.Problems.Sort()
	if err := r.Problems.Err(); err != nil {
		return nil, nil, err
	}
	return a, warnings, nil
}

// replacement returns the criterion of q that replaces an id of an earlier
// catalog version, or nil.
func replacement(q *catalog.Question, old string) *catalog.Criterion {
	for _, cr := range q.Criteria {
		if slices.Contains(cr.Replaces, old) {
			return cr
		}
	}
	return nil
}

func knownRole(r catalog.Role) bool {
	for _, k := range catalog.Roles {
		if r == k {
			return true
		}
	}
	return false
}

func parseSystem(r *strictyaml.Reader, n *yaml.Node) System {
	what := fmt.Sprintf("system %q", strictyaml.Peek(n, "name"))
	fields, _ := r.Mapping(n, what, []string{"name", "purpose", "role", "roles", "risk"})
	var s System
	var roleNode *yaml.Node
	for _, f := range fields {
		switch f.Key {
		case "name":
			s.Name = r.String(f.Value, what+": name")
		case "purpose":
			s.Purpose = r.String(f.Value, what+": purpose")
		case "role", "roles":
			if roleNode != nil {
				r.Errorf(f.KeyNode, "%s: give its roles once, as roles: [developer, provider] (role: is the one-role form)", what)
				continue
			}
			roleNode = f.Value
			var names []string
			if f.Key == "role" {
				if name := r.String(f.Value, what+": role"); name != "" {
					names = []string{name}
				}
			} else {
				names = r.Strings(f.Value, what+": roles")
			}
			for i, name := range names {
				role := catalog.Role(name)
				at := f.Value
				if f.Key == "roles" && i < len(f.Value.Content) {
					at = f.Value.Content[i]
				}
				switch {
				case !knownRole(role):
					r.Errorf(at, "%s: unknown role %q (known: developer, provider, user)", what, name)
				case slices.Contains(s.Roles, role):
					r.Errorf(at, "%s: role %q is listed twice", what, name)
				default:
					s.Roles = append(s.Roles, role)
				}
			}
		case "risk":
			s.Risk = r.String(f.Value, what+": risk")
			if s.Risk != "" && !slices.Contains(riskLevels, s.Risk) {
				r.Errorf(f.Value, "%s: risk must be one of %s, not %q", what, strings.Join(riskLevels, ", "), s.Risk)
			}
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		r.Errorf(n, "system: name is missing")
	}
	return s
}

// parseAnswerMap reads the answers and returns the question ids the file
// lists, including entries that say nothing yet ("4.1": {}).
func parseAnswerMap(r *strictyaml.Reader, n *yaml.Node, a *Answers, c *catalog.Catalog, sameVersion bool) map[string]bool {
	entries, _ := r.Mapping(n, "answers", nil)
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.Key] = true
		q := c.Question(e.Key)
		if q == nil && slices.Contains(answerKeys, e.Key) {
			// "met:" written at the indentation of the question ids.
			r.Errorf(e.KeyNode, "%q is not indented under a question id; indent it two spaces more than the question id above it", e.Key)
			continue
		}
		if q == nil {
			if sameVersion {
				r.Errorf(e.KeyNode, "unknown question %q%s", e.Key, suggest(e.Key, c))
				continue
			}
			// From another catalog version: keep it so it is not lost on save.
			a.Orphans[e.Key] = parseAnswer(r, e.Value, nil, e.Key, false)
			continue
		}
		if ans := parseAnswer(r, e.Value, q, q.ID, sameVersion); !ans.empty() {
			a.Answers[q.ID] = ans
		}
	}
	return listed
}

func parseAnswer(r *strictyaml.Reader, n *yaml.Node, q *catalog.Question, id string, strictCriteria bool) *Answer {
	ans := &Answer{Applicable: true}
	what := fmt.Sprintf("answer %q", id)
	fields, _ := r.Mapping(n, what, answerKeys)
	var applicableNode, metNode *yaml.Node
	for _, f := range fields {
		switch f.Key {
		case "applicable":
			applicableNode = f.Value
			ans.Applicable = r.Bool(f.Value, what+": applicable")
			ans.Decided = q == nil || q.IsControl()
		case "justification":
			ans.Justification = strings.TrimSpace(r.String(f.Value, what+": justification"))
		case "met":
			metNode = f.Value
			if strictyaml.IsNull(f.Value) {
				continue // "met:" left empty: not assessed yet
			}
			ans.Assessed = true
			seen := map[string]bool{}
			for i, id := range r.Strings(f.Value, what+": met") {
				item := f.Value.Content[i]
				switch {
				case seen[id]:
					r.Errorf(item, "%s: criterion %q is listed twice in met", what, id)
					continue
				case q != nil && q.Criterion(id) == nil:
					if strictCriteria {
						r.Errorf(item, "unknown criterion %q for %s (known: %s)", id, q.ID, strings.Join(q.CriterionIDs(), ", "))
						continue
					}
					if cr := replacement(q, id); cr != nil {
						id = cr.ID // renamed since that version: same meaning, new id
						if seen[id] {
							continue
						}
						break
					}
					// Not in this catalog version: kept (and named in a warning).
					seen[id] = true
					ans.Unknown = append(ans.Unknown, id)
					continue
				}
				seen[id] = true
				ans.Met = append(ans.Met, id)
			}
		case "notes":
			ans.Notes = r.String(f.Value, what+": notes")
		case "evidence":
			ans.Evidence = r.Strings(f.Value, what+": evidence")
		}
	}
	if !ans.Applicable {
		ans.Assessed = true
		switch {
		case q != nil && !q.IsControl():
			r.Errorf(applicableNode, "%s: clause %s is mandatory and cannot be marked not applicable; only Annex A controls can be excluded", what, q.ID)
		case ans.Justification == "":
			r.Errorf(applicableNode, "%s: an excluded control needs a justification (why it does not apply), which the Statement of Applicability must show", what)
		case len(ans.Met) > 0:
			r.Errorf(metNode, "%s: is marked not applicable but lists met criteria; remove one or the other", what)
		}
	}
	return ans
}

// thinWarnings names exclusions whose justification would not survive an
// audit, when they are entered rather than only in the report.
func thinWarnings(file string, answersNode *yaml.Node, a *Answers, c *catalog.Catalog) []Warning {
	lines := map[string]int{}
	if answersNode != nil && answersNode.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(answersNode.Content); i += 2 {
			lines[answersNode.Content[i].Value] = answersNode.Content[i].Line
		}
	}
	var ws []Warning
	for _, q := range c.Questions() {
		if ans := a.Answers[q.ID]; ans.Excluded() {
			if issue := ThinJustification(ans.Justification); issue != "" {
				if UnacceptableExclusion(ans.Justification) {
					issue += "; until it says why, the Statement of Applicability is a Stage 1 blocker"
				}
				ws = append(ws, Warning{File: file, Line: lines[q.ID], Msg: fmt.Sprintf("%s is excluded with a justification an auditor would not accept: %s", q.ID, issue)})
			}
		}
		ws = append(ws, contradictions(file, lines[q.ID], q, a, c)...)
	}
	return ws
}

// contradictions names the criteria a met criterion implies (catalog
// implies:) that the file answers as not met: "every required document
// exists" beside a missing one. One of the two answers is wrong; the
// warning says which to re-check, and scores are left as answered.
func contradictions(file string, line int, q *catalog.Question, a *Answers, c *catalog.Catalog) []Warning {
	ans := a.Answers[q.ID]
	if ans == nil || !ans.Assessed || !ans.Applicable {
		return nil
	}
	var ws []Warning
	for _, cr := range q.Criteria {
		if len(cr.Implies) == 0 || !ans.IsMet(cr.ID) {
			continue
		}
		var unmet []string
		for _, key := range cr.Implies {
			iq, ic, _ := strings.Cut(key, "/")
			if t := c.Question(iq); t != nil && t.Criterion(ic) != nil {
				iq, ic, _ = strings.Cut(EvidenceKey(t, t.Criterion(ic)), "/") // where it is answered
			}
			other := a.Answers[iq]
			if other != nil && other.Assessed && other.Applicable && !other.IsMet(ic) {
				unmet = append(unmet, iq+"/"+ic)
			}
		}
		if len(unmet) > 0 {
			ws = append(ws, Warning{File: file, Line: line, Msg: fmt.Sprintf("%s/%s is answered met, but it cannot be while %s %s not met; re-check one of them",
				q.ID, cr.ID, catalog.JoinAnd(unmet), plural(len(unmet), "is", "are"))})
		}
	}
	return ws
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// versionWarnings names what changed between the catalog the answers were
// given against and the one in use, so a method change is not mistaken for
// progress or loss.
func versionWarnings(file string, catalogNode *yaml.Node, a *Answers, c *catalog.Catalog, listed map[string]bool) []Warning {
	line := 0
	if catalogNode != nil {
		line = catalogNode.Line
	}
	ws := []Warning{{File: file, Line: line, Msg: fmt.Sprintf("answers were given against catalog %s; scoring with %s", a.Catalog, c.Ident())}}
	if len(a.Orphans) > 0 {
		ws = append(ws, Warning{File: file, Msg: fmt.Sprintf("questions no longer in the catalog (answers kept but not scored): %s", strings.Join(sortedKeys(a.Orphans), ", "))})
	}
	var gone []string
	for _, q := range c.Questions() {
		if ans := a.Answers[q.ID]; ans != nil {
			for _, id := range ans.Unknown {
				gone = append(gone, q.ID+"/"+id)
			}
		}
	}
	if len(gone) > 0 {
		ws = append(ws, Warning{File: file, Msg: fmt.Sprintf("met criteria that %s removed or reworded (kept in the file, not scored; re-check those questions with 'aimsready assess --revisit'): %s", c.Ident(), strings.Join(gone, ", "))})
	}
	if len(a.PlanOrphans) > 0 {
		ws = append(ws, Warning{File: file, Msg: fmt.Sprintf("plan entries for fixes not in %s (kept, not shown): %s", c.Ident(), strings.Join(sortedKeys(a.PlanOrphans), ", "))})
	}
	var added []string
	for _, q := range c.Questions() {
		if !listed[q.ID] && a.InProfile(q) {
			added = append(added, q.ID)
		}
	}
	if len(added) > 0 && len(added) < len(c.Questions()) {
		ws = append(ws, Warning{File: file, Msg: fmt.Sprintf("questions new to this catalog or missing from the file (not assessed): %s", strings.Join(added, ", "))})
	}
	return ws
}

func suggest(id string, c *catalog.Catalog) string {
	if hint := c.Suggest(id); hint != "" {
		return " (" + hint + ")"
	}
	return "; 'aimsready catalog list' shows the ids"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
