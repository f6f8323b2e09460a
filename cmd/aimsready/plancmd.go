package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newPlanCmd) }

// planWriters are the roadmap formats by name.
var planWriters = map[string]func(io.Writer, *report.Report) error{
	"text": func(w io.Writer, r *report.Report) error { return report.WritePlanText(w, r, 80) },
	"md":   report.WritePlanMarkdown,
	"csv":  report.WriteCSV,
	"json": report.WritePlanJSON,
}

func newPlanCmd(e *env) *cobra.Command {
	var format, asOf string
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "Print the roadmap: fixes by phase and workstream with effort totals",
		Long: `Print the roadmap of an answers file: every fix in phase order (1 Before
Stage 1, 2 Put into practice, 3 Operate and keep records) with its effort,
workstream, the clauses and controls it closes, and its plan (owner, due
date, status) when the answers file has a plan: entry for it.

Formats: text, md, csv, json. Overdue is judged on --as-of (default: the
assessment date, so the output depends only on the file).`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(_ *cobra.Command, args []string) error {
			write, ok := planWriters[format]
			if !ok {
				return usageError("unknown format %q for plan (use text, md, csv or json)", format)
			}
			if err := checkDate("--as-of", asOf); err != nil {
				return err
			}
			a, c, err := e.loadAnswers(args[0])
			if err != nil {
				return err
			}
			res := assess.Score(a, c)
			if asOf == "" {
				asOf = res.Date
			}
			assess.MarkOverdue(res, asOf)
			r := report.Build(res, c, report.Options{ToolVersion: Version})
			var buf bytes.Buffer
			if err := write(&buf, r); err != nil {
				return fmt.Errorf("plan: %w", err)
			}
			_, err = e.stdout.Write(buf.Bytes())
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, md, csv or json")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day overdue is judged on, `YYYY-MM-DD` (default: the assessment date)")
	return cmd
}
