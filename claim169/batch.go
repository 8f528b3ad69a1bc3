package claim169

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxBatchWorkers bounds BatchOptions.Workers.
const MaxBatchWorkers = 256

// batchWindow is how many records per worker an ordered batch holds at most,
// in flight or waiting for an earlier record to finish.
const batchWindow = 4

// StageRecord names a batch item whose JSON record could not be read.
const StageRecord Stage = "record"

// BatchItem is one record of a batch. Exactly one of Record, JSON and Err is
// meant to be set; they are looked at in the order Err, Record, JSON.
type BatchItem struct {
	// N identifies the item in its result; EncodeBatch does not interpret
	// it. The claim169 command uses the record's 1-based number in its
	// input.
	N int
	// Record is the record to encode. EncodeBatch does not modify it.
	Record *Record
	// JSON, when Record is nil, is a record in the form Record.UnmarshalJSON
	// reads; the worker parses it, so that parsing runs in parallel too.
	JSON []byte
	// Err marks an item the caller could not read (a line over a size
	// limit, say): it is not encoded, and its result carries Err, in its
	// place in the order.
	Err error
}

// BatchResult is the outcome of one BatchItem: either Text (and Stages, if
// asked for) or Err.
type BatchResult struct {
	N      int     // the item's N
	Text   string  // the QR text
	Stages *Stages // every stage's output, with BatchOptions.Stages
	// Err is the item's own Err; an *Error at StageRecord matching
	// ErrMalformed for JSON that Record.UnmarshalJSON refuses; the
	// Encoder's *Error; or the error BatchOptions.Finish returned.
	Err error
}

// BatchOptions configures EncodeBatch. The zero value runs one worker per
// CPU and delivers results as they are ready.
type BatchOptions struct {
	// Workers is the number of records encoded at once; 0 (or less) means
	// runtime.GOMAXPROCS(0), and more than MaxBatchWorkers means
	// MaxBatchWorkers.
	Workers int
	// Ordered delivers the results in the order of the items. Otherwise
	// they come as they are ready, which may differ from the input order.
	Ordered bool
	// Stages keeps every stage's output in the results.
	Stages bool
	// Finish, if set, is called by the worker that encoded a record with its
	// successful result, before the result is delivered: work that should
	// run in parallel with the encoding, such as rendering and saving the
	// QR code, belongs here. It may modify the result (drop the Stages,
	// say); an error it returns becomes the result's Err and clears Text and
	// Stages. Finish is called from several goroutines at once.
	Finish func(ctx context.Context, r *BatchResult) error
}

func (o *BatchOptions) workers() int {
	n := o.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return min(n, MaxBatchWorkers)
}

// EncodeBatch encodes the items received from in with several workers and
// delivers one result per item on the returned channel, which it closes
// once in is closed and every item is done. Results come in the order the
// items were received with opts.Ordered, otherwise as they are ready. A bad
// record fails alone: its result carries the error and the batch goes on.
//
// Memory is bounded: at most a few items per worker are held at any time,
// so a slow reader of the results slows the batch down rather than making
// it buffer.
//
// Cancelling ctx stops the batch: items not yet started are dropped without
// results, and the channel is closed as soon as the running encodings (and
// Finish calls) return: once it is closed, no worker is left running. The
// caller must either receive until the channel is closed or cancel ctx;
// whoever sends on in should stop when ctx is done.
//
// EncodeBatch is safe for concurrent use, like the Encoder.
func (e *Encoder) EncodeBatch(ctx context.Context, in <-chan BatchItem, opts BatchOptions) <-chan BatchResult {
	n := opts.workers()
	out := make(chan BatchResult, n)
	if opts.Ordered {
		go e.batchOrdered(ctx, in, out, n, &opts)
	} else {
		go e.batchUnordered(ctx, in, out, n, &opts)
	}
	return out
}

