package report

func (d *pdfDoc) engagement() {}
