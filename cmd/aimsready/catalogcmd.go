package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/aimsready/aimsready/catalog"
	"github.com/aimsready/aimsready/internal/safetext"
	"github.com/aimsready/aimsready/report"
	"github.com/aimsready/aimsready/report/oscal"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

func newCatalogCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "List, show, export and lint question catalogs",
		Args:  exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			return c.Help()
		},
	}
	var listFormat string
	list := &cobra.Command{
		Use:   "list",
		Short: "List every question in catalog order",
		Args:  exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			c, err := e.catalog()
			if err != nil {
				return err
			}
			return runCatalogList(e.stdout, c, listFormat)
		},
	}
	list.Flags().StringVar(&listFormat, "format", "text", "output format: text or json")

	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show one question in full: prompt, guidance, criteria and fixes",
		Args:  exactArgs(1, "a question id such as 6.1.2 or A.7.4"),
		RunE: func(_ *cobra.Command, args []string) error {
			c, err := e.catalog()
			if err != nil {
				return err
			}
			return runCatalogShow(e, c, args[0])
		},
	}

	var exportFormat, exportDate string
	export := &cobra.Command{
		Use:   "export",
		Short: "Print the whole catalog, to copy and extend as a custom catalog, or as OSCAL",
		Long: `Print the whole catalog: as YAML (to copy and extend as a custom catalog),
as JSON, or as an OSCAL 1.2.2 catalog for GRC tools (--format oscal): one
control per question with the standard's ids and short titles and aimsready's
own questions, guidance and criteria; the standard's text is not reproduced.

An OSCAL catalog records when it was last modified. For the built-in catalog
that is its release date; for a custom catalog pass --date YYYY-MM-DD.`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			c, err := e.catalog()
			if err != nil {
				return err
			}
			if exportFormat == "oscal" {
				return runCatalogExportOSCAL(e.stdout, c, exportDate, e.catalogPath == "")
			}
			return runCatalogExport(e.rawStdout, c, exportFormat /* data, byte for byte */, e.catalogPath == "")
		},
	}
	export.Flags().StringVar(&exportFormat, "format", "yaml", "output format: yaml, json or oscal")
	export.Flags().StringVar(&exportDate, "date", "", "date of the catalog version for --format oscal, `YYYY-MM-DD` (default for the built-in catalog: its release date)")

	var lintStrict bool
	lint := &cobra.Command{
		Use:   "lint [FILE]",
		Short: "Check a catalog (the built-in one without FILE) and list every problem with file:line:col",
		Long: "Check a catalog and list every problem with file:line:col; problems exit 2.\n" +
			"Warnings (hedge words such as \"where relevant\", fixes that do not start with a verb,\n" +
			"the same fix twice) are printed too; --strict makes them exit 1.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			var c *catalog.Catalog
			var err error
			name := catalog.BuiltinFile
			if len(args) == 1 {
				name = args[0]
				c, err = catalog.LoadFile(args[0])
			} else {
				c, err = catalog.Parse(catalog.BuiltinFile, catalog.BuiltinYAML())
			}
			if err != nil {
				return inputError(err, "")
			}
			warnings := c.Warnings()
			for _, w := range warnings {
				fmt.Fprintf(e.stderr, "warning: %s\n", w)
			}
			fmt.Fprintf(e.stdout, "%s: ok: catalog %s, %d sections, %d questions, %d warning(s)\n", name, c.Ident(), len(c.Sections), len(c.Questions()), len(warnings))
			if lintStrict && len(warnings) > 0 {
				return &gateError{reason: fmt.Sprintf("%d lint warning(s)", len(warnings))}
			}
			return nil
		},
	}
	lint.Flags().BoolVar(&lintStrict, "strict", false, "exit 1 when there are warnings")
	changes := &cobra.Command{
		Use:   "changes",
		Short: "Show the catalog's changelog: what changed in each question and why",
		Args:  exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			c, err := e.catalog()
			if err != nil {
				return err
			}
			return runCatalogChanges(e.stdout, c)
		},
	}
	cmd.AddCommand(list, show, export, lint, changes)
	return cmd
}

