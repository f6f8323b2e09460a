package oscal

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/aimsready/aimsready/catalog"
)

// nsRMF is the namespace OSCAL uses for the assessment-method property.
const nsRMF = "http://csrc.nist.gov/ns/rmf"

// releaseDates are the release dates of the built-in catalog versions: an
// OSCAL catalog needs a last-modified time, and the clock must not supply it.
// A new built-in version needs its date here (a test checks).
var releaseDates = map[string]string{
	"iso42001-2023@1.0.0": "2026-11-22",
	"iso42001-2023@1.1.0": "2026-12-02",
}

// ReleaseDate returns the release date (YYYY-MM-DD) of a built-in catalog
// version given as id@version, or "" when it is not known.
func ReleaseDate(ident string) string { return releaseDates[ident] }

// WriteCatalog writes c as an OSCAL catalog; date (YYYY-MM-DD) is the date
// of the catalog version, used as its last-modified time.
func WriteCatalog(w io.Writer, c *catalog.Catalog, date string) error {
	doc, err := CatalogOf(c, date)
	if err != nil {
		return err
	}
	return encode(w, doc)
}

// CatalogOf maps the question catalog to an OSCAL catalog: each section is
// a group and each question a control, identified by the standard's ids and
// short titles. The control's statement part only points to the standard;
// its guidance, interview question (assessment method) and criteria
// (assessment objectives, with their fixes) are aimsready's own words.
func CatalogOf(c *catalog.Catalog, date string) (*CatalogDoc, error) {
	when, err := dateTime(date, "catalog "+c.Ident())
	if err != nil {
		return nil, err
	}
	standard := line(c.Standard)
	if standard == "" {
		standard = line(c.Title)
	}
	var mp props
	mp.add("catalog-id", c.ID)
	mp.add("standard", standard)
	out := Catalog{
		UUID: UUID5(Namespace, "catalog\x00"+c.ID),
		Metadata: Metadata{
			Title: line(c.Title), LastModified: when, Version: c.Version, OSCALVersion: Version, Props: mp.list(),
			Remarks: "Identifiers and short titles are those of " + standard + ". Every question, guidance text, " +
				"criterion and fix is aimsready's own wording; the text of the standard is not reproduced, and each " +
				"control's statement only points to it. Criteria are the assessment objectives aimsready scores; " +
				"a question is met when all of them are.",
		},
	}
	std := Resource{UUID: UUID5(Namespace, "catalog\x00"+c.ID+"\x00standard"), Title: standard,
		Props:    []Property{{Name: "type", Value: "standard"}},
		Citation: &Citation{Text: standard}}
	out.BackMatter = &BackMatter{Resources: []Resource{std}}

	seen := map[string]string{} // OSCAL id -> catalog id, to refuse collisions
	claim := func(oscalID, what string) error {
		if prev, dup := seen[oscalID]; dup {
			return fmt.Errorf("catalog %s: %s and %s both become OSCAL id %q; rename one", c.Ident(), prev, what, oscalID)
		}
		seen[oscalID] = what
		return nil
	}
	for _, s := range c.Sections {
		g, err := group(s, standard, claim)
		if err != nil {
			return nil, err
		}
		out.Groups = append(out.Groups, g)
	}
	return &CatalogDoc{Catalog: out}, nil
}

func group(s *catalog.Section, standard string, claim func(string, string) error) (Group, error) {
	clause := s.Kind == catalog.KindClause
	id := controlID(s.ID, clause)
	if err := claim(id, "section "+s.ID); err != nil {
		return Group{}, err
	}
	var p props
	p.addOSCAL("label", s.ID)
	p.addOSCAL("sort-id", sortID(s.ID))
	g := Group{ID: id, Class: string(s.Kind), Title: line(s.Title), Props: p.list()}
	if intro := prose(s.Intro); intro != "" {
		g.Parts = []Part{{ID: id + "_ovw", Name: "overview", Prose: intro}}
		if err := claim(id+"_ovw", "the intro of section "+s.ID); err != nil {
			return Group{}, err
		}
	}
	for _, q := range s.Questions {
		ctl, err := control(q, clause, standard, claim)
		if err != nil {
			return Group{}, err
		}
		g.Controls = append(g.Controls, ctl)
	}
	return g, nil
}

