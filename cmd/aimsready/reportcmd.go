package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/report"
	"github.com/aimsready/aimsready/report/oscal"
	"github.com/spf13/cobra"
)

func init() { extraCommands = append(extraCommands, newReportCmd) }

type reportOptions struct {
	format  string
	out     string
	top     int
	part    string
	asOf    string
	summary bool
	brand   brandFlags
}

// partWriters are the formats of the report's parts that stand alone.
var partWriters = map[string]map[string]func(io.Writer, *report.Report) error{
	"soa":      {"md": report.WriteSoAMarkdown, "csv": report.WriteSoACSV},
	"evidence": {"md": report.WriteEvidenceMarkdown, "csv": report.WriteEvidenceCSV},
}

// reportWriters are the report formats by name.
var reportWriters = map[string]func(io.Writer, *report.Report) error{
	"md":   report.WriteMarkdown,
	"pdf":  report.WritePDF,
	"csv":  report.WriteCSV,
	"json": report.WriteJSON,
	"xlsx": report.WriteXLSX,
	// OSCAL 1.2.2 JSON for GRC tools: assessment results and the plan of
	// action (POA&M).
	"oscal":      oscal.WriteAssessmentResults,
	"oscal-poam": oscal.WritePOAM,
}

// binaryFormats are the report formats that are not text, by what they
// are called in a message.
var binaryFormats = map[string]string{"pdf": "a PDF", "xlsx": "an Excel workbook"}

// reportFormatByExt maps an output file extension to its format.
var reportFormatByExt = map[string]string{
	".md": "md", ".markdown": "md", ".pdf": "pdf", ".csv": "csv", ".json": "json", ".xlsx": "xlsx",
}

func newReportCmd(e *env) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report FILE",
		Short: "Write the gap-analysis report: Markdown, PDF, Excel workbook, CSV fix list, JSON or OSCAL",
		Long: `Write the gap-analysis report for an answers file: cover, executive
summary, section-by-section detail, prioritized fix list, Statement of
Applicability, cross-framework view and method.

Formats:
  md    Markdown; renders on GitHub and in CI job summaries
  pdf   PDF to hand over, with a title page and a chart of section scores
  csv   the prioritized fix list, one row per fix, for spreadsheets and
        issue trackers
  xlsx  Excel workbook to run remediation in: summary, roadmap with owner,
        due date and status columns, Statement of Applicability, evidence
  json  the whole report for scripts (schema aimsready.report/v2)
  oscal       OSCAL 1.2.2 assessment results, for GRC tools: one finding
              per assessed question, one observation per criterion
  oscal-poam  OSCAL 1.2.2 plan of action and milestones: one item per fix

With --summary, the PDF is one page for the board: verdict, scores, the top
five gaps, the roadmap phases.

The consultant's part of the answers file (commentary, engagement record,
branding) appears in the PDF, Markdown and workbook. The branding flags
override the file's branding section for one run.

The format follows the extension of -o (.md, .pdf, .xlsx, .csv, .json) unless
--format is given; the OSCAL formats always need --format. Without -o the report goes to standard output, as
Markdown unless --format says otherwise; a PDF or workbook is not written to
a terminal unless you pass -o - (a pipe or a redirect gets it). Files are
written atomically, and the same answers always give the same bytes.

The report is a readiness estimate, not a certification or an audit.`,
		Example: `  aimsready report answers.yaml -o report.pdf
  aimsready report answers.yaml -o gap.xlsx
  aimsready report answers.yaml --summary -o board.pdf
  aimsready report answers.yaml --draft --doc-version 0.9 -o report.pdf
  aimsready report answers.yaml --format csv -o fixes.csv
  aimsready report answers.yaml --format oscal -o aimsready-assessment-results.oscal.json
  aimsready report answers.yaml >> "$GITHUB_STEP_SUMMARY"`,
		Args: exactArgs(1, "an answers file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(e, args[0], o, cmd.Flags().Changed("format"))
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "", "output `FORMAT`: md, pdf, xlsx, csv, json, oscal or oscal-poam (default: from the -o extension, else md)")
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write the report to `OUT` instead of standard output")
	cmd.Flags().IntVar(&o.top, "top", 10, "number of fixes in the executive summary")
	cmd.Flags().StringVar(&o.part, "part", "", "write one part alone: soa (the draft Statement of Applicability) or evidence (the evidence register), md or csv")
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "the day planned fixes are judged overdue on, `YYYY-MM-DD` (default: the assessment date)")
	cmd.Flags().BoolVar(&o.summary, "summary", false, "write the one-page summary for the board (PDF only)")
	o.brand.register(cmd)
	return cmd
}

