package batch_test

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// batchKey is a fixed Ed25519 key, so that encodings are reproducible.
var batchKey = ts.Ed25519Key()

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

// jsonItems makes n items numbered from 1, all JSON records.
func jsonItems(n int) []batch.Item {
	items := make([]batch.Item, n)
	for i := range items {
		items[i] = batch.Item{N: i + 1, JSON: batchRecordJSON(i + 1)}
	}
	return items
}

// eachOrder runs f in a subtest for unordered, then ordered, batches.
func eachOrder(t *testing.T, f func(t *testing.T, ordered bool)) {
	for _, ordered := range []bool{false, true} {
		t.Run(fmt.Sprintf("ordered=%v", ordered), func(t *testing.T) { f(t, ordered) })
	}
}

// batchItems makes n items numbered from 1: every 7th is bad JSON (a
// gender as text), every 11th carries a read error, every 5th is a parsed
// Record, and the rest are JSON.
func batchItems(t testing.TB, n int) ([]batch.Item, error) {
	readErr := errors.New("test: unreadable")
	items := make([]batch.Item, 0, n)
	for i := 1; i <= n; i++ {
		it := batch.Item{N: i}
		switch {
		case i%11 == 0:
			it.Err = readErr
		case i%7 == 0:
			it.JSON = fmt.Appendf(nil, `{"claim169":{"id":"ID-%06d","gender":"LEAK-%d"}}`, i, i)
		case i%5 == 0:
			var rec record.Record
			require.NoError(t, rec.UnmarshalJSON(batchRecordJSON(i)))
			it.Record = &rec
		default:
			it.JSON = batchRecordJSON(i)
		}
		items = append(items, it)
	}
	return items, readErr
}

// feed sends items on a new buffered channel, as the command's reader
// does (see Encode), and closes it.
func feed(ctx context.Context, items []batch.Item) <-chan batch.Item {
	in := make(chan batch.Item, 64)
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
func checkResult(t *testing.T, dec *claim169.Decoder, readErr error, r batch.Result) {
	t.Helper()
	switch {
	case r.N%11 == 0:
		assert.ErrorIs(t, r.Err, readErr, "record %d", r.N)
		assert.Nil(t, r.Encoded)
	case r.N%7 == 0:
		require.Error(t, r.Err, "record %d", r.N)
		assert.ErrorIs(t, r.Err, claim169.ErrMalformed)
		var ce *claim169.Error
		require.ErrorAs(t, r.Err, &ce)
		assert.Equal(t, record.Stage, ce.Stage)
		assert.NotContains(t, r.Err.Error(), "LEAK")
		assert.Nil(t, r.Encoded)
	default:
		require.NoError(t, r.Err, "record %d", r.N)
		require.NotNil(t, r.Encoded, "record %d", r.N)
		res, err := dec.Decode(r.Encoded.Text)
		require.NoError(t, err, "record %d", r.N)
		assert.Equal(t, fmt.Sprintf("ID-%06d", r.N), res.Identity.ID)
		assert.Equal(t, "batch.example", res.Claims.Issuer)
	}
}

func mustRecord(t testing.TB, data []byte) (*claim169.Identity, *cwt.Claims) {
	t.Helper()
	var rec record.Record
	require.NoError(t, rec.UnmarshalJSON(data))
	return rec.Identity, rec.Claims
}
