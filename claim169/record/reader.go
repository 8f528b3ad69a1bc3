package record

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"unicode/utf8"
)

// Format is the form of a file of records that a Reader reads.
type Format int

const (
	// JSONLines is one JSON record per line, in the form Parse reads.
	// Lines of white space are skipped.
	JSONLines Format = iota + 1
	// CSV is a header row of JSON names (see CSVHeader), then one row per
	// record, quoted strictly as RFC 4180 says. Empty lines are skipped.
	CSV
)

// MaxRecordBytes bounds one record of a Reader's input: a JSON line, or a
// CSV record with the line breaks of its quoted fields. A longer record is
// a bad record.
const MaxRecordBytes = 1 << 20

// Raw is one record as a Reader reads it: its JSON, or why it is bad.
type Raw struct {
	// N is the record's 1-based number among the records of the input,
	// not counting skipped lines or the CSV header.
	N int
	// Line is the 1-based physical line where the record starts; a CSV
	// record whose quoted fields hold line breaks spans several lines.
	Line int
	// JSON is the record in the form Parse reads (a CSV row as
	// CSVHeader.RecordJSON writes it); nil when Err is set.
	JSON []byte
	// Err says why the record cannot be read: a *claim169.Error at Stage
	// matching claim169.ErrMalformed that names no value of the record.
	Err error
}

// Reader reads the records of a file of JSON lines or CSV one at a time,
// numbering them. A bad record fails alone: the records after it keep the
// numbers they have when it is mended. In CSV, a quote that opens a field
// and is not closed properly (the text goes on after the closing quote, or
// the input ends inside the field) makes its record bad, and that record
// is taken to end with the line where the field opened: the lines after it
// are read again as records, so that one stray quote cannot swallow the
// records that follow. Going back takes a seekable input (a file) when the
// field opened more than MaxRecordBytes before the fault; otherwise those
// lines stay in the bad record.
type Reader struct {
	format Format
	header *CSVHeader

	seeker   io.Seeker // the input, when it can go back
	base     int64     // the input's offset where reading started
	src      io.Reader
	br       *bufio.Reader
	pending  []byte // bytes read again before br
	pos      int64  // offset of the next byte from base
	furthest atomic.Int64
	line     int // the physical line of the next byte
	n        int // records numbered so far

	raw    []byte // the bytes of the current record, up to MaxRecordBytes
	csv    csvScan
	fields []string
}

// NewReader returns a Reader of the records in r. A leading byte order
// mark is skipped. For CSV it reads the header row (the first line that is
// not empty), whose errors it returns: a *claim169.Error at Stage matching
// claim169.ErrMalformed, or the error of r.
func NewReader(r io.Reader, format Format) (*Reader, error) {
	if format != JSONLines && format != CSV {
		return nil, fmt.Errorf("record: unknown format %d", format)
	}
	rd := &Reader{format: format, src: r, br: bufio.NewReaderSize(r, 64<<10), line: 1}
	if s, ok := r.(io.Seeker); ok {
		if off, err := s.Seek(0, io.SeekCurrent); err == nil {
			rd.seeker, rd.base = s, off
		}
	}
	if bom, err := rd.br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		rd.br.Discard(3)
		rd.advance(3)
	}
	if format == CSV {
		if err := rd.readHeader(); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

// Header returns the CSV header row's columns; nil for JSON lines.
func (r *Reader) Header() *CSVHeader { return r.header }

// Offset returns how many bytes of the input have been read, for a
// progress report. It may be called while another goroutine reads.
func (r *Reader) Offset() int64 { return r.furthest.Load() }

// Read returns the next record, good or bad. It returns io.EOF at the end
// of the input and the input's error when reading fails.
func (r *Reader) Read() (Raw, error) {
	var line int
	var data []byte
	var bad error
	var err error
	if r.format == CSV {
		line, data, bad, err = r.readCSV()
	} else {
		line, data, bad, err = r.readJSONLine()
	}
	if err != nil {
		return Raw{}, err
	}
	r.n++
	if bad != nil {
		return Raw{N: r.n, Line: line, Err: stageErr(bad)}, nil
	}
	return Raw{N: r.n, Line: line, JSON: data}, nil
}

// errTooLong reports a record over MaxRecordBytes.
var errTooLong = fmt.Errorf("record: longer than %d bytes", MaxRecordBytes)

// errNotUTF8 reports a record that is not UTF-8.
var errNotUTF8 = errors.New("record: not valid UTF-8")

// readJSONLine reads lines up to the next one that is not white space.
func (r *Reader) readJSONLine() (line int, data []byte, bad, err error) {
	for {
		line = r.line
		r.raw = r.raw[:0]
		size := 0
		for {
			frag, ferr := r.fragment()
			size += len(frag)
			if size <= MaxRecordBytes {
				r.raw = append(r.raw, frag...)
			}
			if ferr == bufio.ErrBufferFull {
				continue
			}
			if ferr == io.EOF && size == 0 {
				return 0, nil, nil, io.EOF
			}
			if ferr != nil && ferr != io.EOF {
				return 0, nil, nil, ferr
			}
			break
		}
		switch rec := bytes.TrimSpace(r.raw); {
		case size > MaxRecordBytes:
			return line, nil, errTooLong, nil
		case len(rec) == 0:
			continue
		case !utf8.Valid(rec):
			return line, nil, errNotUTF8, nil
		default:
			return line, bytes.Clone(rec), nil, nil
		}
	}
}

// fragment returns the input up to and including the next line break, or
// as much as the buffer holds (bufio.ErrBufferFull), or the rest of the
// input with io.EOF. The bytes are valid until the next call.
func (r *Reader) fragment() ([]byte, error) {
	var frag []byte
	var err error
	if len(r.pending) > 0 {
		if i := bytes.IndexByte(r.pending, '\n'); i >= 0 {
			frag, r.pending = r.pending[:i+1], r.pending[i+1:]
		} else {
			frag, r.pending = r.pending, nil
			err = bufio.ErrBufferFull // the line goes on in br
		}
	} else {
		frag, err = r.br.ReadSlice('\n')
	}
	r.advance(len(frag))
	if len(frag) > 0 && frag[len(frag)-1] == '\n' {
		r.line++
	}
	return frag, err
}

// advance moves the offset on by n bytes.
func (r *Reader) advance(n int) {
	r.pos += int64(n)
	if r.pos > r.furthest.Load() {
		r.furthest.Store(r.pos)
	}
}

// rewind makes the input read again from offset pos, which is line line
// and lies in the current record, whose first byte is at offset start. It
// reports false when it cannot: the bytes are no longer held and the input
// cannot seek.
func (r *Reader) rewind(pos int64, line int, start int64) bool {
	if held := start + int64(len(r.raw)); held == r.pos {
		again := r.raw[pos-start:]
		r.pending = append(bytes.Clone(again), r.pending...)
	} else {
		if r.seeker == nil {
			return false
		}
		if _, err := r.seeker.Seek(r.base+pos, io.SeekStart); err != nil {
			return false
		}
		r.pending = nil
		r.br.Reset(r.src)
	}
	r.pos, r.line = pos, line
	return true
}
