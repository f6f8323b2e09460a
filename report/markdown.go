package report

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writeMarkdown writes the report; WriteMarkdown balances its tables.
func writeMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	cv := r.Cover
	p.f("# %s\n\n", mdText(cv.Title))
	org := cv.Organization
	if org == "" {
		org = "(organisation not named)"
	}
	p.f("**%s**: gap analysis against %s\n\n", mdText(org), mdText(cv.Standard))
	writeMarkdownBrand(p, r)

	p.f("| Item | Details |\n|---|---|\n")
	p.f("| Organisation | %s |\n", mdCell(cv.Organization))
	p.f("| Assessor | %s |\n", mdCell(cv.Assessor))
	p.f("| Date | %s |\n", mdCell(cv.Date))
	writeMarkdownBrandRows(p, r)
	p.f("| Scope | %s |\n", mdCell(cv.Scope))
	p.f("| Roles | %s |\n", mdCell(strings.Join(cv.Roles, ", ")))
	p.f("| Profile | %s |\n", mdCell(cv.Profile))
	p.f("| Catalog | %s |\n", mdCell(catalogLine(cv)))
	if cv.AnswersCatalog != "" && cv.AnswersCatalog != cv.Catalog {
		p.f("| Answers given against | %s |\n", mdCell(cv.AnswersCatalog))
	}
	p.f("| Tool | %s |\n\n", mdCell(toolLine(cv)))

	if len(cv.Systems) > 0 {
		p.f("**AI systems in scope**\n\n| System | Purpose | Role | Internal risk rating |\n|---|---|---|---|\n")
		for _, s := range cv.Systems {
			p.f("| %s | %s | %s | %s |\n", mdCell(s.Name), mdCell(s.Purpose), mdCell(s.Role), mdCell(s.Risk))
		}
		p.f("\n")
	}
	p.f("> **%s**\n\n", mdText(r.Disclaimer))

	writeMarkdownSummary(p, r)
	writeMarkdownSections(p, r)
	writeMarkdownFixes(p, r)
	writeMarkdownSoA(p, r)
	writeMarkdownEvidence(p, r)
	writeMarkdownCrossFramework(p, r)
	writeMarkdownEngagement(p, r)
	writeMarkdownMethod(p, r)
	p.f("## Disclaimer\n\n%s\n", mdText(r.Disclaimer))
	return p.err
}

