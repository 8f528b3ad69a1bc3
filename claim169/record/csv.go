package record

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/idqr/claim169/claim169"
)

// CSVHeader maps the columns of a CSV file of records, named by its header
// row, to the JSON form of a record that Record.UnmarshalJSON reads, so
// that a CSV row is checked exactly like a JSON record.
//
// The header names each column with a JSON name: an identity field (id,
// fullName, gender, ..., voice, and unknown) or a CWT claim (issuer,
// subject, audience, expiresAt, notBefore, issuedAt, cwtId), which do not
// clash. In a row, an empty cell leaves the field absent. gender,
// maritalStatus, photoFormat and the CWT dates are decimal integers; photo
// is standard base64; bestQualityFingers, the biometric fields (rightThumb
// ... voice) and unknown hold JSON text, as in a JSON record; audience is
// one audience, as text; everything else is text, which must be UTF-8.
type CSVHeader struct {
	cols   []csvColumn
	hasCWT bool
}

// csvCell says how a cell becomes JSON.
type csvCell uint8

const (
	cellText csvCell = iota // a JSON string
	cellInt                 // a decimal integer
	cellJSON                // JSON text, copied after a validity check
)

type csvColumn struct {
	name string
	cwt  bool // a CWT claim, else an identity field
	cell csvCell
}

// csvClaims are the CWT claim columns, named as in Claims' JSON.
var csvClaims = [...]csvColumn{
	{"issuer", true, cellText}, {"subject", true, cellText}, {"audience", true, cellText},
	{"expiresAt", true, cellInt}, {"notBefore", true, cellInt}, {"issuedAt", true, cellInt},
	{"cwtId", true, cellText},
}

// identityCells gives the cell of each identity field by its JSON name. It
// is read from the identity's own JSON form, so that the two cannot drift:
// every assigned field, present with its zero value, is written as "" (a
// string, photo's base64 included), 0 (an integer) or [] (an array, whose
// cells hold JSON text).
var identityCells = sync.OnceValue(func() map[string]csvCell {
	cells := map[string]csvCell{"unknown": cellJSON}
	for k := claim169.FieldID; k <= claim169.FieldVoice; k++ {
		if !k.Assigned() {
			continue
		}
		var id claim169.Identity
		id.SetPresent(k)
		data, err := id.MarshalJSON()
		var member map[string]json.RawMessage
		if err != nil || json.Unmarshal(data, &member) != nil || len(member) != 1 {
			panic("record: the identity's JSON form has changed") // programmer error
		}
		for name, zero := range member {
			switch zero[0] {
			case '"':
				cells[name] = cellText
			case '0':
				cells[name] = cellInt
			default:
				cells[name] = cellJSON
			}
		}
	}
	return cells
})

// csvColumnByName returns the column a header name stands for.
func csvColumnByName(name string) (csvColumn, bool) {
	if cell, ok := identityCells()[name]; ok {
		return csvColumn{name, false, cell}, true
	}
	for _, c := range csvClaims {
		if c.name == name {
			return c, true
		}
	}
	return csvColumn{}, false
}

// ParseCSVHeader reads a header row. A leading byte order mark is ignored.
// An unknown or repeated name is an error matching claim169.ErrMalformed
// that names the column by its position, never by its text, so that a data
// row taken for the header is not echoed; for an unknown name close to a
// field's name (a typo), it suggests that name.
func ParseCSVHeader(names []string) (*CSVHeader, error) {
	if len(names) == 0 {
		return nil, malformed("record: csv header has no columns")
	}
	h := &CSVHeader{cols: make([]csvColumn, len(names))}
	seen := make(map[string]int, len(names))
	for i, name := range names {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		c, ok := csvColumnByName(name)
		if !ok && len(names) == 1 && strings.Contains(name, ";") {
			return nil, malformed("record: csv header: one column holding ';': the file looks separated by semicolons, and CSV records are separated by commas (save it as comma-separated CSV)")
		}
		if !ok {
			return nil, malformed(fmt.Sprintf("record: csv header: column %d is not a record field%s", i+1, suggest(name)))
		}
		if j, dup := seen[name]; dup {
			return nil, malformed(fmt.Sprintf("record: csv header: columns %d and %d are both %q", j+1, i+1, name))
		}
		seen[name] = i
		h.cols[i] = c
		h.hasCWT = h.hasCWT || c.cwt
	}
	return h, nil
}

// csvErr is the error of a bad row, like Parse's.
func csvErr(format string, args ...any) error { return stageErr(fmt.Errorf(format, args...)) }

// Len returns the number of columns.
func (h *CSVHeader) Len() int { return len(h.cols) }

// RecordJSON returns the JSON record of one row, which must have a cell per
// column. Errors are *claim169.Error at Stage matching
// claim169.ErrMalformed, as Parse's, and name the column, never its value.
func (h *CSVHeader) RecordJSON(row []string) ([]byte, error) {
	if len(row) != len(h.cols) {
		return nil, csvErr("record: csv row has %d fields, the header %d", len(row), len(h.cols))
	}
	size := 32
	for _, cell := range row {
		size += len(cell) + 24
	}
	b := make([]byte, 0, size)
	b = append(b, `{"claim169":{`...)
	b, err := h.appendCells(b, row, false)
	if err != nil {
		return nil, err
	}
	b = append(b, '}')
	if h.hasCWT {
		b = append(b, `,"cwt":{`...)
		if b, err = h.appendCells(b, row, true); err != nil {
			return nil, err
		}
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// appendCells appends the non-empty cells of the identity or the CWT
// columns as JSON object members.
func (h *CSVHeader) appendCells(b []byte, row []string, cwt bool) ([]byte, error) {
	first := true
	for i, c := range h.cols {
		cell := row[i]
		if c.cwt != cwt || cell == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, c.name...)
		b = append(b, `":`...)
		var err error
		if b, err = appendCell(b, c, cell); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// appendCell appends the JSON value of one cell of column c.
func appendCell(b []byte, c csvColumn, cell string) ([]byte, error) {
	switch c.cell {
	case cellInt:
		n, err := strconv.ParseInt(cell, 10, 64)
		if err != nil {
			return nil, csvErr("record: csv column %q: expected a decimal integer", c.name)
		}
		return strconv.AppendInt(b, n, 10), nil
	case cellJSON:
		if !json.Valid([]byte(cell)) {
			return nil, csvErr("record: csv column %q: expected JSON", c.name)
		}
		return append(b, cell...), nil
	}
	if !utf8.ValidString(cell) {
		return nil, csvErr("record: csv column %q: not valid UTF-8", c.name)
	}
	q, err := json.Marshal(cell)
	if err != nil {
		return nil, csvErr("record: csv column %q: cannot be written as JSON", c.name)
	}
	return append(b, q...), nil
}
