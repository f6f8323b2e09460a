package oscal

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/catalog"
)

// TestCatalogExport validates the OSCAL catalog of the built-in and of a
// custom catalog, and checks that it carries ids, titles and our own
// words, and only points to the standard.
func TestCatalogExport(t *testing.T) {
	tiny, err := catalog.LoadFile(tinyCatalog)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*catalog.Catalog{builtin(t), tiny} {
		t.Run(c.ID, func(t *testing.T) {
			data := catalogJSON(t, c, "2026-11-22")
			validate(t, "catalog", data)
			checkReferences(t, data, nil)
			var again bytes.Buffer
			if err := WriteCatalog(&again, c, "2026-11-22"); err != nil || !bytes.Equal(data, again.Bytes()) {
				t.Error("the same catalog gave different bytes")
			}

			doc, err := CatalogOf(c, "2026-11-22")
			if err != nil {
				t.Fatal(err)
			}
			byLabel := map[string]Control{}
			for _, g := range doc.Catalog.Groups {
				for _, ctl := range g.Controls {
					for _, p := range ctl.Props {
						if p.Name == "label" && p.NS == "" {
							byLabel[p.Value] = ctl
						}
					}
				}
			}
			for _, q := range c.Questions() {
				ctl, ok := byLabel[q.ID]
				if !ok {
					t.Errorf("%s: no control labelled with it", q.ID)
					continue
				}
				if ctl.Title != q.Title {
					t.Errorf("%s: title %q, want the catalog's %q", q.ID, ctl.Title, q.Title)
				}
				parts := map[string]Part{}
				for _, p := range ctl.Parts {
					parts[p.Name] = p
				}
				if s := parts["statement"].Prose; !strings.Contains(s, "does not reproduce") {
					t.Errorf("%s: the statement should only point to the standard, got %q", q.ID, s)
				}
				if parts["guidance"].Prose != strings.TrimSpace(q.Guidance) || parts["assessment-method"].Prose != strings.TrimSpace(q.Prompt) {
					t.Errorf("%s: guidance and question should be the catalog's own", q.ID)
				}
				if got := len(parts["assessment-objective"].Parts); got != len(q.Criteria) {
					t.Errorf("%s: %d criteria as objectives, want %d", q.ID, got, len(q.Criteria))
				}
			}
		})
	}
}

// TestCatalogCarriesNoOtherText: every prose and title of the OSCAL catalog
// is a title, guidance, prompt, intro, criterion or fix of the catalog, or
// one of the fixed sentences of this package. Nothing else can slip in.
func TestCatalogCarriesNoOtherText(t *testing.T) {
	c := builtin(t)
	own := map[string]bool{"Interview question": true, "Fix": true, "Before the first event": true}
	for _, s := range c.Sections {
		own[strings.TrimSpace(s.Title)] = true
		own[strings.TrimSpace(s.Intro)] = true
		for _, q := range s.Questions {
			own[q.Title] = true
			own[strings.TrimSpace(q.Guidance)] = true
			own[strings.TrimSpace(q.Prompt)] = true
			for _, cr := range q.Criteria {
				own[strings.TrimSpace(cr.Text)] = true
				own[strings.TrimSpace(cr.NoEvent)] = true
				own[strings.TrimSpace(cr.Fix)] = true
			}
		}
	}
	fixed := regexp.MustCompile(`^(The requirement is ISO/IEC 42001:2023 (Annex )?[A-Z0-9.]+\. aimsready does not reproduce its text; read it in the standard\.|Met when every criterion below is met\. .*)$`)
	doc, err := CatalogOf(c, "2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	var check func(parts []Part)
	check = func(parts []Part) {
		for _, p := range parts {
			for _, s := range []string{p.Prose, p.Title} {
				if s != "" && !own[s] && !fixed.MatchString(s) {
					t.Errorf("part %s carries text that is not the catalog's own: %q", p.ID, s)
				}
			}
			check(p.Parts)
		}
	}
	for _, g := range doc.Catalog.Groups {
		check(g.Parts)
		for _, ctl := range g.Controls {
			check(ctl.Parts)
		}
	}
}

func TestCatalogDates(t *testing.T) {
	c := builtin(t)
	if ReleaseDate(c.Ident()) == "" {
		t.Fatalf("the built-in catalog %s has no release date in releaseDates; add the date this version was released", c.Ident())
	}
	if _, err := CatalogOf(c, ""); err == nil || !strings.Contains(err.Error(), "has no date") {
		t.Errorf("no date: err = %v", err)
	}
	if _, err := CatalogOf(c, "2026-02-30"); err == nil {
		t.Error("an impossible date was accepted")
	}
	if _, err := CatalogOf(c, "1850-01-01"); err == nil || !strings.Contains(err.Error(), "1900 to 2999") {
		t.Errorf("a year OSCAL refuses: err = %v", err)
	}
}

// TestCatalogIDCollision: ids that would collide in OSCAL are refused, not
// written as an invalid catalog.
func TestCatalogIDCollision(t *testing.T) {
	c, err := catalog.LoadFile(tinyCatalog)
	if err != nil {
		t.Fatal(err)
	}
	// A section "control-2" would take the OSCAL id of section "2".
	dup := *c.Sections[1]
	dup.ID = "control-2"
	dup.Questions = nil
	c.Sections = append(c.Sections, &dup)
	if _, err := CatalogOf(c, "2026-11-22"); err == nil || !strings.Contains(err.Error(), `both become OSCAL id "control-2"`) {
		t.Errorf("err = %v", err)
	}
}

func TestUUID5(t *testing.T) {
	// RFC 9562, appendix A.4: name-based UUID of "www.example.com" in the
	// DNS namespace.
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := UUID5(dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("UUID5 = %s, want %s", got, want)
	}
	// The namespace is the UUID5 of its URL in the URL namespace.
	url := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := UUID5(url, NS), "e651bed7-f718-5896-aa81-d526be47a49d"; got != want {
		t.Errorf("namespace = %s, want %s", got, want)
	}
	v5 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for _, name := range []string{"", "a", "Müller & Søn", strings.Repeat("x", 1000)} {
		if id := UUID5(Namespace, name); !v5.MatchString(id) {
			t.Errorf("UUID5(%q) = %s is not a version 5 UUID", name, id)
		}
	}
	if partyUUID("person", "a") == partyUUID("organization", "a") {
		t.Error("a person and an organisation of the same name share a UUID")
	}
}
