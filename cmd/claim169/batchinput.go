package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"unicode/utf8"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// batchSource reads the records of the input: JSON lines, or CSV records
// after a header row.
type batchSource struct {
	br     *bufio.Reader
	buf    []byte
	offset atomic.Int64 // bytes consumed, for the progress bar

	isCSV  bool
	header *record.CSVHeader
	cr     *csv.Reader // reads the records given to chunk, one at a time
	chunk  chunkReader
	fed    int64 // bytes given to cr
}

// errTooLong reports a record over maxBatchRecord bytes.
var errTooLong = fmt.Errorf("longer than %d bytes", maxBatchRecord)

// badRecord is the error of a record the command could not read.
func badRecord(err error) error {
	return &claim169.Error{Stage: record.Stage, Kind: claim169.ErrMalformed, Err: err}
}

func newBatchSource(r io.Reader, isCSV bool) (*batchSource, error) {
	s := &batchSource{br: bufio.NewReaderSize(r, 64<<10), isCSV: isCSV}
	if bom, err := s.br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		s.br.Discard(3)
		s.offset.Add(3)
	}
	if !isCSV {
		return s, nil
	}
	for {
		rec, err := s.record()
		switch {
		case err == io.EOF:
			return nil, &inputError{"csv", errors.New("no header row")}
		case err == errTooLong:
			return nil, &inputError{"csv", fmt.Errorf("header row %v", err)}
		case err != nil:
			return nil, &ioError{"--in", err}
		case s.blank(rec):
			continue
		}
		row, err := s.parseCSV(rec)
		if err != nil {
			return nil, &inputError{"csv", fmt.Errorf("header row: %w", err)}
		}
		if s.header, err = record.ParseCSVHeader(row); err != nil {
			return nil, &inputError{"batch", err}
		}
		return s, nil
	}
}

// next returns the JSON of the next record, or in bad why the record is
// bad. It returns io.EOF at the end of the input and other errors when
// reading fails.
func (s *batchSource) next() (data []byte, bad, err error) {
	for {
		rec, err := s.record()
		switch {
		case err == errTooLong:
			return nil, badRecord(err), nil
		case err != nil:
			return nil, nil, err
		case s.blank(rec):
			continue
		case !utf8.Valid(rec):
			return nil, badRecord(errors.New("not valid UTF-8")), nil
		case !s.isCSV:
			return bytes.Clone(rec), nil, nil
		}
		row, err := s.parseCSV(rec)
		if err != nil {
			return nil, badRecord(err), nil
		}
		if data, err = s.header.RecordJSON(row); err != nil {
			return nil, err, nil
		}
		return data, nil, nil
	}
}

// blank reports whether a record is to be skipped without counting it: an
// empty line in CSV (as encoding/csv does), a line of white space in JSON
// lines.
func (s *batchSource) blank(rec []byte) bool {
	if s.isCSV {
		return len(bytes.TrimRight(rec, "\r\n")) == 0
	}
	return len(bytes.TrimSpace(rec)) == 0
}

// record reads the next record: a line or, in CSV, as many lines as it
// takes to close the quoted fields. The bytes are valid until the next
// call. A record over maxBatchRecord bytes is consumed and reported as
// errTooLong; io.EOF means the input is done.
func (s *batchSource) record() ([]byte, error) {
	s.buf = s.buf[:0]
	size, quotes := 0, 0
	for {
		frag, err := s.br.ReadSlice('\n')
		size += len(frag)
		s.offset.Add(int64(len(frag)))
		if s.isCSV {
			quotes += bytes.Count(frag, []byte{'"'})
		}
		if size <= maxBatchRecord {
			s.buf = append(s.buf, frag...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, err
		case err == nil && quotes%2 == 1:
			continue // a line break inside a quoted field
		case size > maxBatchRecord:
			return nil, errTooLong
		}
		return s.buf, nil
	}
}

// parseCSV parses one record with encoding/csv, which checks that it has as
// many fields as the header (FieldsPerRecord). The returned slice is reused.
func (s *batchSource) parseCSV(rec []byte) ([]string, error) {
	if s.cr == nil {
		s.cr = csv.NewReader(&s.chunk)
		s.cr.ReuseRecord = true
		s.fed = 0
		if s.header != nil {
			s.cr.FieldsPerRecord = s.header.Len()
		}
	}
	s.chunk.b = rec
	s.fed += int64(len(rec))
	row, err := s.cr.Read()
	if err == nil && s.cr.InputOffset() != s.fed {
		err = errors.New("csv: malformed quotes")
	}
	if err != nil {
		s.cr = nil // drop whatever the reader buffered
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("csv: %w", pe.Err)
		}
		return nil, err
	}
	return row, nil
}

// chunkReader gives encoding/csv one record at a time.
type chunkReader struct{ b []byte }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.b)
	c.b = c.b[n:]
	return n, nil
}