// batchUnordered runs n workers that take items straight from in and
// deliver their results straight to out.
func (e *Encoder) batchUnordered(ctx context.Context, in <-chan BatchItem, out chan<- BatchResult, n int, opts *BatchOptions) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				item, ok := receive(ctx, in)
				if !ok {
					return
				}
				if !send(ctx, out, e.batchOne(ctx, item, opts)) {
					return
				}
			}
		})
	}
	wg.Wait()
	close(out)
}

// sequenced is an item or result with its place in the input order.
type sequenced[T any] struct {
	seq int
	v   T
}

// batchOrdered numbers the items, runs n workers on them and puts the
// results back in order. A token is taken per item before it is read and
// given back when its result is delivered, so at most batchWindow·n items
// are in flight or waiting for an earlier one.
func (e *Encoder) batchOrdered(ctx context.Context, in <-chan BatchItem, out chan<- BatchResult, n int, opts *BatchOptions) {
	window := batchWindow * n
	tokens := make(chan struct{}, window)
	work := make(chan sequenced[BatchItem], n)
	done := make(chan sequenced[BatchResult], window)
	var wg sync.WaitGroup
	wg.Go(func() { dispatch(ctx, in, work, tokens) })
	var workers sync.WaitGroup
	for range n {
		workers.Go(func() {
			for it := range work {
				if ctx.Err() != nil {
					continue // drain: dispatch stops on ctx too
				}
				// done holds window results and at most window items are
				// in flight, so this never blocks.
				done <- sequenced[BatchResult]{it.seq, e.batchOne(ctx, it.v, opts)}
			}
		})
	}
	wg.Go(func() { workers.Wait(); close(done) })

	pending := make(map[int]BatchResult, window)
	next := 0
	for r := range done {
		if ctx.Err() != nil {
			continue // drain done until the workers stop
		}
		pending[r.seq] = r.v
		for {
			v, ok := pending[next]
			if !ok || !send(ctx, out, v) {
				break
			}
			delete(pending, next)
			next++
			<-tokens
		}
	}
	wg.Wait()
	close(out)
}

// dispatch numbers the items of in and hands them to the workers, taking a
// token for each; it closes work when in is closed or ctx is done.
func dispatch(ctx context.Context, in <-chan BatchItem, work chan<- sequenced[BatchItem], tokens chan<- struct{}) {
	defer close(work)
	for seq := 0; ; seq++ {
		select {
		case tokens <- struct{}{}:
		case <-ctx.Done():
			return
		}
		item, ok := receive(ctx, in)
		if !ok {
			return
		}
		if !send(ctx, work, sequenced[BatchItem]{seq, item}) {
			return
		}
	}
}

// batchOne reads, encodes and finishes one item.
func (e *Encoder) batchOne(ctx context.Context, item BatchItem, opts *BatchOptions) BatchResult {
	r := BatchResult{N: item.N}
	if item.Err != nil {
		r.Err = item.Err
		return r
	}
	rec := item.Record
	if rec == nil {
		rec = new(Record)
		if err := rec.UnmarshalJSON(item.JSON); err != nil {
			r.Err = stageErr(StageRecord, ErrMalformed, err)
			return r
		}
	}
	s, err := e.EncodeStages(rec.Identity, rec.Claims)
	if err != nil {
		r.Err = err
		return r
	}
	r.Text = s.Base45
	if opts.Stages {
		r.Stages = s
	}
	if opts.Finish != nil {
		if err := opts.Finish(ctx, &r); err != nil {
			return BatchResult{N: item.N, Err: err}
		}
	}
	return r
}

// receive takes the next item from in; false when in is closed or ctx is
// done (checked first, so that a cancelled batch stops promptly).
func receive[T any](ctx context.Context, in <-chan T) (T, bool) {
	var zero T
	if ctx.Err() != nil {
		return zero, false
	}
	select {
	case v, ok := <-in:
		return v, ok
	case <-ctx.Done():
		return zero, false
	}
}

// send delivers v on out; false when ctx is done first.
func send[T any](ctx context.Context, out chan<- T, v T) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case out <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

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

