package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/report"
	"github.com/spf13/cobra"
)

// brandFlags override the answers file's branding section for one report.
type brandFlags struct {
	cmd                             *cobra.Command
	firm, logo, marking, docVersion string
	draft                           bool
}

func (b *brandFlags) register(cmd *cobra.Command) {
	b.cmd = cmd
	fl := cmd.Flags()
	fl.StringVar(&b.firm, "firm", "", "consultancy `NAME` on the cover and in the header (overrides branding: firm)")
	fl.StringVar(&b.logo, "logo", "", "logo `FILE`, PNG or JPEG, for the cover and header (overrides branding: logo)")
	fl.StringVar(&b.marking, "confidentiality", "", "confidentiality `MARKING` printed on every page (overrides branding: confidentiality)")
	fl.BoolVar(&b.draft, "draft", false, "mark every page DRAFT; --draft=false removes a draft: true from the file")
	fl.StringVar(&b.docVersion, "doc-version", "", "document `VERSION` on the cover (overrides branding: version)")
}

// apply returns the branding for the report: the answers file's, with any
// flag given on the command line winning, and the logo loaded when the
// format draws it (withLogo). A logo named in the file is relative to the
// file; one on the command line to the current folder. A bad logo is an
// input error (exit 2).
func (b *brandFlags) apply(file assess.Branding, answersPath string, withLogo bool) (report.Branding, error) {
	changed := func(name string) bool { return b.cmd != nil && b.cmd.Flags().Changed(name) }
	out := report.Branding{Firm: file.Firm, Marking: file.Marking, Draft: file.Draft, Version: file.Version}
	logo := file.Logo
	if logo != "" && !filepath.IsAbs(logo) {
		logo = filepath.Join(filepath.Dir(answersPath), logo)
	}
	if changed("firm") {
		out.Firm = strings.TrimSpace(b.firm)
	}
	if changed("confidentiality") {
		out.Marking = strings.TrimSpace(b.marking)
	}
	if changed("draft") {
		out.Draft = b.draft
	}
	if changed("doc-version") {
		out.Version = strings.TrimSpace(b.docVersion)
	}
	if changed("logo") {
		logo = b.logo
		if logo != "" && !slices.Contains(assess.LogoExtensions, strings.ToLower(filepath.Ext(logo))) {
			return out, usageError("--logo %q must be a PNG or JPEG file (.png, .jpg or .jpeg)", logo)
		}
	}
	for _, v := range []struct{ flag, value string }{{"--confidentiality", out.Marking}, {"--doc-version", out.Version}, {"--firm", out.Firm}} {
		if strings.ContainsAny(v.value, "\n\r") {
			return out, usageError("%s must be one line", v.flag)
		}
	}
	if logo != "" && withLogo {
		l, err := report.LoadLogo(logo)
		if err != nil {
			return out, inputError(err, "give a PNG or JPEG file with branding: logo (relative to the answers file) or --logo")
		}
		out.Logo, out.LogoName = l, filepath.Base(logo)
	}
	return out, nil
}
