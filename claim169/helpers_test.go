package claim169

import (
	"crypto"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/strictcbor"
)

// The helpers the tests of this package share: the outer stages of a
// hand-built credential (zlib and Base45, both ways), CBOR of test values
// and key lists.

// qrText returns the QR text of a COSE message: compressed with the
// project's zlib encoder and encoded in Base45.
func qrText(msg []byte) string { return base45.EncodeToString(compress.Deflate(msg)) }

// qrMessage returns the message that QR text carries (Base45 and zlib
// removed), inflated within 1 MiB.
func qrMessage(tb testing.TB, text string) []byte {
	tb.Helper()
	raw, err := base45.DecodeString(text)
	require.NoError(tb, err)
	msg, err := compress.Inflate(raw, 1<<20)
	require.NoError(tb, err)
	return msg
}

// mustCBOR encodes v with the project's deterministic mode.
func mustCBOR(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := strictcbor.Marshal(v)
	require.NoError(tb, err)
	return b
}

// toKeys lists verification keys for DecoderOptions.Keys.
func toKeys(pubs ...crypto.PublicKey) []crypto.PublicKey { return pubs }
