package claim169_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
)

// batchKey is a fixed Ed25519 key, so that encodings are reproducible.
var batchKey = ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))

func batchEncoder(t testing.TB) *claim169.Encoder {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: batchKey, KeyID: []byte("batch")})
	require.NoError(t, err)
	return enc
}

func batchDecoder(t testing.TB) *claim169.Decoder {
	t.Helper()
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{batchKey.Public()}})
	require.NoError(t, err)
	return dec
}

// batchRecordJSON is the JSON record number n, with a distinctive id.
func batchRecordJSON(n int) []byte {
	return fmt.Appendf(nil, `{"claim169":{"id":"ID-%06d","fullName":"Person %d","gender":%d},"cwt":{"issuer":"batch.example"}}`, n, n, 1+n%3)
}

// batchItems makes n items numbered from 1: every 7th is bad JSON (a
// gender as text), every 11th carries a read error, every 5th is a parsed
// Record, and the rest are JSON.
func batchItems(t testing.TB, n int) ([]claim169.BatchItem, error) {
	readErr := errors.New("test: unreadable")
	items := make([]claim169.BatchItem, 0, n)
	for i := 1; i <= n; i++ {
		it := claim169.BatchItem{N: i}
		switch {
		case i%11 == 0:
			it.Err = readErr
		case i%7 == 0:
			it.JSON = fmt.Appendf(nil, `{"claim169":{"id":"ID-%06d","gender":"LEAK-%d"}}`, i, i)
		case i%5 == 0:
			var rec claim169.Record
			require.NoError(t, rec.UnmarshalJSON(batchRecordJSON(i)))
			it.Record = &rec
		default:
			it.JSON = batchRecordJSON(i)
		}
		items = append(items, it)
	}
	return items, readErr
}

// feed sends items on a new channel and closes it.
func feed(ctx context.Context, items []claim169.BatchItem) <-chan claim169.BatchItem {
	in := make(chan claim169.BatchItem)
	go func() {
		defer close(in)
		for _, it := range items {
			select {
			case in <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	return in
}

// checkResult checks one result against what batchItems put in item N.
func checkResult(t *testing.T, dec *claim169.Decoder, readErr error, r claim169.BatchResult) {
	t.Helper()
	switch {
	case r.N%11 == 0:
		assert.ErrorIs(t, r.Err, readErr, "record %d", r.N)
	case r.N%7 == 0:
		require.Error(t, r.Err, "record %d", r.N)
		assert.ErrorIs(t, r.Err, claim169.ErrMalformed)
		var ce *claim169.Error
		require.ErrorAs(t, r.Err, &ce)
		assert.Equal(t, claim169.StageRecord, ce.Stage)
		assert.NotContains(t, r.Err.Error(), "LEAK")
		assert.Empty(t, r.Text)
	default:
		require.NoError(t, r.Err, "record %d", r.N)
		res, err := dec.Decode(r.Text)
		require.NoError(t, err, "record %d", r.N)
		assert.Equal(t, fmt.Sprintf("ID-%06d", r.N), res.Identity.ID)
		assert.Equal(t, "batch.example", res.Claims.Issuer)
	}
}

func TestEncodeBatch(t *testing.T) {
	for _, ordered := range []bool{false, true} {
		for _, workers := range []int{1, 3, 0} {
			t.Run(fmt.Sprintf("ordered=%v/workers=%d", ordered, workers), func(t *testing.T) {
				enc, dec := batchEncoder(t), batchDecoder(t)
				items, readErr := batchItems(t, 150)
				ctx := context.Background()
				seen := make(map[int]bool)
				last := 0
				for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: workers, Ordered: ordered}) {
					require.False(t, seen[r.N], "record %d twice", r.N)
					seen[r.N] = true
					if ordered {
						require.Equal(t, last+1, r.N, "out of order")
					}
					last = r.N
					assert.Nil(t, r.Stages)
					checkResult(t, dec, readErr, r)
				}
				assert.Len(t, seen, len(items))
			})
		}
	}
}

// TestEncodeBatchOrderedShuffled makes records finish out of order and
// checks that ordered results still come in input order.
func TestEncodeBatchOrderedShuffled(t *testing.T) {
	enc := batchEncoder(t)
	items, _ := batchItems(t, 60)
	ctx := context.Background()
	finish := func(_ context.Context, r *claim169.BatchResult) error {
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		return nil
	}
	var got []int
	for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: 8, Ordered: true, Finish: finish}) {
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
	items := []claim169.BatchItem{
		{N: 1, JSON: batchRecordJSON(1)},
		{N: 2, JSON: batchRecordJSON(2)},
		{N: 3, JSON: []byte(`{"claim169":{"id":"x"},"extra":1}`)},
	}
	var finished atomic.Int32
	finish := func(_ context.Context, r *claim169.BatchResult) error {
		finished.Add(1)
		require.NotNil(t, r.Stages)
		if r.N == 2 {
			return finishErr
		}
		return nil
	}
	results := map[int]claim169.BatchResult{}
	for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Stages: true, Finish: finish}) {
		results[r.N] = r
	}
	require.Len(t, results, 3)
	assert.EqualValues(t, 2, finished.Load(), "Finish runs for successes only")

	one := results[1]
	require.NoError(t, one.Err)
	require.NotNil(t, one.Stages)
	assert.Equal(t, one.Text, base45.EncodeToString(one.Stages.Compressed))
	want, err := enc.Encode(mustRecord(t, batchRecordJSON(1)))
	require.NoError(t, err)
	assert.Equal(t, want.Text, one.Text, "Ed25519 is deterministic: the batch encodes as Encode does")

	two := results[2]
	assert.ErrorIs(t, two.Err, finishErr)
	assert.Empty(t, two.Text)
	assert.Nil(t, two.Stages)

	assert.ErrorIs(t, results[3].Err, claim169.ErrMalformed)
}