// control maps one question to a control. Method v2's evidence kind of a
// criterion becomes one line in criterionPart.
func control(q *catalog.Question, clause bool, standard string, claim func(string, string) error) (Control, error) {
	id := controlID(q.ID, clause)
	if err := claim(id, "question "+q.ID); err != nil {
		return Control{}, err
	}
	kind := "clause"
	if !clause {
		kind = "control"
	}
	var p props
	p.addOSCAL("label", q.ID)
	p.addOSCAL("sort-id", sortID(q.ID))
	p.add("weight", num(q.Weight))
	if q.Quick {
		p.add("quick-snapshot", "true")
	}
	if q.Documented {
		p.add("documented-information", "true")
	}
	for _, r := range q.Roles {
		p.add("role", string(r))
	}
	for _, r := range q.Refs {
		if v := line(r.ID); v != "" {
			p = append(p, Property{Name: "reference", NS: NS, Class: r.Framework, Group: string(r.Basis), Value: v,
				Remarks: prose(catalog.FrameworkName(r.Framework) + " " + r.ID + refTitle(r))})
		}
	}
	where := standard + " " + q.ID
	if !clause && strings.HasPrefix(q.ID, "A.") {
		where = standard + " Annex " + q.ID
	}
	ctl := Control{ID: id, Class: kind, Title: line(q.Title), Props: p.list()}
	ctl.Parts = append(ctl.Parts, Part{ID: id + "_smt", Name: "statement",
		Prose: "The requirement is " + where + ". aimsready does not reproduce its text; read it in the standard."})
	if g := prose(q.Guidance); g != "" {
		ctl.Parts = append(ctl.Parts, Part{ID: id + "_gdn", Name: "guidance", Prose: g})
	}
	if pr := prose(q.Prompt); pr != "" {
		ctl.Parts = append(ctl.Parts, Part{ID: id + "_asm-interview", Name: "assessment-method", Title: "Interview question",
			Props: []Property{{Name: "method", NS: nsRMF, Value: "INTERVIEW"}}, Prose: pr})
	}
	obj := Part{ID: objectiveID(id), Name: "assessment-objective",
		Prose: "Met when every criterion below is met. The question's score is the weighted share of its criteria met."}
	for _, cr := range q.Criteria {
		part := criterionPart(id, cr)
		if err := claim(part.ID, "criterion "+q.ID+" "+cr.ID); err != nil {
			return Control{}, err
		}
		obj.Parts = append(obj.Parts, part)
	}
	if len(obj.Parts) > 0 {
		ctl.Parts = append(ctl.Parts, obj)
	}
	for _, part := range ctl.Parts {
		if err := claim(part.ID, "a part of question "+q.ID); err != nil {
			return Control{}, err
		}
	}
	return ctl, nil
}

// criterionPart maps one criterion to an assessment objective with its fix.
// Method v2's evidence kind is one more line: p.add("evidence-kind", ...).
func criterionPart(control string, cr *catalog.Criterion) Part {
	var p props
	p.add("criterion", cr.ID)
	p.add("weight", num(cr.Weight))
	p.add("evidence-kind", string(cr.Evidence))
	if cr.Documented {
		p.add("documented-information", "true")
	}
	if cr.SameAs != "" {
		p.add("same-as", cr.SameAs)
	}
	p.add("effort", string(cr.Effort))
	part := Part{ID: criterionID(control, cr.ID), Name: "assessment-objective", Props: p.list(), Prose: prose(cr.Text)}
	if rule := prose(cr.NoEvent); rule != "" {
		part.Parts = append(part.Parts, Part{Name: "no-event", NS: NS, Title: "Before the first event", Prose: rule})
	}
	if fix := prose(cr.Fix); fix != "" {
		part.Parts = append(part.Parts, Part{Name: "fix", NS: NS, Title: "Fix", Prose: fix})
	}
	return part
}

func refTitle(r catalog.Ref) string {
	if t := catalog.RefTitle(r.Framework, r.ID); t != "" {
		return ": " + t
	}
	return ""
}

// sortID pads the numbers of an id so ids sort as people read them:
// "6.1.2" -> "06.01.02", "A.10.3" -> "A.10.03".
func sortID(id string) string {
	segs := strings.Split(id, ".")
	for i, s := range segs {
		if s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 && len(s) < 2 {
			segs[i] = strings.Repeat("0", 2-len(s)) + s
		}
	}
	return strings.Join(segs, ".")
}
