package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"github.com/aimsready/aimsready/catalog/strictyaml"
	"go.yaml.in/yaml/v3"
)

// MaxFileBytes bounds a catalog file; the built-in one is well under 1 MiB.
const MaxFileBytes = 8 << 20

//go:embed data/iso42001-2023.yaml
var builtinYAML []byte

// BuiltinFile is the name the embedded catalog carries in messages.
const BuiltinFile = "builtin:iso42001-2023.yaml"

var (
	builtinOnce sync.Once
	builtin     *Catalog
	builtinErr  error
)

// Builtin returns the embedded ISO/IEC 42001:2023 catalog; callers must not
// modify it. It comes pre-parsed from builtin_gen.go (a test keeps that file
// identical to parsing the YAML source), because parsing the YAML at every
// start would cost more than the rest of a `score` run.
func Builtin() (*Catalog, error) {
	builtinOnce.Do(func() {
		builtin = generatedBuiltin()
		if builtin == nil { // only while regenerating builtin_gen.go
			builtin, builtinErr = Parse(BuiltinFile, builtinYAML)
			return
		}
		builtin.index()
	})
	return builtin, builtinErr
}

// BuiltinYAML returns the embedded catalog source, for export.
func BuiltinYAML() []byte { return bytes.Clone(builtinYAML) }

// LoadFile reads and validates a custom catalog.
func LoadFile(path string) (*Catalog, error) {
	data, err := strictyaml.ReadFile(path, MaxFileBytes, "a catalog file")
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a catalog from YAML and validates it. Every problem found is
// returned at once as strictyaml.Problems, each with file:line:col.
func Parse(file string, data []byte) (*Catalog, error) {
	root, err := strictyaml.Parse(file, data, MaxFileBytes)
	if err != nil {
		return nil, err
	}
	r := &strictyaml.Reader{File: file}
	c := decodeCatalog(r, root)
	c.File = file
	if len(r.Problems) == 0 {
		r.Problems = append(r.Problems, c.Validate()...)
	}
	r.Problems.Sort()
	if err := r.Problems.Err(); err != nil {
		return nil, err
	}
	c.index()
	return c, nil
}

func pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	return Pos{n.Line, n.Column}
}

func decodeCatalog(r *strictyaml.Reader, root *yaml.Node) *Catalog {
	c := &Catalog{}
	fields, _ := r.Mapping(root, "catalog", []string{"id", "version", "title", "standard", "method", "changes", "sections"})
	for _, f := range fields {
		switch f.Key {
		case "id":
			c.ID = r.String(f.Value, "catalog id")
		case "version":
			c.Version = r.String(f.Value, "catalog version")
		case "title":
			c.Title = r.String(f.Value, "catalog title")
		case "standard":
			c.Standard = r.String(f.Value, "standard")
		case "method":
			c.Method = decodeMethod(r, f.Value)
		case "changes":
			for _, n := range r.Sequence(f.Value, "changes") {
				c.Changes = append(c.Changes, decodeChange(r, n))
			}
		case "sections":
			for _, n := range r.Sequence(f.Value, "sections") {
				c.Sections = append(c.Sections, decodeSection(r, n))
			}
		}
	}
	return c
}

func decodeSection(r *strictyaml.Reader, n *yaml.Node) *Section {
	s := &Section{Pos: pos(n)}
	what := fmt.Sprintf("section %q", strictyaml.Peek(n, "id"))
	fields, _ := r.Mapping(n, what, []string{"id", "title", "kind", "intro", "workstream", "questions"})
	s.ID = fieldString(r, fields, "id", "section id")
	for _, f := range fields {
		switch f.Key {
		case "title":
			s.Title = r.String(f.Value, what+": title")
		case "kind":
			s.Kind = Kind(r.String(f.Value, what+": kind"))
		case "intro":
			s.Intro = r.String(f.Value, what+": intro")
		case "workstream":
			s.Workstream = r.String(f.Value, what+": workstream")
		case "questions":
			for _, qn := range r.Sequence(f.Value, what+": questions") {
				q := decodeQuestion(r, qn)
				q.Section = s
				s.Questions = append(s.Questions, q)
			}
		}
	}
	return s
}