func mustRecord(t testing.TB, data []byte) (*claim169.Identity, *cwt.Claims) {
	t.Helper()
	var rec claim169.Record
	require.NoError(t, rec.UnmarshalJSON(data))
	return rec.Identity, rec.Claims
}

// TestEncodeBatchEncoderError checks that an encoding failure is the
// record's alone.
func TestEncodeBatchEncoderError(t *testing.T) {
	enc := batchEncoder(t)
	ctx := context.Background()
	items := []claim169.BatchItem{
		{N: 1, Record: &claim169.Record{}}, // no identity
		{N: 2, JSON: batchRecordJSON(2)},
	}
	got := map[int]error{}
	for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: 2}) {
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
		{"clamped", 10 * claim169.MaxBatchWorkers, claim169.MaxBatchWorkers},
	} {
		t.Run(tc.name, func(t *testing.T) {
			enc := batchEncoder(t)
			ctx := context.Background()
			items := make([]claim169.BatchItem, 2*tc.want)
			for i := range items {
				items[i] = claim169.BatchItem{N: i + 1, JSON: batchRecordJSON(i + 1)}
			}
			var running, peak atomic.Int32
			var all sync.WaitGroup
			all.Add(tc.want) // the first tc.want records wait for one another
			finish := func(_ context.Context, r *claim169.BatchResult) error {
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
			for range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: tc.workers, Finish: finish}) {
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
	for _, ordered := range []bool{false, true} {
		t.Run(fmt.Sprintf("ordered=%v", ordered), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				enc := batchEncoder(t)
				ctx, cancel := context.WithCancel(t.Context())
				in := make(chan claim169.BatchItem)
				var taken atomic.Int64
				go func() {
					defer close(in)
					for i := 1; ; i++ {
						select {
						case in <- claim169.BatchItem{N: i, JSON: batchRecordJSON(i)}:
							taken.Add(1)
						case <-ctx.Done():
							return
						}
					}
				}()
				const workers = 4
				out := enc.EncodeBatch(ctx, in, claim169.BatchOptions{Workers: workers, Ordered: ordered})
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
}

// TestEncodeBatchCancel cancels a running batch: the results channel is
// closed, the rest of the input is left unread, and no goroutine is left.
func TestEncodeBatchCancel(t *testing.T) {
	for _, ordered := range []bool{false, true} {
		t.Run(fmt.Sprintf("ordered=%v", ordered), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				enc := batchEncoder(t)
				ctx, cancel := context.WithCancel(t.Context())
				items := make([]claim169.BatchItem, 1000)
				for i := range items {
					items[i] = claim169.BatchItem{N: i + 1, JSON: batchRecordJSON(i + 1)}
				}
				defer cancel()
				got := 0
				for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: 3, Ordered: ordered}) {
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
}

// TestEncodeBatchCancelNeverClosedInput cancels a batch whose input is
// never closed, with a Finish that waits for the cancellation.
func TestEncodeBatchCancelNeverClosedInput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		enc := batchEncoder(t)
		ctx, cancel := context.WithCancel(t.Context())
		in := make(chan claim169.BatchItem, 1)
		in <- claim169.BatchItem{N: 1, JSON: batchRecordJSON(1)}
		finish := func(ctx context.Context, _ *claim169.BatchResult) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}
		out := enc.EncodeBatch(ctx, in, claim169.BatchOptions{Workers: 2, Ordered: true, Finish: finish})
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
		out := enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: 4, Ordered: i%2 == 0})
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
			finish := func(context.Context, *claim169.BatchResult) error { count.Add(1); return nil }
			n := 0
			for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: 64, Ordered: b%2 == 0, Finish: finish}) {
				checkResult(t, dec, readErr, r)
				n++
			}
			assert.Equal(t, len(items), n)
		})
	}
	wg.Wait()
}

