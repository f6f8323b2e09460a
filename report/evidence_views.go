package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/internal/safetext"
)

// The outputs of `aimsready evidence check`, `list` and `requests`.

// EvidenceCheckSchema versions the JSON of `evidence check --format json`.
const EvidenceCheckSchema = "aimsready.evidence-check/v1"

type evidenceFindingJSON struct {
	ID       string `json:"id"`
	Location string `json:"location"`
	Line     int    `json:"line,omitempty"`
	Kind     string `json:"kind"`
	Detail   string `json:"detail"`
}

type evidenceCheckJSON struct {
	Schema     string                `json:"schema"`
	File       string                `json:"file"`
	AsOf       string                `json:"as_of"`
	OK         bool                  `json:"ok"`
	Items      int                   `json:"items"`
	Files      int                   `json:"files"`
	Verified   int                   `json:"verified"`
	URLs       int                   `json:"urls"`
	References int                   `json:"references"`
	Problems   []evidenceFindingJSON `json:"problems"`
	Warnings   []evidenceFindingJSON `json:"warnings"`
}

func findingsJSON(fs []assess.EvidenceFinding) []evidenceFindingJSON {
	out := []evidenceFindingJSON{}
	for _, f := range fs {
		out = append(out, evidenceFindingJSON{f.ID, f.Location, f.Line, f.Kind, f.Detail})
	}
	return out
}

// WriteEvidenceCheckJSON writes the check for scripts.
func WriteEvidenceCheckJSON(w io.Writer, ch *assess.EvidenceCheck) error {
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(evidenceCheckJSON{EvidenceCheckSchema, ch.File, ch.AsOf, ch.OK(), ch.Items, ch.Files, ch.Verified,
		ch.URLs, ch.References, findingsJSON(ch.Problems), findingsJSON(ch.Warnings)})
}

// WriteEvidenceCheckText writes the check for people: one line per
// problem naming the item, its location and what changed, then warnings,
// then a summary line.
func WriteEvidenceCheckText(w io.Writer, ch *assess.EvidenceCheck) error {
	p := &printer{w: w}
	for _, f := range ch.Problems {
		p.f("FAIL  %s  %s: %s\n", f.ID, orNone(f.Location), oneLine(f.Detail))
	}
	for _, f := range ch.Warnings {
		p.f("warn  %s  %s: %s\n", f.ID, orNone(f.Location), oneLine(f.Detail))
	}
	verdict := "ok"
	if !ch.OK() {
		verdict = fmt.Sprintf("%d problem(s)", len(ch.Problems))
	}
	p.f("%s: evidence check on %s: %s; %d item(s), %d of %d local file(s) verified, %d URL(s) and %d reference(s) not checkable offline",
		ch.File, orNone(ch.AsOf), verdict, ch.Items, ch.Verified, ch.Files, ch.URLs, ch.References)
	if n := len(ch.Warnings); n > 0 {
		p.f(", %d warning(s)", n)
	}
	p.f("\n")
	return p.err
}

// EvidenceCheckAnnotations turns the check into GitHub annotations at each
// item's line in the answers file: problems as errors, warnings as warnings.
func EvidenceCheckAnnotations(ch *assess.EvidenceCheck) []Annotation {
	var out []Annotation
	add := func(level string, f assess.EvidenceFinding) {
		out = append(out, Annotation{Level: level, File: ch.File, Line: f.Line,
			Title: "evidence " + f.ID + ": " + f.Kind, Msg: f.ID + " " + f.Location + ": " + oneLine(f.Detail)})
	}
	for _, f := range ch.Problems {
		add("error", f)
	}
	for _, f := range ch.Warnings {
		add("warning", f)
	}
	if len(out) == 0 {
		out = append(out, Annotation{Level: "notice", File: ch.File, Title: "aimsready evidence check",
			Msg: fmt.Sprintf("%d item(s) hold on %s; %d local file(s) verified", ch.Items, ch.AsOf, ch.Verified)})
	}
	return out
}

