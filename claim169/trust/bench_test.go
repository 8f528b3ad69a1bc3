package trust

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/compress"
)

// benchStore holds ten issuers of four keys each and the chain anchors of
// pki.
func benchStore(b *testing.B, pki testPKI) *Store {
	s := New(Options{})
	for i := range 10 {
		for j := range 4 {
			require.NoError(b, s.AddKey(fmt.Sprintf("https://issuer%d.example", i), fmt.Sprintf("k%d", j), newEd25519(b).Public(), 0))
		}
	}
	require.NoError(b, s.AddKey(testIssuer, "k1", pki.leaf.key.Public(), 0))
	s.AddAnchors(pki.root.cert)
	return s
}

func BenchmarkResolve(b *testing.B) {
	pki := newPKI(b)
	s := benchStore(b, pki)
	other := issue(b, certSpec{name: "Other Root", ca: true}, nil)
	chain := [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}
	uncached := New(Options{ChainCacheSize: -1})
	uncached.AddAnchors(pki.root.cert)
	benchmarks := []struct {
		name  string
		q     claim169.KeyQuery
		ok    bool
		store *Store // nil: s
	}{
		{"kid", claim169.KeyQuery{Issuer: "https://issuer5.example", KeyID: []byte("k2"), Algorithm: cose.EdDSA}, true, nil},
		{"no kid, every key has one", claim169.KeyQuery{Issuer: "https://issuer5.example", Algorithm: cose.EdDSA}, false, nil},
		{"unknown kid", claim169.KeyQuery{Issuer: "https://issuer5.example", KeyID: []byte("nope"), Algorithm: cose.EdDSA}, false, nil},
		{"unknown issuer", claim169.KeyQuery{Issuer: "https://nope.example", KeyID: []byte("k1"), Algorithm: cose.EdDSA}, false, nil},
		{"chain", claim169.KeyQuery{Certificates: chain, Algorithm: cose.EdDSA, Now: testNow}, true, nil},
		{"chain, not cached", claim169.KeyQuery{Certificates: chain, Algorithm: cose.EdDSA, Now: testNow}, true, uncached},
		{"chain, expired", claim169.KeyQuery{Certificates: chain, Algorithm: cose.EdDSA, Now: leafEnd.AddDate(1, 0, 0)}, false, nil},
		{"chain, untrusted", claim169.KeyQuery{Certificates: [][]byte{other.cert.Raw}, Algorithm: cose.EdDSA, Now: testNow}, false, nil},
	}
	for _, bm := range benchmarks {
		store := s
		if bm.store != nil {
			store = bm.store
		}
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := store.Resolve(b.Context(), bm.q)
				if (err == nil) != bm.ok {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeChain(b *testing.B) {
	pki := newPKI(b)
	s := benchStore(b, pki)
	text := encode(b, claim169.EncoderOptions{
		Signer:           pki.leaf.key,
		CertificateChain: [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw},
	}, testIssuer)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(b, s, testNow, text); err != nil {
			b.Fatal(err)
		}
	}
}

// The cost goals of the issue "bounded cost and safe defaults": for each
// configuration of a verifier (one key; a JWK set of 256 keys; anchors with
// an intermediate), a refused input costs at most 10 times a normal
// credential (valid, a 400-byte face, chosen by its kid; with anchors, its
// chain already verified), and a validly signed one at most 20 times. Each
// sub-benchmark decodes the input and the normal credential alternately and
// reports the ratio of their medians (benchtest.Ratio):
//
//	go test -run '^$' -bench DecodeCostRatio -count 6 ./claim169/trust/

// costInput is one input a configuration is measured with.
type costInput struct {
	name string
	dec  *claim169.Decoder // nil: the configuration's decoder
	text string
	want error // nil: verified
}

// costConfig is a configured verifier, its normal credential and the inputs
// to compare with it.
type costConfig struct {
	name   string
	dec    *claim169.Decoder
	normal string
	inputs []costInput
}

func BenchmarkDecodeCostRatio(b *testing.B) {
	oneKey, anchors := oneKeyCost(b), anchorsCost(b)
	// A valid chain, once verified, costs about what one static key does.
	oneKey.inputs = append(oneKey.inputs, costInput{name: "anchors config, valid chain cached", dec: anchors.dec, text: anchors.normal})
	for _, c := range []costConfig{oneKey, jwksCost(b), anchors} {
		for _, in := range c.inputs {
			dec := c.dec
			if in.dec != nil {
				dec = in.dec
			}
			b.Run(c.name+"/"+in.name, func(b *testing.B) {
				benchtest.Ratio(b, func() {
					if _, err := dec.Decode(in.text); !errors.Is(err, in.want) || (in.want == nil && err != nil) {
						b.Fatal(err)
					}
				}, func() {
					if _, err := c.dec.Decode(c.normal); err != nil {
						b.Fatal(err)
					}
				}, "input", "normal")
			})
		}
	}
}

// costDecoder is a decoder wired to s as an application wires it, with the
// inflate limit of the bounded zlib reader (64 KiB) rather than the
// decoder's default (16 KiB), so that the 62 KB chains reach the store.
func costDecoder(b *testing.B, s *Store) *claim169.Decoder {
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Resolver: s.Resolver(), Understood: s.Understood, Now: func() time.Time { return testNow },
		MaxDecompressedSize: maxInflated, // the worst case for the store; the default refuses 62 KB chains first
	})
	require.NoError(b, err)
	return dec
}