func decodeQuestion(r *strictyaml.Reader, n *yaml.Node) *Question {
	q := &Question{Pos: pos(n)}
	what := fmt.Sprintf("question %q", strictyaml.Peek(n, "id"))
	fields, _ := r.Mapping(n, what, []string{"id", "title", "weight", "role-weights", "quick", "documented", "roles", "requires", "workstream", "prompt", "guidance", "refs", "criteria"})
	q.ID = fieldString(r, fields, "id", "question id")
	for _, f := range fields {
		switch f.Key {
		case "title":
			q.Title = r.String(f.Value, what+": title")
		case "weight":
			q.Weight = r.Number(f.Value, what+": weight")
		case "role-weights":
			q.RoleWeights = decodeRoleWeights(r, f.Value, what+": role-weights")
		case "requires":
			q.Requires = r.Strings(f.Value, what+": requires")
		case "workstream":
			q.Workstream = r.String(f.Value, what+": workstream")
		case "quick":
			q.Quick = r.Bool(f.Value, what+": quick")
		case "documented":
			q.Documented = r.Bool(f.Value, what+": documented")
		case "roles":
			for _, s := range r.Strings(f.Value, what+": roles") {
				q.Roles = append(q.Roles, Role(s))
			}
		case "prompt":
			q.Prompt = r.String(f.Value, what+": prompt")
		case "guidance":
			q.Guidance = r.String(f.Value, what+": guidance")
		case "refs":
			for _, rn := range r.Sequence(f.Value, what+": refs") {
				q.Refs = append(q.Refs, decodeRef(r, rn, what))
			}
		case "criteria":
			for _, cn := range r.Sequence(f.Value, what+": criteria") {
				q.Criteria = append(q.Criteria, decodeCriterion(r, cn, what))
			}
		}
	}
	return q
}

func decodeRef(r *strictyaml.Reader, n *yaml.Node, what string) Ref {
	ref := Ref{Pos: pos(n)}
	fields, _ := r.Mapping(n, what+": reference", []string{"framework", "id", "basis"})
	for _, f := range fields {
		switch f.Key {
		case "framework":
			ref.Framework = r.String(f.Value, what+": reference framework")
		case "id":
			ref.ID = r.String(f.Value, what+": reference id")
		case "basis":
			ref.Basis = Basis(r.String(f.Value, what+": reference basis"))
		}
	}
	return ref
}

func decodeCriterion(r *strictyaml.Reader, n *yaml.Node, what string) *Criterion {
	c := &Criterion{Pos: pos(n)}
	what = fmt.Sprintf("%s: criterion %q", what, strictyaml.Peek(n, "id"))
	fields, _ := r.Mapping(n, what, []string{"id", "text", "no-event", "implies", "weight", "evidence", "documented", "before-stage2", "fix", "effort", "ask", "max-age-months", "same-as", "replaces"})
	c.ID = fieldString(r, fields, "id", what+": id")
	for _, f := range fields {
		switch f.Key {
		case "text":
			c.Text = r.String(f.Value, what+": text")
		case "no-event":
			c.NoEvent = r.String(f.Value, what+": no-event")
		case "implies":
			c.Implies = r.Strings(f.Value, what+": implies")
		case "weight":
			c.Weight = r.Number(f.Value, what+": weight")
		case "documented":
			c.Documented = r.Bool(f.Value, what+": documented")
		case "fix":
			c.Fix = r.String(f.Value, what+": fix")
		case "effort":
			c.Effort = Effort(r.String(f.Value, what+": effort"))
		case "evidence":
			c.Evidence = EvidenceKind(r.String(f.Value, what+": evidence"))
		case "before-stage2":
			c.BeforeStage2 = r.Bool(f.Value, what+": before-stage2")
		case "ask":
			c.Ask = r.String(f.Value, what+": ask")
		case "max-age-months":
			c.MaxAgeMonths = r.Int(f.Value, what+": max-age-months")
		case "same-as":
			c.SameAs = strings.TrimSpace(r.String(f.Value, what+": same-as"))
		case "replaces":
			c.Replaces = r.Strings(f.Value, what+": replaces")
		}
	}
	return c
}

