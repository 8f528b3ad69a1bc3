package record

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// csvState is where the scanner is within a CSV record.
type csvState uint8

const (
	atFieldStart csvState = iota // before a field's first byte
	inUnquoted                   // in a field that did not start with a quote
	inQuoted                     // in a quoted field
	atQuote                      // just after a quote in a quoted field
)

// csvScan holds the state of one CSV record being read.
type csvScan struct {
	state  csvState
	cr     bool   // a carriage return waits: dropped before a line break
	field  []byte // the fields' text, one after another
	ends   []int  // where each field ends in field
	quotes bool   // the record has a quote
	bad    error  // the first fault, if any
	col    int    // the current field's 1-based column
	ended  bool   // the record is complete
	opened int    // the line where the current quoted field opened
	reopen int64  // the offset of the line after it, once reached
	// again is the offset where the input is read again when a quoted
	// field spanning lines is not closed properly (0: nowhere), and
	// againLine its line: the record ends with the line where the field
	// opened.
	again     int64
	againLine int
	tried     bool // going back was tried
}

func (s *csvScan) reset() {
	*s = csvScan{field: s.field[:0], ends: s.ends[:0], col: 1}
}

// fault records the first fault of the record.
func (s *csvScan) fault(format string, args ...any) {
	if s.bad == nil {
		s.bad = fmt.Errorf("record: csv: "+format, args...)
	}
}

// endField closes the current field.
func (s *csvScan) endField() {
	s.ends = append(s.ends, len(s.field))
	s.col++
	s.state = atFieldStart
}

// scan reads the bytes of one fragment of line line, whose end is at
// offset end. Fragments end at line breaks, and so do records.
func (s *csvScan) scan(frag []byte, line int, end int64) {
	for _, c := range frag {
		if s.cr {
			s.cr = false
			if c != '\n' {
				s.byte('\r', line, end)
			}
		}
		if c == '\r' {
			s.cr = true
			continue
		}
		s.byte(c, line, end)
	}
}

// unclosed records a quoted field that is not closed properly: when it
// spans lines, the record is to end with the line where it opened.
func (s *csvScan) unclosed(format string, args ...any) {
	s.fault(format, args...)
	if s.reopen != 0 && s.again == 0 {
		s.again, s.againLine = s.reopen, s.opened+1
	}
}

// byte reads one byte of the record (line breaks as a single '\n'). A comma
// or a line break outside quotes ends the field, and a line break the
// record.
func (s *csvScan) byte(c byte, line int, end int64) {
	if s.state != inQuoted && (c == ',' || c == '\n') {
		s.endField()
		if c == '\n' {
			s.ended = true
		}
		return
	}
	switch s.state {
	case atFieldStart:
		if c == '"' {
			s.state, s.quotes, s.opened, s.reopen = inQuoted, true, line, 0
			return
		}
		s.field = append(s.field, c)
		s.state = inUnquoted
	case inUnquoted:
		if c == '"' {
			s.quotes = true
			s.fault("column %d: a quote in a field that does not start with one", s.col)
		}
		s.field = append(s.field, c)
	case inQuoted:
		if c == '"' {
			s.state = atQuote
			return
		}
		if c == '\n' && s.reopen == 0 {
			s.reopen = end
		}
		s.field = append(s.field, c)
	case atQuote:
		s.field = append(s.field, c)
		if c == '"' {
			s.state = inQuoted
			return
		}
		s.unclosed("column %d: text after the closing quote of a quoted field", s.col)
		s.state = inUnquoted
	}
}

// readHeader reads the header row.
func (r *Reader) readHeader() error {
	_, row, bad, err := r.readCSVRow()
	switch {
	case err == io.EOF:
		return stageErr(errors.New("record: csv: no header row"))
	case err != nil:
		return err
	case bad != nil:
		return stageErr(fmt.Errorf("%w (the header row)", bad))
	}
	if r.header, err = ParseCSVHeader(row); err != nil {
		return stageErr(err)
	}
	return nil
}

// readCSV reads the next CSV record as JSON.
func (r *Reader) readCSV() (line int, data []byte, bad, err error) {
	line, row, bad, err := r.readCSVRow()
	if err != nil || bad != nil {
		return line, nil, bad, err
	}
	for _, cell := range row {
		if !utf8.ValidString(cell) {
			return line, nil, errNotUTF8, nil
		}
	}
	if len(row) != r.header.Len() {
		return line, nil, fmt.Errorf("record: csv: wrong number of fields: %d, the header has %d", len(row), r.header.Len()), nil
	}
	data, err = r.header.RecordJSON(row)
	if err != nil {
		return line, nil, err, nil
	}
	return line, data, nil, nil
}

// readCSVRow reads the next record that is not an empty line and returns
// its fields (valid until the next call), or why it is bad.
func (r *Reader) readCSVRow() (line int, row []string, bad, err error) {
	s := &r.csv
	for {
		s.reset()
		line, start := r.line, r.pos
		r.raw = r.raw[:0]
		size := 0
		for !s.ended {
			frag, ferr := r.fragment()
			if ferr != nil && ferr != bufio.ErrBufferFull && ferr != io.EOF {
				return 0, nil, nil, ferr
			}
			if size += len(frag); size <= MaxRecordBytes {
				r.raw = append(r.raw, frag...)
			}
			s.scan(frag, r.lineOf(frag), r.pos)
			if ferr == io.EOF {
				if size == 0 {
					return 0, nil, nil, io.EOF
				}
				r.endOfInput()
			}
			if s.again != 0 && !s.tried && ferr != bufio.ErrBufferFull {
				// A quoted field is not closed properly: the record ends
				// with the line where it opened, if the input can go back.
				s.tried = true
				if r.rewind(s.again, s.againLine, start) {
					return line, nil, s.bad, nil
				}
			}
		}
		switch {
		case s.bad != nil:
			return line, nil, s.bad, nil
		case size > MaxRecordBytes:
			return line, nil, errTooLong, nil
		case len(s.ends) == 1 && s.ends[0] == 0 && !s.quotes:
			continue // an empty line
		}
		return line, r.row(), nil, nil
	}
}

// lineOf returns the line a fragment just read belongs to.
func (r *Reader) lineOf(frag []byte) int {
	if len(frag) > 0 && frag[len(frag)-1] == '\n' {
		return r.line - 1
	}
	return r.line
}

// endOfInput ends the record at the end of the input.
func (r *Reader) endOfInput() {
	s := &r.csv
	s.cr = false // a carriage return before the end is a line break too
	if s.state == inQuoted {
		s.unclosed("column %d: the input ends inside a quoted field", s.col)
	} else {
		s.byte('\n', r.line, r.pos) // as if the last line had its break
	}
	s.ended = true
}

// row returns the fields of the record as strings, reusing r.fields.
func (r *Reader) row() []string {
	s := &r.csv
	r.fields = r.fields[:0]
	from := 0
	for _, to := range s.ends {
		r.fields = append(r.fields, string(s.field[from:to]))
		from = to
	}
	return r.fields
}
