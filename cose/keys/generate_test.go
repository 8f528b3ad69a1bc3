package keys

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// defaultRSAKey is the RSA key Generate makes for PS256, made once (3072-bit
// generation takes about a second).
var defaultRSAKey = sync.OnceValues(func() (crypto.Signer, error) { return Generate(cose.PS256, nil) })

func defaultRSA(t testing.TB) crypto.Signer {
	t.Helper()
	s, err := defaultRSAKey()
	require.NoError(t, err)
	return s
}

func TestGenerate(t *testing.T) {
	for _, a := range allAlgorithms {
		t.Run(a.alg.String(), func(t *testing.T) {
			var s crypto.Signer
			if a.key == "RSA" && a.alg != cose.PS256 && testing.Short() {
				t.Skip("RSA generation is slow; PS256 covers the same path")
			}
			if a.alg == cose.PS256 {
				s = defaultRSA(t)
			} else {
				var err error
				s, err = Generate(a.alg, nil)
				require.NoError(t, err)
			}
			want := a.key
			if want == "RSA" {
				want = fmt.Sprintf("RSA-%d", DefaultRSABits)
			}
			assert.Equal(t, want, keyKind(s.Public()))
			assert.NoError(t, cose.CheckKey(a.alg, s.Public()))
		})
	}
}

func TestGenerateRefusals(t *testing.T) {
	for _, alg := range []cose.Algorithm{0, cose.A128GCM, cose.ChaCha20Poly1305, cose.Algorithm(-47)} {
		s, err := Generate(alg, nil)
		assert.ErrorIs(t, err, cose.ErrUnsupportedAlgorithm, "%v", alg)
		assert.Nil(t, s)
	}
}

func TestGenerateDeterministicEd25519(t *testing.T) {
	seed := ts.Unhex(t, rfc8032Seed)
	s, err := Generate(cose.EdDSA, bytes.NewReader(seed))
	require.NoError(t, err)
	assert.Equal(t, ed25519.PublicKey(ts.Unhex(t, rfc8032Public)), s.Public())

	_, err = Generate(cose.EdDSA, bytes.NewReader(seed[:10]))
	assert.Error(t, err, "a short reader is an error")
}

func TestGenerateRSA(t *testing.T) {
	tests := []struct {
		name    string
		bits    int
		wantErr error
	}{
		{"2048", 2048, nil},
		{"1024 is weak", 1024, cose.ErrWeakKey},
		{"2047 is weak", 2047, cose.ErrWeakKey},
		{"8192 is over the limit", 8192, ErrUnsupportedKey},
		{"negative", -1, cose.ErrWeakKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := GenerateRSA(tc.bits, nil)
			if !ts.Succeeded(t, k, err, tc.wantErr) {
				return
			}
			assert.Equal(t, tc.bits, k.N.BitLen())
		})
	}
}
