package trust

import (
	"crypto/sha256"
	"crypto/x509"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
)

// A cached chain skips crypto/x509, but not the checks that depend on the
// credential: validity at its time and the anchor's binding to its issuer.
func TestChainCacheStillChecks(t *testing.T) {
	pki := newPKI(t)
	other := issue(t, certSpec{name: "Other Root", ca: true}, nil)
	s := New(Options{})
	s.AddAnchorsFor(testIssuer, pki.root.cert)
	s.AddAnchorsFor("https://other.example", other.cert)
	chain := [][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}
	text := encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, testIssuer)

	res, err := decode(t, s, testNow, text)
	requireVerified(t, res, err)
	require.Equal(t, 1, s.chains.size())

	tests := []struct {
		name   string
		issuer string
		now    time.Time
		reason ChainReason
	}{
		{"expired leaf", testIssuer, leafEnd.Add(time.Hour), ChainExpired},
		{"leaf not yet valid", testIssuer, leafStart.Add(-time.Hour), ChainNotYetValid},
		{"issuer bound to another anchor", "https://other.example", testNow, ChainWrongIssuer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := encode(t, claim169.EncoderOptions{Signer: pki.leaf.key, CertificateChain: chain}, tc.issuer)
			res, err := decode(t, s, tc.now, text)
			require.Nil(t, res)
			var ce *ChainError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.reason, ce.Reason)
			requireNoLeak(t, err, "https://other.example")
		})
	}
	res, err = decode(t, s, testNow, text)
	requireVerified(t, res, err)
}

// A hit does not run the verification; an entry verified under an anchor
// set the store no longer has is verified again.
func TestChainCacheHit(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{})
	s.AddAnchors(pki.root.cert)
	st := s.state.Load()
	key := chainKey([][]byte{pki.leaf.cert.Raw, pki.intermediate.cert.Raw}, nil)
	certs := func() ([]*x509.Certificate, error) {
		return []*x509.Certificate{pki.leaf.cert, pki.intermediate.cert}, nil
	}
	leaf, err := s.verified(st, key, testIssuer, testNow, certs)
	require.NoError(t, err)
	assert.Equal(t, pki.leaf.cert, leaf)

	unreached := func() ([]*x509.Certificate, error) {
		t.Fatal("a cached chain was verified again")
		return nil, nil
	}
	leaf, err = s.verified(st, key, testIssuer, testNow.Add(time.Hour), unreached)
	require.NoError(t, err)
	assert.Equal(t, pki.leaf.cert, leaf)

	// The anchor is gone (a store has no removal, so the snapshot is
	// replaced by hand): the entry no longer counts.
	s.update(func(st *state) {
		st.anchors = (*anchorSet)(nil).with(AnyIssuer, []*x509.Certificate{issue(t, certSpec{name: "New Root", ca: true}, nil).cert})
	})
	_, err = s.verified(s.state.Load(), key, testIssuer, testNow, certs)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainUnknownAuthority, ce.Reason)
}

func TestChainCacheBounded(t *testing.T) {
	pki := newPKI(t)
	c := newChainCache(2)
	anchors := (*anchorSet)(nil).with(AnyIssuer, []*x509.Certificate{pki.root.cert})
	chains := [][]*x509.Certificate{{pki.leaf.cert, pki.intermediate.cert, pki.root.cert}}
	k := func(b byte) [sha256.Size]byte { return [sha256.Size]byte{b} }
	c.put(k(1), anchors, chains)
	c.put(k(2), anchors, chains)
	require.NotNil(t, c.get(k(1), anchors)) // 2 is now the least recently used
	c.put(k(3), anchors, chains)
	assert.Equal(t, 2, c.size())
	assert.NotNil(t, c.get(k(1), anchors))
	assert.Nil(t, c.get(k(2), anchors), "the least recently used is dropped")
	assert.NotNil(t, c.get(k(3), anchors))
	other := (*anchorSet)(nil).with(AnyIssuer, []*x509.Certificate{pki.root.cert})
	assert.Nil(t, c.get(k(3), other), "another anchor set")
	assert.Equal(t, 1, c.size())

	var disabled *chainCache
	disabled.put(k(1), anchors, chains)
	assert.Nil(t, disabled.get(k(1), anchors))
	assert.Nil(t, New(Options{ChainCacheSize: -1}).chains)
}

func TestChainCacheConcurrent(t *testing.T) {
	pki := newPKI(t)
	s := New(Options{ChainCacheSize: 2})
	s.AddAnchors(pki.root.cert)
	var leaves [][][]byte
	for range 4 {
		leaf := issue(t, certSpec{name: "Leaf Signer", key: newEd25519(t)}, &pki.intermediate)
		leaves = append(leaves, [][]byte{leaf.cert.Raw, pki.intermediate.cert.Raw})
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				q := claim169.KeyQuery{Certificates: leaves[(i+j)%len(leaves)], Now: testNow}
				got, err := s.Resolve(t.Context(), q)
				assert.NoError(t, err)
				assert.Len(t, got, 1)
			}
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, s.chains.size(), 2)
}
