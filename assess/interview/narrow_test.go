package interview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aimsready/aimsready/assess"
	"github.com/aimsready/aimsready/catalog"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// A terminal of any size, however narrow or low, and resized at any
// moment, gives a usable screen or a message, never a panic. The details
// form runs its roles page a second time (as the interview re-asks it),
// which once panicked after the terminal had been made small.
func TestAnyTerminalSize(t *testing.T) {
	c := builtin(t)
	q := c.Question("A.6.1.2")
	keys := []tea.KeyMsg{{Type: tea.KeyEnter}, {Type: tea.KeyRunes, Runes: []rune("x")}, {Type: tea.KeyTab},
		{Type: tea.KeyRunes, Runes: []rune("abc def")}, {Type: tea.KeyEnter}, {Type: tea.KeyTab}, {Type: tea.KeyShiftTab}, {Type: tea.KeyEnter}}
	// Below, at and above the limits, with unknown (0) sides; the colour
	// theme (borders change the header heights) at two of them.
	sizes := [][2]int{{0, 5}, {80, 0}, {1, 1}, {2, 24}, {29, 24}, {30, 8}, {40, 1}, {40, 12}, {80, 9}, {80, 24}, {200, 60}}
	for i, size := range sizes {
		w, h := size[0], size[1]
		themes := []bool{true}
		if i == 2 || i == 8 {
			themes = append(themes, false)
		}
		{ // one size
			l := look{width: 80}
			forms := map[string]func() []page{
				"question": func() []page {
					return newQuestionForm(q, nil, []catalog.Role{catalog.RoleUser}, progress{1, 2, 0}, l).pages
				},
				"details": func() []page { return newDetailsForm(details{}, l).pages },
				"system":  func() []page { return newSystemForm(&assess.Answers{}, l).pages },
				"intro":   func() []page { return []page{sectionIntro(q.Section, 3, true, l)} },
			}
			for name, pages := range forms {
				for _, plain := range themes {
					t.Run(fmt.Sprintf("%s/%dx%d/plain=%v", name, w, h, plain), func(t *testing.T) {
						var groups []*huh.Group
						for _, p := range pages() {
							groups = append(groups, p.group)
						}
						drive := func(groups []*huh.Group) string {
							form := huh.NewForm(groups...).WithTheme(interviewTheme(plain)).WithWidth(80)
							var m tea.Model = fitted{form: form, width: 80, groups: groups}
							m.Init()
							for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: w, Height: h}} {
								m, _ = m.Update(size)
								_ = m.View()
							}
							for _, k := range keys {
								m, _ = m.Update(k)
								_ = m.View()
							}
							return m.View()
						}
						view := drive(groups)
						if (w > 0 && w < minFormWidth || h > 0 && h < 5) && !strings.Contains(strings.Join(strings.Fields(view), " "), "The terminal is") {
							t.Errorf("no message at %dx%d:\n%s", w, h, view)
						}
						drive(groups[len(groups)-1:]) // a page asked again
					})
				}
			}
		}
	}
}
