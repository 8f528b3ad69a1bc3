package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// Fixed times of the generated PKI: CAs valid 2024–2040, leaves 2025–2030,
// verification in 2027.
var (
	caStart   = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	caEnd     = time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)
	leafStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	leafEnd   = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	testNow   = time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
)

const testIssuer = "https://issuer.example"

// testIdentity is the identity the tests sign. Its values must never show
// up in an error.
var testIdentity = claim169.Identity{ID: "3918592438", FullName: "Janardhan BS"}

// pkiCert is a certificate and its private key.
type pkiCert struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// certSpec describes a certificate to issue; zero fields take defaults.
type certSpec struct {
	name       string
	ca         bool
	key        crypto.Signer // nil: a new P-256 key
	notBefore  time.Time     // zero: caStart or leafStart
	notAfter   time.Time     // zero: caEnd or leafEnd
	keyUsage   x509.KeyUsage // 0: keyCertSign for a CA, digitalSignature for a leaf
	noKeyUsage bool          // omit the KeyUsage extension
	extUsage   []x509.ExtKeyUsage
	extOIDs    []asn1.ObjectIdentifier // extended key usages by OID
	pathLen    int                     // for a CA: MaxPathLen; -1: zero
	permitted  []string                // for a CA: permitted DNS name constraints
	dnsNames   []string                // subject alternative names
	public     crypto.PublicKey        // nil: key's public half (a key without a private half, else)
}

// issue creates the certificate spec describes, signed by parent (nil for a
// self-signed one).
func issue(t testing.TB, spec certSpec, parent *pkiCert) pkiCert {
	t.Helper()
	if spec.key == nil {
		spec.key = newP256(t)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: spec.name, Organization: []string{"Claim169 SDK Test"}},
		NotBefore:             pick(spec.notBefore, leafStart, caStart, spec.ca),
		NotAfter:              pick(spec.notAfter, leafEnd, caEnd, spec.ca),
		BasicConstraintsValid: true,
		IsCA:                  spec.ca,
		KeyUsage:              spec.keyUsage,
		ExtKeyUsage:           spec.extUsage,
		UnknownExtKeyUsage:    spec.extOIDs,
		MaxPathLen:            max(spec.pathLen, 0),
		MaxPathLenZero:        spec.pathLen < 0,
		PermittedDNSDomains:   spec.permitted,
		DNSNames:              spec.dnsNames,
	}
	if tmpl.KeyUsage == 0 && !spec.noKeyUsage {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		if spec.ca {
			tmpl.KeyUsage = x509.KeyUsageCertSign
		}
	}
	parentCert, parentKey := tmpl, spec.key
	if parent != nil {
		parentCert, parentKey = parent.cert, parent.key
	}
	public := spec.public
	if public == nil {
		public = spec.key.Public()
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parentCert, public, parentKey)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return pkiCert{cert: cert, key: spec.key}
}

func pick(t, leaf, ca time.Time, isCA bool) time.Time {
	switch {
	case !t.IsZero():
		return t
	case isCA:
		return ca
	}
	return leaf
}

func newP256(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	return mustECDSA(t, elliptic.P256())
}

func mustECDSA(t testing.TB, c elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	require.NoError(t, err)
	return k
}

func newEd25519(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	return k
}

// edKey returns the Ed25519 private key of c.
func edKey(t testing.TB, c pkiCert) ed25519.PrivateKey {
	t.Helper()
	k, ok := c.key.(ed25519.PrivateKey)
	require.True(t, ok, "not an Ed25519 key")
	return k
}

// testPKI is a root, an intermediate and an Ed25519 leaf.
type testPKI struct {
	root, intermediate, leaf pkiCert
}

func newPKI(t testing.TB) testPKI {
	t.Helper()
	root := issue(t, certSpec{name: "Test Root", ca: true}, nil)
	inter := issue(t, certSpec{name: "Test Intermediate", ca: true}, &root)
	leaf := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &inter)
	return testPKI{root: root, intermediate: inter, leaf: leaf}
}

