package batch

import (
	"context"
	"runtime"
	"sync"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// MaxWorkers bounds Options.Workers. It is well above the CPU count so that
// a signer that waits (an HSM or a KMS) can be kept busy.
const MaxWorkers = 256

// window is how many items per worker an ordered batch holds at most, in
// flight or waiting for an earlier item to finish.
const window = 4

// Item is one record of a batch. Exactly one of Record, JSON and Err is
// meant to be set; they are looked at in the order Err, Record, JSON.
type Item struct {
	// N identifies the item in its result; Encode does not interpret it.
	// The claim169 command uses the record's 1-based number in its input.
	N int
	// Record is the record to encode. Encode does not modify it.
	Record *record.Record
	// JSON, when Record is nil, is a record in the form record.Parse reads;
	// the worker parses it, so that parsing runs in parallel too.
	JSON []byte
	// Err marks an item the caller could not read (a line over a size
	// limit, say): it is not encoded, and its result carries Err, in its
	// place in the order.
	Err error
}

// Result is the outcome of one Item: either Encoded or Err.
type Result struct {
	N int // the item's N
	// Encoded is the credential: its QR text, its warnings and, with
	// Options.Stages, the output of every stage (else Encoded.Stages is
	// zero).
	Encoded *claim169.Encoded
	// Err is the item's own Err; the *claim169.Error at record.Stage of
	// record.Parse for JSON it refuses; the Encoder's *claim169.Error; or
	// the error Options.Finish returned.
	Err error
}

// Options configures Encode. The zero value runs one worker per CPU and
// delivers results as they are ready.
type Options struct {
	// Workers is the number of records encoded at once; 0 (or less) means
	// runtime.GOMAXPROCS(0), and more than MaxWorkers means MaxWorkers.
	// With a signer that waits rather than computes (an HSM or a KMS, a
	// few milliseconds a signature), set it to the number of signatures
	// the signer can have under way: workers beyond the CPUs keep it busy
	// (32 workers issue some 25 times as fast as one at 5 ms a signature).
	Workers int
	// Ordered delivers the results in the order of the items. Otherwise
	// they come as they are ready, which may differ from the input order.
	Ordered bool
	// Stages keeps every stage's output in the results.
	Stages bool
	// Finish, if set, is called by the worker that encoded a record with its
	// successful result, before the result is delivered: work that should
	// run in parallel with the encoding, such as rendering and saving the
	// QR code, belongs here. It may modify the result (drop the stages,
	// say); an error it returns becomes the result's Err and clears
	// Encoded. Finish is called from several goroutines at once.
	Finish func(ctx context.Context, r *Result) error
}

func (o *Options) workers() int {
	n := o.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return min(n, MaxWorkers)
}

// Encode encodes the items received from in with enc on several workers
// and delivers one result per item on the returned channel, which it
// closes once in is closed and every item is done. Results come in the
// order the items were received with opts.Ordered, otherwise as they are
// ready. A bad record fails alone: its result carries the error and the
// batch goes on. Workers call enc.EncodeContext with ctx, so that
// cancellation reaches a context-aware signer.
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
// Send on a buffered channel (the claim169 command buffers one item per
// worker): through an unbuffered one the sending goroutine must run once
// for every item, in turn with the batch, which on two cores made a batch
// a quarter to two thirds slower.
//
// Encode is safe for concurrent use, like the Encoder.
func Encode(ctx context.Context, enc *claim169.Encoder, in <-chan Item, opts Options) <-chan Result {
	n := opts.workers()
	out := make(chan Result, n)
	b := &run{enc: enc, opts: opts}
	if opts.Ordered {
		go b.ordered(ctx, in, out, n)
	} else {
		go b.unordered(ctx, in, out, n)
	}
	return out
}

// run is one batch.
type run struct {
	enc  *claim169.Encoder
	opts Options
}

// unordered runs n workers that take items straight from in and deliver
// their results straight to out.
func (b *run) unordered(ctx context.Context, in <-chan Item, out chan<- Result, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				item, ok := receive(ctx, in)
				if !ok {
					return
				}
				if !send(ctx, out, b.one(ctx, item)) {
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

// ordered numbers the items, runs n workers on them and puts the results
// back in order. A token is taken per item before it is read and given
// back when its result is delivered, so at most window·n items are in
// flight or waiting for an earlier one.
func (b *run) ordered(ctx context.Context, in <-chan Item, out chan<- Result, n int) {
	size := window * n
	tokens := make(chan struct{}, size)
	work := make(chan sequenced[Item], size) // the workers never wait for dispatch
	done := make(chan sequenced[Result], size)
	var wg sync.WaitGroup
	wg.Go(func() { dispatch(ctx, in, work, tokens) })
	var workers sync.WaitGroup
	for range n {
		workers.Go(func() {
			for it := range work {
				if ctx.Err() != nil {
					continue // drain: dispatch stops on ctx too
				}
				// done holds size results and at most size items are in
				// flight, so this never blocks.
				done <- sequenced[Result]{it.seq, b.one(ctx, it.v)}
			}
		})
	}
	wg.Go(func() { workers.Wait(); close(done) })

	pending := make(map[int]Result, size)
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
func dispatch(ctx context.Context, in <-chan Item, work chan<- sequenced[Item], tokens chan<- struct{}) {
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
		if !send(ctx, work, sequenced[Item]{seq, item}) {
			return
		}
	}
}

// one reads, encodes and finishes one item.
func (b *run) one(ctx context.Context, item Item) Result {
	r := Result{N: item.N}
	if item.Err != nil {
		r.Err = item.Err
		return r
	}
	rec := item.Record
	if rec == nil {
		var err error
		if rec, err = record.Parse(item.JSON); err != nil {
			r.Err = err
			return r
		}
	}
	enc, err := b.enc.EncodeContext(ctx, rec.Identity, rec.Claims)
	if err != nil {
		r.Err = err
		return r
	}
	if !b.opts.Stages {
		enc.Stages = claim169.Stages{}
	}
	r.Encoded = enc
	if b.opts.Finish != nil {
		if err := b.opts.Finish(ctx, &r); err != nil {
			return Result{N: item.N, Err: err}
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
