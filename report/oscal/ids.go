package oscal

import (
	"crypto/sha1"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Namespace is the fixed namespace of every UUID aimsready derives: the
// version 5 UUID of the URL in NS (RFC 9562, namespace URL). Changing it
// would change every identifier aimsready has ever written.
var Namespace = [16]byte{0xe6, 0x51, 0xbe, 0xd7, 0xf7, 0x18, 0x58, 0x96, 0xaa, 0x81, 0xd5, 0x26, 0xbe, 0x47, 0xa4, 0x9d}

// UUID5 is the name-based, SHA-1 UUID (version 5, RFC 9562 section 5.5) of
// name in namespace ns. The same name always gives the same UUID, which is
// what keeps OSCAL output byte-stable and lets a GRC tool recognise an item
// across revisions of a document.
func UUID5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// namer derives the UUIDs of one document from a stable subject: the parts
// that say what the document is about, never the time it was written.
type namer struct{ subject string }

func newNamer(parts ...string) namer { return namer{subject: strings.Join(parts, "\x00")} }

// uuid names an item of the document, such as ("finding", "6.1.2").
func (n namer) uuid(parts ...string) string {
	return UUID5(Namespace, n.subject+"\x00"+strings.Join(parts, "\x00"))
}

// partyUUID names a person or organisation the same way in every document,
// so a GRC tool sees one party across assessments and plans.
func partyUUID(kind, name string) string {
	return UUID5(Namespace, "party\x00"+kind+"\x00"+name)
}

// controlID turns a catalog id into an OSCAL token (which must start with a
// letter or underscore): Annex A ids stay as they are ("A.6.2.4"); clause
// ids, which start with a digit, become "clause-6.1.2". The original id is
// kept in the control's label property.
func controlID(id string, clause bool) string {
	var b strings.Builder
	for i, r := range id {
		ok := unicode.IsLetter(r) || r == '_' || (i > 0 && (unicode.IsDigit(r) || r == '.' || r == '-'))
		if i == 0 && !ok {
			if clause {
				b.WriteString("clause-")
			} else {
				b.WriteString("control-")
			}
			ok = unicode.IsDigit(r)
		}
		if !ok {
			r = '-'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// objectiveID is the id of a control's assessment objective: the set of
// aimsready criteria a finding is judged against.
func objectiveID(control string) string { return control + "_obj" }

// criterionID is the id of one criterion within the objective.
func criterionID(control, criterion string) string { return objectiveID(control) + "." + criterion }

// line makes text fit OSCAL's one-line strings: whitespace runs become one
// space, with none at either end.
func line(s string) string { return strings.Join(strings.Fields(s), " ") }

// prose trims text for OSCAL's multi-line markup fields.
func prose(s string) string { return strings.TrimSpace(s) }

// props collects properties, leaving out those with nothing to say: OSCAL
// rejects empty values.
type props []Property

// add appends an aimsready property.
func (p *props) add(name, value string) { p.addClass(name, "", value) }

// addClass appends an aimsready property with a class.
func (p *props) addClass(name, class, value string) {
	if v := line(value); v != "" {
		*p = append(*p, Property{Name: name, NS: NS, Value: v, Class: class})
	}
}

// addOSCAL appends a property in OSCAL's own namespace (label, sort-id, type).
func (p *props) addOSCAL(name, value string) {
	if v := line(value); v != "" {
		*p = append(*p, Property{Name: name, Value: v})
	}
}

func (p props) list() []Property {
	if len(p) == 0 {
		return nil
	}
	return p
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func boolean(v bool) string { return strconv.FormatBool(v) }

// dateTime turns an assessment date (YYYY-MM-DD) into the timestamp OSCAL
// wants. The date is a calendar day without a time zone; midnight UTC is the
// convention aimsready uses, stated in the README. Output never depends on
// the clock, so a file without a date cannot be exported.
func dateTime(date, what string) (string, error) {
	if strings.TrimSpace(date) == "" {
		return "", fmt.Errorf("%s has no date, and OSCAL documents need one; add 'date: YYYY-MM-DD' (the assessment date)", what)
	}
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return "", fmt.Errorf("%s: date %q is not a calendar date written YYYY-MM-DD", what, date)
	}
	// OSCAL's schema accepts years 1900 to 2999.
	if t.Year() < 1900 || t.Year() > 2999 {
		return "", fmt.Errorf("%s: date %q is outside the years 1900 to 2999 that OSCAL accepts", what, date)
	}
	return t.Format("2006-01-02") + "T00:00:00Z", nil
}

// uriReference reports whether s can stand as an OSCAL href as written: a
// URI reference (RFC 3986) with nothing to escape. Evidence such as
// "SharePoint > Policies > AI policy" is kept as a description only, never
// turned into a link that resolves to nothing.
func uriReference(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~:/?#@!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
		default:
			return false
		}
	}
	if strings.Count(s, "#") > 1 {
		return false
	}
	if _, err := url.Parse(s); err != nil {
		return false
	}
	// A colon before any slash makes a scheme, which must be letters first.
	if i := strings.IndexByte(s, ':'); i >= 0 && !strings.Contains(s[:i], "/") {
		scheme := s[:i]
		if scheme == "" || !unicode.IsLetter(rune(scheme[0])) {
			return false
		}
		for _, r := range scheme {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '-' || r == '.') {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
