package cose

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
)

// The hand-written header maps must equal strictcbor's encoding of the same
// maps, which is core deterministic by construction.
func TestSignHeadersMatchEncoder(t *testing.T) {
	longKID := bytes.Repeat([]byte{7}, 300)
	chain := [][]byte{bytes.Repeat([]byte{1}, 30), bytes.Repeat([]byte{2}, 70000)}
	for _, alg := range []Algorithm{EdDSA, ES256, PS256, RS256, -65536} {
		for _, kid := range [][]byte{nil, {}, []byte("k-1101"), longKID} {
			for _, unprotectedKID := range []bool{false, true} {
				for _, x5chain := range [][][]byte{nil, chain[:1], chain} {
					opts := SignOptions{KeyID: kid, KeyIDUnprotected: unprotectedKID, X5Chain: x5chain}
					ph, uh := map[int64]any{1: int64(alg)}, map[int64]any{}
					if len(kid) > 0 && unprotectedKID {
						uh[4] = kid
					} else if len(kid) > 0 {
						ph[4] = kid
					}
					switch len(x5chain) {
					case 0:
					case 1:
						ph[33] = x5chain[0]
					default:
						ph[33] = x5chain
					}
					protected, unprotected, err := signHeaders(alg, opts)
					require.NoError(t, err)
					assert.Equal(t, mustMarshal(t, ph), protected)
					assert.Equal(t, mustMarshal(t, uh), unprotected)
					require.NoError(t, strictcbor.Valid(protected))
				}
			}
		}
	}
}

func TestEncryptHeadersMatchEncoder(t *testing.T) {
	key := testAEAD(t, A256GCM)
	iv := bytes.Repeat([]byte{9}, IVSize)
	for _, kid := range [][]byte{nil, []byte("k")} {
		for _, unprotectedKID := range []bool{false, true} {
			msg, err := Encrypt(bytes.NewReader(iv), key, []byte("x"), EncryptOptions{KeyID: kid, KeyIDUnprotected: unprotectedKID})
			require.NoError(t, err)
			e0, err := ParseEncrypt0(msg)
			require.NoError(t, err)
			ph, uh := map[int64]any{1: int64(key.Algorithm())}, map[int64]any{5: iv}
			if len(kid) > 0 && unprotectedKID {
				uh[4] = kid
			} else if len(kid) > 0 {
				ph[4] = kid
			}
			assert.Equal(t, mustMarshal(t, ph), e0.RawProtected)
			assert.Equal(t, mustMarshal(t, uh), encodeParams(t, e0.Unprotected.Params()))
		}
	}
}

func TestHeaderWriterOrder(t *testing.T) {
	w := newHeaderWriter(0)
	w.addInt(HeaderAlgorithm, -8)
	assert.Panics(t, func() { w.addInt(HeaderAlgorithm, -8) }, "a label twice")
	w = newHeaderWriter(0)
	w.addInt(HeaderKeyID, 1)
	assert.Panics(t, func() { w.addInt(HeaderAlgorithm, 1) }, "a smaller label")
	w = newHeaderWriter(0)
	assert.Panics(t, func() { w.addInt(-1, 1) }, "a negative label")
	w = newHeaderWriter(0)
	for l := range HeaderLabel(maxWrittenParameters) {
		w.addInt(l, 0)
	}
	assert.Panics(t, func() { w.addInt(100, 0) }, "a 24th parameter")
	require.NoError(t, strictcbor.Valid(w.bytes()))
}
