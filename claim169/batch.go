package claim169

import (
	"context"
	"runtime"
	"sync"
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
	enc, err := e.EncodeContext(ctx, rec.Identity, rec.Claims)
	if err != nil {
		r.Err = err
		return r
	}
	r.Text = enc.Text
	if opts.Stages {
		r.Stages = &enc.Stages
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
