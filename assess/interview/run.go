package interview

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Running a form's pages: full screen (fitted to the terminal, marking
// lists that run off it) or line by line in accessible mode.

// runPages runs the pages of one form. header is printed first in
// accessible mode, where huh does not show group titles.
func (iv *Interview) runPages(ctx context.Context, header string, pages []page) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrInterrupted, err)
	}
	if iv.Accessible {
		return iv.runAccessible(ctx, header, pages)
	}
	groups := make([]*huh.Group, len(pages))
	var lists []*scrollList
	for i, p := range pages {
		groups[i] = p.group
		if p.hidden != nil {
			p.group.WithHideFunc(p.hidden)
		}
		if p.list != nil {
			lists = append(lists, p.list)
		}
	}
	form := huh.NewForm(groups...).
		WithTheme(iv.theme).
		WithKeyMap(iv.keys).
		WithShowHelp(true).
		WithWidth(iv.look.width)
	if iv.Height > 0 {
		form = form.WithHeight(iv.Height)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := iv.In
	if iv.hub != nil {
		r := iv.hub.reader()
		defer r.Close()
		in = r
		go func() {
			// Bubble Tea waits forever once its input ends: stop the form,
			// after a moment for the last keys read to take effect.
			select {
			case <-iv.hub.drained:
				select {
				case <-time.After(300 * time.Millisecond):
					cancel()
				case <-runCtx.Done():
				}
			case <-runCtx.Done():
			}
		}()
	}
	err := runFitted(runCtx, fitted{form: form, width: iv.look.width, lists: lists, groups: groups}, in, iv.Out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, huh.ErrUserAborted):
		return ErrInterrupted
	case ctx.Err() != nil:
		return fmt.Errorf("%w: %v", ErrInterrupted, ctx.Err())
	case iv.hub != nil && iv.hub.ended():
		return ErrInputEnded
	}
	return err
}

// fitted runs a huh form one line shorter than the terminal: huh sizes a
// form to the full height but draws one more line (the blank line above the
// key help), which scrolls the top line, the question's header, off screen.
// It also narrows the form when the terminal is narrowed while it runs,
// and marks lists that run off the screen (scrollList).
//
// A terminal too small for the form (narrower than minFormWidth, or lower
// than a page's header and footer and a few lines) is never passed on:
// huh would give the page a negative height and panic. The screen says
// how large the terminal must be instead, keys other than stop wait, and
// the form comes back when the terminal is enlarged.
type fitted struct {
	form   *huh.Form
	width  int
	lists  []*scrollList
	groups []*huh.Group
	small  *tea.WindowSizeMsg // the terminal's size while it is too small
}

// minFormWidth is the narrowest terminal the forms are drawn in.
const minFormWidth = 30

func (m fitted) Init() tea.Cmd { return m.form.Init() }

func (m fitted) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		if ws.Width > 0 && ws.Width < minFormWidth {
			m.small = &ws
			return m, nil
		}
		if m.width > 0 && ws.Width > 0 && ws.Width < m.width {
			m.form = m.form.WithWidth(ws.Width)
		}
		if ws.Height > 0 && ws.Height-1 < m.minHeight() {
			m.small = &ws
			return m, nil
		}
		m.small = nil
		ws.Height = max(1, ws.Height-1)
		msg = ws
	}
	if k, ok := msg.(tea.KeyMsg); ok && m.small != nil && k.String() != "ctrl+c" && k.String() != "esc" {
		return m, nil // not typed blind into a form no one can see
	}
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	return m, cmd
}

// minHeight is the lowest a page can be drawn: its header and footer, at
// the width it has now, and a few lines of its fields.
func (m fitted) minHeight() int {
	need := 0
	for _, g := range m.groups {
		need = max(need, lipgloss.Height(g.Header())+lipgloss.Height(g.Footer())+3)
	}
	return need
}

func (m fitted) View() string {
	if m.small != nil {
		return wordWrap(fmt.Sprintf("The terminal is %d by %d characters, too small for this page. Enlarge the window to go on, or press Ctrl-C to stop (every answer given so far is saved) and run the interview with --accessible.",
			m.small.Width, m.small.Height), cmp.Or(m.small.Width, MaxFormWidth))
	}
	v := m.form.View()
	for _, l := range m.lists {
		v = l.mark(v)
	}
	return v
}

// runFitted is huh's Form.RunWithContext with the fitted model.
func runFitted(ctx context.Context, m fitted, in io.Reader, out io.Writer) error {
	form := m.form
	form.SubmitCmd = tea.Quit
	form.CancelCmd = tea.Interrupt
	_, err := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx)).Run()
	switch {
	case form.State == huh.StateAborted || errors.Is(err, tea.ErrInterrupted):
		return huh.ErrUserAborted
	case errors.Is(err, tea.ErrProgramKilled):
		return huh.ErrTimeout
	case err != nil:
		return fmt.Errorf("huh: %w", err)
	}
	return nil
}

// runAccessible runs each shown page as a plain prompt form. A form runs in
// a goroutine so a signal can stop the interview while it waits for a line;
// the abandoned form's output is then dropped.
func (iv *Interview) runAccessible(ctx context.Context, header string, pages []page) error {
	if header != "" {
		iv.printf("%s\n\n", header)
	}
	for _, p := range pages {
		if p.hidden != nil && p.hidden() {
			continue
		}
		form := huh.NewForm(p.group).
			WithTheme(iv.theme).
			WithKeyMap(iv.keys).
			WithAccessible(true).
			WithInput(iv.lines).
			WithOutput(iv.out)
		done := make(chan error, 1)
		go func() { done <- form.RunWithContext(ctx) }()
		select {
		case err := <-done:
			if iv.lines.takeStarved() {
				return ErrInputEnded
			}
			if err != nil {
				return err
			}
		case <-ctx.Done():
			iv.out.close()
			iv.out = &gatedWriter{w: iv.Out}
			return fmt.Errorf("%w: %v", ErrInterrupted, ctx.Err())
		}
	}
	return nil
}
