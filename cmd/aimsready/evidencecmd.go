package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newEvidenceCmd) }

func newEvidenceCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "evidence",
		Short: "Keep the evidence register: add, set, check, list, request and upgrade evidence",
		Long: `Keep the evidence register of an answers file: what was seen, when, and
whether it still holds. A criterion reported met with no reviewed, current
evidence behind it is claimed; the score shows evidence coverage, the
weighted share of met criteria that evidence backs.

  evidence requests [FILE]      the request list to send a client
  evidence add FILE LOCATION    record a document, URL or reference
  evidence set FILE ID...       mark items reviewed, add what they support
  evidence list FILE            the register
  evidence check FILE           CI gate: files unchanged, nothing expired
  evidence rehash FILE [ID...]  record a new version of a local file
  evidence upgrade FILE         move earlier evidence references into the register`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.AddCommand(newEvidenceAddCmd(e), newEvidenceSetCmd(e), newEvidenceCheckCmd(e), newEvidenceListCmd(e), newEvidenceRequestsCmd(e),
		newEvidenceUpgradeCmd(e), newEvidenceRehashCmd(e))
	return cmd
}

type evidenceAddOptions struct {
	supports   []string
	id         string
	title      string
	date       string
	validUntil string
	owner      string
	status     string
	notes      string
	reference  bool
}

func newEvidenceAddCmd(e *env) *cobra.Command {
	o := &evidenceAddOptions{}
	cmd := &cobra.Command{
		Use:   "add FILE LOCATION --supports QUESTION/criterion [--supports ...]",
		Short: "Add an item to the evidence register: a local file (hashed), a URL or a reference",
		Long: `Add an item to the evidence register of the answers file FILE.

LOCATION is a local file, a URL (scheme://...) or, with --reference, a plain
reference such as "DMS: AIMS/Policies/AI policy v3". A local file must be a
regular file: its SHA-256 is computed by streaming it and its path is stored
relative to the answers file, so 'aimsready evidence check' can tell when it
changes. A directory, FIFO, device or symbolic link loop is refused at once.
URLs are recorded, never fetched.

Only items with status reviewed count towards evidence coverage. A record
with a maximum age in the catalog (a management review, an internal audit)
needs its --date to be judged current.`,
		Example: `  aimsready evidence add answers.yaml policies/ai-policy-v3.pdf --supports 5.2/policy-documented \
      --supports 5.2/approved-by-top-management --title "AI policy v3" --date 2026-09-14 --status reviewed
  aimsready evidence add answers.yaml "DMS: AIMS/Risk/Register" --reference --supports 6.1.2/method-documented`,
		Args: exactArgs(2, "an answers file", "a location"),
		RunE: func(_ *cobra.Command, args []string) error { return runEvidenceAdd(e, args[0], args[1], o) },
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.supports, "supports", nil, "a criterion it backs, `QUESTION/criterion` (repeat for several)")
	f.StringVar(&o.id, "id", "", "item `ID` (default: the next free E-nnn)")
	f.StringVar(&o.title, "title", "", "what it is, for example \"AI policy v3\"")
	f.StringVar(&o.date, "date", "", "date of the document or record, `YYYY-MM-DD`")
	f.StringVar(&o.validUntil, "valid-until", "", "last day it holds, `YYYY-MM-DD`")
	f.StringVar(&o.owner, "owner", "", "who provides or owns it")
	f.StringVar(&o.status, "status", string(assess.EvidenceReceived), "requested, received or reviewed")
	f.StringVar(&o.notes, "notes", "", "free text")
	f.BoolVar(&o.reference, "reference", false, "LOCATION is a reference to something not on this machine; record it as written")
	return cmd
}