func decodeMethod(r *strictyaml.Reader, n *yaml.Node) Method {
	var m Method
	fields, _ := r.Mapping(n, "method", []string{"implementation-threshold", "clause-floor", "evidence-threshold"})
	for _, f := range fields {
		switch f.Key {
		case "implementation-threshold":
			m.ImplementationThreshold = r.Number(f.Value, "method: implementation-threshold")
		case "clause-floor":
			m.ClauseFloor = r.Number(f.Value, "method: clause-floor")
		case "evidence-threshold":
			m.EvidenceThreshold = r.Number(f.Value, "method: evidence-threshold")
		}
	}
	return m
}

func decodeChange(r *strictyaml.Reader, n *yaml.Node) Change {
	var ch Change
	what := fmt.Sprintf("changes %q", strictyaml.Peek(n, "version"))
	fields, _ := r.Mapping(n, what, []string{"version", "summary", "questions"})
	for _, f := range fields {
		switch f.Key {
		case "version":
			ch.Version = r.String(f.Value, what+": version")
		case "summary":
			ch.Summary = r.String(f.Value, what+": summary")
		case "questions":
			for _, qn := range r.Sequence(f.Value, what+": questions") {
				var qc QuestionChange
				qf, _ := r.Mapping(qn, what+": question change", []string{"id", "change"})
				for _, f := range qf {
					switch f.Key {
					case "id":
						qc.ID = r.String(f.Value, what+": id")
					case "change":
						qc.Change = r.String(f.Value, what+": change")
					}
				}
				ch.Questions = append(ch.Questions, qc)
			}
		}
	}
	return ch
}

func decodeRoleWeights(r *strictyaml.Reader, n *yaml.Node, what string) map[Role]float64 {
	known := make([]string, len(Roles))
	for i, ro := range Roles {
		known[i] = string(ro)
	}
	fields, _ := r.Mapping(n, what, known)
	if len(fields) == 0 {
		return nil
	}
	m := make(map[Role]float64, len(fields))
	for _, f := range fields {
		m[Role(f.Key)] = r.Number(f.Value, what+": "+f.Key)
	}
	return m
}

func fieldString(r *strictyaml.Reader, fields []strictyaml.Field, key, what string) string {
	for _, f := range fields {
		if f.Key == key {
			return strings.TrimSpace(r.String(f.Value, what))
		}
	}
	return ""
}

var (
	// Compiled on first use: only validating a catalog needs them, and
	// every command would otherwise pay for them at start-up.
	kebab  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
	semver = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$`)
	})
	idChars = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`) })
)

