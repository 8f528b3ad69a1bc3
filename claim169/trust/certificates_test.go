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
)

const otherIssuer = "https://other.example"

// The reviewers' case: a certificate under an anchor signed credentials
// that verified for any issuer, even one pinned to its own key. Anchors
// bound to an issuer speak for that issuer only.
func TestAnchorsBoundToIssuer(t *testing.T) {
	pki := newPKI(t)
	otherRoot := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	otherKey := newEd25519(t)
	chain := [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}

	s := New(Options{})
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	require.NoError(t, s.AddKey(otherIssuer, "other-1", otherKey.Public(), 0))

	res, err := decode(t, s, testNow, encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, testIssuer))
	requireVerified(t, res, err)

	// The other issuer has no anchor: the chain is ignored and its own key
	// decides; the leaf's signature does not verify with it.
	text := encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, KeyID: []byte("other-1"), CertificateChain: chain}, otherIssuer)
	res, err = decode(t, s, testNow, text)
	require.Nil(t, res)
	assert.ErrorIs(t, err, claim169.ErrVerification)
	assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
	text = encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, "https://third.example")
	_, err = decode(t, s, testNow, text)
	assert.ErrorIs(t, err, ErrUnknownIssuer)
	_, err = decode(t, s, testNow, encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, ""))
	assert.ErrorIs(t, err, ErrUnknownIssuer, "a credential without iss gets the anchors of every issuer only")

	// The other issuer has anchors of its own: the chain decides, and leads
	// to an anchor that is not the issuer's.
	s.AddAnchorsFor(otherIssuer, otherRoot.cert)
	requireChainRefused(t, s, encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, otherIssuer), ChainWrongIssuer)

	// An anchor shared by two issuers, and one for every issuer.
	s.AddAnchorsFor(otherIssuer, pki.root.cert)
	res, err = decode(t, s, testNow, encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, otherIssuer))
	requireVerified(t, res, err)
	s.AddAnchors(pki.root.cert)
	res, err = decode(t, s, testNow, encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, "https://third.example"))
	requireVerified(t, res, err)
}

func TestAddAnchorsPEMFor(t *testing.T) {
	s := New(Options{})
	require.NoError(t, s.AddAnchorsPEMFor(testIssuer, readTestdata(t, "root.pem")))
	a := s.state.Load().anchors
	assert.True(t, a.appliesTo(testIssuer))
	assert.False(t, a.appliesTo(otherIssuer))
	assert.False(t, a.appliesTo(AnyIssuer))
	require.Error(t, s.AddAnchorsPEMFor(otherIssuer, []byte("not pem")))
	assert.Same(t, a, s.state.Load().anchors, "nothing added on error")
	assert.Panics(t, func() { s.AddAnchorsFor(testIssuer, nil) })
}

func TestPinnedBoundToIssuer(t *testing.T) {
	signer := newEd25519(t)
	cert := issue(t, certSpec{name: "Pinned Signer", key: signer}, nil)
	s := New(Options{})
	require.NoError(t, s.AddCertificatesFor(testIssuer, cert.cert))
	ph := map[int64]any{labelAlg: algEdDSA, labelX5T: x5t(t, HashSHA256, cert.cert)}

	res, err := decode(t, s, testNow, signCustom(t, signer, testIssuer, ph, map[int64]any{}))
	requireVerified(t, res, err)
	// For another issuer the store has no certificate: the x5t selects
	// nothing and no key is known.
	_, err = decode(t, s, testNow, signCustom(t, signer, otherIssuer, ph, map[int64]any{}))
	assert.ErrorIs(t, err, ErrUnknownIssuer)
	require.NoError(t, s.AddCertificatesFor(otherIssuer, issue(t, certSpec{name: "Other Pinned", key: newEd25519(t)}, nil).cert))
	_, err = decode(t, s, testNow, signCustom(t, signer, otherIssuer, ph, map[int64]any{}))
	assert.ErrorIs(t, err, ErrUnknownCertificate)
}

func TestUnderstood(t *testing.T) {
	pki := newPKI(t)
	withX5C := newEd25519(t)
	x5cCert := issue(t, certSpec{name: "JWK Signer", key: withX5C}, nil)
	s := New(Options{})
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	require.NoError(t, s.AddCertificatesFor("https://pinned.example", x5cCert.cert))
	require.NoError(t, s.AddKey("https://keys.example", "k", newEd25519(t).Public(), 0))

	x5 := []cose.HeaderLabel{cose.HeaderX5Chain, cose.HeaderX5Bag}
	assert.Equal(t, x5, s.Understood(claim169.KeyQuery{Issuer: testIssuer}))
	assert.Equal(t, []cose.HeaderLabel{cose.HeaderX5T}, s.Understood(claim169.KeyQuery{Issuer: "https://pinned.example"}))
	assert.Empty(t, s.Understood(claim169.KeyQuery{Issuer: "https://keys.example"}))
	assert.Empty(t, s.Understood(claim169.KeyQuery{}))

	s.AddAnchors(pki.root.cert)
	assert.Equal(t, x5, s.Understood(claim169.KeyQuery{Issuer: "https://keys.example"}))
}

