package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// rfc8032Seed and rfc8032Public are TEST 1 of RFC 8032 §7.1, the key of RFC
// 8037 Appendix A.
const (
	rfc8032Seed   = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
	rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)

// signer returns the test key named name: Ed25519 (the RFC 8032 key), P-256,
// P-384, P-521 or RSA (2048 bits). The generated keys are made once per test
// binary (internal/testsupport): RSA generation above all is too slow to
// repeat in every test.
func signer(t testing.TB, name string) crypto.Signer {
	t.Helper()
	switch name {
	case "Ed25519":
		return ed25519.NewKeyFromSeed(ts.Unhex(t, rfc8032Seed))
	case "RSA":
		return ts.RSAKey(2048)
	}
	curve, ok := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}[name]
	require.True(t, ok, "no test key %s", name)
	return ts.ECDSAKey(curve)
}

// readTestdata returns the content of testdata/name.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// equalPublic reports whether two public keys are the same key.
func equalPublic(a, b crypto.PublicKey) bool {
	k, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && k.Equal(b)
}

// keyKind names the type and size of a public key: "Ed25519", the curve
// ("P-256"), or "RSA-" and the modulus size in bits.
func keyKind(pub any) string {
	switch k := pub.(type) {
	case ed25519.PublicKey:
		return "Ed25519"
	case *ecdsa.PublicKey:
		return k.Curve.Params().Name
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA-%d", k.N.BitLen())
	}
	return fmt.Sprintf("%T", pub)
}

// x25519Key returns an X25519 key: a key-agreement key, which signs nothing.
func x25519Key(t testing.TB) *ecdh.PrivateKey {
	t.Helper()
	k, err := ecdh.X25519().NewPrivateKey(bytes.Repeat([]byte{0x25}, 32))
	require.NoError(t, err)
	return k
}

// refusal is an input a parser must refuse, and the error it must give.
type refusal struct {
	name    string
	input   []byte
	wantErr error
}

// requireRefusals asserts that parse refuses each input with its error,
// returns nothing, and does not repeat the input in the message.
func requireRefusals[V any](t *testing.T, parse func([]byte) (V, error), tests []refusal) {
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parse(tc.input)
			ts.Succeeded(t, got, err, tc.wantErr)
			if len(tc.input) > 0 {
				assert.NotContains(t, err.Error(), hex.EncodeToString(tc.input))
			}
		})
	}
}