func runEvidenceAdd(e *env, path, loc string, o *evidenceAddOptions) error {
	if len(o.supports) == 0 {
		return usageError("evidence add needs --supports QUESTION/criterion: the criteria the item backs ('aimsready catalog show QUESTION' lists them)")
	}
	if err := checkDate("--date", o.date); err != nil {
		return err
	}
	if err := checkDate("--valid-until", o.validUntil); err != nil {
		return err
	}
	status := assess.EvidenceStatus(o.status)
	if !validStatus(status) {
		return usageError("--status must be requested, received or reviewed, not %q", o.status)
	}
	if strings.TrimSpace(loc) == "" {
		return usageError("evidence add needs a location: a file, a URL, or a reference with --reference")
	}
	unlock, err := e.lockForSave(path)
	if err != nil {
		return err
	}
	defer unlock()
	a, c, err := e.loadAnswers(path)
	if err != nil {
		return err
	}
	item := assess.EvidenceItem{ID: o.id, Title: o.title, Date: o.date, ValidUntil: o.validUntil, Owner: o.owner,
		Status: status, Supports: o.supports, Notes: o.notes, Location: loc}
	what := "reference"
	switch {
	case assess.IsURL(loc):
		what = "URL, recorded, not fetched"
	case o.reference:
	default:
		if samePath(loc, path) {
			return inputError(fmt.Errorf("%s is the answers file itself; it cannot be its own evidence", loc), "")
		}
		sum, size, err := assess.HashFile(loc)
		if err != nil {
			hint := ""
			var fe *assess.FileError
			if errors.As(err, &fe) && fe.Problem == assess.FileMissing {
				hint = "check the path; to record something that is not a file on this machine, pass --reference"
			}
			return inputError(fmt.Errorf("evidence add: %w", err), hint)
		}
		item.Location, item.SHA256 = assess.LocationFor(path, loc), sum
		what = fmt.Sprintf("local file, %s, sha256 %s", humanSize(size), sum[:12])
	}
	added, err := assess.AddEvidence(a, c, item)
	if err != nil {
		hint := ""
		if prev := a.EvidenceAt(item.Location); prev != nil && o.id == "" {
			args := []string{"evidence", "set", shellQuote(path), shellQuote(prev.ID)}
			for _, s := range o.supports {
				args = append(args, "--supports", shellQuote(strings.TrimSpace(s)))
			}
			hint = "to add the criteria to " + prev.ID + ", run " + cite(e.command(args...))
		}
		return inputError(err, hint)
	}
	if err := assess.Save(path, a, c); err != nil {
		return inputError(err, "check that the folder exists and is writable")
	}
	fmt.Fprintf(e.stdout, "added %s: %s (%s), status %s, supports %s\n", added.ID, added.Location, what, added.Status, strings.Join(added.Supports, ", "))
	st := assess.JudgeEvidence(added, c, time.Now().Format("2006-01-02"))
	switch {
	case st.Undated:
		fmt.Fprintf(e.stderr, "aimsready: warning: %s has no --date, but it supports records that go stale with age; add its date so its currency can be judged\n", added.ID)
	case st.Stale:
		fmt.Fprintf(e.stderr, "aimsready: warning: %s is stale already: %s\n", added.ID, st.Basis)
	}
	if added.Status != assess.EvidenceReviewed {
		fmt.Fprintf(e.stderr, "it counts towards evidence coverage once reviewed: when you have reviewed it, run %s\n", e.reviewCommand(path, added.ID))
	}
	return nil
}