// A crit header may name what the store processes for the issuer only.
func TestCriticalHeaders(t *testing.T) {
	pki := newPKI(t)
	pinned := issue(t, certSpec{name: "Pinned Signer", key: newEd25519(t)}, nil)
	s := New(Options{})
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	require.NoError(t, s.AddCertificatesFor(testIssuer, pinned.cert))
	withKeys := New(Options{})
	require.NoError(t, withKeys.AddKey(AnyIssuer, "", pki.leaf.key.Public(), 0))

	critChain := map[int64]any{labelAlg: algEdDSA, labelCrit: []any{labelX5Chain}, labelX5Chain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}}
	critX5T := map[int64]any{labelAlg: algEdDSA, labelCrit: []any{labelX5T}, labelX5T: x5t(t, HashSHA256, pinned.cert)}
	critX5U := map[int64]any{labelAlg: algEdDSA, labelCrit: []any{labelX5U}, labelX5U: "https://issuer.example/c.pem",
		labelX5Chain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}}
	tests := []struct {
		name      string
		store     *Store
		key       ed25519.PrivateKey
		issuer    string
		protected map[int64]any
		ok        bool
	}{
		{"crit x5chain, anchors for the issuer", s, edKey(t, pki.leaf), testIssuer, critChain, true},
		{"crit x5chain, anchors for another issuer", s, edKey(t, pki.leaf), otherIssuer, critChain, false},
		{"crit x5chain, no anchors", withKeys, edKey(t, pki.leaf), testIssuer, critChain, false},
		{"crit x5t, certificate pinned", s, edKey(t, pinned), testIssuer, critX5T, true},
		{"crit x5t, no certificates", withKeys, edKey(t, pki.leaf), testIssuer, critX5T, false},
		{"crit x5u", s, edKey(t, pki.leaf), testIssuer, critX5U, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := decode(t, tc.store, testNow, signCustom(t, tc.key, tc.issuer, tc.protected, map[int64]any{}))
			if tc.ok {
				requireVerified(t, res, err)
				return
			}
			require.Nil(t, res)
			assert.ErrorIs(t, err, claim169.ErrVerification)
			assert.ErrorIs(t, err, cose.ErrNotUnderstood)
		})
	}
}

func TestX5CheckedWhenSelectedByKid(t *testing.T) {
	pki := newPKI(t)
	signer := newEd25519(t)
	otherRoot := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	tests := []struct {
		name    string
		parent  *pkiCert
		spec    certSpec
		anchors []*x509.Certificate
		reason  ChainReason // 0: verified
	}{
		{"valid, no anchors", nil, certSpec{}, nil, 0},
		{"expired, no anchors", nil, certSpec{notAfter: testNow.Add(-time.Hour)}, nil, ChainExpired},
		{"TLS server, no anchors", nil, certSpec{extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, nil, ChainExtKeyUsage},
		{"under the anchor", &pki.intermediate, certSpec{}, []*x509.Certificate{pki.root.cert}, 0},
		{"self-signed, anchors for the issuer", nil, certSpec{}, []*x509.Certificate{pki.root.cert}, ChainUnknownAuthority},
		{"under another root", &pki.intermediate, certSpec{}, []*x509.Certificate{otherRoot.cert}, ChainUnknownAuthority},
		{"expired, under the anchor", &pki.intermediate, certSpec{notAfter: testNow.Add(-time.Hour)}, []*x509.Certificate{pki.root.cert}, ChainExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.name, tc.spec.key = "JWK Signer", signer
			cert := issue(t, tc.spec, tc.parent)
			certs := []*x509.Certificate{cert.cert}
			if tc.parent != nil {
				certs = append(certs, tc.parent.cert)
			}
			s := New(Options{})
			s.AddAnchorsFor(testIssuer, tc.anchors...)
			s.AddSet(testIssuer, mustSet(t, jwkWithCerts("jwk-1", signer.Public(), certs)))
			for name, unprotected := range map[string]map[int64]any{
				"no x5t":         {},
				"x5t of another": {labelX5T: x5t(t, HashSHA256, pki.leaf.cert)},
				"x5t":            {labelX5T: x5t(t, HashSHA256, cert.cert)},
			} {
				text := signCustom(t, signer, testIssuer, map[int64]any{labelAlg: algEdDSA, labelKID: []byte("jwk-1")}, unprotected)
				res, err := decode(t, s, testNow, text)
				if tc.reason == 0 {
					requireVerified(t, res, err)
					continue
				}
				require.Nil(t, res, name)
				var ce *ChainError
				require.ErrorAs(t, err, &ce, name)
				assert.Equal(t, tc.reason, ce.Reason, name)
			}
		})
	}
}

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
	s.AddSet(testIssuer, mustSet(t, jwkWithCerts("jwks-2027", jwksSigner.Public(), []*x509.Certificate{jwksCert.cert})))

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
