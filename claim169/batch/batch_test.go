package batch_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
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

// ctxKey marks the context a batch is given.
type ctxKey struct{}

// kmsSigner is a cose.ContextSigner that counts the signatures made with
// the batch's context and gives up when that context is done.
type kmsSigner struct {
	ed25519.PrivateKey
	withCtx atomic.Int32
}

func (s *kmsSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if ctx.Value(ctxKey{}) == "batch-7" {
		s.withCtx.Add(1)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.PrivateKey.Sign(rand, digest, opts)
}

var _ cose.ContextSigner = (*kmsSigner)(nil)

// TestEncodeBatchContextReachesSigner checks that the workers sign with the
// batch's context.
func TestEncodeBatchContextReachesSigner(t *testing.T) {
	kms := &kmsSigner{PrivateKey: batchKey}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: kms})
	require.NoError(t, err)
	ctx := context.WithValue(context.Background(), ctxKey{}, "batch-7")
	items := jsonItems(20)
	n := 0
	for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: 3}) {
		require.NoError(t, r.Err)
		n++
	}
	assert.Equal(t, len(items), n)
	assert.EqualValues(t, len(items), kms.withCtx.Load(), "every signature had the batch's context")
}
