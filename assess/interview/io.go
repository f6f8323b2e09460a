package interview

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sync"
)

// The interview runs one huh form after another on the same input. Two
// details of huh and Bubble Tea make that fragile when the input is not a
// terminal (a pipe in tests, or accessible mode with a pipe):
//
//   - a finished Bubble Tea program may leave a reader goroutine blocked on
//     the input, which then swallows the first bytes meant for the next form;
//   - huh's accessible mode wraps the input in a fresh bufio.Scanner for every
//     prompt, so whatever one prompt reads ahead is lost to the next.
//
// inputHub owns the input: one goroutine reads it, and each form gets a
// reader of its own that stops taking bytes once the form is over, so no
// byte is ever lost between forms. lineReader hands out one line per Read so
// a scanner never reads ahead.

// inputHub pumps the interview input into a buffer shared by form readers.
type inputHub struct {
	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	err  error // io.EOF or a read error once the input ended

	// drained is closed once a reader found the input ended and every byte
	// before the end taken.
	drained     chan struct{}
	drainedOnce sync.Once
}

func newInputHub(r io.Reader) *inputHub {
	h := &inputHub{drained: make(chan struct{})}
	h.cond = sync.NewCond(&h.mu)
	go h.pump(r)
	return h
}

func (h *inputHub) pump(r io.Reader) {
	chunk := make([]byte, 4096)
	for {
		n, err := r.Read(chunk)
		h.mu.Lock()
		h.buf = append(h.buf, chunk[:n]...)
		if err != nil {
			h.err = err
		}
		h.cond.Broadcast()
		h.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// reader returns a reader for one form; close it when the form is over.
func (h *inputHub) reader() *hubReader { return &hubReader{hub: h} }

// ended reports whether the input ended with nothing left unread.
func (h *inputHub) ended() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.err != nil && len(h.buf) == 0
}

// hubReader reads from the hub until it is closed; a closed reader never
// takes another byte, so a stale reader cannot steal input.
type hubReader struct {
	hub    *inputHub
	closed bool // guarded by hub.mu
}

func (r *hubReader) Read(p []byte) (int, error) {
	h := r.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	for !r.closed && len(h.buf) == 0 && h.err == nil {
		h.cond.Wait()
	}
	if r.closed {
		return 0, io.EOF
	}
	if len(h.buf) == 0 {
		h.drainedOnce.Do(func() { close(h.drained) })
		return 0, h.err
	}
	n := copy(p, h.buf)
	h.buf = h.buf[n:]
	return n, nil
}

// Close stops the reader; a Read blocked in it returns io.EOF.
func (r *hubReader) Close() error {
	r.hub.mu.Lock()
	r.closed = true
	r.hub.cond.Broadcast()
	r.hub.mu.Unlock()
	return nil
}

// lineReader returns at most one line per Read and remembers whether a read
// found the input exhausted, which huh's accessible mode cannot report.
type lineReader struct {
	mu      sync.Mutex
	br      *bufio.Reader
	pending []byte
	starved bool // a Read returned io.EOF: some prompt got no answer
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{br: bufio.NewReader(r)} }

func (l *lineReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.pending) == 0 {
		line, err := l.br.ReadBytes('\n')
		if len(line) == 0 {
			if err == nil {
				err = io.ErrNoProgress
			}
			if errors.Is(err, io.EOF) {
				l.starved = true
			}
			return 0, err
		}
		if !bytes.HasSuffix(line, []byte("\n")) {
			line = append(line, '\n') // a last line without newline still counts
		}
		l.pending = line
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// takeStarved reports and clears whether a prompt hit the end of the input.
func (l *lineReader) takeStarved() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.starved
	l.starved = false
	return s
}

// gatedWriter passes writes through until it is shut, then drops them, so a
// form abandoned on interrupt cannot write over the closing message.
type gatedWriter struct {
	mu   sync.Mutex
	w    io.Writer
	shut bool
}

func (g *gatedWriter) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gatedWriter) close() {
	g.mu.Lock()
	g.shut = true
	g.mu.Unlock()
}
