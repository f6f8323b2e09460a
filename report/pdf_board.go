package report

// boardOnly draws the one-page summary as a document of its own.
func (d *pdfDoc) boardOnly() {
	d.f.AddPage()
}
