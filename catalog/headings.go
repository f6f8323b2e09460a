package catalog

import "strings"

// headingTitles are the official short titles of the ISO/IEC 42001:2023
// clauses that are headings only, with numbered subclauses under them.
// The catalog asks about the subclauses, some of which are titled just
// "General"; the heading says what they are general about.
var headingTitles = map[string]string{
	"6.1": "Actions to address risks and opportunities",
	"7.5": "Documented information",
	"9.2": "Internal audit",
	"9.3": "Management review",
}

// genericTitles are titles that say nothing without their parent.
var genericTitles = []string{"general"}

// FullTitle is the question's title as people should read it in a list or
// table: a generic title carries its parent heading, "Documented
// information — General" for 7.5.1. Other titles are returned as they are.
func (q *Question) FullTitle() string {
	generic := false
	for _, g := range genericTitles {
		if strings.EqualFold(strings.TrimSpace(q.Title), g) {
			generic = true
		}
	}
	if !generic {
		return q.Title
	}
	parent := ""
	if i := strings.LastIndex(q.ID, "."); i > 0 {
		parent = headingTitles[q.ID[:i]]
	}
	if parent == "" && q.Section != nil {
		parent = q.Section.Title // a custom catalog: the section is the best parent known
	}
	if parent == "" {
		return q.Title
	}
	return parent + " — " + q.Title
}
