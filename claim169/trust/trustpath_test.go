package trust

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// The store's resolver says how the key that verified a credential is
// trusted: a key added on its own, a key of a set, the leaf of a validated
// chain, or a pinned certificate chosen by x5t.
func TestResolverTrustPath(t *testing.T) {
	pki := newPKI(t)
	single, inSet, pinned := newEd25519(t), newEd25519(t), newEd25519(t)
	pinnedCert := issue(t, certSpec{name: "Pinned Signer", key: pinned}, nil)

	s := New(Options{})
	require.NoError(t, s.AddKey(testIssuer, "single", single.Public(), 0))
	s.AddSet(testIssuer, mustSet(t, keys.Key{KeyID: "set", Public: inSet.Public()}))
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	require.NoError(t, s.AddCertificatesFor(testIssuer, pinnedCert.cert))

	x5tHeader := map[int64]any{labelAlg: algEdDSA, labelX5T: x5t(t, HashSHA256, pinnedCert.cert)}
	tests := []struct {
		name string
		text string
		want claim169.Trust
	}{
		{"AddKey", encode(t, claim169.EncoderOptions{Signer: single, KeyID: []byte("single")}, testIssuer), claim169.TrustKey},
		{"AddSet", encode(t, claim169.EncoderOptions{Signer: inSet, KeyID: []byte("set")}, testIssuer), claim169.TrustKeySet},
		{"x5chain", encode(t, claim169.EncoderOptions{Signer: pki.leaf.key,
			CertificateChain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}}, testIssuer), claim169.TrustChain},
		{"x5t", signCustom(t, pinned, testIssuer, x5tHeader, map[int64]any{}), claim169.TrustCertificate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := decode(t, s, testNow, tc.text)
			requireVerified(t, res, err)
			assert.Equal(t, tc.want, res.Trust)
		})
	}

	// Resolve itself still returns bare keys.
	got, err := s.Resolve(context.Background(), claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("set"), Algorithm: cose.EdDSA, Now: testNow})
	require.NoError(t, err)
	assert.Equal(t, []any{inSet.Public()}, toAny(got))
}
