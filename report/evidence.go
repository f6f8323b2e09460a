package report

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
)

// EvidenceRegister is the answers file's evidence register as judged on
// the assessment date, so a report depends only on the file.
type EvidenceRegister struct {
	AsOf      string          `json:"as_of"`
	Items     []EvidenceEntry `json:"items"`
	Requested int             `json:"requested"`
	Received  int             `json:"received"`
	Reviewed  int             `json:"reviewed"`
	Stale     int             `json:"stale"`   // not current: stale by age or expired
	Expired   int             `json:"expired"` // past valid-until; counted in Stale too
	Expiring  int             `json:"expiring"`
	// Claimed counts the criteria reported met that no reviewed, current
	// item backs.
	Claimed int `json:"claimed"`
}

// EvidenceEntry is one register item.
type EvidenceEntry struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Location string `json:"location"`
	Kind     string `json:"kind"` // file, url or reference
	SHA256   string `json:"sha256"`
	Date     string `json:"date"`
	// ValidUntil is as recorded; Expires is the last day it holds, from
	// valid-until or the catalog's maximum age, with ExpiryBasis saying why.
	ValidUntil  string   `json:"valid_until"`
	Expires     string   `json:"expires"`
	ExpiryBasis string   `json:"expiry_basis"`
	Owner       string   `json:"owner"`
	Status      string   `json:"status"`
	Supports    []string `json:"supports"`
	Notes       string   `json:"notes"`
	Stale       bool     `json:"stale"` // not current on the day judged, for whatever reason
	// Expired is set when the item is stale because it is past its
	// valid-until, what 'evidence check' calls expired; a stale item that
	// is not expired is too old for the records it supports.
	Expired  bool `json:"expired"`
	Expiring bool `json:"expiring"`
	Undated  bool `json:"undated"` // supports a record with a maximum age but has no date
	Counts   bool `json:"counts"`  // reviewed and current: it backs what it supports
	// FileState is how a local file stands against its recorded hash
	// (verified, changed, missing, unreadable), set only by `evidence
	// list`, which hashes the files; reports depend on the answers file
	// alone and leave it out.
	FileState string `json:"file_state,omitempty"`
}

// FileProblem reports whether the entry's local file was found missing,
// changed or unreadable.
func (e EvidenceEntry) FileProblem() bool {
	return e.FileState != "" && e.FileState != string(assess.FileVerified)
}

// HashPrefix is the first 12 hex digits of the hash, enough to tell
// versions apart in a table; "" when none is recorded.
func (e EvidenceEntry) HashPrefix() string {
	if len(e.SHA256) > 12 {
		return e.SHA256[:12]
	}
	return e.SHA256
}

// Mark is the entry's currency in a word: EXPIRED, STALE, EXPIRING,
// UNDATED or "".
func (e EvidenceEntry) Mark() string {
	switch {
	case e.Expired:
		return "EXPIRED"
	case e.Stale:
		return "STALE"
	case e.Expiring:
		return "EXPIRING"
	case e.Undated:
		return "UNDATED"
	}
	return ""
}

// CurrencyDate is the date that goes with the entry's currency, in words:
// "on 2026-10-31" for an expired item (its valid-until), "since
// 2026-06-13" for one stale by age (the first day it no longer holds), and
// "until DATE" for any other item that expires; "" when none does.
func (e EvidenceEntry) CurrencyDate() string {
	switch {
	case e.Expires == "":
		return ""
	case e.Expired:
		return "on " + e.Expires
	case e.Stale:
		if d, err := time.Parse("2006-01-02", e.Expires); err == nil {
			return "since " + d.AddDate(0, 0, 1).Format("2006-01-02")
		}
		return "after " + e.Expires
	}
	return "until " + e.Expires
}

// StaleByAge counts the items stale because they are too old, not expired.
func (reg EvidenceRegister) StaleByAge() int { return reg.Stale - reg.Expired }

// Label names the entry in one line: "E-001 AI policy v1.3 (reviewed)",
// with its mark when stale or expiring.
func (e EvidenceEntry) Label() string {
	name := e.Title
	if strings.TrimSpace(name) == "" {
		name = e.Location
	}
	s := e.ID + " " + name + " (" + e.Status
	if m := e.Mark(); m != "" {
		s += ", " + strings.ToLower(m)
	}
	return s + ")"
}

// EvidenceEntryOf turns a judged item into a report entry.
func EvidenceEntryOf(st assess.EvidenceState) EvidenceEntry {
	it := st.Item
	return EvidenceEntry{
		ID: it.ID, Title: strings.TrimSpace(it.Title), Location: it.Location, Kind: string(it.Kind()), SHA256: it.SHA256,
		Date: it.Date, ValidUntil: it.ValidUntil, Expires: st.Expires, ExpiryBasis: st.Basis, Owner: it.Owner,
		Status: string(it.Status), Supports: nonNil(it.Supports), Notes: strings.TrimSpace(it.Notes),
		Stale: st.Stale, Expired: st.Expired, Expiring: st.Expiring, Undated: st.Undated, Counts: st.Counts,
	}
}