// EvidenceGate fails while the evidence check finds a missing, changed or
// expired item (score --fail-on-evidence).
func EvidenceGate(ch *assess.EvidenceCheck) Gate {
	g := Gate{ID: GateEvidence, Name: "evidence register holds on " + ch.AsOf}
	if ch.OK() {
		g.Message = fmt.Sprintf("evidence register holds on %s: %d of %d local file(s) verified", ch.AsOf, ch.Verified, ch.Files)
		return g
	}
	ids := make([]string, len(ch.Problems))
	var b strings.Builder
	for i, f := range ch.Problems {
		ids[i] = f.ID
		fmt.Fprintf(&b, "- %s %s: %s\n", f.ID, f.Location, oneLine(f.Detail))
	}
	g.Failed = true
	g.Message = fmt.Sprintf("%d evidence problem(s) on %s: %s", len(ids), ch.AsOf, strings.Join(ids, ", "))
	g.Detail = b.String()
	return g
}

// SortEvidence orders register entries for `evidence list`: "status"
// (requested, received, reviewed, then id), "date" (oldest first, undated
// last, then id), or "" to keep register order.
func SortEvidence(entries []EvidenceEntry, by string) error {
	rank := map[string]int{}
	for i, s := range assess.EvidenceStatuses {
		rank[string(s)] = i
	}
	switch by {
	case "", "register":
		return nil
	case "status":
		sort.SliceStable(entries, func(i, j int) bool {
			if a, b := rank[entries[i].Status], rank[entries[j].Status]; a != b {
				return a < b
			}
			return entries[i].ID < entries[j].ID
		})
	case "date":
		sort.SliceStable(entries, func(i, j int) bool {
			a, b := entries[i].Date, entries[j].Date
			switch {
			case a == b:
				return entries[i].ID < entries[j].ID
			case a == "":
				return false
			case b == "":
				return true
			}
			return a < b
		})
	default:
		return fmt.Errorf("unknown sort %q (use status or date)", by)
	}
	return nil
}

// WriteEvidenceListText writes the register as a table for a terminal.
//
// A local file found missing or changed (FileState) shows that word in the
// status column, with its status on the line below, and a footer names them
// followed by fileHint: what to run.
func WriteEvidenceListText(w io.Writer, entries []EvidenceEntry, asOf string, fileHint string) error {
	p := &printer{w: w}
	if len(entries) == 0 {
		p.f("The evidence register is empty. Add items with 'aimsready evidence add', or move the evidence references of an earlier answers file with 'aimsready evidence upgrade'.\n")
		return p.err
	}
	const indent = "         "
	p.f("%-8s %-10s  %-10s %-12s  %-8s  %s\n", "ID", "DATE", "STATUS", "SHA-256", "CURRENCY", "TITLE OR LOCATION")
	var troubled []string
	for _, e := range entries {
		cur := strings.ToLower(e.Mark())
		if cur == "" {
			cur = "current"
		}
		status := e.Status
		if e.FileProblem() {
			status = strings.ToUpper(e.FileState)
			troubled = append(troubled, e.ID)
		}
		p.f("%-8s %-10s  %-10s %-12s  %-8s  %s\n", e.ID, orDash(e.Date), status, orDash(e.HashPrefix()), cur, oneLine(firstOf(e.Title, e.Location)))
		if e.Title != "" && e.Location != "" && oneLine(e.Title) != oneLine(e.Location) { // said once
			p.f("%s\n", Wrap(oneLine(e.Location), 80, indent))
		}
		if e.FileProblem() {
			p.f("%s\n", Wrap(fileProblemLine(e), 80, indent))
		}
		if len(e.Supports) > 0 {
			p.f("%s\n", Wrap("supports "+strings.Join(e.Supports, ", "), 80, indent))
		}
		if e.Mark() != "" && e.Expires != "" {
			p.f("%s\n", Wrap("expires "+e.Expires+": "+e.ExpiryBasis, 80, indent))
		}
		if e.Undated {
			p.f("%s\n", Wrap("no date: it supports records that go stale with age", 80, indent))
		}
	}
	p.f("\n%d item(s); currency judged on %s.\n", len(entries), orNone(asOf))
	if len(troubled) > 0 {
		// The hint is not wrapped: it holds commands to copy.
		p.f("%d local file(s) missing, changed or unreadable: %s.\n%s\n", len(troubled), strings.Join(troubled, ", "), fileHint)
	}
	return p.err
}

// fileProblemLine says what is wrong with an entry's local file and what
// its status was.
func fileProblemLine(e EvidenceEntry) string {
	what := "its file"
	switch assess.FileState(e.FileState) {
	case assess.FileGone:
		what += " is missing"
	case assess.FileHasChanged:
		what += " changed since its hash was recorded"
	default:
		what += " cannot be read"
	}
	return what + " (status " + e.Status + ")"
}