func writeMarkdownSummary(p *printer, r *Report) {
	s := r.Summary
	p.f("## Executive summary\n\n")
	p.f("**Overall readiness: %s / 100**\n\n", Pct(float64(s.Overall)))
	p.f("| Figure | Value | What it measures |\n|---|---:|---|\n")
	p.f("| Documentation readiness | %s | document criteria met: what a Stage 1 audit reviews |\n", scoreText(s.Documentation))
	p.f("| Implementation readiness | %s | practice and record criteria met: what a Stage 2 audit tests (needs %s) |\n", scoreText(s.Implementation), fmtNum(s.Thresholds.Implementation))
	p.f("| Evidence coverage | %s | criteria met that reviewed, current evidence backs (under %s, readiness rests mostly on claims) |\n\n", scoreText(s.EvidenceCoverage), fmtNum(s.Thresholds.Evidence))
	p.f("**Verdict: %s.**\n\n", mdText(s.Verdict.Label))
	for _, reason := range s.Verdict.Reasons {
		p.f("- %s\n", mdText(reason))
	}
	// A paragraph between the two lists keeps them apart (Markdown would
	// join them into one).
	p.f("\nIn numbers:\n\n")
	p.f("- Questions assessed: %d of %d", s.Assessed, s.Questions)
	if n := len(s.NotAssessed); n > 0 {
		p.f(" (not assessed, scored 0: %s)", mdText(strings.Join(s.NotAssessed, ", ")))
	}
	p.f("\n")
	p.f("- Annex A controls excluded: %d", len(s.Excluded))
	if len(s.Excluded) > 0 {
		p.f(" (%s)", mdText(strings.Join(s.Excluded, ", ")))
	}
	p.f("\n")
	if r.SoA.Flagged > 0 {
		p.f("- Exclusions with a justification too thin for an audit: %d\n", r.SoA.Flagged)
	}
	if reg := r.Evidence; len(reg.Items) > 0 {
		p.f("- Evidence register: %d items, %d reviewed, %d stale, %d expired, %d criteria met without reviewed evidence (claimed)\n", len(reg.Items), reg.Reviewed, reg.StaleByAge(), reg.Expired, reg.Claimed)
	}
	p.f("- Stage 1 blockers: %d\n", s.BlockerCount)
	if n := len(s.Overdue); n > 0 {
		p.f("- Planned fixes past due: %d\n", n)
	}
	p.f("- Fixes: %d", s.FixCount)
	if len(s.TopFixes) > 0 {
		p.f(", the top %d below", len(s.TopFixes))
	}
	p.f("\n\n")
	writeMarkdownCommentary(p, r)

	p.f("### Section scores\n\n| Section | Score | | Documentation | Implementation | Evidence | Answered |\n|---|---:|---|---:|---:|---:|---:|\n")
	for _, sec := range s.Sections {
		p.f("| %s %s | %s | %s | %s | %s | %s | %d/%d |\n", mdText(sec.ID), mdText(sec.Title), sec.Label(), Bar(sec.Value(), 10),
			scoreText(sec.Documentation), scoreText(sec.Implementation), scoreText(sec.EvidenceCoverage), sec.Answered, sec.Total)
	}
	p.f("\n")

	if len(s.Blockers) > 0 {
		p.f("### Stage 1 blockers\n\n| # | Question | Required | Why it blocks | Fix |\n|---:|---|---|---|---|\n")
		for i, b := range s.Blockers {
			p.f("| %d | %s %s | %s | %s | %s |\n", i+1, mdText(b.Question), mdText(b.QuestionTitle), mdCell(b.Text), mdCell(capitalizeFirst(b.Reason)), mdCell(b.Fix))
		}
		p.f("\n")
	}
	if len(s.TopFixes) > 0 {
		p.f("### Top %d of %d fixes\n\nIn phase order, then by importance; a fix never comes before a fix it builds on.\n\n", len(s.TopFixes), s.FixCount)
		writeMarkdownFixTable(p, s.TopFixes, false)
	}
	writeMarkdownRoadmap(p, r)
}

func writeMarkdownRoadmap(p *printer, r *Report) {
	rm := r.Roadmap
	if len(r.Fixes) == 0 {
		return
	}
	p.f("### Roadmap\n\nPerson-days per fix: S = %s, M = %s, L = %s.\n\n", fmtNum(rm.DaysPerEffort[0].Days), fmtNum(rm.DaysPerEffort[1].Days), fmtNum(rm.DaysPerEffort[2].Days))
	p.f("| Phase | Fixes | Blockers | Person-days | Gain |\n|---|---:|---:|---:|---:|\n")
	for _, ph := range rm.Phases {
		p.f("| %d. %s | %d | %d | %s | +%s |\n", ph.Phase, mdText(ph.Title), ph.Fixes, ph.Blockers, fmtNum(ph.Days), Gain(float64(ph.Gain)))
	}
	if bd := blockerDays(rm.Phases); bd > 0 {
		p.f("\nThe Stage 1 blockers alone take %s person-days.\n", fmtNum(bd))
	}
	p.f("\n| Workstream | Fixes | Person-days | Gain |\n|---|---:|---:|---:|\n")
	for _, w := range rm.Workstreams {
		p.f("| %s | %d | %s | +%s |\n", mdText(w.Title), w.Fixes, fmtNum(w.Days), Gain(float64(w.Gain)))
	}
	p.f("\n")
}

