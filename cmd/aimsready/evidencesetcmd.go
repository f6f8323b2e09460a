package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aimsready/aimsready/assess"
	"github.com/spf13/cobra"
)

type evidenceSetOptions struct {
	status, date, validUntil, owner, title, notes string
	supports                                      []string
}

func newEvidenceSetCmd(e *env) *cobra.Command {
	o := &evidenceSetOptions{}
	cmd := &cobra.Command{
		Use:   "set FILE ID [ID...] [--status S] [--supports QUESTION/criterion ...] [--date D] [--valid-until D] [--owner O] [--title T] [--notes N]",
		Short: "Change register items: mark them reviewed, add the criteria they support, correct their details",
		Long: `Change the register items ID... of the answers file FILE without editing
the YAML by hand: their status, the criteria they support (--supports adds
to what an item already supports), their date, valid-until, owner, title or
notes. An empty value (--valid-until "") clears a field.

Only reviewed items count towards evidence coverage: once you have read an
item and it shows what it supports, mark it with --status reviewed.

The change is checked as 'evidence add' checks a new item, and nothing is
saved unless every item named takes it. One line per item says what
changed; the file keeps its comments and layout.`,
		Example: `  aimsready evidence set answers.yaml E-003 --status reviewed
  aimsready evidence set answers.yaml E-001 --supports 5.2/communicated --supports 7.4/internal-topics-covered
  aimsready evidence set answers.yaml E-004 E-005 --status reviewed --date 2026-11-20 --owner "Risk office"`,
		Args: argsBetween(2, -1, "an answers file and one or more item ids"),
		RunE: func(c *cobra.Command, args []string) error { return runEvidenceSet(e, c, args[0], args[1:], o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.status, "status", "", "requested, received or reviewed")
	f.StringArrayVar(&o.supports, "supports", nil, "a criterion it also backs, `QUESTION/criterion` (repeat for several)")
	f.StringVar(&o.date, "date", "", "date of the document or record, `YYYY-MM-DD`")
	f.StringVar(&o.validUntil, "valid-until", "", "last day it holds, `YYYY-MM-DD`")
	f.StringVar(&o.owner, "owner", "", "who provides or owns it")
	f.StringVar(&o.title, "title", "", "what it is, for example \"AI policy v3\"")
	f.StringVar(&o.notes, "notes", "", "free text (replaces the notes)")
	return cmd
}

func runEvidenceSet(e *env, c *cobra.Command, path string, ids []string, o *evidenceSetOptions) error {
	var ch assess.EvidenceChange
	given := func(name string, v string) *string {
		if c.Flags().Changed(name) {
			return &v
		}
		return nil
	}
	if c.Flags().Changed("status") {
		st := assess.EvidenceStatus(o.status)
		if !validStatus(st) {
			return usageError("--status must be requested, received or reviewed, not %q", o.status)
		}
		ch.Status = &st
	}
	ch.Supports = o.supports
	ch.Date, ch.ValidUntil = given("date", o.date), given("valid-until", o.validUntil)
	ch.Owner, ch.Title, ch.Notes = given("owner", o.owner), given("title", o.title), given("notes", o.notes)
	if ch.Empty() {
		return usageError("evidence set needs a change: --status, --supports, --date, --valid-until, --owner, --title or --notes")
	}
	if err := checkDate("--date", o.date); err != nil {
		return err
	}
	if err := checkDate("--valid-until", o.validUntil); err != nil {
		return err
	}
	unlock, err := e.lockForSave(path)
	if err != nil {
		return err
	}
	defer unlock()
	a, cat, err := e.loadAnswers(path)
	if err != nil {
		return err
	}
	done, err := assess.SetEvidence(a, cat, ids, ch)
	if err != nil {
		hint := ""
		var ue *assess.UnknownEvidenceError
		if errors.As(err, &ue) && len(ue.Known) > 0 {
			hint = "the register's items and their ids: " + cite(e.command("evidence", "list", shellQuote(path)))
		} else if errors.As(err, &ue) {
			hint = "add an item first with " + cite(e.command("evidence", "add", shellQuote(path), "LOCATION", "--supports", "QUESTION/criterion"))
		}
		return inputError(err, hint)
	}
	changed := 0
	for _, u := range done {
		if len(u.Changes) == 0 {
			fmt.Fprintf(e.stdout, "%s: unchanged, already as asked\n", u.Item.ID)
			continue
		}
		changed++
		fmt.Fprintf(e.stdout, "%s: %s\n", u.Item.ID, strings.Join(u.Changes, "; "))
	}
	if changed == 0 {
		return nil
	}
	if err := assess.Save(path, a, cat); err != nil {
		return inputError(err, "check that the folder exists and is writable")
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", path)
	today := time.Now().Format("2006-01-02")
	for _, u := range done {
		it := u.Item
		if ch.Status == nil || it.Status != assess.EvidenceReviewed {
			continue // the warnings are for what is being marked reviewed now
		}
		switch assess.VerifyFile(path, it) {
		case assess.FileHasChanged, assess.FileGone:
			fmt.Fprintf(e.stderr, "aimsready: warning: %s is marked reviewed, but its file %s is missing or no longer matches its recorded SHA-256; %s shows what changed\n",
				it.ID, it.Location, cite(e.command("evidence", "check", shellQuote(path))))
		}
		if st := assess.JudgeEvidence(it, cat, today); st.Stale {
			fmt.Fprintf(e.stderr, "aimsready: warning: %s is stale (%s), so it does not count towards evidence coverage\n", it.ID, st.Basis)
		}
	}
	return nil
}

// reviewCommand is the command that marks an item reviewed, for hints.
func (e *env) reviewCommand(path, id string) string {
	return cite(e.command("evidence", "set", shellQuote(path), shellQuote(id), "--status", "reviewed"))
}
