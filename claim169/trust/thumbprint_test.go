package trust

import (
	"crypto"
	"crypto/ed25519"
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

func TestThumbprint(t *testing.T) {
	der := []byte("not a certificate, but any bytes hash")
	tests := []struct {
		alg  cose.Algorithm
		hash crypto.Hash
		size int
	}{
		{HashSHA1, crypto.SHA1, 20},
		{HashSHA256Trunc64, crypto.SHA256, 8},
		{HashSHA256, crypto.SHA256, 32},
		{HashSHA512256, crypto.SHA512_256, 32},
		{HashSHA384, crypto.SHA384, 48},
		{HashSHA512, crypto.SHA512, 64},
	}
	for _, tc := range tests {
		t.Run(tc.hash.String(), func(t *testing.T) {
			got, err := Thumbprint(tc.alg, der)
			require.NoError(t, err)
			h := tc.hash.New()
			h.Write(der)
			assert.Equal(t, h.Sum(nil)[:tc.size], got)
		})
	}
	for _, alg := range []cose.Algorithm{0, -18, -45, cose.EdDSA, cose.A128GCM} {
		_, err := Thumbprint(alg, der)
		assert.ErrorIs(t, err, cose.ErrUnsupportedAlgorithm, "alg %d", int64(alg))
	}
}

// x5t returns the x5t header value of cert with hash alg.
func x5t(t testing.TB, alg cose.Algorithm, cert *x509.Certificate) []any {
	t.Helper()
	h, err := Thumbprint(alg, cert.Raw)
	require.NoError(t, err)
	return []any{int64(alg), h}
}

func TestX5T(t *testing.T) {
	signer := newEd25519(t)
	pinned := issue(t, certSpec{name: "Pinned Signer", key: signer}, nil)
	expired := issue(t, certSpec{name: "Expired Signer", key: signer, notAfter: testNow.Add(-time.Hour)}, nil)
	noSign := issue(t, certSpec{name: "No Signing", key: signer, keyUsage: x509.KeyUsageKeyEncipherment}, nil)
	jwksSigner := newEd25519(t)
	jwksCert := issue(t, certSpec{name: "JWKS Signer", key: jwksSigner}, nil)
	unknown := issue(t, certSpec{name: "Unknown", key: newEd25519(t)}, nil)

	s := New(Options{})
	require.NoError(t, s.AddCertificates(pinned.cert, expired.cert, noSign.cert))
	set, err := keys.NewSet(keys.Key{KeyID: "jwks-2027", Public: jwksSigner.Public(), Certificates: []*x509.Certificate{jwksCert.cert}})
	require.NoError(t, err)
	s.AddSet(testIssuer, set)

	ph := func(extra map[int64]any) map[int64]any {
		m := map[int64]any{labelAlg: algEdDSA}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name        string
		key         ed25519.PrivateKey
		issuer      string
		protected   map[int64]any
		unprotected map[int64]any
		want        error // nil: verified
		reason      ChainReason
	}{
		{"pinned SHA-256", signer, "https://any.example", ph(map[int64]any{labelX5T: x5t(t, HashSHA256, pinned.cert)}), map[int64]any{}, nil, 0},
		{"pinned SHA-1", signer, "", ph(map[int64]any{labelX5T: x5t(t, HashSHA1, pinned.cert)}), map[int64]any{}, nil, 0},
		{"pinned SHA-256/64 unprotected", signer, testIssuer, ph(nil), map[int64]any{labelX5T: x5t(t, HashSHA256Trunc64, pinned.cert)}, nil, 0},
		{"pinned, other signer", newEd25519(t), testIssuer, ph(map[int64]any{labelX5T: x5t(t, HashSHA256, pinned.cert)}), map[int64]any{}, claim169.ErrVerification, 0},
		{"pinned but expired", signer, testIssuer, ph(map[int64]any{labelX5T: x5t(t, HashSHA512, expired.cert)}), map[int64]any{}, ErrUntrustedChain, ChainExpired},
		{"pinned without digitalSignature", signer, testIssuer, ph(map[int64]any{labelX5T: x5t(t, HashSHA384, noSign.cert)}), map[int64]any{}, ErrUntrustedChain, ChainKeyUsage},
		{"JWKS x5c of the issuer", jwksSigner, testIssuer, ph(map[int64]any{labelX5T: x5t(t, HashSHA256, jwksCert.cert)}), map[int64]any{}, nil, 0},
		{"JWKS x5c of another issuer", jwksSigner, "https://other.example", ph(map[int64]any{labelX5T: x5t(t, HashSHA256, jwksCert.cert)}), map[int64]any{}, ErrUnknownCertificate, 0},
		{"mismatch, no key for the issuer", signer, "https://other.example", ph(map[int64]any{labelX5T: x5t(t, HashSHA256, unknown.cert)}), map[int64]any{}, ErrUnknownCertificate, 0},
		{"protected mismatch is refused", jwksSigner, testIssuer, ph(map[int64]any{labelX5T: x5t(t, HashSHA256, unknown.cert), labelKID: []byte("jwks-2027")}), map[int64]any{}, ErrUnknownCertificate, 0},
		{"unprotected mismatch falls back to kid", jwksSigner, testIssuer, ph(map[int64]any{labelKID: []byte("jwks-2027")}), map[int64]any{labelX5T: x5t(t, HashSHA256, unknown.cert)}, nil, 0},
		{"protected unsupported hash is refused", jwksSigner, testIssuer, ph(map[int64]any{labelX5T: []any{int64(-18), []byte{1, 2, 3}}, labelKID: []byte("jwks-2027")}), map[int64]any{}, ErrUnknownCertificate, 0},
		{"unprotected unsupported hash ignored", jwksSigner, testIssuer, ph(map[int64]any{labelKID: []byte("jwks-2027")}), map[int64]any{labelX5T: []any{int64(-18), []byte{1, 2, 3}}}, nil, 0},
		{"protected hash named by text is refused", jwksSigner, testIssuer, ph(map[int64]any{labelX5T: []any{"SHA-256", []byte{1, 2, 3}}, labelKID: []byte("jwks-2027")}), map[int64]any{}, ErrUnknownCertificate, 0},
		{"unprotected hash named by text ignored", jwksSigner, testIssuer, ph(map[int64]any{labelKID: []byte("jwks-2027")}), map[int64]any{labelX5T: []any{"SHA-256", []byte{1, 2, 3}}}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := signCustom(t, tc.key, tc.issuer, tc.protected, tc.unprotected)
			res, err := decode(t, s, testNow, text)
			if requireOutcome(t, res, err, tc.want) {
				return
			}
			if tc.reason != 0 {
				var ce *ChainError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, tc.reason, ce.Reason)
			}
			requireNoLeak(t, err, "Signer", "Pinned", "jwks-2027")
		})
	}
}

func TestX5TAlgorithmMismatch(t *testing.T) {
	p256 := newP256(t)
	cert := issue(t, certSpec{name: "P-256 Pinned", key: p256}, nil)
	s := New(Options{})
	require.NoError(t, s.AddCertificates(cert.cert))
	hash, err := Thumbprint(HashSHA256, cert.cert.Raw)
	require.NoError(t, err)
	text := signCustom(t, newEd25519(t), testIssuer,
		map[int64]any{labelAlg: algEdDSA, labelX5T: []any{int64(HashSHA256), hash}}, map[int64]any{})
	_, err = decode(t, s, testNow, text)
	assert.ErrorIs(t, err, ErrAlgorithmNotAllowed)
	assert.ErrorIs(t, err, claim169.ErrUnknownKey)
}

func TestAddCertificatesRefused(t *testing.T) {
	s := New(Options{})
	assert.Error(t, s.AddCertificates(nil))
	weak := &x509.Certificate{PublicKey: ed25519.PublicKey(make([]byte, 32))}
	assert.ErrorIs(t, s.AddCertificates(weak), cose.ErrWeakKey)
}
