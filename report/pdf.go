package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// WritePDF renders the report as an A4 PDF: title page, contents, executive
// summary with a chart of section scores, section detail, fix list,
// Statement of Applicability, cross-framework view and method appendix.
//
// The same report always gives the same bytes: the document dates come from
// the assessment date, never from the clock. Every string is passed through
// pdfSafe first, and a panic inside gofpdf is returned as an error.
func WritePDF(w io.Writer, r *Report) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("rendering the PDF failed: %v", p)
		}
	}()
	// Pass 1 finds the page of every heading and the page count; pass 2
	// draws the same pages with the contents page filled in.
	first, err := renderPDF(r, nil, 0)
	if err != nil {
		return err
	}
	second, err := renderPDF(r, first.tocPages, first.f.PageNo())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := second.f.Output(&buf); err != nil {
		return fmt.Errorf("rendering the PDF failed: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// pdfDoc holds the drawing state of one pass.
type pdfDoc struct {
	f          *gofpdf.Fpdf
	r          *Report
	toc        []tocEntry
	tocPages   []int // page of each contents entry, filled while drawing
	prevPages  []int // from the first pass; nil during it
	totalPages int   // from the first pass; 0 during it
	links      []int
	next       int // index of the next contents entry to be drawn
	running    string
	// cur is the font and text colour last set through use. gofpdf builds
	// strings on every SetFont and SetTextColor, so use skips repeats; the
	// largest share of the PDF's allocations went there.
	cur    style
	curSet bool
}

type tocEntry struct {
	level int
	title string
}

func renderPDF(r *Report, prevPages []int, totalPages int) (*pdfDoc, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	d := &pdfDoc{f: f, r: r, prevPages: prevPages, totalPages: totalPages}
	d.toc = pdfContents(r)
	d.tocPages = make([]int, len(d.toc))

	// gofpdf writes into the font bytes it is given while subsetting, so
	// each document gets its own copy: the shared gofont slices stay
	// pristine and the next PDF comes out byte for byte the same.
	f.AddUTF8FontFromBytes(fontSans, "", bytes.Clone(goregular.TTF))
	f.AddUTF8FontFromBytes(fontSans, "B", bytes.Clone(gobold.TTF))
	f.AddUTF8FontFromBytes(fontSans, "I", bytes.Clone(goitalic.TTF))
	f.AddUTF8FontFromBytes(fontMono, "", bytes.Clone(gomono.TTF))
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("loading the PDF fonts: %w", err)
	}
	stamp := pdfDate(r.Cover.Date)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true) // fonts and other resources in a fixed order, not map order
	// Bounded: metadata and the running header of every page.
	org := Truncate(r.Cover.Organization, 200)
	if strings.TrimSpace(org) == "" {
		org = "(organisation not named)"
	}
	f.SetTitle(pdfSafe(r.Cover.Title+": "+org), true)
	author := Truncate(r.Cover.Assessor, 200)
	if strings.TrimSpace(author) == "" {
		author = "aimsready"
	}
	f.SetAuthor(pdfSafe(author), true)
	f.SetSubject(pdfSafe("Gap analysis against "+r.Cover.Standard+" for "+org+": a readiness estimate, not a certification or an audit"), true)
	f.SetCreator(pdfSafe(toolLine(r.Cover)), true)
	f.SetProducer("aimsready (gofpdf)", false)
	f.SetKeywords(pdfSafe("ISO/IEC 42001, AI management system, gap analysis, readiness, Statement of Applicability"), true)
	f.SetDisplayMode("fullwidth", "single")
	f.SetMargins(marginL, marginTop, marginR)
	f.SetAutoPageBreak(false, 0) // every break is decided here, so tables can repeat headers
	f.SetCellMargin(0)
	f.AliasNbPages("")
	d.running = pdfSafe(r.Cover.Standard + " readiness · " + org)
	f.SetHeaderFuncMode(d.header, true)
	f.SetFooterFunc(d.footer)

	d.titlePage()
	d.contentsPage()
	d.summary()
	d.sections()
	d.fixList()
	d.soa()
	d.crossFramework()
	d.method()
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("rendering the PDF failed: %w", err)
	}
	return d, nil
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
		tocEntry{0, "Cross-framework view"}, tocEntry{0, "Method and disclaimer"})
	return toc
}

func sectionHeading(s Section) string {
	return sectionKind(s) + " " + s.ID + " " + s.Title
}
