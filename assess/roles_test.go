package assess

import (
	"strings"
	"testing"
	"time"

	"github.com/aimsready/aimsready/catalog"
	"github.com/google/go-cmp/cmp"
)

// A system may hold several roles. One role keeps the `role: x` form files
// had before, so such files load and save unchanged; several are written
// `roles: [x, y]`.
func TestSystemRoles(t *testing.T) {
	c := builtin(t)
	head := "format: 1\ncatalog: " + c.Ident() + "\nsystems:\n"
	for _, tt := range []struct {
		name, systems string
		want          []catalog.Role
		line          string // how it is saved
		problem       string
	}{
		{"one role, old form", "  - {name: A, role: provider, risk: high}\n", []catalog.Role{catalog.RoleProvider}, "    role: provider\n", ""},
		{"several", "  - {name: A, roles: [developer, provider], risk: high}\n", []catalog.Role{catalog.RoleDeveloper, catalog.RoleProvider}, "    roles: [developer, provider]\n", ""},
		{"one in a list", "  - {name: A, roles: [user]}\n", []catalog.Role{catalog.RoleUser}, "    role: user\n", ""},
		{"none", "  - {name: A, role: \"\"}\n", nil, "    role: \"\"\n", ""},
		{"both forms", "  - {name: A, role: user, roles: [user]}\n", nil, "", `give its roles once`},
		{"unknown", "  - {name: A, roles: [user, vendor]}\n", nil, "", `:4:29: system "A": unknown role "vendor"`},
		{"twice", "  - {name: A, roles: [user, user]}\n", nil, "", `role "user" is listed twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := Parse("a.yaml", []byte(head+tt.systems), c)
			if tt.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tt.problem) {
					t.Fatalf("err = %v, want %q", err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, a.Systems[0].Roles); diff != "" {
				t.Errorf("roles (-want +got):\n%s", diff)
			}
			a.layout = nil // the form a save chooses, not the flow style of this test's file
			data, err := Marshal(a, c)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tt.line) {
				t.Errorf("saved without %q:\n%s", tt.line, data)
			}
			again, _, err := Parse("a.yaml", data, c)
			if err != nil {
				t.Fatalf("saved file does not load: %v", err)
			}
			if diff := cmp.Diff(a.Systems, again.Systems); diff != "" {
				t.Errorf("round trip (-first +again):\n%s", diff)
			}
		})
	}
}

// A file written before systems could hold several roles saves byte for
// byte as it was.
func TestOldFileSavesUnchanged(t *testing.T) {
	c := builtin(t)
	a := New(c, "Acme", mustDate(t, "2026-03-01"), ProfileFull)
	a.Roles = []catalog.Role{catalog.RoleProvider}
	a.Systems = []System{{Name: "Claims model", Purpose: "Ranks claims", Roles: []catalog.Role{catalog.RoleProvider}, Risk: "high"}}
	first, err := Marshal(a, c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), "role: provider") || strings.Contains(string(first), "    roles:") {
		t.Fatalf("one role not written in the old form:\n%s", first)
	}
	loaded, _, err := Parse("a.yaml", first, c)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Marshal(loaded, c)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(first), string(second)); diff != "" {
		t.Errorf("saving again changed the file (-first +second):\n%s", diff)
	}
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
