package base45_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	dasio "github.com/dasio/base45"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/vectors"
)

// TestDifferentialDasio compares this package with github.com/dasio/base45
// on valid input: both encoders write the same text, both decoders return
// the same bytes.
func TestDifferentialDasio(t *testing.T) {
	inputs := [][]byte{nil, {0}, {0xff}, {0xff, 0xff}}
	for _, v := range validVectors {
		inputs = append(inputs, []byte(v.decoded))
	}
	for _, v := range vectors.Idpass() {
		if dec, err := base45.DecodeString(v.QR); err == nil {
			inputs = append(inputs, dec)
		}
	}
	rng := rand.New(rand.NewChaCha8([32]byte{'d', 'a', 's', 'i', 'o'}))
	for range 2000 {
		src := make([]byte, rng.IntN(3100))
		for i := range src {
			src[i] = byte(rng.Uint32())
		}
		inputs = append(inputs, src)
	}
	for _, src := range inputs {
		ours := base45.EncodeToString(src)
		require.Equal(t, dasio.EncodeToString(src), ours)

		theirs, err := dasio.DecodeString(ours)
		require.NoError(t, err)
		got, err := base45.DecodeString(ours)
		require.NoError(t, err)
		require.True(t, bytes.Equal(theirs, got), "decoders differ on %d bytes", len(src))
	}
}

// TestDasioIsLenient documents input that github.com/dasio/base45 accepts
// and this package refuses, as RFC 9285 requires.
func TestDasioIsLenient(t *testing.T) {
	tests := []rejection{
		{"two-char tail above 255", "ZZ", 0},
		{"two-char tail 256", "V5", 0},
		{"tail above 255 after a group", "BB8ZZ", 3},
		{"group above 65535", "GGW", 0},
		{"line break skipped", "BB\n8", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := dasio.DecodeString(tc.input)
			require.NoError(t, err, "dasio/base45 now rejects this input")

			requireRejected(t, tc.input, tc.offset)
		})
	}
}