func writeMarkdownFixTable(p *printer, fixes []Fix, full bool) {
	if full {
		p.f("| Rank | Phase | Question | Criterion not met | Fix | Clause | Effort | Gain | Blocker | Plan |\n|---:|---:|---|---|---|---|---|---:|---|---|\n")
	} else {
		p.f("| Rank | Phase | Question | Fix | Effort | Gain | Blocker |\n|---:|---:|---|---|---|---:|---|\n")
	}
	for _, f := range fixes {
		q := mdText(f.Question) + " " + mdText(f.QuestionTitle)
		if !f.Assessed {
			q += " (not assessed)"
		}
		blocker := "no"
		if f.Blocker {
			blocker = "**yes**"
		}
		if len(f.Also) > 0 {
			q += " (also closes " + mdText(strings.Join(f.Also, ", ")) + ")"
		}
		if full {
			gap := mdCell(f.CriterionText)
			if f.NoEvent != "" {
				gap += " _" + mdCell(f.NoEvent) + "_"
			}
			p.f("| %d | %d | %s | %s | %s | %s | %s | +%s | %s | %s |\n", f.Rank, f.Phase, q, gap,
				mdCell(f.Fix), mdCell(firstOf(f.Cites...)), mdCell(f.Effort), Gain(float64(f.Gain)), blocker, mdText(planText(f)))
		} else {
			p.f("| %d | %d | %s | %s | %s | +%s | %s |\n", f.Rank, f.Phase, q, mdCell(f.Fix), mdCell(f.Effort), Gain(float64(f.Gain)), blocker)
		}
	}
	p.f("\n")
}

func writeMarkdownSections(p *printer, r *Report) {
	p.f("## Section by section\n\n")
	for _, sec := range r.Sections {
		p.f("### %s %s %s: %s / 100\n\n", sectionKind(sec), mdText(sec.ID), mdText(sec.Title), sec.Label())
		if sec.Intro != "" {
			p.f("%s\n\n", mdPara(sec.Intro))
		}
		writeMarkdownSectionComment(p, r, sec.ID)
		p.f("%d of %d questions answered", sec.Answered, sec.Total)
		if sec.Excluded > 0 {
			p.f(", %d excluded in the Statement of Applicability", sec.Excluded)
		}
		p.f(".\n\n| Question | Status | Score | Weight |\n|---|---|---:|---:|\n")
		for _, q := range sec.Questions {
			p.f("| %s %s | %s | %s | %s |\n", mdText(q.ID), mdText(q.Title), q.StatusLabel, scoreText(q.Score), fmtNum(q.Weight))
		}
		p.f("\n")
		for _, q := range sec.Questions {
			p.f("#### %s %s\n\n", mdText(q.ID), mdText(q.Title))
			p.f("**%s**, score %s, weight %s", q.StatusLabel, scoreText(q.Score), fmtNum(q.Weight))
			if q.Citation != "" {
				p.f(", %s", mdText(q.Citation))
			}
			p.f("\n\n")
			if q.Justification != "" {
				label := "Justification"
				if q.Status == "excluded" {
					label = "Excluded because"
				}
				p.f("%s: %s\n\n", label, mdText(q.Justification))
			}
			if q.JustificationIssue != "" {
				p.f("**Flagged:** the justification would not survive an audit: %s.\n\n", mdText(q.JustificationIssue))
			}
			if q.Status == "not-assessed" {
				// One line, not every criterion: an early assessment would
				// otherwise be mostly "not assessed" lists.
				p.f("%s\n\n", notAssessedNote(q))
			} else {
				// With no register at all every met criterion is claimed;
				// the summary says so once instead of at each criterion.
				claims := len(r.Evidence.Items) > 0
				writeMarkdownCriteria(p, "Criteria not met", q.Unmet, claims)
				writeMarkdownCriteria(p, "Criteria met", q.Met, claims)
			}
			if q.Notes != "" {
				p.f("Notes: %s\n\n", mdText(q.Notes))
			}
			if ev := questionEvidence(r, q); len(ev) > 0 {
				p.f("Evidence:\n\n")
				for _, e := range ev {
					p.f("- %s\n", mdText(e))
				}
				p.f("\n")
			}
		}
	}
}