// csvClaims are the CWT claim columns, named as in the record's "cwt".
var csvClaims = [...]csvColumn{
	{"issuer", true, cellText}, {"subject", true, cellText}, {"audience", true, cellText},
	{"expiresAt", true, cellInt}, {"notBefore", true, cellInt}, {"issuedAt", true, cellInt},
	{"cwtId", true, cellText},
}

// csvColumnByName returns the column a header name stands for.
func csvColumnByName(name string) (csvColumn, bool) {
	if name == "unknown" {
		return csvColumn{name, false, cellJSON}, true
	}
	if f := fieldByName(name); f != nil {
		cell := cellText
		switch f.kind {
		case kindInt:
			cell = cellInt
		case kindInts, kindBiometrics:
			cell = cellJSON
		}
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
// An unknown or repeated name is an error matching ErrMalformed that names
// the column by its position, and by its text when that looks like a field
// name (lowerCamelCase ASCII), so that a data row taken for the header is
// not echoed.
func ParseCSVHeader(names []string) (*CSVHeader, error) {
	if len(names) == 0 {
		return nil, malformed("claim169: csv header has no columns")
	}
	h := &CSVHeader{cols: make([]csvColumn, len(names))}
	seen := make(map[string]int, len(names))
	for i, name := range names {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		c, ok := csvColumnByName(name)
		if !ok {
			return nil, malformed(fmt.Sprintf("claim169: csv header: column %d%s is not a record field", i+1, showName(name)))
		}
		if j, dup := seen[name]; dup {
			return nil, malformed(fmt.Sprintf("claim169: csv header: columns %d and %d are both %q", j+1, i+1, name))
		}
		seen[name] = i
		h.cols[i] = c
		h.hasCWT = h.hasCWT || c.cwt
	}
	return h, nil
}

// showName quotes a header cell that looks like a field name, and hides
// anything else.
func showName(name string) string {
	if name == "" || len(name) > 40 || name[0] < 'a' || name[0] > 'z' {
		return ""
	}
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return ""
		}
	}
	return fmt.Sprintf(" (%q)", name)
}

// malformed is an error message that matches ErrMalformed.
type malformed string

func (m malformed) Error() string        { return string(m) }
func (m malformed) Is(target error) bool { return target == ErrMalformed }

// csvErr is the error of a bad row: a record error, like those of
// Record.UnmarshalJSON in a batch.
func csvErr(msg string) error { return stageErr(StageRecord, ErrMalformed, errors.New(msg)) }

// Len returns the number of columns.
func (h *CSVHeader) Len() int { return len(h.cols) }

// RecordJSON returns the JSON record of one row, which must have a cell per
// column. Errors are *Error at StageRecord matching ErrMalformed, as in a
// batch, and name the column, never its value.
func (h *CSVHeader) RecordJSON(row []string) ([]byte, error) {
	if len(row) != len(h.cols) {
		return nil, csvErr(fmt.Sprintf("claim169: csv row has %d fields, the header %d", len(row), len(h.cols)))
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
		switch c.cell {
		case cellInt:
			n, err := strconv.ParseInt(cell, 10, 64)
			if err != nil {
				return nil, csvErr(fmt.Sprintf("claim169: csv column %q: expected a decimal integer", c.name))
			}
			b = strconv.AppendInt(b, n, 10)
		case cellJSON:
			if !json.Valid([]byte(cell)) {
				return nil, csvErr(fmt.Sprintf("claim169: csv column %q: expected JSON", c.name))
			}
			b = append(b, cell...)
		default:
			if !utf8.ValidString(cell) {
				return nil, csvErr(fmt.Sprintf("claim169: csv column %q: not valid UTF-8", c.name))
			}
			q, err := json.Marshal(cell)
			if err != nil {
				return nil, csvErr(fmt.Sprintf("claim169: csv column %q: cannot be written as JSON", c.name))
			}
			b = append(b, q...)
		}
	}
	return b, nil
}
