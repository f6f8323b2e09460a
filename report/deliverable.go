package report

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // DecodeConfig reads JPEG
	"image/png"
	"io"
	"os"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The consultant's part of the report: their commentary, the engagement
// record and the branding. Build copies it from Options; no renderer adds
// words of its own to it.

// Commentary is the consultant's own words. Texts keep the small Markdown
// subset they were written in (see richtext.go).
type Commentary struct {
	Executive       string           `json:"executive,omitempty"`
	Findings        []string         `json:"findings,omitempty"`
	Recommendations []string         `json:"recommendations,omitempty"`
	Sections        []SectionComment `json:"sections,omitempty"`
}

// SectionComment is the consultant's comment on one section.
type SectionComment struct {
	Section string `json:"section"`
	Text    string `json:"text"`
}

// Comment returns the comment on section id, or "".
func (c Commentary) Comment(id string) string {
	for _, sc := range c.Sections {
		if sc.Section == id {
			return sc.Text
		}
	}
	return ""
}

// Engagement is how the assessment was carried out.
type Engagement struct {
	PeriodStart  string        `json:"period_start,omitempty"`
	PeriodEnd    string        `json:"period_end,omitempty"`
	Interviewees []Interviewee `json:"interviewees,omitempty"`
	Documents    []string      `json:"documents_sampled,omitempty"`
	Limitations  string        `json:"limitations,omitempty"`
}

// Interviewee is one person interviewed.
type Interviewee struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Date string `json:"date,omitempty"`
}

// Period is the assessment period for display, or "".
func (e Engagement) Period() string {
	switch {
	case e.PeriodStart != "" && e.PeriodEnd != "":
		return e.PeriodStart + " to " + e.PeriodEnd
	case e.PeriodStart != "":
		return "from " + e.PeriodStart
	case e.PeriodEnd != "":
		return "until " + e.PeriodEnd
	}
	return ""
}

// Empty reports whether there is nothing to show.
func (e Engagement) Empty() bool {
	return e.Period() == "" && len(e.Interviewees) == 0 && len(e.Documents) == 0 && e.Limitations == ""
}

// Branding is how the report carries the consultant's name.
type Branding struct {
	Firm    string `json:"firm,omitempty"`
	Marking string `json:"confidentiality,omitempty"`
	Draft   bool   `json:"draft,omitempty"`
	Version string `json:"version,omitempty"`
	// Logo is the loaded image; LogoName its file name, for the record.
	Logo     *Logo  `json:"-"`
	LogoName string `json:"logo,omitempty"`
}

// Logo is a PNG or JPEG image checked to embed cleanly in the PDF.
type Logo struct {
	Data []byte
	Type string // "PNG" or "JPG", as fpdf names them
	W, H int    // pixels
}

// MaxLogoBytes bounds a logo file: a logo is a few hundred kilobytes at most.
const MaxLogoBytes = 8 << 20

// LoadLogo reads and checks a logo file: PNG or JPEG, not too large, and
// one that the PDF library can embed. Every failure is an error that says
// what to do, never a panic.
func LoadLogo(path string) (*Logo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("logo %s: is a folder, not an image file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxLogoBytes+1))
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, unwrapPath(err))
	}
	if len(data) > MaxLogoBytes {
		return nil, fmt.Errorf("logo %s: larger than %d MiB; export a smaller PNG or JPEG", path, MaxLogoBytes>>20)
	}
	l, err := ParseLogo(data)
	if err != nil {
		return nil, fmt.Errorf("logo %s: %w", path, err)
	}
	return l, nil
}

