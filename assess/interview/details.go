package interview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/charmbracelet/huh"
)

// The assessment details and AI systems forms, asked before the questions.

// details are the assessment details the interview asks first.
type details struct {
	org      string
	assessor string
	date     string
	scope    string
	roles    []catalog.Role
}

func detailsOf(a *assess.Answers) details {
	return details{org: a.Organization, assessor: a.Assessor, date: a.Date, scope: a.Scope, roles: append([]catalog.Role(nil), a.Roles...)}
}

// detailsForm asks the assessment details.
type detailsForm struct {
	details
	pages []page
}

// roleHelp explains a role (a switch, not a map: nothing built at start-up).
func roleHelp(r catalog.Role) string {
	switch r {
	case catalog.RoleDeveloper:
		return "develops AI systems or models"
	case catalog.RoleProvider:
		return "provides AI systems or services to others"
	case catalog.RoleUser:
		return "uses AI systems in its own work"
	}
	return ""
}

const (
	assessorHelp = "Who runs this assessment."
	dateHelp     = "When the assessment was made, YYYY-MM-DD; reports carry this date."
	scopeHelp    = "Which units, sites, products and AI systems it covers."
	rolesHelp    = "Tick every role that applies (x or space); it pre-selects which Annex A controls apply."
)

func newDetailsForm(v details, l look) *detailsForm {
	d := &detailsForm{details: v}
	title := "Assessment details"
	desc := "They head the answers file and the report."
	first := huh.NewGroup(
		huh.NewInput().Title(l.label("Organisation", "", d.org, false)).Value(&d.org).CharLimit(assess.MaxTextChars).
			Validate(l.keeping(d.org, all(requireText("the organisation's name is required"), withinLimits))),
		huh.NewInput().Title(l.label("Assessor", assessorHelp, d.assessor, false)).Description(assessorHelp).Value(&d.assessor).
			CharLimit(assess.MaxTextChars).Validate(l.keeping(d.assessor, all(requireText("the assessor's name is required"), withinLimits))),
		huh.NewInput().Title(l.label("Assessment date", dateHelp, d.date, false)).Description(dateHelp).Value(&d.date).
			Validate(l.keeping(d.date, validDate)),
		huh.NewText().Title(l.label("Scope of the AI management system", scopeHelp, d.scope, false)).
			Description(scopeHelp).
			Lines(3).CharLimit(assess.MaxTextChars).ExternalEditor(false).Value(&d.scope).
			Validate(l.keeping(d.scope, all(requireText("the scope is required"), withinLimits))),
	).Title(title).Description(desc)
	var opts []huh.Option[catalog.Role]
	for _, r := range catalog.Roles {
		opts = append(opts, huh.NewOption(optionText(string(r)+": "+roleHelp(r), l), r))
	}
	// No Validate here: huh shows a multi-select's error before any key is
	// pressed (hiding the key help), and in accessible mode loops forever on
	// it once the input has ended. The interview re-asks instead.
	roles := huh.NewMultiSelect[catalog.Role]().
		Title(l.label("What is the organisation's role towards AI systems?", rolesHelp, "", false)).
		Description(rolesHelp).
		Options(opts...).
		Filterable(false).
		Value(&d.roles)
	d.pages = []page{{group: first}, {group: huh.NewGroup(roles).Title(title).Description(desc)}}
	return d
}

// validDate accepts an assessment date written YYYY-MM-DD.
func validDate(s string) error {
	if _, err := assess.ParseDate(strings.TrimSpace(s)); err != nil {
		return fmt.Errorf("write the date as YYYY-MM-DD, for example 2026-11-22")
	}
	return nil
}

func (d *detailsForm) apply(a *assess.Answers) {
	a.Organization = strings.TrimSpace(assess.CleanInput(d.org))
	a.Assessor = strings.TrimSpace(assess.CleanInput(d.assessor))
	a.Date = strings.TrimSpace(d.date)
	a.Scope = strings.TrimSpace(assess.CleanInput(d.scope))
	a.Roles = orderedRoles(d.roles)
}

// orderedRoles puts roles in display order without duplicates.
func orderedRoles(rs []catalog.Role) []catalog.Role {
	var out []catalog.Role
	for _, r := range catalog.Roles {
		if slices.Contains(rs, r) {
			out = append(out, r)
		}
	}
	return out
}

// riskHelp explains a risk level offered for an AI system.
func riskHelp(level string) string {
	switch level {
	case "low":
		return "low: little effect on people if it fails"
	case "limited":
		return "limited: mainly transparency duties"
	case "medium":
		return "medium: noticeable effect, mitigated by people"
	case "high":
		return "high: affects health, safety, rights or access"
	case "unacceptable":
		return "unacceptable: a use that should not happen"
	}
	return level
}

