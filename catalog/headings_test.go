package catalog

import "testing"

func TestFullTitle(t *testing.T) {
	c, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"6.1.1": "Actions to address risks and opportunities — General",
		"7.5.1": "Documented information — General",
		"9.2.1": "Internal audit — General",
		"9.3.1": "Management review — General",
		"7.5.2": "Creating and updating documented information",
	}
	for id, w := range want {
		if got := c.Question(id).FullTitle(); got != w {
			t.Errorf("%s: FullTitle = %q, want %q", id, got, w)
		}
	}
	// No question in the catalog is left with a bare generic title.
	for _, q := range c.Questions() {
		if q.FullTitle() == "General" {
			t.Errorf("%s: title %q has no parent", q.ID, q.FullTitle())
		}
	}
	custom := &Question{ID: "X.1", Title: "General", Section: &Section{ID: "X", Title: "Extras"}}
	if got := custom.FullTitle(); got != "Extras — General" {
		t.Errorf("custom FullTitle = %q", got)
	}
}