// costIdentity is testIdentity with a 400-byte face photo.
func costIdentity() *claim169.Identity {
	id := testIdentity
	photo := make([]byte, 400)
	_, _ = rand.Read(photo)
	copy(photo, []byte{0xff, 0xd8, 0xff, 0xe0})
	id.Face = []biometrics.Biometric{{Data: photo, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}}
	return &id
}

// forged returns text with the last byte of its signature changed.
func forged(b *testing.B, text string) string {
	raw, err := base45.DecodeString(text)
	require.NoError(b, err)
	msg, err := compress.Inflate(raw, 0)
	require.NoError(b, err)
	msg[len(msg)-1] ^= 1
	return base45.EncodeToString(compress.Deflate(msg))
}

func oneKeyCost(b *testing.B) costConfig {
	signer, attacker := newEd25519(b), newEd25519(b)
	s := New(Options{})
	require.NoError(b, s.AddKey(testIssuer, "k-1101", signer.Public(), 0))
	normal := encodeIdentity(b, costIdentity(), claim169.EncoderOptions{Signer: signer, KeyID: []byte("k-1101")}, testIssuer)
	huge := issue(b, certSpec{name: "Huge", key: newP256(b), public: hugeRSA(62 << 10)}, nil)
	return costConfig{name: "one-key", dec: costDecoder(b, s), normal: normal, inputs: []costInput{
		{name: "normal", text: normal},
		{name: "forged signature", text: forged(b, normal), want: claim169.ErrVerification},
		{name: "no kid", text: encode(b, claim169.EncoderOptions{Signer: attacker}, testIssuer), want: ErrNoKeyID},
		{name: "62KB RSA x5chain, no anchors", text: signCustom(b, attacker, testIssuer,
			map[int64]any{labelAlg: algEdDSA, labelKID: []byte("k-1101"), labelX5Chain: huge.cert.Raw}, map[int64]any{}), want: claim169.ErrVerification},
		{name: "crit x5chain", text: signCustom(b, attacker, testIssuer,
			map[int64]any{labelAlg: algEdDSA, labelCrit: []any{labelX5Chain}, labelX5Chain: huge.cert.Raw}, map[int64]any{}), want: claim169.ErrVerification},
	}}
}

var (
	rsa4096Once sync.Once
	rsa4096     *rsa.PrivateKey
)

