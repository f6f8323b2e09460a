package oscal

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/aimsready/aimsready/catalog"
)

// The JSON schema checks structure and datatypes only. These checks cover
// the OSCAL constraints that matter for a GRC tool to import the files and
// that the schema cannot see: unique UUIDs, references that resolve (to
// observations, risks, parties, roles, back-matter resources) and control
// and objective ids that exist in the exported catalog.

type ids map[string]bool

// walk calls fn for every key/value pair in a decoded JSON document, with
// the key of the object that holds it.
func walk(v any, parent string, fn func(parent, key string, val any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			fn(parent, k, val)
			walk(val, k, fn)
		}
	case []any:
		for _, val := range x {
			walk(val, parent, fn)
		}
	}
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// collect gathers the "uuid" values of the objects listed under key (such
// as "observations"), and of every object when key is "".
func collect(doc map[string]any, key string) ids {
	out := ids{}
	var visit func(v any, under bool)
	visit = func(v any, under bool) {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["uuid"].(string); ok && under {
				out[id] = true
			}
			for k, val := range x {
				visit(val, key == "" || k == key)
			}
		case []any:
			for _, val := range x {
				visit(val, under)
			}
		}
	}
	visit(doc, key == "")
	return out
}

// collectField gathers every string value of the given key.
func collectField(doc any, key string) ids {
	out := ids{}
	walk(doc, "", func(_, k string, val any) {
		if k == key {
			if s, ok := val.(string); ok {
				out[s] = true
			}
		}
	})
	return out
}

func checkReferences(t *testing.T, data, catalogData []byte) {
	t.Helper()
	doc := decode(t, data)

	seen := map[string]int{}
	walk(doc, "", func(_, k string, val any) {
		if s, ok := val.(string); ok && k == "uuid" {
			seen[s]++
		}
	})
	for id, n := range seen {
		if n > 1 {
			t.Errorf("uuid %s is used %d times", id, n)
		}
	}

	observations := collect(doc, "observations")
	risks := collect(doc, "risks")
	findings := collect(doc, "findings")
	resources := collect(doc, "resources")
	parties := collect(doc, "parties")
	roles := ids{}
	walk(doc, "", func(parent, k string, val any) {
		if parent == "roles" && k == "id" {
			roles[val.(string)] = true
		}
	})

	walk(doc, "", func(parent, k string, val any) {
		switch k {
		case "observation-uuid":
			if !observations[val.(string)] {
				t.Errorf("observation-uuid %s resolves to no observation", val)
			}
		case "risk-uuid":
			if !risks[val.(string)] {
				t.Errorf("risk-uuid %s resolves to no risk", val)
			}
		case "finding-uuid":
			if !findings[val.(string)] {
				t.Errorf("finding-uuid %s resolves to no finding", val)
			}
		case "actor-uuid":
			if !parties[val.(string)] {
				t.Errorf("actor-uuid %s resolves to no party", val)
			}
		case "party-uuids":
			for _, id := range val.([]any) {
				if !parties[id.(string)] {
					t.Errorf("party-uuid %s resolves to no party", id)
				}
			}
		case "role-id":
			if !roles[val.(string)] {
				t.Errorf("role-id %q is not defined in the metadata", val)
			}
		case "href":
			if s := val.(string); strings.HasPrefix(s, "#") && !resources[strings.TrimPrefix(s, "#")] {
				t.Errorf("href %s resolves to no back-matter resource", s)
			}
		}
	})

	if catalogData == nil {
		return
	}
	cat := decode(t, catalogData)
	controls := ids{}
	walk(cat, "", func(parent, k string, val any) {
		if parent == "controls" && k == "id" {
			controls[val.(string)] = true
		}
	})
	partIDs := ids{}
	walk(cat, "", func(parent, k string, val any) {
		if parent == "parts" && k == "id" {
			partIDs[val.(string)] = true
		}
	})
	for id := range collectField(doc, "control-id") {
		if !controls[id] {
			t.Errorf("control-id %q is not a control of the exported catalog", id)
		}
	}
	for id := range collectField(doc, "target-id") {
		if !partIDs[id] {
			t.Errorf("finding target %q is not an objective of the exported catalog", id)
		}
	}
	walk(doc, "", func(_, k string, val any) {
		if k != "props" {
			return
		}
		for _, p := range val.([]any) {
			m := p.(map[string]any)
			if m["name"] == "control-id" && !controls[m["value"].(string)] {
				t.Errorf("property control-id %q is not a control of the exported catalog", m["value"])
			}
		}
	})
}

// catalogCache keeps exported catalogs: several tests check against the
// same one.
var catalogCache sync.Map

func catalogJSON(t *testing.T, c *catalog.Catalog, date string) []byte {
	t.Helper()
	key := c.Ident() + "\x00" + date
	if data, ok := catalogCache.Load(key); ok {
		return data.([]byte)
	}
	var buf bytes.Buffer
	if err := WriteCatalog(&buf, c, date); err != nil {
		t.Fatal(err)
	}
	catalogCache.Store(key, buf.Bytes())
	return buf.Bytes()
}