func runReport(e *env, path string, o *reportOptions, formatSet bool) error {
	if o.top < 1 {
		return usageError("--top must be at least 1, not %d", o.top)
	}
	toStdout := o.out == "" || o.out == "-"
	format, err := reportFormat(e, path, o, formatSet, toStdout)
	if err != nil {
		return err
	}
	// A binary format would fill the terminal with bytes. An explicit
	// -o - still writes it, as does standard output that is not a terminal.
	if name, binary := binaryFormats[format]; binary && o.out == "" && o.part == "" && isTerminal(e.rawStdout) {
		args := []string{"report", shellQuote(path)}
		if o.summary {
			args = append(args, "--summary")
		}
		return &cliError{code: exitBadInput, err: fmt.Errorf("refusing to write %s to the terminal", name),
			hint: "write it to a file: " + cite(e.command(append(args, "-o", "report."+format)...))}
	}
	if !toStdout && samePath(o.out, path) {
		return inputError(fmt.Errorf("refusing to write the report over the answers file %s", path),
			"choose another output file, for example -o report."+format)
	}
	if !toStdout {
		if err := e.notOverCatalog(o.out, "the report"); err != nil {
			return err
		}
	}

	a, c, err := e.loadAnswers(path)
	if err != nil {
		return err
	}

	write := reportWriters[format]
	if o.part != "" {
		parts, ok := partWriters[o.part]
		if !ok {
			return usageError("unknown part %q (use soa or evidence)", o.part)
		}
		if write, ok = parts[format]; !ok {
			return usageError("the %s part is written as md or csv, not %s", o.part, format)
		}
	}
	if o.summary {
		if format != "pdf" || o.part != "" {
			return usageError("--summary writes a one-page PDF; use it with -o FILE.pdf or --format pdf, without --part")
		}
		write = report.WritePDFSummary
	}
	if err := checkDate("--as-of", o.asOf); err != nil {
		return err
	}
	// Only the PDF draws the logo: other formats do not need the file.
	branding, err := o.brand.apply(a.Branding, path, format == "pdf")
	if err != nil {
		return err
	}
	res := assess.Score(a, c)
	asOf := o.asOf
	if asOf == "" {
		asOf = res.Date // the output depends only on the file
	}
	assess.MarkOverdue(res, asOf)
	r := report.Build(res, c, report.Options{Top: o.top, ToolVersion: Version,
		Commentary: a.Commentary, Engagement: a.Engagement, Branding: branding})
	// Render completely before writing, so a failure never leaves a
	// partial report behind.
	var buf bytes.Buffer
	if err := write(&buf, r); err != nil {
		if strings.HasPrefix(format, "oscal") {
			return inputError(fmt.Errorf("%s: %w", path, err), "")
		}
		return err
	}
	if toStdout {
		out := e.stdout
		if _, binary := binaryFormats[format]; binary {
			out = e.rawStdout // byte for byte: the text filter would break a PDF or a zip
		}
		_, err := out.Write(buf.Bytes())
		return err
	}
	if err := assess.WriteFileAtomic(o.out, buf.Bytes(), 0o644); err != nil {
		return inputError(err, "check that the folder exists and is writable")
	}
	fmt.Fprintf(e.stderr, "wrote %s\n", o.out)
	return nil
}

// reportFormat decides the format: --format wins, else the -o extension,
// else Markdown.
func reportFormat(e *env, answers string, o *reportOptions, formatSet, toStdout bool) (string, error) {
	ext := strings.ToLower(filepath.Ext(o.out))
	byExt, extKnown := reportFormatByExt[ext]
	if formatSet {
		f := strings.ToLower(strings.TrimSpace(o.format))
		if f == "markdown" {
			f = "md"
		}
		if _, ok := reportWriters[f]; !ok {
			return "", usageError("unknown format %q for report (use md, pdf, xlsx, csv, json, oscal or oscal-poam)", o.format)
		}
		oscalJSON := strings.HasPrefix(f, "oscal") && byExt == "json" // OSCAL files are JSON
		if !toStdout && extKnown && byExt != f && !oscalJSON {
			fmt.Fprintf(e.stderr, "aimsready: warning: writing %s to %s, whose extension suggests %s\n", f, o.out, byExt)
		}
		return f, nil
	}
	if toStdout {
		return "md", nil
	}
	if strings.HasSuffix(strings.ToLower(o.out), ".oscal.json") {
		return "", usageError("cannot tell which OSCAL document %s should hold; pass --format oscal (assessment results) or --format oscal-poam (plan of action)", o.out)
	}
	if !extKnown && (ext == ".docx" || ext == ".doc" || ext == ".odt" || ext == ".rtf") {
		md := strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".md"
		return "", &cliError{code: exitBadInput, err: fmt.Errorf("aimsready does not write %s files itself", strings.TrimPrefix(ext, ".")),
			hint: fmt.Sprintf("write Markdown and convert it with pandoc: %s, then 'pandoc %s -o %s'", cite(e.command("report", shellQuote(answers), "-o", shellQuote(md))), shellQuote(md), shellQuote(o.out))}
	}
	if !extKnown {
		return "", usageError("cannot tell the report format from %q; name the file .md, .pdf, .xlsx, .csv or .json, or pass --format", o.out)
	}
	return byExt, nil
}

// notOverCatalog refuses an output path that names the custom catalog in
// use, as the answers file is protected.
func (e *env) notOverCatalog(out, what string) error {
	if e.catalogPath != "" && samePath(out, e.catalogPath) {
		return inputError(fmt.Errorf("refusing to write %s over the catalog in use, %s", what, e.catalogPath), "choose another output file")
	}
	return nil
}

// samePath reports whether out names the same file as in, by path or, when
// both exist, by identity (links, different spellings of the path).
func samePath(out, in string) bool {
	ao, err1 := filepath.Abs(out)
	ai, err2 := filepath.Abs(in)
	if err1 == nil && err2 == nil && ao == ai {
		return true
	}
	so, err1 := os.Stat(out)
	si, err2 := os.Stat(in)
	return err1 == nil && err2 == nil && os.SameFile(so, si)
}