func writeMarkdownCriteria(p *printer, label string, cs []Criterion, claims bool) {
	if len(cs) == 0 {
		return
	}
	p.f("%s (%d):\n\n", label, len(cs))
	for _, c := range cs {
		// The statement, not the id: ids are for the CSV, JSON and workbook.
		text := c.Text
		if text == "" {
			text = c.ID
		}
		p.f("- %s", mdText(text))
		var tags []string
		if c.Documented {
			tags = append(tags, "documented information")
		}
		if c.FixRank > 0 {
			tags = append(tags, "fix #"+strconv.Itoa(c.FixRank))
		}
		if len(c.EvidenceItems) > 0 {
			tags = append(tags, "evidence "+mdText(strings.Join(c.EvidenceItems, ", ")))
		}
		if c.Claimed && claims {
			tags = append(tags, "claimed: no reviewed evidence")
		}
		if len(tags) > 0 {
			p.f(" (%s)", strings.Join(tags, ", "))
		}
		p.f("\n")
	}
	p.f("\n")
}

func writeMarkdownFixes(p *printer, r *Report) {
	p.f("## Prioritized fix list\n\n")
	if len(r.Fixes) == 0 {
		p.f("No fixes: every criterion of every applicable question is met.\n\n")
		return
	}
	p.f("%d fixes, one per criterion not met, in roadmap order: by phase, the more important fixes first, never a fix before one it builds on. Gain is the number of points the overall score rises when the fix is done.\n\n", len(r.Fixes))
	writeMarkdownFixTable(p, r.Fixes, true)
}

func writeMarkdownSoA(p *printer, r *Report) {
	soa := r.SoA
	p.f("## Statement of Applicability\n\n")
	p.f("%d Annex A controls: %d applicable, %d excluded, %d without a decision.", len(soa.Controls), soa.Applicable, soa.Excluded, soa.Undecided)
	if soa.Unjustified > 0 {
		p.f(" %d decided without a justification (an SoA gap that blocks Stage 1).", soa.Unjustified)
	}
	if soa.Flagged > 0 {
		p.f(" %d justification(s) flagged: they would not survive an audit.", soa.Flagged)
	}
	p.f(" An auditor expects a justification for every inclusion and exclusion.\n\n")
	p.f("*%s*\n\n", mdText(soa.Note))
	p.f("| Control | Title | Applicability | Justification | Status | Evidence |\n|---|---|---|---|---|---|\n")
	for _, c := range soa.Controls {
		just := mdCell(c.Justification)
		if c.JustificationIssue != "" {
			just += " — **Flagged:** " + mdText(c.JustificationIssue)
		}
		impl := c.Status
		if c.Score != nil && c.Applicability == SoAApplicable {
			impl += " (" + Pct(float64(*c.Score)) + ")"
		}
		p.f("| %s | %s | %s | %s | %s | %s |\n", mdText(c.ID), mdText(c.Title), applicabilityLabel(c.Applicability), just, impl, mdList(c.Evidence))
	}
	p.f("\n")
}

func writeMarkdownCrossFramework(p *printer, r *Report) {
	p.f("## %s\n\n%s\n\n", crossTitle, crossIntro)
	for _, fw := range r.CrossFramework {
		p.f("### %s\n\nThe %ss of %s that questions of this assessment touch. Not an assessment against %s.\n\n", mdText(fw.Name), fw.Unit, mdText(fw.Name), mdText(fw.Name))
		unit := capitalizeFirst(fw.Unit)
		if fw.ID == "nist-ai-rmf" {
			p.f("| %s | Description | Subcategories touched | Our questions | How those questions scored |\n|---|---|---:|---|---|\n", unit)
		} else {
			p.f("| %s | Title | Our questions | How those questions scored |\n|---|---|---|---|\n", unit)
		}
		for _, it := range fw.Items {
			if fw.ID == "nist-ai-rmf" {
				p.f("| %s | %s | %d of %d | %s | %s |\n", mdText(it.ID), mdCell(it.Title), it.Referenced, it.Terms, mdQuestions(it.Questions), mdText(it.ScoreText()))
			} else {
				p.f("| %s | %s | %s | %s |\n", mdText(it.ID), mdCell(it.Title), mdQuestions(it.Questions), mdText(it.ScoreText()))
			}
		}
		p.f("\n")
	}
}

