package trust

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
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
				_, err := store.Resolve(context.Background(), bm.q)
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
