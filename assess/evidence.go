package assess

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// The evidence register: what was seen, when, and whether it still holds.
// An answers file may carry a top-level `evidence:` list of items; each
// backs criteria ("supports") by their QUESTION/criterion id. A criterion
// reported met with no reviewed, current item behind it is *claimed*; the
// score's evidence coverage is the weighted share that is not.

// EvidenceStatus is where an item stands in collecting evidence.
type EvidenceStatus string

const (
	EvidenceRequested EvidenceStatus = "requested" // asked of the client, not yet in hand
	EvidenceReceived  EvidenceStatus = "received"  // in hand, not yet reviewed
	EvidenceReviewed  EvidenceStatus = "reviewed"  // read by the assessor: it shows what it supports
)

// EvidenceStatuses lists the statuses in workflow order.
var EvidenceStatuses = []EvidenceStatus{EvidenceRequested, EvidenceReceived, EvidenceReviewed}

// EvidenceItem is one entry of the evidence register.
type EvidenceItem struct {
	ID    string // stable, short: "E-001"
	Title string
	// Location is a path relative to the answers file (forward slashes), a
	// URL, or a plain reference ("DMS: AIMS/Policies/AI policy v3").
	Location string
	// SHA256 (lower-case hex) is recorded for local files only; an item
	// with one is a local file that `evidence check` verifies.
	SHA256     string
	Date       string // YYYY-MM-DD: the date of the document or record
	ValidUntil string // YYYY-MM-DD: the last day it holds; may be empty
	Owner      string
	Status     EvidenceStatus
	// Supports lists the criteria it backs, as QUESTION/criterion where the
	// criterion is answered (a same-as criterion is named by its target).
	Supports []string
	Notes    string

	// Line is where the item starts in its answers file; 0 when unknown.
	Line int
}

// LocationKind says how a location is reached.
type LocationKind string

const (
	LocationFile      LocationKind = "file"      // a local file with a recorded SHA-256
	LocationURL       LocationKind = "url"       // scheme://...; never fetched (aimsready works offline)
	LocationReference LocationKind = "reference" // anything else: recorded as written, not checked
)

// IsURL reports whether a location is a URL: a scheme (a letter, then
// letters, digits, '+', '.' or '-'), "://" and something not blank.
//
// The checks of this file are written out rather than as regular
// expressions: compiled at package initialisation, four of them made
// every command start about a millisecond later (GODEBUG=inittrace=1).
// FuzzEvidencePatterns holds them to the expressions they replace.
func IsURL(loc string) bool {
	i := 0
	for i < len(loc) && (isASCIILetter(loc[i]) || i > 0 && (isASCIIDigit(loc[i]) || strings.IndexByte("+.-", loc[i]) >= 0)) {
		i++
	}
	rest := loc[i:]
	return i > 0 && len(rest) > 3 && rest[:3] == "://" && strings.IndexByte("\t\n\f\r ", rest[3]) < 0
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }

// Kind says how the item's location is reached.
func (e *EvidenceItem) Kind() LocationKind {
	switch {
	case IsURL(e.Location):
		return LocationURL
	case e.SHA256 != "":
		return LocationFile
	}
	return LocationReference
}

// Label is how the item is named in one line: its title, else its location.
func (e *EvidenceItem) Label() string {
	if t := strings.TrimSpace(e.Title); t != "" {
		return t
	}
	if l := strings.TrimSpace(e.Location); l != "" {
		return l
	}
	return e.ID
}

// Supporting reports whether the item backs the criterion key (QUESTION/criterion).
func (e *EvidenceItem) Supporting(key string) bool { return slices.Contains(e.Supports, key) }

var (
	evidenceKeys = []string{"id", "title", "location", "sha256", "date", "valid-until", "owner", "status", "supports", "notes"}
)

