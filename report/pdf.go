package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// WritePDF renders the report as an A4 PDF: title page, contents, executive
// summary with a chart of section scores, section detail, fix list,
// Statement of Applicability, cross-framework view, engagement record and
// method appendix.
//
// The document is laid out once. The contents pages are reserved after the
// title page and filled in at the end, when every heading's page is known;
// the footers ("Page N of M") are drawn last for the same reason.
//
// The same report always gives the same bytes: the document dates come from
// the assessment date, never from the clock. Every string is passed through
// pdfSafe first, and a panic inside fpdf is returned as an error.
func WritePDF(w io.Writer, r *Report) (err error) {
	return writePDF(w, r, (*pdfDoc).fullReport)
}

// writePDF sets up a document, lets body draw it and writes it out.
func writePDF(w io.Writer, r *Report, body func(*pdfDoc)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rendering the PDF failed: %v", p)
		}
	}()
	d, err := newPDFDoc(r)
	if err != nil {
		return err
	}
	body(d)
	d.finish()
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("rendering the PDF failed: %w", err)
	}
	var sink compressSink
	if err := d.f.Output(&sink); err != nil {
		return fmt.Errorf("rendering the PDF failed: %w", err)
	}
	if sink.err != nil {
		return fmt.Errorf("rendering the PDF failed: %w", sink.err)
	}
	_, err = w.Write(sink.out)
	return err
}

// compressSink compresses the document fpdf writes into it (compressPDF)
// while fpdf's own buffer is passed to Write, rather than copying the
// whole uncompressed file (1.6 MB for the example report) first. fpdf
// writes its buffer in one call; a second call is an error, never a
// half-compressed file.
type compressSink struct {
	out    []byte
	err    error
	called bool
}

func (s *compressSink) Write(p []byte) (int, error) {
	if s.called {
		s.err = errors.New("pdf: the document came in more than one piece")
		return 0, s.err
	}
	s.called = true
	s.out, s.err = compressPDF(p) // keeps nothing of p
	return len(p), nil
}

// pdfDoc holds the drawing state of one document.
type pdfDoc struct {
	f        *fpdf.Fpdf
	r        *Report
	toc      []tocEntry
	tocPages []int // page of each contents entry, filled while drawing
	links    []int // link to each contents entry, made while drawing
	next     int   // index of the next contents entry to be drawn
	contents int   // first contents page; 0 when there is none
	running  string
	logo     bool            // the logo is registered as image "logo"
	loaded   map[string]bool // fonts added to the document, by family and face
	// footOnFirst puts the footer on page 1 too: the board summary alone
	// has no title page.
	footOnFirst bool
	// cur is the font and text colour last set through use. fpdf builds
	// strings on every SetFont and SetTextColor, so use skips repeats; the
	// largest share of the PDF's allocations went there.
	cur    style
	curSet bool
}

type tocEntry struct {
	level int
	title string
}

func newPDFDoc(r *Report) (*pdfDoc, error) {
	f := fpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, r: r}

	if l := r.Branding.Logo; l != nil {
		f.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: l.Type}, bytes.NewReader(l.Data))
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("embedding the logo %s: %w", r.Branding.LogoName, err)
		}
		d.logo = true
	}
	// Streams are compressed afterwards with one reused compressor
	// (compressPDF); fpdf would make a new one for every page.
	f.SetCompression(false)
	stamp := pdfDate(r.Cover.Date)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true) // fonts and other resources in a fixed order, not map order
	// Bounded: metadata and the running header of every page.
	org := Truncate(orgName(r.Cover), 200)
	f.SetTitle(pdfSafe(r.Cover.Title+": "+org), true)
	author := Truncate(r.Cover.Assessor, 200)
	if strings.TrimSpace(author) == "" {
		author = "aimsready"
	}
	if firm := r.Branding.Firm; firm != "" {
		author += ", " + firm
	}
	f.SetAuthor(pdfSafe(author), true)
	f.SetSubject(pdfSafe("Gap analysis against "+r.Cover.Standard+" for "+org+": a readiness estimate, not a certification or an audit"), true)
	f.SetCreator(pdfSafe(toolLine(r.Cover)), true)
	f.SetProducer("aimsready (fpdf)", false)
	f.SetKeywords(pdfSafe("ISO/IEC 42001, AI management system, gap analysis, readiness, Statement of Applicability"), true)
	f.SetDisplayMode("fullwidth", "single")
	f.SetMargins(marginL, marginTop, marginR)
	f.SetAutoPageBreak(false, 0) // every break is decided here, so tables can repeat headers
	f.SetCellMargin(0)
	d.running = pdfSafe(r.Cover.Standard + " readiness · " + org)
	f.SetHeaderFuncMode(d.header, true)
	return d, nil
}

// fullReport draws every part of the report.
func (d *pdfDoc) fullReport() {
	d.toc = pdfContents(d.r)
	d.tocPages = make([]int, len(d.toc))
	d.links = make([]int, len(d.toc))
	d.titlePage()
	d.f.AddPage()
	d.board(false)
	d.reserveContents()
	d.summary()
	d.sections()
	d.fixList()
	d.soa()
	d.evidenceRegister()
	d.crossFramework()
	d.engagement()
	d.method()
	d.drawContents()
}

// finish draws what needs the page count: footers and the draft mark.
func (d *pdfDoc) finish() {
	last := d.f.PageCount()
	for p := 1; p <= last; p++ {
		d.resume(p)
		if p > 1 || d.footOnFirst {
			d.footer(p, last)
		}
		if d.r.Branding.Draft {
			d.watermark()
		}
	}
	d.f.SetPage(last)
}

// resume returns to page p to draw on it again. fpdf keeps one graphics
// state for the document, so everything the page's content stream might
// hold differently is set afresh.
func (d *pdfDoc) resume(p int) {
	d.f.SetPage(p)
	d.curSet = false
	d.fill(colWhite)
	d.draw(colRule)
	d.f.SetLineWidth(0.2)
	d.f.SetDashPattern([]float64{}, 0)
}

func orgName(cv Cover) string {
	if strings.TrimSpace(cv.Organization) == "" {
		return "(organisation not named)"
	}
	return cv.Organization
}

// pdfDate is the fixed document date: the assessment date at noon UTC, or
// 2000-01-01 when the answers have none, so the bytes never depend on the clock.
func pdfDate(date string) time.Time {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(date)); err == nil {
		return t.Add(12 * time.Hour)
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// pdfContents lists the headings that appear in the contents, in the order
// they are drawn.
func pdfContents(r *Report) []tocEntry {
	toc := []tocEntry{{0, "Executive summary"}, {0, "Section by section"}}
	for _, s := range r.Sections {
		toc = append(toc, tocEntry{1, sectionHeading(s)})
	}
	toc = append(toc, tocEntry{0, "Prioritized fix list"}, tocEntry{0, "Statement of Applicability"},
		tocEntry{0, "Evidence register"}, tocEntry{0, crossTitle})
	if !r.Engagement.Empty() {
		toc = append(toc, tocEntry{0, "Engagement record"})
	}
	toc = append(toc, tocEntry{0, "Method and disclaimer"})
	return toc
}

func sectionHeading(s Section) string {
	return sectionKind(s) + " " + s.ID + " " + s.Title
}

// WritePDFSummary renders the one-page summary for the board alone.
func WritePDFSummary(w io.Writer, r *Report) error {
	return writePDF(w, r, (*pdfDoc).boardOnly)
}
