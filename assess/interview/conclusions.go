package interview

import (
	"context"
	"strings"

	"github.com/aimsready/aimsready/assess"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// askConclusions offers, once every question of the assessment is
// answered, the consultant's own words for the report: an executive
// commentary, key findings and the limitations of the assessment. It is
// skippable, and the answers file can be edited by hand instead.
func (iv *Interview) askConclusions(ctx context.Context) error {
	a := iv.Answers
	add := false
	executive := a.Commentary.Executive
	findings := strings.Join(a.Commentary.Findings, "\n")
	limitations := a.Engagement.Limitations
	l := iv.look
	confirm := huh.NewConfirm().
		Title(l.label("Add your conclusions for the report now?", "An executive commentary, key findings and the limitations of this assessment; skip to add them later in the answers file.", "", false)).
		Description("An executive commentary, key findings and the limitations of this assessment; skip to add them later in the answers file.").
		Affirmative("Add them").
		Negative("Skip").
		WithButtonAlignment(lipgloss.Left).
		Value(&add)
	text := func(title, desc string, v *string) *huh.Text {
		return huh.NewText().Title(l.label(title, desc, *v, true)).Description(desc).Lines(4).
			CharLimit(assess.MaxTextChars).ExternalEditor(false).Validate(withinLimits).Value(v)
	}
	pages := []page{
		{group: huh.NewGroup(confirm).Title("Your conclusions")},
		{group: huh.NewGroup(
			text("Executive commentary (optional)", "Your overall view for the board; **bold**, *italics* and - bullets render in the report.", &executive),
			text("Key findings (optional)", "One finding a line.", &findings),
			text("Limitations of this assessment (optional)", "What was not sampled or seen, who was not interviewed.", &limitations),
		).Title("Your conclusions"), hidden: func() bool { return !add }},
	}
	if err := iv.runPages(ctx, "Your conclusions for the report.", pages); err != nil {
		return err
	}
	if !add {
		return nil
	}
	a.Commentary.Executive = strings.TrimSpace(assess.CleanInput(l.cleared(executive)))
	a.Commentary.Findings = nil
	for _, f := range strings.Split(assess.CleanInput(l.cleared(findings)), "\n") {
		if f = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f), "- ")); f != "" {
			a.Commentary.Findings = append(a.Commentary.Findings, f)
		}
	}
	a.Engagement.Limitations = strings.TrimSpace(assess.CleanInput(l.cleared(limitations)))
	if err := iv.save(); err != nil {
		return err
	}
	iv.printf("Saved your conclusions; the report shows them.\n")
	return nil
}