// validEvidenceID: 1 to 40 letters, digits, '.', '_' or '-', starting with
// a letter or digit.
func validEvidenceID(id string) bool {
	if id == "" || len(id) > 40 || !isASCIILetter(id[0]) && !isASCIIDigit(id[0]) {
		return false
	}
	for i := 1; i < len(id); i++ {
		if c := id[i]; !isASCIILetter(c) && !isASCIIDigit(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// validSHA256: 64 lower-case hexadecimal digits.
func validSHA256(h string) bool {
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !isASCIIDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// generatedNumber is the number of a generated id ("E-" and 1 to 9
// digits), or false for any other id.
func generatedNumber(id string) (int, bool) {
	digits, ok := strings.CutPrefix(id, "E-")
	if !ok || digits == "" || len(digits) > 9 {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if !isASCIIDigit(digits[i]) {
			return 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// EvidenceKey is the register's name for a criterion: QUESTION/criterion
// where it is answered, so a same-as criterion shares its target's evidence.
func EvidenceKey(q *catalog.Question, cr *catalog.Criterion) string {
	if cr.SameAs != "" {
		return cr.SameAs
	}
	return q.ID + "/" + cr.ID
}

// fieldProblem is one thing wrong with an item: the field it concerns
// (index into supports for one entry, else -1) and what to do.
type fieldProblem struct {
	field string
	index int
	msg   string
}

// checkItem validates an item against the catalog and normalises it
// (lower-case hash, supports renamed since an earlier catalog version). It
// returns the problems and, for answers of another catalog version, the
// supports this catalog does not know (kept, not counted).
func checkItem(it *EvidenceItem, c *catalog.Catalog, sameVersion bool) ([]fieldProblem, []string) {
	var ps []fieldProblem
	bad := func(field string, format string, args ...any) {
		ps = append(ps, fieldProblem{field, -1, fmt.Sprintf(format, args...)})
	}
	switch {
	case it.ID == "":
		bad("id", "id is missing; give the item a short id such as E-001")
	case !validEvidenceID(it.ID):
		bad("id", "id %q must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit", it.ID)
	}
	if it.Status == "" {
		it.Status = EvidenceReceived
	}
	if !slices.Contains(EvidenceStatuses, it.Status) {
		bad("status", "status must be requested, received or reviewed, not %q", it.Status)
	}
	it.Location = strings.TrimSpace(it.Location)
	for _, f := range []struct{ name, v string }{{"title", it.Title}, {"location", it.Location}, {"owner", it.Owner}} {
		if strings.ContainsAny(f.v, "\r\n") {
			bad(f.name, "%s must be one line; put longer text in notes", f.name)
		}
	}
	switch {
	case it.Location == "" && it.Status != EvidenceRequested:
		bad("location", "location is missing; say where the evidence can be found again: a path relative to the answers file, a URL, or a reference such as a document-management entry (only a requested item may lack one)")
	case it.Location == "" && strings.TrimSpace(it.Title) == "":
		bad("title", "a requested item needs a title or a location: what was asked for")
	}
	if it.SHA256 != "" {
		it.SHA256 = strings.ToLower(strings.TrimSpace(it.SHA256))
		switch {
		case !validSHA256(it.SHA256):
			bad("sha256", "sha256 must be 64 hexadecimal digits, as 'aimsready evidence add' records it")
		case it.Location == "":
			bad("sha256", "sha256 is recorded but the location is missing")
		case IsURL(it.Location):
			bad("sha256", "sha256 is checked for local files only; %q is a URL, which aimsready never fetches", it.Location)
		}
	}
	dateOK := func(field, v string) bool {
		if v == "" {
			return false
		}
		if _, err := ParseDate(v); err != nil {
			bad(field, "%s %q %s", field, v, DateIssue(v))
			return false
		}
		return true
	}
	dated, until := dateOK("date", it.Date), dateOK("valid-until", it.ValidUntil)
	if dated && until && it.ValidUntil < it.Date {
		bad("valid-until", "valid-until %s is before the item's date %s", it.ValidUntil, it.Date)
	}
	var unknown []string
	seen := map[string]bool{}
	var supports []string
	for i, s := range it.Supports {
		key, msg, known := supportKey(c, strings.TrimSpace(s), sameVersion)
		switch {
		case msg != "":
			ps = append(ps, fieldProblem{"supports", i, msg})
			continue
		case seen[key]:
			ps = append(ps, fieldProblem{"supports", i, fmt.Sprintf("supports: %s is listed twice", key)})
			continue
		case !known:
			unknown = append(unknown, key)
		}
		seen[key] = true
		supports = append(supports, key)
	}
	it.Supports = supports
	return ps, unknown
}

// supportKey checks one supports entry. It returns the key to keep, a
// problem ("" when none), and whether the catalog in use knows the
// criterion (an entry from another catalog version is kept, not counted).
func supportKey(c *catalog.Catalog, s string, sameVersion bool) (string, string, bool) {
	qid, cid, ok := strings.Cut(s, "/")
	if !ok || qid == "" || cid == "" {
		return "", fmt.Sprintf("supports: %q is not a criterion id; write QUESTION/criterion, as 'aimsready catalog show QUESTION' lists them", s), false
	}
	q := c.Question(qid)
	if q == nil {
		if !sameVersion {
			return s, "", false
		}
		return "", fmt.Sprintf("supports: unknown question %q in %q%s", qid, s, suggest(qid, c)), false
	}
	cr := q.Criterion(cid)
	if cr == nil && !sameVersion {
		if cr = replacement(q, cid); cr == nil {
			return s, "", false
		}
	}
	if cr == nil {
		return "", fmt.Sprintf("supports: unknown criterion %q for %s (known: %s)", cid, q.ID, strings.Join(q.CriterionIDs(), ", ")), false
	}
	if cr.SameAs != "" {
		return "", fmt.Sprintf("supports: %s/%s is the same evidence as %s, where it is answered; list it as %q", q.ID, cr.ID, cr.SameAs, cr.SameAs), false
	}
	return q.ID + "/" + cr.ID, "", true
}

// parseRegister reads the top-level evidence: list. It returns the items
// and the supports the catalog in use does not know (answers of another
// catalog version; kept, named in a warning).
func parseRegister(r *strictyaml.Reader, n *yaml.Node, c *catalog.Catalog, sameVersion bool) ([]*EvidenceItem, []string) {
	var items []*EvidenceItem
	var unknown []string
	ids := map[string]int{}
	for _, node := range r.Sequence(n, "evidence") {
		if node.Kind != yaml.MappingNode {
			r.Errorf(node, "evidence: each item is a mapping (id, title, location, date, status, supports, ...), not a single value; a question's own list of evidence references goes under that question in answers:")
			continue
		}
		id := strictyaml.Peek(node, "id")
		what := "evidence item"
		if id != "" {
			what = fmt.Sprintf("evidence %q", id)
		}
		it := &EvidenceItem{Line: node.Line}
		fields, _ := r.Mapping(node, what, evidenceKeys)
		nodes := map[string]*yaml.Node{}
		for _, f := range fields {
			nodes[f.Key] = f.Value
			switch f.Key {
			case "id":
				it.ID = strings.TrimSpace(r.String(f.Value, what+": id"))
			case "title":
				it.Title = r.String(f.Value, what+": title")
			case "location":
				it.Location = r.String(f.Value, what+": location")
			case "sha256":
				it.SHA256 = r.String(f.Value, what+": sha256")
			case "date":
				it.Date = strings.TrimSpace(r.String(f.Value, what+": date"))
			case "valid-until":
				it.ValidUntil = strings.TrimSpace(r.String(f.Value, what+": valid-until"))
			case "owner":
				it.Owner = strings.TrimSpace(r.String(f.Value, what+": owner"))
			case "status":
				it.Status = EvidenceStatus(strings.TrimSpace(r.String(f.Value, what+": status")))
			case "supports":
				if f.Value.Kind == yaml.ScalarNode && f.Value.Tag != "!!null" {
					r.Errorf(f.Value, "%s: supports must be a list, such as [\"5.2/policy-documented\"]", what)
					continue
				}
				it.Supports = r.Strings(f.Value, what+": supports")
			case "notes":
				it.Notes = r.String(f.Value, what+": notes")
			}
		}
		if _, ok := nodes["status"]; !ok {
			it.Status = EvidenceReceived // nothing counts as reviewed unless it says so
		}
		problems, unk := checkItem(it, c, sameVersion)
		for _, p := range problems {
			at := nodes[p.field]
			if p.index >= 0 && at != nil && p.index < len(at.Content) {
				at = at.Content[p.index]
			}
			if at == nil {
				at = node
			}
			r.Errorf(at, "%s: %s", what, p.msg)
		}
		for _, k := range unk {
			unknown = append(unknown, it.ID+": "+k)
		}
		if it.ID != "" {
			if first, dup := ids[it.ID]; dup {
				r.Errorf(nodes["id"], "evidence: id %q is used twice (first at line %d); each item needs its own id", it.ID, first)
			} else {
				ids[it.ID] = node.Line
			}
		}
		items = append(items, it)
	}
	return items, unknown
}

// registerWarning names supports that the catalog in use does not know.
func registerWarning(file string, unknown []string, c *catalog.Catalog) []Warning {
	if len(unknown) == 0 {
		return nil
	}
	return []Warning{{File: file, Msg: fmt.Sprintf("evidence supports criteria not in %s (kept, not counted): %s", c.Ident(), strings.Join(unknown, ", "))}}
}

const registerComment = `Evidence register: what was seen, when, and whether it still holds.
status: requested, received or reviewed (only reviewed evidence counts
towards evidence coverage); supports: the QUESTION/criterion ids it backs.
'aimsready evidence check' verifies local files against their sha256.`

// registerNode renders the register in file order; empty optional fields
// are left out, status and supports are always written.
func registerNode(items []*EvidenceItem) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range items {
		m := &yaml.Node{Kind: yaml.MappingNode}
		put := func(key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
		put("id", str(it.ID))
		if it.Title != "" {
			put("title", text(it.Title))
		}
		if it.Location != "" {
			put("location", text(it.Location))
		}
		if it.SHA256 != "" {
			put("sha256", str(it.SHA256))
		}
		if it.Date != "" {
			put("date", str(it.Date))
		}
		if it.ValidUntil != "" {
			put("valid-until", str(it.ValidUntil))
		}
		if it.Owner != "" {
			put("owner", text(it.Owner))
		}
		put("status", str(string(it.Status)))
		sup := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range it.Supports {
			sup.Content = append(sup.Content, &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Value: s})
		}
		put("supports", sup)
		if it.Notes != "" {
			put("notes", text(it.Notes))
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// NextEvidenceID is the next free generated id: E-001, E-002, ... one past
// the highest generated id in the register, so ids never get reused.
func NextEvidenceID(a *Answers) string {
	n := 0
	for _, it := range a.Register {
		if v, ok := generatedNumber(it.ID); ok && v > n {
			n = v
		}
	}
	return fmt.Sprintf("E-%03d", n+1)
}

// Evidence returns the register item with the given id, or nil.
func (a *Answers) Evidence(id string) *EvidenceItem {
	for _, it := range a.Register {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// EvidenceAt returns the register item recorded at a location, or nil.
func (a *Answers) EvidenceAt(location string) *EvidenceItem {
	loc := strings.TrimSpace(location)
	if loc == "" {
		return nil
	}
	for _, it := range a.Register {
		if it.Location == loc {
			return it
		}
	}
	return nil
}

// AddEvidence validates item against the catalog and the register and
// appends it: an empty id gets the next generated one, an empty status is
// received. It is what `evidence add` and the interview call; the caller
// saves the answers. Every problem is returned at once.
func AddEvidence(a *Answers, c *catalog.Catalog, item EvidenceItem) (*EvidenceItem, error) {
	it := item
	it.Supports = slices.Clone(item.Supports)
	it.Line = 0
	if it.ID == "" {
		it.ID = NextEvidenceID(a)
	}
	problems, _ := checkItem(&it, c, true) // same version: unknown criteria are problems
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.msg)
	}
	if prev := a.Evidence(it.ID); prev != nil {
		msgs = append(msgs, fmt.Sprintf("id %q is already in the register; choose another or leave it out for the next free one", it.ID))
	}
	if prev := a.EvidenceAt(it.Location); prev != nil {
		msgs = append(msgs, fmt.Sprintf("%s already records %s; add the criteria to its supports instead of a second item", prev.ID, it.Location))
	}
	if len(msgs) > 0 {
		return nil, fmt.Errorf("evidence %s: %s", it.ID, strings.Join(msgs, "; "))
	}
	a.Register = append(a.Register, &it)
	return &it, nil
}

// FileEvidence prepares a register item for a local file, as the interview
// does when the assessor attaches one: its location relative to the
// answers file and its SHA-256, computed now. Anything but a regular file
// is refused at once (see HashFile). The caller adds title, date, status
// and supports, then calls AddEvidence.
func FileEvidence(answersPath, file string) (EvidenceItem, error) {
	sum, _, err := HashFile(file)
	if err != nil {
		return EvidenceItem{}, err
	}
	return EvidenceItem{Location: LocationFor(answersPath, file), SHA256: sum}, nil
}

// AddSupport links a register item to one more criterion (QUESTION/criterion),
// as the interview does when the assessor picks an item already on file.
// Linking it twice is not an error.
func AddSupport(a *Answers, c *catalog.Catalog, id, key string) error {
	it := a.Evidence(id)
	if it == nil {
		return fmt.Errorf("no evidence item %q in the register", id)
	}
	k, msg, _ := supportKey(c, strings.TrimSpace(key), true)
	if msg != "" {
		return fmt.Errorf("evidence %s: %s", id, msg)
	}
	it.Supports = appendNew(it.Supports, k)
	return nil
}

// EvidenceFor lists the register items backing any criterion of q, in
// register order: what the interview shows as already on file.
func EvidenceFor(a *Answers, q *catalog.Question) []*EvidenceItem {
	var out []*EvidenceItem
	for _, it := range a.Register {
		for _, cr := range q.Criteria {
			if it.Supporting(EvidenceKey(q, cr)) {
				out = append(out, it)
				break
			}
		}
	}
	return out
}
