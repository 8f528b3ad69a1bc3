package cose

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewAEAD(t *testing.T) {
	for _, alg := range aeadAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			for _, n := range []int{0, alg.KeySize() - 1, alg.KeySize() + 1, 64} {
				a, err := NewAEAD(alg, make([]byte, n))
				assert.ErrorIs(t, err, ErrAlgorithmMismatch, "key of %d bytes", n)
				assert.Nil(t, a)
			}
			key := bytes.Repeat([]byte{1}, alg.KeySize())
			a, err := NewAEAD(alg, key)
			require.NoError(t, err)
			assert.Equal(t, alg, a.Algorithm())
			assert.Equal(t, IVSize, a.NonceSize())

			key[0] ^= 0xff // the key is copied
			nonce := make([]byte, IVSize)
			ct, err := a.Seal(nil, nonce, []byte("msg"), []byte("ad"))
			require.NoError(t, err)
			same, err := NewAEAD(alg, bytes.Repeat([]byte{1}, alg.KeySize()))
			require.NoError(t, err)
			pt, err := same.Open(nil, nonce, ct, []byte("ad"))
			require.NoError(t, err)
			assert.Equal(t, []byte("msg"), pt)

			_, err = a.Seal(nil, nonce[:8], []byte("msg"), nil)
			assert.ErrorIs(t, err, errNonceSize)
			_, err = a.Open(nil, nonce[:8], ct, nil)
			assert.ErrorIs(t, err, errNonceSize)
			pt, err = a.Open(nil, nonce, ct, []byte("other ad"))
			assert.ErrorIs(t, err, ErrDecryption)
			assert.Nil(t, pt)
			pt, err = a.Open(nil, nonce, ct[:3], nil)
			assert.ErrorIs(t, err, ErrDecryption)
			assert.Nil(t, pt)
		})
	}
	for _, alg := range []Algorithm{EdDSA, ES256, 0, -999} {
		a, err := NewAEAD(alg, make([]byte, 16))
		assert.ErrorIs(t, err, ErrUnsupportedAlgorithm, alg.String())
		assert.Nil(t, a)
	}
}