func writeMarkdownMethod(p *printer, r *Report) {
	m := r.Method
	p.f("## Method\n\n")
	for _, s := range m.Scoring {
		p.f("- %s\n", mdText(s))
	}
	p.f("\n| Effort | Nominal days | Meaning |\n|---|---:|---|\n")
	for _, e := range m.Efforts {
		p.f("| %s | %s | %s |\n", e.Effort, fmtNum(e.Days), e.Meaning)
	}
	p.f("\n| Status | Rule |\n|---|---|\n")
	for _, t := range m.Statuses {
		p.f("| %s | %s |\n", t.Status, t.Rule)
	}
	p.f("\n| Section | Applicable questions | Weight | Share of overall |\n|---|---:|---:|---:|\n")
	for _, sw := range m.Weights {
		p.f("| %s %s | %d | %s | %s%% |\n", mdText(sw.ID), mdText(sw.Title), sw.Questions, fmtNum(sw.Weight), Pct(float64(sw.Share)))
	}
	p.f("\n")
}

// mdText escapes user or catalog text for Markdown.
func mdText(s string) string { return EscapeMarkdown(s) }

// mdCell escapes text for a table cell and marks an empty one.
func mdCell(s string) string {
	if e := EscapeMarkdown(s); e != "" {
		return e
	}
	return "—"
}

// mdList escapes each item and stacks them in one table cell.
func mdList(items []string) string {
	var out []string
	for _, it := range items {
		if e := EscapeMarkdown(it); e != "" {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return "—"
	}
	// Not "<br>": pandoc drops raw HTML on the way to Word.
	return strings.Join(out, " · ")
}

func mdQuestions(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return EscapeMarkdown(strings.Join(ids, ", "))
}

// mdPara escapes a paragraph and keeps a leading "-", "+", "=" or "1." from
// turning it into a list, rule or heading.
func mdPara(s string) string { return mdLeadSafe(EscapeMarkdown(s)) }

// mdLeadSafe keeps escaped text that starts a line from reading as a list,
// rule or heading.
func mdLeadSafe(e string) string {
	if e == "" {
		return e
	}
	switch e[0] {
	case '-', '+', '=':
		return `\` + e
	}
	i := 0
	for i < len(e) && e[i] >= '0' && e[i] <= '9' {
		i++
	}
	if i > 0 && i < len(e) && (e[i] == '.' || e[i] == ')') {
		return e[:i] + `\` + e[i:]
	}
	return e
}

func scoreText(p *Points) string {
	if p == nil {
		return "n/a"
	}
	return Pct(float64(*p))
}

// planText is a fix's plan in one line: "in-progress, Ana, due 2027-01-31".
func planText(f Fix) string {
	if f.Status == "" {
		return ""
	}
	parts := []string{f.Status}
	if f.Owner != "" {
		parts = append(parts, f.Owner)
	}
	if f.Due != "" {
		parts = append(parts, "due "+f.Due)
	}
	if f.Overdue {
		parts = append(parts, "OVERDUE")
	}
	return strings.Join(parts, ", ")
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func applicabilityLabel(a string) string {
	switch a {
	case SoAApplicable:
		return "Applicable"
	case SoAExcluded:
		return "Excluded"
	case SoAUndecided:
		return "No decision"
	}
	return a
}

func catalogLine(cv Cover) string {
	if cv.CatalogTitle == "" {
		return cv.Catalog
	}
	return cv.Catalog + " (" + cv.CatalogTitle + ")"
}

func toolLine(cv Cover) string {
	if cv.ToolVersion == "" {
		return "aimsready"
	}
	return "aimsready " + cv.ToolVersion
}

func capitalizeFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