// systemForm asks one AI system; an empty name ends the list.
type systemForm struct {
	pages   []page
	name    string
	purpose string
	roles   []catalog.Role
	risk    string
	// choose is set when the organisation holds several roles, so the
	// system's roles are asked; with one role the system has that role.
	choose bool
}

const (
	systemNameHelp  = "Type its name, or leave it empty and press enter to go on."
	purposeHelp     = "What it does and for whom, in a line."
	systemRolesHelp = "Tick each one (x or space): a company may, for example, develop and provide the same model."
)

func newSystemForm(a *assess.Answers, l look) *systemForm {
	// Not rated until the assessor picks a level: an Enter pressed in
	// passing must not record a high-risk system as low risk.
	s := &systemForm{risk: ""}
	roles := a.Roles
	if len(roles) == 0 {
		roles = catalog.Roles
	}
	if len(roles) == 1 {
		s.roles = []catalog.Role{roles[0]}
	}
	s.choose = len(roles) > 1
	title := "AI systems in scope"
	var desc string
	if len(a.Systems) == 0 {
		desc = "List each AI system the management system covers."
	} else {
		names := make([]string, len(a.Systems))
		for i, sys := range a.Systems {
			names[i] = describeSystem(sys)
		}
		desc = fmt.Sprintf("Listed so far (%d): %s.", len(a.Systems), strings.Join(names, "; "))
	}
	nameTitle := "Name of an AI system"
	if len(a.Systems) > 0 {
		nameTitle = "Add another AI system?"
	}
	if l.accessible { // huh shows no group description there
		nameTitle = sentences(desc, nameTitle)
	}
	name := huh.NewInput().Title(l.label(nameTitle, systemNameHelp, "", false)).
		Description(systemNameHelp).
		Value(&s.name)
	riskOpts := []huh.Option[string]{huh.NewOption("not rated yet: rate it once its risk is assessed", "")}
	for _, r := range assess.RiskLevels() {
		riskOpts = append(riskOpts, huh.NewOption(riskHelp(r), r))
	}
	fields := []huh.Field{
		// The name is shown in full-screen mode only: accessible mode does
		// not evaluate title functions, and just asked the name anyway.
		huh.NewNote().TitleFunc(func() string { return "AI system: " + strings.TrimSpace(s.name) }, &s.name),
		huh.NewInput().Title(l.label("Purpose", purposeHelp, "", false)).Description(purposeHelp).Value(&s.purpose),
	}
	if s.choose {
		var roleOpts []huh.Option[catalog.Role]
		for _, r := range roles {
			roleOpts = append(roleOpts, huh.NewOption(optionText(string(r)+": "+roleHelp(r), l), r))
		}
		fields = append(fields, huh.NewMultiSelect[catalog.Role]().
			Title(l.label("Your roles for this system", systemRolesHelp, "", false)).
			Description(systemRolesHelp).
			Options(roleOpts...).
			Filterable(false).
			Value(&s.roles))
	}
	fields = append(fields, huh.NewSelect[string]().Title(l.label("Internal risk rating", "", "", false)).Value(&s.risk).Options(riskOpts...))
	details := huh.NewGroup(fields...).Title(title)
	s.pages = []page{
		{group: huh.NewGroup(name).Title(title).Description(desc)},
		{group: details, hidden: func() bool { return strings.TrimSpace(s.name) == "" }},
	}
	return s
}

// needsRoles reports whether a named system still needs a role ticked.
func (s *systemForm) needsRoles() bool {
	return s.choose && strings.TrimSpace(s.name) != "" && len(s.roles) == 0
}

func (s *systemForm) system() (assess.System, bool) {
	name := strings.TrimSpace(assess.CleanInput(s.name))
	if name == "" {
		return assess.System{}, false
	}
	return assess.System{Name: name, Purpose: strings.TrimSpace(assess.CleanInput(s.purpose)), Roles: orderedRoles(s.roles), Risk: s.risk}, true
}

// describeSystem is a system as the interview lists it back: its name,
// roles and risk, so what was chosen shows.
func describeSystem(sys assess.System) string {
	var what []string
	if len(sys.Roles) > 0 {
		names := make([]string, len(sys.Roles))
		for i, r := range sys.Roles {
			names[i] = string(r)
		}
		what = append(what, catalog.JoinAnd(names))
	}
	if sys.Risk != "" {
		what = append(what, sys.Risk+" risk")
	}
	if len(what) == 0 {
		return sys.Name
	}
	return fmt.Sprintf("%s (%s)", sys.Name, strings.Join(what, ", "))
}
