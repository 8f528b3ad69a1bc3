package batch_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/claim169/record"
)

func TestEncodeBatch(t *testing.T) {
	eachOrder(t, func(t *testing.T, ordered bool) {
		for _, workers := range []int{1, 3, 0} {
			t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
				enc, dec := batchEncoder(t), batchDecoder(t)
				items, readErr := batchItems(t, 150)
				ctx := context.Background()
				seen := make(map[int]bool)
				last := 0
				for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: workers, Ordered: ordered}) {
					require.False(t, seen[r.N], "record %d twice", r.N)
					seen[r.N] = true
					if ordered {
						require.Equal(t, last+1, r.N, "out of order")
					}
					last = r.N
					if r.Encoded != nil {
						assert.Zero(t, r.Encoded.Stages, "stages are dropped without Options.Stages")
					}
					checkResult(t, dec, readErr, r)
				}
				assert.Len(t, seen, len(items))
			})
		}
	})
}

// TestEncodeBatchOrderedShuffled makes records finish out of order and
// checks that ordered results still come in input order.
func TestEncodeBatchOrderedShuffled(t *testing.T) {
	enc := batchEncoder(t)
	items, _ := batchItems(t, 60)
	ctx := context.Background()
	finish := func(_ context.Context, r *batch.Result) error {
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		return nil
	}
	var got []int
	for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 8, Ordered: true, Finish: finish}) {
		got = append(got, r.N)
	}
	require.Len(t, got, len(items))
	for i, n := range got {
		require.Equal(t, i+1, n)
	}
}

func TestEncodeBatchStagesAndFinish(t *testing.T) {
	enc := batchEncoder(t)
	ctx := context.Background()
	finishErr := errors.New("test: finish failed")
	items := []batch.Item{
		{N: 1, JSON: batchRecordJSON(1)},
		{N: 2, JSON: batchRecordJSON(2)},
		{N: 3, JSON: []byte(`{"claim169":{"id":"x"},"extra":1}`)},
	}
	var finished atomic.Int32
	finish := func(_ context.Context, r *batch.Result) error {
		finished.Add(1)
		require.NotNil(t, r.Encoded)
		require.NotEmpty(t, r.Encoded.Stages.COSE)
		if r.N == 2 {
			return finishErr
		}
		return nil
	}
	results := map[int]batch.Result{}
	for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Stages: true, Finish: finish}) {
		results[r.N] = r
	}
	require.Len(t, results, 3)
	assert.EqualValues(t, 2, finished.Load(), "Finish runs for successes only")

	one := results[1]
	require.NoError(t, one.Err)
	require.NotNil(t, one.Encoded)
	assert.Equal(t, one.Encoded.Text, base45.EncodeToString(one.Encoded.Stages.Compressed))
	want, err := enc.Encode(mustRecord(t, batchRecordJSON(1)))
	require.NoError(t, err)
	assert.Equal(t, want, one.Encoded, "Ed25519 is deterministic: the batch encodes as Encode does")

	two := results[2]
	assert.ErrorIs(t, two.Err, finishErr)
	assert.Nil(t, two.Encoded)

	assert.ErrorIs(t, results[3].Err, claim169.ErrMalformed)
}

// TestEncodeBatchEncoderError checks that an encoding failure is the
// record's alone.
func TestEncodeBatchEncoderError(t *testing.T) {
	enc := batchEncoder(t)
	ctx := context.Background()
	items := []batch.Item{
		{N: 1, Record: &record.Record{}}, // no identity
		{N: 2, JSON: batchRecordJSON(2)},
	}
	got := map[int]error{}
	for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 2}) {
		got[r.N] = r.Err
	}
	var ce *claim169.Error
	require.ErrorAs(t, got[1], &ce)
	assert.Equal(t, claim169.StageClaim169, ce.Stage)
	assert.NoError(t, got[2])
}

// TestEncodeBatchWorkers checks that Workers bounds the records in work at
// once, and that all of them are used.
func TestEncodeBatchWorkers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
		want    int
	}{
		{"three", 3, 3},
		{"default", 0, runtime.GOMAXPROCS(0)},
		{"negative", -5, runtime.GOMAXPROCS(0)},
		{"clamped", 10 * batch.MaxWorkers, batch.MaxWorkers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc := batchEncoder(t)
			ctx := context.Background()
			items := jsonItems(2 * tc.want)
			var running, peak atomic.Int32
			var all sync.WaitGroup
			all.Add(tc.want) // the first tc.want records wait for one another
			finish := func(_ context.Context, r *batch.Result) error {
				now := running.Add(1)
				for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
				}
				if r.N <= tc.want {
					all.Done()
					all.Wait()
				}
				running.Add(-1)
				return nil
			}
			n := 0
			for range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: tc.workers, Finish: finish}) {
				n++
			}
			assert.Equal(t, len(items), n)
			assert.EqualValues(t, tc.want, peak.Load())
		})
	}
}

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