// jwksCost is the reviewers' configuration: a JWK set of 256 RSA-4096 keys
// (one key under 256 kids, which costs the same to try).
func jwksCost(b *testing.B) costConfig {
	rsa4096Once.Do(func() {
		var err error
		rsa4096, err = rsa.GenerateKey(rand.Reader, 4096)
		require.NoError(b, err)
	})
	ks := make([]keys.Key, keys.MaxSetKeys)
	for i := range ks {
		ks[i] = keys.Key{KeyID: fmt.Sprintf("k%d", i), Public: rsa4096.Public()}
	}
	s, all := New(Options{}), New(Options{KidlessTriesAllKeys: true})
	s.AddSet(testIssuer, mustSet(b, ks...))
	all.AddSet(testIssuer, mustSet(b, ks...))
	// 256 distinct Ed25519 keys: checking one against the algorithm decodes
	// its point, so the candidates must be counted before.
	eds := make([]keys.Key, keys.MaxSetKeys)
	for i := range eds {
		eds[i] = keys.Key{KeyID: fmt.Sprintf("k%d", i), Public: newEd25519(b).Public()}
	}
	allEd := New(Options{KidlessTriesAllKeys: true})
	allEd.AddSet(testIssuer, mustSet(b, eds...))
	normal := encodeIdentity(b, costIdentity(), claim169.EncoderOptions{Signer: rsa4096, KeyID: []byte("k100")}, testIssuer)
	kidless := encode(b, claim169.EncoderOptions{Signer: rsa4096}, testIssuer)
	kidlessEd := encode(b, claim169.EncoderOptions{Signer: newEd25519(b)}, testIssuer)
	return costConfig{name: "jwks-256", dec: costDecoder(b, s), normal: normal, inputs: []costInput{
		{name: "normal", text: normal},
		{name: "forged signature", text: forged(b, normal), want: claim169.ErrVerification},
		{name: "no kid", text: forged(b, kidless), want: ErrNoKeyID},
		{name: "no kid, KidlessTriesAllKeys", dec: costDecoder(b, all), text: forged(b, kidless), want: ErrTooManyCandidates},
		{name: "no kid, KidlessTriesAllKeys, 256 Ed25519 keys", dec: costDecoder(b, allEd), text: kidlessEd, want: ErrTooManyCandidates},
		{name: "unknown kid", text: forged(b, encode(b, claim169.EncoderOptions{Signer: rsa4096, KeyID: []byte("nope")}, testIssuer)), want: ErrUnknownKeyID},
	}}
}

func anchorsCost(b *testing.B) costConfig {
	pki := newPKI(b)
	other := issue(b, certSpec{name: "Other Root", ca: true}, nil)
	s := New(Options{})
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	s.AddAnchorsFor("https://other.example", other.cert)
	uncached := New(Options{ChainCacheSize: -1})
	uncached.AddAnchorsFor(testIssuer, pki.root.cert)
	chain := [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}
	normal := encodeIdentity(b, costIdentity(), claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, testIssuer)

	huge := issue(b, certSpec{name: "Test Intermediate", ca: true, key: newP256(b), public: hugeRSA(62 << 10)}, &pki.root)
	hugeLeaf := underFake(b, certSpec{name: "Leaf Signer", key: newEd25519(b)}, huge.cert)
	fakeLeaf := underFake(b, certSpec{name: "Leaf Signer", key: newEd25519(b)}, pki.intermediate.cert)
	lookAlikes := [][]byte{fakeLeaf.cert.Raw}
	for range DefaultMaxChainCertificates - 1 {
		lookAlikes = append(lookAlikes, underFake(b, certSpec{name: "Test Intermediate", ca: true}, pki.root.cert).cert.Raw)
	}
	expired := issue(b, certSpec{name: "Expired Signer", key: newEd25519(b), notAfter: testNow.Add(-time.Hour)}, &pki.intermediate)
	tls := issue(b, certSpec{name: "TLS Server", key: newEd25519(b), extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, &pki.intermediate)
	withChain := func(leaf pkiCert, issuer string, chain ...[]byte) string {
		return signCustom(b, edKey(b, leaf), issuer, map[int64]any{labelAlg: algEdDSA, labelX5Chain: chain}, map[int64]any{})
	}
	return costConfig{name: "anchors", dec: costDecoder(b, s), normal: normal, inputs: []costInput{
		{name: "normal", text: normal},
		{name: "62KB RSA intermediate", text: withChain(hugeLeaf, testIssuer, hugeLeaf.cert.Raw, huge.cert.Raw), want: ErrUntrustedChain},
		{name: "3 look-alike intermediates", text: withChain(fakeLeaf, testIssuer, lookAlikes...), want: ErrUntrustedChain},
		{name: "forged leaf, real intermediate", text: withChain(fakeLeaf, testIssuer, fakeLeaf.cert.Raw, pki.intermediate.cert.Raw), want: ErrUntrustedChain},
		{name: "forged signature, valid chain", text: forged(b, normal), want: claim169.ErrVerification},
		{name: "valid: another issuer's anchor", text: withChain(pki.leaf, "https://other.example", chain...), want: ErrUntrustedChain},
		{name: "valid: expired leaf", text: withChain(expired, testIssuer, expired.cert.Raw, pki.intermediate.cert.Raw), want: ErrUntrustedChain},
		{name: "valid: TLS server leaf", text: withChain(tls, testIssuer, tls.cert.Raw, pki.intermediate.cert.Raw), want: ErrUntrustedChain},
		{name: "valid: chain not cached", dec: costDecoder(b, uncached), text: normal},
	}}
}