// WriteEvidenceListCSV writes register entries as CSV.
func WriteEvidenceListCSV(w io.Writer, entries []EvidenceEntry) error {
	return writeEvidenceCSV(w, entries, true)
}

// WriteEvidenceListJSON writes register entries as JSON.
func WriteEvidenceListJSON(w io.Writer, entries []EvidenceEntry, asOf string) error {
	enc := json.NewEncoder(safetext.NewJSONWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if entries == nil {
		entries = []EvidenceEntry{}
	}
	return enc.Encode(struct {
		Schema string          `json:"schema"`
		AsOf   string          `json:"as_of"`
		Items  []EvidenceEntry `json:"items"`
	}{"aimsready.evidence-list/v1", asOf, entries})
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// RequestsHeader is the header row of the evidence request list CSV.
var RequestsHeader = []string{"question", "question_title", "criterion", "evidence_kind", "ask", "max_age_months", "state", "register_items", "also_for", "criterion_text"}

// WriteRequestsCSV writes the evidence request list, one row per criterion.
func WriteRequestsCSV(w io.Writer, reqs []assess.EvidenceRequest) error {
	cw := newCSV(w)
	if err := cw.Write(RequestsHeader); err != nil {
		return err
	}
	for _, r := range reqs {
		age := ""
		if r.MaxAgeMonths > 0 {
			age = strconv.Itoa(r.MaxAgeMonths)
		}
		if err := cw.Write([]string{csvSafe(r.Question), csvSafe(r.QuestionTitle), csvSafe(r.Criterion), string(r.Kind), csvSafe(r.Ask), age,
			r.State, csvSafe(strings.Join(r.Items, "; ")), csvSafe(strings.Join(r.Also, "; ")), csvSafe(r.Text)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// RequestsHeading says whose request list it is.
type RequestsHeading struct {
	Organization string
	Catalog      string
	Date         string
	All          bool // every criterion, not only those still to show
	FromAnswers  bool // drawn from an assessment, not the catalog alone
}

// WriteRequestsMarkdown writes the evidence request list as a checklist to
// send a client: per question, what to provide.
func WriteRequestsMarkdown(w io.Writer, reqs []assess.EvidenceRequest, h RequestsHeading) error {
	p := &printer{w: w}
	title := "Evidence request list"
	if h.Organization != "" {
		title += ": " + h.Organization
	}
	p.f("# %s\n\n", mdText(title))
	switch {
	case !h.FromAnswers:
		p.f("Everything catalog %s asks about, per question: what to send before the interviews. ", mdText(h.Catalog))
	case h.All:
		p.f("Every criterion of the assessment, per question, with where it stands. ")
	default:
		p.f("What is still to be shown, per question: criteria not met, not yet assessed, or reported met without reviewed evidence (claimed). ")
	}
	p.f("Send documents as they are in use (approved, dated, with their version); for records, the most recent ones within the age given.")
	if h.Date != "" {
		p.f(" Assessment date: %s.", mdText(h.Date))
	}
	p.f("\n\n")
	if len(reqs) == 0 {
		p.f("Nothing to request: every criterion reported as met is backed by reviewed, current evidence.\n\n")
	}
	last := ""
	for i, r := range reqs {
		if r.Question != last {
			p.f("## %s %s\n\n", mdText(r.Question), mdText(r.QuestionTitle))
			last = r.Question
		}
		p.f("- [ ] %s", mdText(r.Ask))
		var tags []string
		tags = append(tags, "`"+r.Criterion+"`", string(r.Kind))
		if r.MaxAgeMonths > 0 {
			tags = append(tags, fmt.Sprintf("no older than %d months", r.MaxAgeMonths))
		}
		if r.State != "" {
			tags = append(tags, r.State)
		}
		if len(r.Items) > 0 {
			tags = append(tags, "on file: "+mdText(strings.Join(r.Items, ", ")))
		}
		if len(r.Also) > 0 {
			tags = append(tags, "also for "+mdText(strings.Join(r.Also, ", ")))
		}
		p.f(" (%s)\n", strings.Join(tags, "; "))
		if i == len(reqs)-1 || reqs[i+1].Question != r.Question {
			p.f("\n")
		}
	}
	p.f("_Prepared with aimsready: a readiness estimate, not a certification or an audit._\n")
	return p.err
}