// Validate checks the catalog's content and returns every problem, each
// placed at the item it concerns when the position is known.
func (c *Catalog) Validate() strictyaml.Problems {
	var ps strictyaml.Problems
	add := func(p Pos, format string, args ...any) {
		ps = append(ps, &strictyaml.Problem{File: c.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
	if !kebab().MatchString(c.ID) {
		add(Pos{}, "catalog id %q must be short kebab-case, like iso42001-2023", c.ID)
	}
	if !semver().MatchString(c.Version) {
		add(Pos{}, "catalog version %q must be a semantic version, like 1.0.0", c.Version)
	}
	if strings.TrimSpace(c.Title) == "" {
		add(Pos{}, "catalog title is missing")
	}
	if len(c.Sections) == 0 {
		add(Pos{}, "catalog has no sections")
	}
	sections := map[string]bool{}
	questions := map[string]Pos{}
	for _, s := range c.Sections {
		what := fmt.Sprintf("section %q", s.ID)
		switch {
		case s.ID == "":
			add(s.Pos, "section: id is missing")
		case !idChars().MatchString(s.ID):
			add(s.Pos, "%s: id may hold only letters, digits, dots, dashes and underscores", what)
		case sections[s.ID]:
			add(s.Pos, "%s: duplicate section id", what)
		}
		sections[s.ID] = true
		if strings.TrimSpace(s.Title) == "" {
			add(s.Pos, "%s: title is missing", what)
		}
		if s.Kind != KindClause && s.Kind != KindAnnex {
			add(s.Pos, "%s: kind must be clause or annex, not %q", what, s.Kind)
		}
		if len(s.Questions) == 0 {
			add(s.Pos, "%s: has no questions", what)
		}
		if s.Workstream != "" && !knownWorkstream(s.Workstream) {
			add(s.Pos, "%s: unknown workstream %q (known: %s)", what, s.Workstream, workstreamIDs())
		}
		for _, q := range s.Questions {
			c.validateQuestion(s, q, questions, add)
		}
	}
	for _, t := range []struct {
		name string
		v    float64
	}{{"implementation-threshold", c.Method.ImplementationThreshold}, {"clause-floor", c.Method.ClauseFloor}, {"evidence-threshold", c.Method.EvidenceThreshold}} {
		if math.IsNaN(t.v) || t.v < 0 || t.v > 100 {
			add(Pos{}, "method: %s must be a number from 0 to 100, not %v", t.name, t.v)
		}
	}
	c.validateLinks(add)
	return ps
}

// requireEvidenceKind is switched on once the built-in catalog carries the
// tag on every criterion.
const requireEvidenceKind = true

func workstreamIDs() string {
	ids := make([]string, len(Workstreams))
	for i, w := range Workstreams {
		ids[i] = w.ID
	}
	return strings.Join(ids, ", ")
}

// validateLinks checks what points from one question to another: ids that
// collide once case and Unicode forms are folded, prerequisites (known, no
// cycles) and shared evidence (an earlier question's own criterion, whose
// question concerns every role the sharing one does).
func (c *Catalog) validateLinks(add func(Pos, string, ...any)) {
	order := map[string]int{}
	byID := map[string]*Question{}
	folded := map[string]string{}
	for i, q := range c.Questions() {
		order[q.ID] = i
		byID[q.ID] = q
		f := strings.ToLower(norm.NFKC.String(q.ID))
		if prev, ok := folded[f]; ok && prev != q.ID {
			add(q.Pos, "question %q: id differs from %q only in case or Unicode form; ids must be told apart at a glance", q.ID, prev)
		}
		folded[f] = q.ID
	}
	for _, q := range c.Questions() {
		for _, dep := range q.Requires {
			switch {
			case dep == q.ID:
				add(q.Pos, "question %q: requires itself", q.ID)
			case byID[dep] == nil:
				add(q.Pos, "question %q: requires unknown question %q", q.ID, dep)
			}
		}
		for _, cr := range q.Criteria {
			for _, imp := range cr.Implies {
				iq, ic, ok := strings.Cut(imp, "/")
				if !ok || byID[iq] == nil || byID[iq].Criterion(ic) == nil || imp == q.ID+"/"+cr.ID {
					add(cr.Pos, "question %q: criterion %q: implies %q must name another QUESTION/criterion of this catalog", q.ID, cr.ID, imp)
				}
			}
			if cr.SameAs == "" {
				continue
			}
			cwhat := fmt.Sprintf("question %q: criterion %q", q.ID, cr.ID)
			tq, tc, ok := strings.Cut(cr.SameAs, "/")
			target := byID[tq]
			switch {
			case !ok || target == nil:
				add(cr.Pos, "%s: same-as %q must name QUESTION/criterion of this catalog", cwhat, cr.SameAs)
			case target.Criterion(tc) == nil:
				add(cr.Pos, "%s: same-as %q: question %s has no criterion %q", cwhat, cr.SameAs, tq, tc)
			case order[tq] >= order[q.ID]:
				add(cr.Pos, "%s: same-as %q must point to an earlier question, where it is asked first", cwhat, cr.SameAs)
			case target.Criterion(tc).SameAs != "":
				add(cr.Pos, "%s: same-as %q points to a criterion that is itself shared; point to %s", cwhat, cr.SameAs, target.Criterion(tc).SameAs)
			case !rolesCover(target, q):
				add(cr.Pos, "%s: same-as %q: %s does not concern every role %s does, so some organisations would never answer it", cwhat, cr.SameAs, tq, q.ID)
			}
		}
	}
	if cyc := requireCycle(c.Questions(), byID); cyc != nil {
		add(byID[cyc[0]].Pos, "prerequisites form a cycle: %s", strings.Join(cyc, " requires "))
	}
}

// rolesCover reports whether target concerns every role q concerns.
func rolesCover(target, q *Question) bool {
	if len(target.Roles) == 0 {
		return true
	}
	if len(q.Roles) == 0 {
		return false
	}
	for _, r := range q.Roles {
		if !slices.Contains(target.Roles, r) {
			return false
		}
	}
	return true
}

// requireCycle returns one cycle of prerequisites (first id repeated at the
// end), or nil.
func requireCycle(qs []*Question, byID map[string]*Question) []string {
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(id string) []string
	visit = func(id string) []string {
		switch state[id] {
		case open:
			i := slices.Index(stack, id)
			return append(slices.Clone(stack[i:]), id)
		case done:
			return nil
		}
		state[id] = open
		stack = append(stack, id)
		if q := byID[id]; q != nil {
			for _, dep := range q.Requires {
				if cyc := visit(dep); cyc != nil {
					return cyc
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		return nil
	}
	for _, q := range qs {
		if cyc := visit(q.ID); cyc != nil {
			return cyc
		}
	}
	return nil
}

func (c *Catalog) validateQuestion(s *Section, q *Question, seen map[string]Pos, add func(Pos, string, ...any)) {
	what := fmt.Sprintf("question %q", q.ID)
	switch {
	case q.ID == "":
		add(q.Pos, "section %q: a question has no id", s.ID)
	case !idChars().MatchString(q.ID):
		add(q.Pos, "%s: id may hold only letters, digits, dots, dashes and underscores", what)
	case !strings.HasPrefix(q.ID, s.ID+"."):
		add(q.Pos, "%s: id must start with its section id %q", what, s.ID+".")
	}
	if prev, dup := seen[q.ID]; dup && q.ID != "" {
		add(q.Pos, "%s: duplicate question id (first at line %d)", what, prev.Line)
	}
	seen[q.ID] = q.Pos
	if strings.TrimSpace(q.Title) == "" {
		add(q.Pos, "%s: title is missing", what)
	}
	if !validWeight(q.Weight) {
		add(q.Pos, "%s: weight must be a number from %v to %v, not %v", what, MinWeight, MaxWeight, q.Weight)
	}
	for _, r := range Roles {
		if w, ok := q.RoleWeights[r]; ok && !validWeight(w) {
			add(q.Pos, "%s: role-weights: %s must be a number from %v to %v, not %v", what, r, MinWeight, MaxWeight, w)
		}
	}
	if q.Workstream != "" && !knownWorkstream(q.Workstream) {
		add(q.Pos, "%s: unknown workstream %q (known: %s)", what, q.Workstream, workstreamIDs())
	}
	if strings.TrimSpace(q.Prompt) == "" {
		add(q.Pos, "%s: prompt is missing", what)
	}
	if strings.TrimSpace(q.Guidance) == "" {
		add(q.Pos, "%s: guidance is missing", what)
	}
	for _, r := range q.Roles {
		if r != RoleDeveloper && r != RoleProvider && r != RoleUser {
			add(q.Pos, "%s: unknown role %q (known: developer, provider, user)", what, r)
		}
	}
	if len(q.Roles) > 0 && s.Kind == KindClause {
		add(q.Pos, "%s: roles apply only to controls; clauses concern every organisation", what)
	}
	for _, r := range q.Refs {
		switch {
		case Vocabulary(r.Framework) == nil:
			add(r.Pos, "%s: unknown reference framework %q (known: %s)", what, r.Framework, strings.Join(Frameworks, ", "))
		case !KnownRef(r.Framework, r.ID):
			add(r.Pos, "%s: unknown %s reference %q", what, FrameworkName(r.Framework), r.ID)
		}
		if r.Basis != BasisCrosswalk && r.Basis != BasisAnalysis {
			add(r.Pos, "%s: reference %q: basis must be crosswalk or analysis, not %q", what, r.ID, r.Basis)
		}
	}
	if n := len(q.Criteria); n < 3 || n > 7 {
		add(q.Pos, "%s: needs 3 to 7 criteria, has %d", what, n)
	}
	ids := map[string]bool{}
	documented := 0
	for _, cr := range q.Criteria {
		cwhat := fmt.Sprintf("%s: criterion %q", what, cr.ID)
		switch {
		case cr.ID == "":
			add(cr.Pos, "%s: a criterion has no id", what)
		case !kebab().MatchString(cr.ID):
			add(cr.Pos, "%s: id must be short kebab-case (a-z, 0-9, dashes)", cwhat)
		case ids[cr.ID]:
			add(cr.Pos, "%s: duplicate criterion id", cwhat)
		}
		ids[cr.ID] = true
		if !validWeight(cr.Weight) {
			add(cr.Pos, "%s: weight must be a number from %v to %v, not %v", cwhat, MinWeight, MaxWeight, cr.Weight)
		}
		if cr.MaxAgeMonths < 0 || cr.MaxAgeMonths > 120 {
			add(cr.Pos, "%s: max-age-months must be from 0 to 120, not %d", cwhat, cr.MaxAgeMonths)
		}
		for _, old := range cr.Replaces {
			if !kebab().MatchString(old) {
				add(cr.Pos, "%s: replaces: %q is not a criterion id", cwhat, old)
			}
		}
		if cr.SameAs != "" {
			if cr.Text != "" || cr.NoEvent != "" || cr.Fix != "" || cr.Effort != "" || cr.Evidence != "" || cr.Ask != "" || cr.Documented {
				add(cr.Pos, "%s: a same-as criterion takes its text, no-event, fix, effort, evidence and ask from %s; remove them here", cwhat, cr.SameAs)
			}
			continue // the target is checked once all questions are known
		}
		if strings.TrimSpace(cr.Text) == "" {
			add(cr.Pos, "%s: text is missing", cwhat)
		}
		if strings.TrimSpace(cr.Fix) == "" {
			add(cr.Pos, "%s: fix is missing", cwhat)
		}
		if cr.Effort != EffortS && cr.Effort != EffortM && cr.Effort != EffortL {
			add(cr.Pos, "%s: effort must be S, M or L, not %q", cwhat, cr.Effort)
		}
		switch cr.Evidence {
		case EvidenceDocument, EvidencePractice, EvidenceRecord:
		case "":
			if requireEvidenceKind {
				add(cr.Pos, "%s: evidence is missing: say document, practice or record (what it takes to meet it)", cwhat)
			}
		default:
			add(cr.Pos, "%s: evidence must be document, practice or record, not %q", cwhat, cr.Evidence)
		}
		if cr.Documented {
			documented++
		}
	}
	if q.Documented && documented == 0 {
		add(q.Pos, "%s: requires documented information but no criterion is marked documented: true", what)
	}
	if !q.Documented && documented > 0 {
		add(q.Pos, "%s: has documented criteria but the question is not marked documented: true", what)
	}
}
