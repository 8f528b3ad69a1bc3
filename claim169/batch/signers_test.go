package batch_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/internal/benchtest"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// Batches with signers outside the process: a remote signer's latency,
// which the workers overlap, and a KMS signer given the batch's context.

// remoteLatency is how long slowSigner takes a signature, as an HSM or a
// KMS reached over the network does.
const remoteLatency = 5 * time.Millisecond

// slowSigner is batchKey behind a signer that waits remoteLatency per
// signature without using a CPU. It counts the signatures under way.
type slowSigner struct {
	now, most atomic.Int32
}

func (*slowSigner) Public() crypto.PublicKey { return batchKey.Public() }

func (s *slowSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	now := s.now.Add(1)
	defer s.now.Add(-1)
	for {
		most := s.most.Load()
		if now <= most || s.most.CompareAndSwap(most, now) {
			break
		}
	}
	time.Sleep(remoteLatency)
	return batchKey.Sign(r, digest, opts)
}

// runBatch issues items with workers and fails on any bad record.
func runBatch(tb testing.TB, enc *claim169.Encoder, items []batch.Item, workers int) {
	ctx := context.Background()
	for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: workers, Ordered: true}) {
		if r.Err != nil {
			tb.Fatal(r.Err)
		}
	}
}

// BenchmarkScaling measures, in one run, how much faster a batch goes with
// more workers: "ratio" is the time of one worker over the time of many
// (the speed-up). cpu: the Ed25519 key in process, 1 worker against 2 (goal
// ≥ 1.8 on two idle cores). latency: a signer that takes 5 ms a signature,
// 1 worker against 32 (goal ≥ 10): workers beyond the core count keep it
// busy. ceiling: bare ed25519.Sign on one goroutine against two, the most
// the machine gives.
//
//	go test -run '^$' -bench Scaling -benchtime 100x -count 5 ./claim169/batch/
func BenchmarkScaling(b *testing.B) {
	b.Run("cpu/1-vs-2-workers", func(b *testing.B) {
		enc := batchEncoder(b)
		items := jsonItems(256)
		benchtest.Ratio(b, func() { runBatch(b, enc, items, 1) }, func() { runBatch(b, enc, items, 2) }, "1-worker", "2-workers")
	})
	b.Run("cpu-time/1-vs-2-workers", func(b *testing.B) {
		// The CPU time a record takes with one worker and with two, which a
		// loaded machine changes less than the elapsed time: "efficiency"
		// is their ratio (1: two workers spend no more CPU per record, so
		// two idle cores would issue twice as fast).
		if ts.CPUTime() == 0 {
			b.Skip("the process's CPU time is not measured on this system")
		}
		enc := batchEncoder(b)
		items := jsonItems(256)
		var cpu [2]time.Duration
		for b.Loop() {
			for w := range 2 {
				start := ts.CPUTime()
				runBatch(b, enc, items, w+1)
				cpu[w] += ts.CPUTime() - start
			}
		}
		records := float64(b.N * len(items))
		b.ReportMetric(float64(cpu[0].Nanoseconds())/records, "cpu-ns/record-1w")
		b.ReportMetric(float64(cpu[1].Nanoseconds())/records, "cpu-ns/record-2w")
		b.ReportMetric(float64(cpu[0])/float64(cpu[1]), "efficiency")
	})
	b.Run("ceiling/ed25519-sign/1-vs-2-goroutines", func(b *testing.B) {
		// The most two cores give here: 256 bare signatures of a
		// credential-sized message on one goroutine against two.
		msg := make([]byte, 650)
		sign := func(goroutines int) {
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := g; i < 256; i += goroutines {
						ed25519.Sign(batchKey, msg)
					}
				})
			}
			wg.Wait()
		}
		benchtest.Ratio(b, func() { sign(1) }, func() { sign(2) }, "1-goroutine", "2-goroutines")
	})
	b.Run("latency-5ms/1-vs-32-workers", func(b *testing.B) {
		enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: new(slowSigner), KeyID: []byte("batch")})
		require.NoError(b, err)
		items := jsonItems(64)
		benchtest.Ratio(b, func() { runBatch(b, enc, items, 1) }, func() { runBatch(b, enc, items, 32) }, "1-worker", "32-workers")
	})
}

// TestLatencyBoundSignerScales checks that 32 workers keep a signer that
// waits 5 ms a signature busy with many signatures at once, however slow
// the machine (the race detector, a loaded CI): at least 16 under way at
// some point. BenchmarkScaling measures the throughput it gives.
func TestLatencyBoundSignerScales(t *testing.T) {
	signer := new(slowSigner)
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer})
	require.NoError(t, err)
	items := jsonItems(96)
	runBatch(t, enc, items, 1)
	assert.Equal(t, int32(1), signer.most.Load(), "one worker, one signature at a time")
	signer.most.Store(0)
	start := time.Now()
	runBatch(t, enc, items, 32)
	t.Logf("96 records on 32 workers: %v, at most %d signatures at once", time.Since(start), signer.most.Load())
	assert.GreaterOrEqual(t, signer.most.Load(), int32(16))
}

// ctxKey marks the context a batch is given.
type ctxKey struct{}

// kmsSigner is a cose.ContextSigner that counts the signatures made with
// the batch's context and gives up when that context is done.
type kmsSigner struct {
	crypto.Signer
	withCtx atomic.Int32
}

func (s *kmsSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if ctx.Value(ctxKey{}) == "batch-7" {
		s.withCtx.Add(1)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Signer.Sign(rand, digest, opts)
}

var _ cose.ContextSigner = (*kmsSigner)(nil)

// TestEncodeBatchContextReachesSigner checks that the workers sign with the
// batch's context.
func TestEncodeBatchContextReachesSigner(t *testing.T) {
	kms := &kmsSigner{Signer: batchKey}
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