// catalogListItem is the JSON shape of `catalog list --format json`.
type catalogListItem struct {
	ID         string              `json:"id"`
	Title      string              `json:"title"`
	Section    string              `json:"section"`
	Kind       string              `json:"kind"`
	Weight     float64             `json:"weight"`
	Quick      bool                `json:"quick"`
	Documented bool                `json:"documented"`
	Roles      []catalog.Role      `json:"roles,omitempty"`
	Criteria   []catalogListCriter `json:"criteria"`
}

type catalogListCriter struct {
	ID         string  `json:"id"`
	Weight     float64 `json:"weight"`
	Documented bool    `json:"documented"`
	Effort     string  `json:"effort"`
}

func runCatalogList(w io.Writer, c *catalog.Catalog, format string) error {
	switch format {
	case "json":
		items := []catalogListItem{}
		for _, q := range c.Questions() {
			it := catalogListItem{ID: q.ID, Title: q.Title, Section: q.Section.ID, Kind: q.Kind(), Weight: q.Weight,
				Quick: q.Quick, Documented: q.Documented, Roles: q.Roles, Criteria: []catalogListCriter{}}
			for _, cr := range q.Criteria {
				it.Criteria = append(it.Criteria, catalogListCriter{cr.ID, cr.Weight, cr.Documented, string(cr.Effort)})
			}
			items = append(items, it)
		}
		enc := json.NewEncoder(safetext.NewJSONWriter(w))
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "text":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for i, s := range c.Sections {
			if i > 0 {
				fmt.Fprintln(tw)
			}
			label := "Clause " + s.ID
			if s.Kind == catalog.KindAnnex {
				label = "Annex " + s.ID
			}
			fmt.Fprintf(tw, "%s  %s\n", label, s.Title)
			for _, q := range s.Questions {
				var marks []string
				if q.Quick {
					marks = append(marks, "quick")
				}
				if q.Documented {
					marks = append(marks, "documented")
				}
				line := fmt.Sprintf("  %s\t%s\tweight %g\t%d criteria", q.ID, q.Title, q.Weight, len(q.Criteria))
				if len(marks) > 0 {
					line += "\t" + strings.Join(marks, ", ")
				}
				fmt.Fprintln(tw, line)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%d questions (%d clauses, %d controls) in catalog %s\n", len(c.Questions()), countKind(c, false), countKind(c, true), c.Ident())
		return nil
	}
	return usageError("unknown format %q for catalog list (use text or json)", format)
}

func countKind(c *catalog.Catalog, control bool) int {
	n := 0
	for _, q := range c.Questions() {
		if q.IsControl() == control {
			n++
		}
	}
	return n
}

func runCatalogShow(e *env, c *catalog.Catalog, id string) error {
	w := e.stdout
	id = strings.TrimSpace(id)
	if rest, ok := strings.CutPrefix(id, "a."); ok {
		id = "A." + rest // the same id typed in lower case
	}
	q := c.Question(id)
	if q == nil {
		hint := c.Suggest(id)
		if hint == "" {
			hint = "list the ids with " + cite(e.command("catalog", "list"))
		}
		return inputError(fmt.Errorf("no question %q in catalog %s", id, c.Ident()), hint)
	}
	const width = 78
	fmt.Fprintf(w, "%s  %s\n", q.ID, q.Title)
	fmt.Fprintf(w, "%s in section %s %s; weight %g", capitalize(q.Kind()), q.Section.ID, q.Section.Title, q.Weight)
	if q.Quick {
		fmt.Fprint(w, "; in the quick snapshot")
	}
	fmt.Fprintln(w)
	if q.Documented {
		fmt.Fprintln(w, "Requires documented information: a Stage 1 auditor will ask to see it.")
	}
	if len(q.Roles) > 0 {
		fmt.Fprintf(w, "Mostly concerns: %s of AI systems\n", catalog.JoinAnd(roleNames(q.Roles)))
	}
	for _, r := range catalog.Roles {
		if rw, ok := q.RoleWeights[r]; ok {
			fmt.Fprintf(w, "Weight %g for an organisation that is a %s of AI systems\n", rw, r)
		}
	}
	if len(q.Requires) > 0 {
		fmt.Fprintf(w, "Builds on: %s (their fixes come first)\n", catalog.JoinAnd(q.Requires))
	}
	fmt.Fprintf(w, "Workstream: %s\n", catalog.WorkstreamTitle(q.WorkstreamID()))
	fmt.Fprintf(w, "\nQuestion\n%s\n", report.Wrap(q.Prompt, width, "  "))
	fmt.Fprintf(w, "\nWhat an auditor looks for\n%s\n", report.Wrap(q.Guidance, width, "  "))
	fmt.Fprintf(w, "\nCriteria (evidence kind, weight, effort to fix)\n")
	for _, cr := range q.Criteria {
		var tags []string
		if cr.Evidence != "" {
			tags = append(tags, string(cr.Evidence))
		}
		tags = append(tags, fmt.Sprintf("weight %g", cr.Weight), "effort "+string(cr.Effort))
		if cr.Documented {
			tags = append(tags, "documented information")
		}
		if cr.BeforeStage2 {
			tags = append(tags, "needed before Stage 2")
		}
		if cr.MaxAgeMonths > 0 {
			tags = append(tags, fmt.Sprintf("stale after %d months", cr.MaxAgeMonths))
		}
		fmt.Fprintf(w, "  %s  (%s)\n", cr.ID, strings.Join(tags, ", "))
		if cr.SameAs != "" {
			fmt.Fprintf(w, "%s\n", report.Wrap("Same evidence as "+cr.SameAs+": answered there, counted here too.", width, "      "))
		}
		fmt.Fprintf(w, "%s\n", report.Wrap(cr.ForAssessor(), width, "      "))
		fmt.Fprintf(w, "%s\n", report.Wrap("Fix: "+cr.Fix, width, "      "))
		if cr.Ask != "" {
			fmt.Fprintf(w, "%s\n", report.Wrap("Ask for: "+cr.Ask, width, "      "))
		}
	}
	if len(q.Refs) > 0 {
		fmt.Fprintf(w, "\nCross-references (basis: crosswalk = published pairing, analysis = our reasoning)\n")
		for _, r := range q.Refs {
			title := catalog.RefTitle(r.Framework, r.ID)
			if title != "" {
				title = ": " + title
			}
			fmt.Fprintf(w, "  %s %s (%s)%s\n", catalog.FrameworkName(r.Framework), r.ID, r.Basis, title)
		}
	}
	return nil
}

func runCatalogExport(w io.Writer, c *catalog.Catalog, format string, builtin bool) error {
	switch format {
	case "yaml":
		if builtin {
			// The embedded source keeps its comments and layout.
			_, err := w.Write(catalog.BuiltinYAML())
			return err
		}
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(c); err != nil {
			return err
		}
		return enc.Close()
	case "json":
		enc := json.NewEncoder(safetext.NewJSONWriter(w))
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	return usageError("unknown format %q for catalog export (use yaml, json or oscal)", format)
}

func runCatalogExportOSCAL(w io.Writer, c *catalog.Catalog, date string, builtin bool) error {
	if date == "" && builtin {
		date = oscal.ReleaseDate(c.Ident())
	}
	if date == "" {
		return usageError("catalog export --format oscal needs --date YYYY-MM-DD for catalog %s: the date of this catalog version, which OSCAL records as its last modification", c.Ident())
	}
	var buf bytes.Buffer
	if err := oscal.WriteCatalog(&buf, c, date); err != nil {
		return inputError(err, "")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func roleNames(rs []catalog.Role) []string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runCatalogChanges(w io.Writer, c *catalog.Catalog) error {
	if len(c.Changes) == 0 {
		_, err := fmt.Fprintf(w, "catalog %s has no changelog\n", c.Ident())
		return err
	}
	for _, ch := range c.Changes {
		fmt.Fprintf(w, "%s %s\n", c.ID, ch.Version)
		if ch.Summary != "" {
			fmt.Fprintf(w, "%s\n", report.Wrap(ch.Summary, 78, "  "))
		}
		for _, qc := range ch.Questions {
			title := ""
			if q := c.Question(qc.ID); q != nil {
				title = " " + q.Title
			}
			fmt.Fprintf(w, "\n  %s%s\n%s\n", qc.ID, title, report.Wrap(qc.Change, 78, "    "))
		}
	}
	return nil
}