func validStatus(s assess.EvidenceStatus) bool {
	for _, k := range assess.EvidenceStatuses {
		if s == k {
			return true
		}
	}
	return false
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func newEvidenceCheckCmd(e *env) *cobra.Command {
	var asOf, format string
	cmd := &cobra.Command{
		Use:   "check FILE",
		Short: "Check the evidence register: local files unchanged, nothing expired (a CI gate)",
		Long: `Check the evidence register of an answers file on --as-of (default today):
every local file exists, is a regular file and matches its SHA-256, and no
item is past its valid-until date or older than the maximum age the catalog
gives for the records it supports. Items expiring within 30 days, records
with no date, and local files with no recorded hash are warned.

Each problem names the item, its location and what changed. URLs and plain
references are counted, never fetched.

Exit codes: 0 everything holds, 1 something is missing, changed or expired,
2 bad input. Formats: text, json, github (annotations at each item's line).`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			var write func(io.Writer, *assess.EvidenceCheck) error
			switch format {
			case "text":
				write = report.WriteEvidenceCheckText
			case "json":
				write = report.WriteEvidenceCheckJSON
			case "github":
				write = func(w io.Writer, ch *assess.EvidenceCheck) error {
					return report.WriteAnnotations(w, report.EvidenceCheckAnnotations(ch))
				}
			default:
				return usageError("unknown format %q for evidence check (use text, json or github)", format)
			}
			if err := checkDate("--as-of", asOf); err != nil {
				return err
			}
			if asOf == "" {
				asOf = time.Now().Format("2006-01-02")
			}
			a, c, err := e.loadAnswersWarn(args[0], e.warner(format == "github"))
			if err != nil {
				return err
			}
			ch := assess.CheckEvidence(args[0], a, c, asOf)
			if err := write(e.stdout, ch); err != nil {
				return err
			}
			if !ch.OK() {
				return &gateError{reason: report.EvidenceGate(ch).Message}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day currency is judged on, `YYYY-MM-DD` (default today)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or github")
	return cmd
}

func newEvidenceListCmd(e *env) *cobra.Command {
	var sortBy, format, asOf string
	cmd := &cobra.Command{
		Use:   "list FILE",
		Short: "List the evidence register, sorted by status or date",
		Long: `List the evidence register of an answers file: id, date, status, hash
prefix, currency (stale, expired, expiring or undated on --as-of, default
today), title or location and the criteria each item supports.

Local files are hashed (by streaming) and compared with their recorded
SHA-256: one that is missing or changed shows MISSING or CHANGED in the
status column (file_state in csv and json), and 'aimsready evidence check'
says what changed.

--sort status lists requested, received, then reviewed items; --sort date
the oldest first, undated last. Formats: text, csv, json.`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "text" && format != "csv" && format != "json" {
				return usageError("unknown format %q for evidence list (use text, csv or json)", format)
			}
			if sortBy != "status" && sortBy != "date" && sortBy != "" {
				return usageError("unknown sort %q for evidence list (use status or date)", sortBy)
			}
			if err := checkDate("--as-of", asOf); err != nil {
				return err
			}
			if asOf == "" {
				asOf = time.Now().Format("2006-01-02")
			}
			a, c, err := e.loadAnswers(args[0])
			if err != nil {
				return err
			}
			entries := []report.EvidenceEntry{}
			for _, st := range assess.JudgeRegister(a, c, asOf) {
				entry := report.EvidenceEntryOf(st)
				entry.FileState = string(assess.VerifyFile(args[0], st.Item))
				entries = append(entries, entry)
			}
			if err := report.SortEvidence(entries, sortBy); err != nil {
				return usageError("%v", err)
			}
			var buf bytes.Buffer
			switch format {
			case "text":
				q := shellQuote(args[0])
				hint := "See what changed with " + cite(e.command("evidence", "check", q)) + ";\nrecord a new version that is the right one with " +
					cite(e.command("evidence", "rehash", q, "ID")) + "."
				err = report.WriteEvidenceListText(&buf, entries, asOf, hint)
			case "csv":
				err = report.WriteEvidenceListCSV(&buf, entries)
			case "json":
				err = report.WriteEvidenceListJSON(&buf, entries, asOf)
			}
			if err != nil {
				return err
			}
			_, err = e.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&sortBy, "sort", "", "order: status or date (default: register order)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, csv or json")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day currency is judged on, `YYYY-MM-DD` (default today)")
	return cmd
}

func newEvidenceRequestsCmd(e *env) *cobra.Command {
	var format string
	var all bool
	cmd := &cobra.Command{
		Use:   "requests [FILE]",
		Short: "Print the evidence request list to send a client, from the catalog",
		Long: `Print the evidence request list a consultant sends a client before the
interviews: per question, what to provide for each criterion, from the
catalog's "what to ask for".

With an answers file it lists only what is still to be shown: criteria not
met, not yet assessed, or reported met without reviewed evidence (claimed),
each with the register items already on file; --all lists every criterion
with its state. Without a file it lists the whole catalog.

Formats: md (a checklist to send), csv (for a tracker).`,
		Args: argsBetween(0, 1, "at most one answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "md" && format != "markdown" && format != "csv" {
				return usageError("unknown format %q for evidence requests (use md or csv)", format)
			}
			var a *assess.Answers
			var c *catalog.Catalog
			var err error
			h := report.RequestsHeading{All: all}
			if len(args) == 1 {
				if a, c, err = e.loadAnswers(args[0]); err != nil {
					return err
				}
				h.Organization, h.Date, h.FromAnswers = a.Organization, a.Date, true
			} else if c, err = e.catalog(); err != nil {
				return err
			}
			h.Catalog = c.Ident()
			reqs := assess.EvidenceRequests(a, c, all)
			var buf bytes.Buffer
			if format == "csv" {
				err = report.WriteRequestsCSV(&buf, reqs)
			} else {
				err = report.WriteRequestsMarkdown(&buf, reqs, h)
			}
			if err != nil {
				return err
			}
			_, err = e.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "output format: md or csv")
	cmd.Flags().BoolVar(&all, "all", false, "list every criterion, also those already evidenced")
	return cmd
}

func newEvidenceUpgradeCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "upgrade FILE",
		Short: "Move the evidence references written under questions into the register",
		Long: `Move the evidence references that earlier versions wrote under each
question (evidence: [...]) into the evidence register, losing nothing:

- each distinct reference becomes one item with the next free id (E-001,
  ...), its location the reference as written; one named under several
  questions is one item backing them all;
- it supports the criteria of its questions that are met; when none is met
  it supports nothing yet and its notes say so; its notes always name the
  questions it came from;
- a reference that names a regular file (relative to the answers file, or
  an absolute path) gets its SHA-256, so 'evidence check' can verify it;
- every item's status is received: mark what you have reviewed with
  'aimsready evidence set FILE ID --status reviewed'.

The file is rewritten atomically (or written to -o).`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			path := args[0]
			dest := path
			if out != "" {
				dest = out
			}
			unlock, err := e.lockForSave(dest)
			if err != nil {
				return err
			}
			defer unlock()
			a, c, err := e.loadAnswers(path)
			if err != nil {
				return err
			}
			ups := assess.UpgradeEvidence(a, c, path)
			if len(ups) == 0 {
				fmt.Fprintf(e.stderr, "%s: no evidence references under questions; nothing to upgrade\n", path)
				return nil
			}
			for _, up := range ups {
				kind := "reference"
				switch {
				case up.Hashed:
					kind = "local file, sha256 " + up.Item.SHA256[:12]
				case assess.IsURL(up.Item.Location):
					kind = "URL"
				}
				sup := "supports nothing yet"
				if len(up.Item.Supports) > 0 {
					sup = "supports " + strings.Join(up.Item.Supports, ", ")
				}
				fmt.Fprintf(e.stdout, "%s  %s (%s), %s\n", up.Item.ID, up.Item.Location, kind, sup)
			}
			if err := assess.Save(dest, a, c); err != nil {
				return inputError(err, "check that the folder exists and is writable")
			}
			fmt.Fprintf(e.stderr, "wrote %s: %d evidence reference(s) moved into the register as received; mark those you have reviewed with %s\n", dest, len(ups),
				cite(e.command("evidence", "set", shellQuote(dest), "ID", "--status", "reviewed")))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the upgraded answers to `OUT` instead of FILE")
	return cmd
}

func newEvidenceRehashCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "rehash FILE [ID...]",
		Short: "Record the current SHA-256 of local evidence files (a new version)",
		Long: `Record the current SHA-256 of the local files of the items named, or of
every item with a recorded hash. Use it when a document was legitimately
replaced by a new version. A reviewed item whose file changed goes back to
received: the new version has not been reviewed yet ('aimsready evidence set
FILE ID --status reviewed' marks it once it is). Naming an item whose
location is a local file without a hash records its hash.`,
		Args: argsBetween(1, -1, "an answers file and item ids"),
		RunE: func(_ *cobra.Command, args []string) error {
			path := args[0]
			unlock, err := e.lockForSave(path)
			if err != nil {
				return err
			}
			defer unlock()
			a, c, err := e.loadAnswers(path)
			if err != nil {
				return err
			}
			done, err := assess.RehashEvidence(a, path, args[1:])
			if err != nil {
				return inputError(err, "")
			}
			changed := 0
			for _, rh := range done {
				switch {
				case !rh.Changed:
					fmt.Fprintf(e.stdout, "%s  %s: unchanged\n", rh.Item.ID, rh.Item.Location)
				case rh.Old == "":
					changed++
					fmt.Fprintf(e.stdout, "%s  %s: hash recorded (%s)\n", rh.Item.ID, rh.Item.Location, rh.Item.SHA256[:12])
				default:
					changed++
					msg := fmt.Sprintf("%s  %s: new version recorded (%s, was %s)", rh.Item.ID, rh.Item.Location, rh.Item.SHA256[:12], rh.Old[:12])
					if rh.Unreviewed {
						msg += "; status back to received until it is reviewed: " + e.reviewCommand(path, rh.Item.ID)
					}
					fmt.Fprintln(e.stdout, msg)
				}
			}
			if changed == 0 {
				return nil
			}
			if err := assess.Save(path, a, c); err != nil {
				return inputError(err, "check that the folder exists and is writable")
			}
			fmt.Fprintf(e.stderr, "wrote %s\n", path)
			return nil
		},
	}
}

// argsBetween accepts from min to max arguments, with the usage-error exit
// code and a message a non-programmer can read.
func argsBetween(min, max int, names string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) >= min && (max < 0 || len(args) <= max) {
			return nil
		}
		return &cliError{code: exitBadInput, err: fmt.Errorf("%s takes %s, got %d argument(s)", c.CommandPath(), names, len(args)), hint: "usage: " + c.UseLine()}
	}
}