func buildEvidence(res *assess.Result) EvidenceRegister {
	reg := EvidenceRegister{AsOf: res.Date, Items: []EvidenceEntry{}}
	for _, st := range res.Evidence {
		e := EvidenceEntryOf(st)
		switch assess.EvidenceStatus(e.Status) {
		case assess.EvidenceRequested:
			reg.Requested++
		case assess.EvidenceReceived:
			reg.Received++
		case assess.EvidenceReviewed:
			reg.Reviewed++
		}
		if e.Stale {
			reg.Stale++
		}
		if e.Expired {
			reg.Expired++
		}
		if e.Expiring {
			reg.Expiring++
		}
		reg.Items = append(reg.Items, e)
	}
	for _, q := range res.Questions {
		reg.Claimed += len(q.Claimed)
	}
	return reg
}

// labels returns the one-line labels of the register items with the given
// ids, in the order given.
func (reg EvidenceRegister) labels(ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, e := range reg.Items {
			if e.ID == id {
				out = append(out, e.Label())
				break
			}
		}
	}
	return out
}

// questionEvidence is what a question's detail lists as evidence: the
// register items backing its criteria, then references named under the
// question itself.
func questionEvidence(r *Report, q Question) []string {
	return append(r.Evidence.labels(q.EvidenceItems), q.Evidence...)
}

// EvidenceCSVHeader is the header row of the evidence register CSV.
var EvidenceCSVHeader = []string{"id", "title", "location", "kind", "sha256", "date", "valid_until", "expires", "owner", "status", "supports", "stale", "expired", "expiring", "undated", "counts", "notes"}

// WriteEvidenceCSV writes the evidence register, one row per item, with
// formula-like cells defused as in the fix list.
func WriteEvidenceCSV(w io.Writer, r *Report) error {
	return writeEvidenceCSV(w, r.Evidence.Items, false)
}

// writeEvidenceCSV writes the register; withFile adds the file_state
// column that `evidence list` fills in.
func writeEvidenceCSV(w io.Writer, items []EvidenceEntry, withFile bool) error {
	cw := newCSV(w)
	header := EvidenceCSVHeader
	if withFile {
		header = append(slices.Clip(header), "file_state")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, e := range items {
		row := []string{
			csvSafe(e.ID), csvSafe(e.Title), csvSafe(e.Location), e.Kind, e.SHA256, csvSafe(e.Date), csvSafe(e.ValidUntil),
			csvSafe(e.Expires), csvSafe(e.Owner), e.Status, csvSafe(strings.Join(e.Supports, "; ")),
			strconv.FormatBool(e.Stale), strconv.FormatBool(e.Expired), strconv.FormatBool(e.Expiring), strconv.FormatBool(e.Undated), strconv.FormatBool(e.Counts),
			csvSafe(e.Notes),
		}
		if withFile {
			row = append(row, e.FileState)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteEvidenceMarkdown writes the evidence register alone (report --part
// evidence).
func WriteEvidenceMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	writeMarkdownEvidence(p, r)
	p.f("_%s_\n", mdText(r.Disclaimer))
	return p.err
}

// writeMarkdownEvidence writes the register section of the report.
func writeMarkdownEvidence(p *printer, r *Report) {
	reg := r.Evidence
	p.f("## Evidence register\n\n")
	if len(reg.Items) == 0 {
		p.f("The answers file has no evidence register yet, so every criterion reported as met is a claim. 'aimsready evidence add' records evidence; 'aimsready evidence upgrade' turns the evidence references of earlier answers files into register items.\n\n")
		return
	}
	p.f("%d items: %d reviewed, %d received, %d requested. Judged on %s (the assessment date): %d stale (too old for the records they support), %d expired (past their valid-until), %d expiring within %d days. %d criteria reported as met have no reviewed, current evidence (claimed). Only reviewed items that are neither stale nor expired count towards evidence coverage.\n\n",
		len(reg.Items), reg.Reviewed, reg.Received, reg.Requested, mdText(orDash(reg.AsOf)), reg.StaleByAge(), reg.Expired, reg.Expiring, assess.ExpiryWarningDays, reg.Claimed)
	p.f("| Id | Title and location | Date | Status | SHA-256 | Supports | Currency |\n|---|---|---|---|---|---|---|\n")
	for _, e := range reg.Items {
		what := mdText(e.Title)
		if e.Location != "" {
			if what != "" {
				what += " · " // not <br>: pandoc drops raw HTML on the way to Word
			}
			what += mdText(e.Location)
		}
		cur := "current"
		switch {
		case e.Mark() != "":
			cur = "**" + e.Mark() + "**"
		case e.Expires == "":
			cur = "no expiry"
		}
		if d := e.CurrencyDate(); d != "" && e.Stale {
			cur += " " + mdText(d) // STALE since, EXPIRED on
		} else if d != "" {
			cur += " (" + mdText(d) + ")"
		}
		hash := "—"
		if e.SHA256 != "" {
			hash = "`" + e.HashPrefix() + "`"
		}
		p.f("| %s | %s | %s | %s | %s | %s | %s |\n", mdText(e.ID), orDash(what), mdCell(e.Date), e.Status, hash,
			mdList(e.Supports), cur)
	}
	p.f("\n")
}