// ParseLogo checks logo bytes the way LoadLogo does.
func ParseLogo(data []byte) (l *Logo, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, errors.New("not a PNG or JPEG image (the file may be damaged or of another type)")
	}
	l = &Logo{Data: data, W: cfg.Width, H: cfg.Height}
	switch format {
	case "png":
		l.Type = "PNG"
	case "jpeg":
		l.Type = "JPG"
	default:
		return nil, fmt.Errorf("a %s image; use PNG or JPEG", format)
	}
	if l.W < 1 || l.H < 1 || l.W > 10000 || l.H > 10000 {
		return nil, fmt.Errorf("%d×%d pixels; use an image between 1 and 10000 pixels a side", l.W, l.H)
	}
	if r := float64(l.W) / float64(l.H); r > 12 || r < 1.0/4 {
		return nil, fmt.Errorf("%d×%d pixels is too wide or too tall for a logo", l.W, l.H)
	}
	if l.Type == "PNG" {
		if l.Data, err = flattenPNG(data); err != nil {
			return nil, errors.New("not a PNG or JPEG image (the file may be damaged or of another type)")
		}
	}
	// The PDF library reads the image its own way (it refuses interlaced
	// PNGs, for one): try it now on the bytes the report will embed, so a
	// bad logo fails here with a message rather than halfway through a
	// report. A flattened PNG is plain RGB, which fpdf takes as it is.
	defer func() {
		if p := recover(); p != nil {
			l, err = nil, fmt.Errorf("the PDF library cannot embed it (%v); re-export it as a plain PNG or baseline JPEG", p)
		}
	}()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: l.Type}, bytes.NewReader(l.Data))
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("the PDF library cannot embed it (%v); re-export it as a plain PNG or baseline JPEG", err)
	}
	return l, nil
}

// unwrapPath drops Go's "open PATH:" prefix, which the caller already says.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// deliverableFrom copies the consultant's part of the answers into the
// report, leaving out section comments on sections the catalog lacks.
func deliverableFrom(o Options, hasSection func(string) bool) (Commentary, Engagement, Branding) {
	cm := Commentary{
		Executive:       strings.TrimSpace(o.Commentary.Executive),
		Findings:        o.Commentary.Findings,
		Recommendations: o.Commentary.Recommendations,
	}
	for _, sc := range o.Commentary.Sections {
		if hasSection(sc.Section) {
			cm.Sections = append(cm.Sections, SectionComment{sc.Section, sc.Text})
		}
	}
	e := Engagement{PeriodStart: o.Engagement.PeriodStart, PeriodEnd: o.Engagement.PeriodEnd,
		Documents: o.Engagement.Documents, Limitations: o.Engagement.Limitations}
	for _, in := range o.Engagement.Interviewees {
		e.Interviewees = append(e.Interviewees, Interviewee(in))
	}
	return cm, e, o.Branding
}

// The cross-framework part reads as coverage: which items of another
// framework our questions touch and how those questions scored. It never
// shows a bare figure that could pass for compliance with that framework.
const (
	crossTitle = "Cross-framework coverage"
	crossIntro = "This is coverage, not compliance. For each NIST AI RMF function, OWASP risk and EU AI Act article, it lists the questions of this assessment whose catalog entry touches it, and how those questions scored: their weighted mean readiness score out of 100. It shows where evidence gathered here can be reused. It does not assess the organisation against these frameworks: a low figure means the related ISO/IEC 42001 questions scored low, not that the organisation fails the framework."
)

// Coverage says in words how many applicable questions touch the item.
func (c CrossRef) Coverage() string {
	switch {
	case len(c.Questions) == 0:
		return "no question touches it"
	case c.Mean == nil:
		return "its questions are all excluded"
	case len(c.Questions) == 1:
		return "score of the one question touching it"
	}
	return fmt.Sprintf("mean score of the %d questions touching it", len(c.Questions))
}

// ScoreText is the score with what it is, for one table cell.
func (c CrossRef) ScoreText() string {
	if c.Mean == nil {
		return c.Coverage()
	}
	return Pct(float64(*c.Mean)) + " / 100, " + c.Coverage()
}

// flattenPNG re-encodes a PNG as plain 8-bit RGB on white. The logo always
// sits on white, and fpdf embeds such a PNG's data as it is, where it
// would split out and recompress an alpha channel on every report (a few
// megabytes of work) and refuse interlaced or 16-bit files outright.
func flattenPNG(data []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	flat := image.NewRGBA(b)
	draw.Draw(flat, b, image.White, image.Point{}, draw.Src)
	draw.Draw(flat, b, img, b.Min, draw.Over)
	// Every pixel is now opaque, so the encoder writes RGB without alpha
	// (image.RGBA says so itself), taking its fast path for *image.RGBA.
	// The default level, not the best: on a logo's long runs of one colour
	// the best level spent about 10 ms for a few hundred bytes (example
	// logo: 1,358 bytes instead of 1,049).
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&out, flat); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