func TestParseCSVHeader(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		shown  string // in the error, or "" for success
		hidden string // never in the error
	}{
		{name: "identity and cwt", header: []string{"id", "fullName", "gender", "face", "unknown", "issuer", "expiresAt", "cwtId"}},
		{name: "byte order mark", header: []string{"\uFEFFid", "fullName"}},
		{name: "no columns", header: []string{}, shown: "no columns"},
		{name: "typo shown", header: []string{"id", "fulName"}, shown: `column 2 ("fulName")`},
		{name: "data row hidden", header: []string{"3918592438", "Jane Doe"}, shown: "column 1 is not", hidden: "3918592438"},
		{name: "name with space hidden", header: []string{"id", "Jane Doe"}, shown: "column 2 is not", hidden: "Jane"},
		{name: "duplicate", header: []string{"id", "gender", "gender"}, shown: `columns 2 and 3 are both "gender"`},
		{name: "claim169 prefix", header: []string{"claim169"}, shown: "column 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := claim169.ParseCSVHeader(tc.header)
			if tc.shown == "" {
				require.NoError(t, err)
				assert.Equal(t, len(tc.header), h.Len())
				return
			}
			require.Error(t, err)
			assert.Nil(t, h)
			assert.ErrorIs(t, err, claim169.ErrMalformed)
			assert.Contains(t, err.Error(), tc.shown)
			if tc.hidden != "" {
				assert.NotContains(t, err.Error(), tc.hidden)
			}
		})
	}
}

func TestCSVRecordJSON(t *testing.T) {
	header := []string{"id", "fullName", "gender", "photo", "bestQualityFingers", "face", "unknown", "issuer", "expiresAt", "audience"}
	h, err := claim169.ParseCSVHeader(header)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		row  []string
		want string // the JSON record, or "" for an error
		err  string // in the error
	}{
		{
			name: "all columns",
			row:  []string{"ID-1", `Ada "Countess" Lovelace`, "2", "/9j/", "[1,6]", `[{"data":"AQI=","format":0,"subFormat":1}]`, `{"30":"x"}`, "example.org", "1787912445", "verifier"},
			want: `{"claim169":{"id":"ID-1","fullName":"Ada \"Countess\" Lovelace","gender":2,"photo":"/9j/","bestQualityFingers":[1,6],"face":[{"data":"AQI=","format":0,"subFormat":1}],"unknown":{"30":"x"}},"cwt":{"issuer":"example.org","expiresAt":1787912445,"audience":"verifier"}}`,
		},
		{
			name: "empty cells are absent",
			row:  []string{"ID-2", "", "", "", "", "", "", "", "", ""},
			want: `{"claim169":{"id":"ID-2"},"cwt":{}}`,
		},
		{name: "integer expected", row: []string{"ID-3", "", "SECRET", "", "", "", "", "", "", ""}, err: `column "gender": expected a decimal integer`},
		{name: "date integer expected", row: []string{"ID-3", "", "", "", "", "", "", "", "2026-01-01", ""}, err: `column "expiresAt"`},
		{name: "JSON expected", row: []string{"ID-4", "", "", "", "", "SECRET[", "", "", "", ""}, err: `column "face": expected JSON`},
		{name: "JSON injection refused", row: []string{"ID-4", "", "", "", `[1],"gender":"SECRET"`, "", "", "", "", ""}, err: `column "bestQualityFingers"`},
		{name: "invalid UTF-8", row: []string{"ID-5", "SECRET\xff", "", "", "", "", "", "", "", ""}, err: `column "fullName": not valid UTF-8`},
		{name: "too few fields", row: []string{"ID-6"}, err: "1 fields, the header 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := h.RecordJSON(tc.row)
			if tc.want == "" {
				require.Error(t, err)
				assert.Nil(t, got)
				assert.ErrorIs(t, err, claim169.ErrMalformed)
				assert.Contains(t, err.Error(), tc.err)
				assert.NotContains(t, err.Error(), "SECRET")
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
			var rec claim169.Record
			assert.NoError(t, rec.UnmarshalJSON(got))
		})
	}
}

