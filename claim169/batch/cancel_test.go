package batch_test

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/batch"
)

// TestEncodeBatchBounded checks that a batch whose results are not read
// takes only a bounded number of items from an endless input, and that
// cancelling it then stops every goroutine (synctest fails the test if any
// is left).
func TestEncodeBatchBounded(t *testing.T) {
	eachOrder(t, func(t *testing.T, ordered bool) {
		synctest.Test(t, func(t *testing.T) {
			enc := batchEncoder(t)
			ctx, cancel := context.WithCancel(t.Context())
			in := make(chan batch.Item)
			var taken atomic.Int64
			go func() {
				defer close(in)
				for i := 1; ; i++ {
					select {
					case in <- batch.Item{N: i, JSON: batchRecordJSON(i)}:
						taken.Add(1)
					case <-ctx.Done():
						return
					}
				}
			}()
			const workers = 4
			out := batch.Encode(ctx, enc, in, batch.Options{Workers: workers, Ordered: ordered})
			synctest.Wait() // everything is blocked on the unread results
			// Unordered: a result in hand per worker, workers in the
			// buffer of out. Ordered: the window.
			assert.LessOrEqual(t, taken.Load(), int64(5*workers))
			assert.Positive(t, taken.Load())
			cancel()
			for range out {
			}
		})
	})
}

// TestEncodeBatchCancel cancels a running batch: the results channel is
// closed, the rest of the input is left unread, and no goroutine is left.
func TestEncodeBatchCancel(t *testing.T) {
	eachOrder(t, func(t *testing.T, ordered bool) {
		synctest.Test(t, func(t *testing.T) {
			enc := batchEncoder(t)
			ctx, cancel := context.WithCancel(t.Context())
			items := jsonItems(1000)
			defer cancel()
			got := 0
			for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 3, Ordered: ordered}) {
				require.NoError(t, r.Err)
				if got++; got == 10 {
					cancel()
				}
			}
			assert.Less(t, got, len(items))
			assert.GreaterOrEqual(t, got, 10)
		})
	})
}

// TestEncodeBatchCancelNeverClosedInput cancels a batch whose input is
// never closed, with a Finish that waits for the cancellation.
func TestEncodeBatchCancelNeverClosedInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		enc := batchEncoder(t)
		ctx, cancel := context.WithCancel(t.Context())
		in := make(chan batch.Item, 1)
		in <- batch.Item{N: 1, JSON: batchRecordJSON(1)}
		finish := func(ctx context.Context, _ *batch.Result) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}
		out := batch.Encode(ctx, enc, in, batch.Options{Workers: 2, Ordered: true, Finish: finish})
		for range out {
		}
		assert.ErrorIs(t, ctx.Err(), context.Canceled)
	})
}

// TestEncodeBatchNoLeak checks with the goroutine count, outside synctest,
// that cancelled and completed batches leave nothing behind.
func TestEncodeBatchNoLeak(t *testing.T) {
	enc := batchEncoder(t)
	before := runtime.NumGoroutine()
	for i := range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		items, _ := batchItems(t, 40)
		out := batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 4, Ordered: i%2 == 0})
		for r := range out {
			if r.N == 5 && i%4 < 2 {
				cancel()
			}
		}
		cancel()
	}
	// Not assert.Eventually: it runs its condition in a goroutine of its own.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines before, %d after:\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestEncodeBatchConcurrent runs several batches at once on one Encoder
// with many workers (meant for -race).
func TestEncodeBatchConcurrent(t *testing.T) {
	enc, dec := batchEncoder(t), batchDecoder(t)
	var wg sync.WaitGroup
	for b := range 4 {
		wg.Go(func() {
			ctx := context.Background()
			items, readErr := batchItems(t, 100)
			var count atomic.Int32
			finish := func(context.Context, *batch.Result) error { count.Add(1); return nil }
			n := 0
			for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 64, Ordered: b%2 == 0, Finish: finish}) {
				checkResult(t, dec, readErr, r)
				n++
			}
			assert.Equal(t, len(items), n)
		})
	}
	wg.Wait()
}
