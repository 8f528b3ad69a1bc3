package base45_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/vectors"
)

// FuzzDecode checks that a rejected input yields no output and an offset
// inside the input, and that an accepted input is canonical: it re-encodes
// to exactly the input.
func FuzzDecode(f *testing.F) {
	for _, v := range validVectors {
		f.Add(v.encoded)
	}
	for _, v := range invalidVectors {
		f.Add(v.input)
	}
	for _, v := range vectors.Idpass() {
		f.Add(v.QR)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := base45.DecodeString(s)
		dst := make([]byte, base45.DecodedLen(len(s)))
		n, decErr := base45.Decode(dst, []byte(s))
		prefix := []byte("prefix")
		app, appErr := base45.AppendDecode(prefix, []byte(s))
		if err != nil {
			assert.Nil(t, got)
			var cie base45.CorruptInputError
			require.ErrorAs(t, err, &cie)
			assert.GreaterOrEqual(t, int64(cie), int64(0))
			assert.Less(t, int64(cie), int64(len(s)))
			assert.Equal(t, err, decErr)
			assert.Zero(t, n)
			assert.Equal(t, err, appErr)
			assert.Equal(t, "prefix", string(app))
			return
		}
		require.NoError(t, decErr)
		require.NoError(t, appErr)
		assert.Len(t, got, base45.DecodedLen(len(s)))
		assert.Equal(t, got, dst[:n])
		assert.Equal(t, "prefix"+string(got), string(app))
		assert.Equal(t, s, base45.EncodeToString(got))
	})
}

// FuzzRoundTrip checks that decoding an encoding returns the original bytes.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range validVectors {
		f.Add([]byte(v.decoded))
	}
	for _, v := range vectors.Idpass() {
		if dec, err := base45.DecodeString(v.QR); err == nil {
			f.Add(dec)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		enc := base45.EncodeToString(src)
		require.Len(t, enc, base45.EncodedLen(len(src)))
		dst := make([]byte, base45.EncodedLen(len(src)))
		require.Equal(t, len(dst), base45.Encode(dst, src))
		require.Equal(t, enc, string(dst))
		require.Equal(t, "prefix"+enc, string(base45.AppendEncode([]byte("prefix"), src)))

		got, err := base45.DecodeString(enc)
		require.NoError(t, err)
		require.Equal(t, string(src), string(got))
	})
}