// TestCSVRecordJSONMatchesJSON checks that a CSV row reads as the record
// its JSON form does.
func TestCSVRecordJSONMatchesJSON(t *testing.T) {
	rec := claim169.Record{Identity: fullIdentityForCSV(), Claims: &cwt.Claims{Issuer: "example.org", ExpiresAt: cwt.NewNumericDate(time.Unix(1787912445, 0))}}
	data, err := rec.MarshalJSON()
	require.NoError(t, err)
	var top struct{ Claim169, CWT map[string]json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &top))
	var header, row []string
	for _, part := range []map[string]json.RawMessage{top.Claim169, top.CWT} {
		for name, raw := range part {
			header = append(header, name)
			var s string
			if json.Unmarshal(raw, &s) == nil {
				row = append(row, s)
			} else {
				row = append(row, string(raw))
			}
		}
	}
	h, err := claim169.ParseCSVHeader(header)
	require.NoError(t, err)
	fromCSV, err := h.RecordJSON(row)
	require.NoError(t, err)
	var got claim169.Record
	require.NoError(t, got.UnmarshalJSON(fromCSV))
	again, err := got.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(again))
}

func fullIdentityForCSV() *claim169.Identity {
	var id claim169.Identity
	err := id.UnmarshalJSON([]byte(`{"id":"3918592438","fullName":"Janardhan BS","gender":1,"dateOfBirth":"19840418",
		"address":"New House\nNear Metro Line","photo":"/9j/4AAQ","photoFormat":1,"bestQualityFingers":[1,2],
		"secondaryFullName":"جاناردان","maritalStatus":2,
		"rightThumb":[{"data":"RklSAA==","format":1,"subFormat":1,"issuer":"MOSIP"}],"unknown":{"80":"closed"}}`))
	if err != nil {
		panic(err)
	}
	return &id
}

func BenchmarkEncodeBatch(b *testing.B) {
	enc := batchEncoder(b)
	items := make([]claim169.BatchItem, 256)
	for i := range items {
		items[i] = claim169.BatchItem{N: i + 1, JSON: batchRecordJSON(i + 1)}
	}
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		for _, ordered := range []bool{false, true} {
			b.Run(fmt.Sprintf("workers=%d/ordered=%v", workers, ordered), func(b *testing.B) {
				b.ReportAllocs()
				ctx := context.Background()
				for b.Loop() {
					for r := range enc.EncodeBatch(ctx, feed(ctx, items), claim169.BatchOptions{Workers: workers, Ordered: ordered}) {
						if r.Err != nil {
							b.Fatal(r.Err)
						}
					}
				}
				b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

// FuzzCSVRecordJSON checks that a row either becomes JSON that
// Record.UnmarshalJSON can read, or fails with ErrMalformed and no cell's
// value in the message.
func FuzzCSVRecordJSON(f *testing.F) {
	h, err := claim169.ParseCSVHeader([]string{"id", "fullName", "gender", "photo", "face", "unknown", "issuer", "expiresAt"})
	require.NoError(f, err)
	f.Add("ID-1", "Ada", "2", "/9j/", `[{"data":"AQI=","format":0}]`, `{"30":1}`, "example.org", "1787912445")
	f.Add("", "", "", "", "", "", "", "")
	f.Add("x", "\xff\xfe", "-9223372036854775809", "!!", "[", "{", "\"", "1e3")
	f.Add("a\"b", "c\nd", "01", "====", "null", "[]", "", "-1")
	f.Fuzz(func(t *testing.T, id, name, gender, photo, face, unknown, issuer, exp string) {
		row := []string{id, name, gender, photo, face, unknown, issuer, exp}
		data, err := h.RecordJSON(row)
		if err != nil {
			require.Nil(t, data)
			require.ErrorIs(t, err, claim169.ErrMalformed)
			for _, cell := range row {
				if len(cell) >= 12 && !strings.Contains("claim169: csv column record fields header", cell) {
					require.NotContains(t, err.Error(), cell)
				}
			}
			return
		}
		require.True(t, json.Valid(data), "%q", data)
		var rec claim169.Record
		_ = rec.UnmarshalJSON(data) // may refuse (bad base64, say), must not panic
	})
}