// encode signs testIdentity with opts (whose Signer must be set) under
// issuer and returns the QR text.
//
// The chain is written with cose.Sign directly: the Encoder refuses a chain
// whose leaf does not certify its signer, and several tests need exactly
// that mismatch (or a malformed leaf) to reach the decoder.
func encode(t testing.TB, opts claim169.EncoderOptions, issuer string) string {
	t.Helper()
	return encodeIdentity(t, &testIdentity, opts, issuer)
}

// encodeIdentity is encode for identity id.
func encodeIdentity(t testing.TB, id *claim169.Identity, opts claim169.EncoderOptions, issuer string) string {
	t.Helper()
	chain := opts.CertificateChain
	opts.CertificateChain = nil
	enc, err := claim169.NewEncoder(opts)
	require.NoError(t, err)
	stages, err := enc.Encode(id, &cwt.Claims{Issuer: issuer})
	require.NoError(t, err)
	if len(chain) == 0 {
		return stages.Text
	}
	msg, err := cose.Sign(nil, opts.Signer, stages.Stages.CWT, cose.SignOptions{KeyID: opts.KeyID, X5Chain: chain})
	require.NoError(t, err)
	return ts.Wrap(t, msg)
}

// signCustom builds a COSE_Sign1 with signMessage and returns its QR
// text.
func signCustom(t testing.TB, key ed25519.PrivateKey, issuer string, protected, unprotected map[int64]any) string {
	t.Helper()
	return ts.Wrap(t, signMessage(t, key, issuer, protected, unprotected))
}

// signMessage builds a COSE_Sign1 over the claims of testIdentity under
// issuer with the given header buckets (the protected one must hold alg
// EdDSA) and signs it with key. It covers the headers the encoder does not
// write (x5t, x5bag).
func signMessage(t testing.TB, key ed25519.PrivateKey, issuer string, protected, unprotected map[int64]any) []byte {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key})
	require.NoError(t, err)
	stages, err := enc.Encode(&testIdentity, &cwt.Claims{Issuer: issuer})
	require.NoError(t, err)
	return ts.Sign1(t, algEdDSA, key, protected, unprotected, stages.Stages.CWT)
}

// Header labels (RFC 9052 §3.1, RFC 9360 §2) for signCustom.
const (
	labelAlg     int64 = 1
	labelCrit    int64 = 2
	labelKID     int64 = 4
	labelX5Bag   int64 = 32
	labelX5Chain int64 = 33
	labelX5T     int64 = 34
	labelX5U     int64 = 35
	algEdDSA     int64 = -8
)

// maxInflated is the inflate limit of the tests' decoders: 64 KiB, the
// bound of the bounded zlib reader, so that inputs the decoder's default
// (16 KiB) would refuse reach the store.
const maxInflated = 64 << 10

// decode decodes text with a decoder resolving from s, and understanding
// the headers s processes, at time now.
func decode(t testing.TB, s *Store, now time.Time, text string) (*claim169.Result, error) {
	t.Helper()
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Resolver:   s.Resolver(),
		Understood: s.Understood,
		Now:        func() time.Time { return now },
		// The store's own bounds are tested with chains (62 KB keys) that
		// the decoder's default inflate limit (16 KiB) would refuse first.
		MaxDecompressedSize: maxInflated,
	})
	require.NoError(t, err)
	return dec.Decode(text)
}

// queryOf builds the KeyQuery the decoder builds for s1.
func queryOf(s1 *cose.Sign1, issuer string, now time.Time) claim169.KeyQuery {
	alg, _ := s1.Algorithm()
	q := claim169.KeyQuery{
		KeyID: s1.KeyID(), Algorithm: alg, Issuer: issuer, Sign1: s1, Now: now,
		Certificates: s1.Protected.X5Chain(), Bag: s1.Protected.X5Bag(),
	}
	if len(q.Certificates) == 0 {
		q.Certificates = s1.Unprotected.X5Chain()
	}
	if len(q.Bag) == 0 {
		q.Bag = s1.Unprotected.X5Bag()
	}
	return q
}

