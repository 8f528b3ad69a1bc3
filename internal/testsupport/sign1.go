package testsupport

import (
	"crypto"
	"testing"
)

// Sign1 returns a tagged COSE_Sign1 over payload with the header buckets as given, signed
// by key under alg, which protected should name (label 1) unless the test wants otherwise.
// It writes what no encoder of this module would: headers they do not write (x5t, x5bag,
// crit), a kid of the wrong type, an alg that does not match the key.
func Sign1(tb testing.TB, alg int64, key crypto.Signer, protected, unprotected map[int64]any, payload []byte) []byte {
	tb.Helper()
	ph := refMarshal(tb, protected)
	sig := refSign(tb, alg, key, refMarshal(tb, []any{"Signature1", ph, []byte{}, payload}))
	return refTag(tb, tagSign1, refMarshal(tb, []any{ph, unprotected, payload, sig}))
}
