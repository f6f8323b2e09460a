package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// compressPDF compresses the page content streams of an uncompressed PDF
// written by fpdf, with one zlib writer reset between streams.
//
// Why: fpdf makes a new zlib writer, about a megabyte of tables, for every
// stream it compresses, which was most of the memory a report took. It
// writes every object on its own ("N 0 obj ... endobj") and lists them in a
// classic cross-reference table, so the objects can be rewritten in file
// order and the table rebuilt with the new offsets. Anything unexpected is
// an error rather than a broken file.
func compressPDF(in []byte) ([]byte, error) {
	xrefAt, err := startXref(in)
	if err != nil {
		return nil, err
	}
	entries, tail, err := readXref(in, xrefAt)
	if err != nil {
		return nil, err
	}
	type obj struct{ num, off int }
	var objs []obj
	for num, e := range entries {
		if e.inUse {
			objs = append(objs, obj{num, e.off})
		}
	}
	slices.SortFunc(objs, func(a, b obj) int { return a.off - b.off })
	if len(objs) == 0 || objs[0].off <= 0 || objs[len(objs)-1].off >= xrefAt {
		return nil, errors.New("pdf: objects outside the file body")
	}

	out := bytes.NewBuffer(make([]byte, 0, len(in)/2))
	out.Write(in[:objs[0].off])
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	offsets := make([]int, len(entries))
	for i, o := range objs {
		end := xrefAt
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		body := in[o.off:end]
		offsets[o.num] = out.Len()
		head := []byte(strconv.Itoa(o.num) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(body, head) {
			out.Write(body) // not a bare stream: copied as it is
			continue
		}
		rest := body[len(head):]
		k := bytes.Index(rest, []byte(">>\nstream\n"))
		n, err := strconv.Atoi(string(rest[:max(k, 0)]))
		if k < 0 || err != nil || k+10+n > len(rest) || !bytes.HasPrefix(rest[k+10+n:], []byte("\nendstream")) {
			out.Write(body)
			continue
		}
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(rest[k+10 : k+10+n]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, z.Len())
		out.Write(z.Bytes())
		out.Write(rest[k+10+n:])
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n", len(entries))
	for num, e := range entries {
		if e.inUse {
			fmt.Fprintf(out, "%010d %05d n \n", offsets[num], e.gen)
		} else {
			fmt.Fprintf(out, "%010d %05d f \n", e.off, e.gen)
		}
	}
	out.Write(tail)
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}

type xrefEntry struct {
	off, gen int
	inUse    bool
}

// startXref reads the offset after the last "startxref".
func startXref(in []byte) (int, error) {
	i := bytes.LastIndex(in, []byte("startxref\n"))
	if i < 0 {
		return 0, errors.New("pdf: no startxref")
	}
	rest := in[i+len("startxref\n"):]
	j := bytes.IndexByte(rest, '\n')
	if j < 0 {
		return 0, errors.New("pdf: truncated startxref")
	}
	off, err := strconv.Atoi(string(rest[:j]))
	if err != nil || off <= 0 || off >= i {
		return 0, errors.New("pdf: bad startxref")
	}
	return off, nil
}

// readXref reads a one-section cross-reference table at off, returning its
// entries and the trailer up to (not including) "startxref".
func readXref(in []byte, off int) ([]xrefEntry, []byte, error) {
	b := in[off:]
	if !bytes.HasPrefix(b, []byte("xref\n0 ")) {
		return nil, nil, errors.New("pdf: no cross-reference table where startxref points")
	}
	b = b[len("xref\n0 "):]
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return nil, nil, errors.New("pdf: truncated cross-reference table")
	}
	count, err := strconv.Atoi(string(b[:nl]))
	if err != nil || count < 1 || count > len(b)/20 {
		return nil, nil, errors.New("pdf: bad cross-reference count")
	}
	b = b[nl+1:]
	entries := make([]xrefEntry, count)
	for i := range entries {
		line := b[20*i : 20*i+20] // "oooooooooo ggggg n \n": 20 bytes each
		o, err1 := strconv.Atoi(string(line[:10]))
		g, err2 := strconv.Atoi(string(line[11:16]))
		if err1 != nil || err2 != nil || (line[17] != 'n' && line[17] != 'f') {
			return nil, nil, fmt.Errorf("pdf: bad cross-reference entry %d", i)
		}
		entries[i] = xrefEntry{o, g, line[17] == 'n'}
	}
	tail := b[20*count:]
	end := bytes.LastIndex(tail, []byte("startxref\n"))
	if !bytes.HasPrefix(tail, []byte("trailer")) || end < 0 {
		return nil, nil, errors.New("pdf: no trailer after the cross-reference table")
	}
	return entries, tail[:end], nil
}
