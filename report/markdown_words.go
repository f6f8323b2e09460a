package report

import "fmt"

// The consultant's words and brand in the Markdown report, which is also
// the route to Word (pandoc): marking and version under the title, their
// commentary in the executive summary, a comment per section and the
// engagement record before the method.

// writeMarkdownBrand writes the confidentiality marking and draft state
// under the title, where a reader (and Word's first page) sees them.
func writeMarkdownBrand(p *printer, r *Report) {
	b := r.Branding
	if b.Marking != "" {
		p.f("**%s**\n\n", mdText(b.Marking))
	}
	if b.Draft {
		p.f("**DRAFT: not for decisions until issued.**\n\n")
	}
}

// writeMarkdownBrandRows adds the branding and engagement rows to the
// cover table.
func writeMarkdownBrandRows(p *printer, r *Report) {
	if r.Branding.Firm != "" {
		p.f("| Prepared by | %s |\n", mdCell(r.Branding.Firm))
	}
	if v := versionLabel(r.Branding); v != "" {
		p.f("| Document | %s |\n", mdCell(v))
	}
	if period := r.Engagement.Period(); period != "" {
		p.f("| Assessment period | %s |\n", mdCell(period))
	}
}

func writeMarkdownCommentary(p *printer, r *Report) {
	cm := r.Commentary
	if cm.Executive != "" {
		p.f("### Assessor's commentary\n\n%s\n\n", mdRich(cm.Executive))
	}
	writeMarkdownNumbered(p, "Key findings", cm.Findings)
	writeMarkdownNumbered(p, "Recommendations", cm.Recommendations)
}

func writeMarkdownNumbered(p *printer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	p.f("### %s\n\n", title)
	for i, it := range items {
		// One paragraph per item keeps the numbering; further paragraphs
		// of an item join it.
		p.f("%d. %s\n", i+1, mdRichInline(it))
	}
	p.f("\n")
}

// mdRichInline renders rich text on one line, paragraphs and bullets run
// together, for list items and table cells.
func mdRichInline(text string) string {
	var out string
	for i, b := range parseRich(text) {
		if i > 0 {
			out += " "
		}
		if b.items == nil {
			out += mdSpans(b.spans)
			continue
		}
		for j, it := range b.items {
			if j > 0 {
				out += " "
			}
			out += "• " + mdSpans(it)
		}
	}
	return out
}

func writeMarkdownSectionComment(p *printer, r *Report, id string) {
	if text := r.Commentary.Comment(id); text != "" {
		p.f("**Assessor's comment.** %s\n\n", mdRich(text))
	}
}

func writeMarkdownEngagement(p *printer, r *Report) {
	e := r.Engagement
	if e.Empty() {
		return
	}
	p.f("## Engagement record\n\nHow this assessment was carried out. Its findings reach as far as the people interviewed and the documents sampled, and no further.\n\n")
	if period := e.Period(); period != "" {
		p.f("- Assessment period: %s\n", mdText(period))
	}
	if r.Cover.Assessor != "" {
		a := r.Cover.Assessor
		if r.Branding.Firm != "" {
			a += ", " + r.Branding.Firm
		}
		p.f("- Assessor: %s\n", mdText(a))
	}
	p.f("\n")
	if len(e.Interviewees) > 0 {
		p.f("### People interviewed (%d)\n\n| # | Name | Role | Date |\n|---:|---|---|---|\n", len(e.Interviewees))
		for i, in := range e.Interviewees {
			p.f("| %d | %s | %s | %s |\n", i+1, mdCell(in.Name), mdCell(in.Role), mdCell(in.Date))
		}
		p.f("\n")
	}
	if len(e.Documents) > 0 {
		p.f("### Documents sampled (%d)\n\n", len(e.Documents))
		for i, d := range e.Documents {
			p.f("%s\n", fmt.Sprintf("%d. %s", i+1, mdText(d)))
		}
		p.f("\n")
	}
	if e.Limitations != "" {
		p.f("### Limitations of this assessment\n\n%s\n\n", mdRich(e.Limitations))
	}
}