// requireVerified asserts a successful, verified decode of testIdentity.
func requireVerified(t testing.TB, res *claim169.Result, err error) {
	t.Helper()
	require.NoError(t, err)
	require.Equal(t, claim169.Verified, res.Verification)
	require.Equal(t, testIdentity.FullName, res.Identity.FullName)
}

// requireOutcome asserts that a decode verified when want is nil, and
// otherwise failed verification with want and returned no result. It
// reports whether the decode verified.
func requireOutcome(t testing.TB, res *claim169.Result, err, want error) bool {
	t.Helper()
	if want == nil {
		requireVerified(t, res, err)
		return true
	}
	require.Nil(t, res)
	assert.ErrorIs(t, err, want)
	assert.ErrorIs(t, err, claim169.ErrVerification)
	return false
}

// requireNoLeak asserts that err says nothing of the identity, the issuer
// or the given strings.
func requireNoLeak(t testing.TB, err error, secrets ...string) {
	t.Helper()
	require.Error(t, err)
	for _, s := range append(secrets, testIdentity.ID, testIdentity.FullName, testIssuer) {
		if s != "" {
			require.NotContains(t, err.Error(), s)
		}
	}
}

// clock is a settable clock for Options.Now, safe for concurrent use.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock {
	c := &clock{}
	c.set(t)
	return c
}

func (c *clock) set(t time.Time)         { c.ns.Store(t.UnixNano()) }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }
func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }

// jwk returns the public JWK of k.
func jwk(t testing.TB, k keys.Key) string {
	t.Helper()
	out, err := keys.MarshalPublicJWK(k)
	require.NoError(t, err)
	return string(out)
}

// mixedSet is a JWK Set with an Ed25519, a P-256 and an RSA-2048 key and
// four entries that cannot verify signatures.
type mixedSet struct {
	ed   ed25519.PrivateKey
	p256 *ecdsa.PrivateKey
	rsa  *rsa.PrivateKey
	json string
}

func newMixedSet(t testing.TB) mixedSet {
	t.Helper()
	m := mixedSet{ed: newEd25519(t), p256: newP256(t), rsa: ts.RSAKey(2048)}
	b64 := func(n int) string { return base64.RawURLEncoding.EncodeToString(make([]byte, n)) }
	encKey := strings.Replace(jwk(t, keys.Key{KeyID: "enc-2027", Public: newP256(t).Public()}), `"use":"sig"`, `"use":"enc"`, 1)
	entries := []string{
		jwk(t, keys.Key{KeyID: "ed-2027", Public: m.ed.Public()}),
		`{"kty":"OKP","crv":"X25519","kid":"x25519-2027","x":"` + b64(32) + `"}`,
		jwk(t, keys.Key{KeyID: "p256-2027", Public: m.p256.Public()}),
		`{"kty":"oct","kid":"hmac-2027","k":"` + b64(32) + `"}`,
		jwk(t, keys.Key{KeyID: "rsa-2027", Algorithm: cose.PS256, Public: m.rsa.Public()}),
		`{"kty":"EC","crv":"secp256k1","kid":"k256-2027","x":"` + b64(32) + `","y":"` + b64(32) + `"}`,
		encKey,
	}
	m.json = `{"keys":[` + strings.Join(entries, ",") + `]}`
	return m
}

// jwkWithCerts is a key with kid and the certificates of a JWK "x5c".
func jwkWithCerts(kid string, pub crypto.PublicKey, certs []*x509.Certificate) keys.Key {
	return keys.Key{KeyID: kid, Public: pub, Certificates: certs}
}

// mustSet returns a set of ks.
func mustSet(t testing.TB, ks ...keys.Key) *keys.Set {
	t.Helper()
	set, err := keys.NewSet(ks...)
	require.NoError(t, err)
	return set
}
