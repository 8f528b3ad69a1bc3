package trust

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// fuzzStores returns a store with the OpenSSL root as anchor and one
// without anchors; both hold a key by kid and pin the OpenSSL leaf.
func fuzzStores(t testing.TB) (withAnchors, without *Store) {
	leaf, err := x509.ParseCertificate(pemDER(t, "leaf.pem"))
	require.NoError(t, err)
	withAnchors, without = New(Options{}), New(Options{})
	for _, s := range []*Store{withAnchors, without} {
		require.NoError(t, s.AddKey(testIssuer, "k1", leaf.PublicKey, 0))
		require.NoError(t, s.AddCertificates(leaf))
	}
	require.NoError(t, withAnchors.AddAnchorsPEM(readTestdata(t, "root.pem")))
	return withAnchors, without
}

// FuzzResolve resolves keys for arbitrary COSE_Sign1 messages (x5chain,
// x5bag, x5t, kid, alg from their headers). Properties: an error means no
// keys; success means at least one key; with anchors and an x5chain, the
// only key is the chain's leaf key.
func FuzzResolve(f *testing.F) {
	signer, err := keys.ParsePrivatePEM(readTestdata(f, "leaf.key.pem"))
	require.NoError(f, err)
	leafDER, interDER := pemDER(f, "leaf.pem"), pemDER(f, "intermediate.pem")
	key, ok := signer.(ed25519.PrivateKey)
	require.True(f, ok)
	thumb, err := Thumbprint(HashSHA256, leafDER)
	require.NoError(f, err)
	for _, h := range []struct{ p, u map[int64]any }{
		{map[int64]any{labelAlg: algEdDSA, labelX5Chain: [][]byte{leafDER, interDER}}, map[int64]any{}},
		{map[int64]any{labelAlg: algEdDSA, labelX5Chain: leafDER}, map[int64]any{labelX5Bag: interDER}},
		{map[int64]any{labelAlg: algEdDSA, labelX5T: []any{int64(HashSHA256), thumb}}, map[int64]any{}},
		{map[int64]any{labelAlg: algEdDSA, labelKID: []byte("k1")}, map[int64]any{}},
		{map[int64]any{labelAlg: algEdDSA}, map[int64]any{labelKID: []byte("k2")}},
	} {
		f.Add(signMessage(f, key, testIssuer, h.p, h.u), testIssuer)
	}
	withAnchors, without := fuzzStores(f)

	f.Fuzz(func(t *testing.T, msg []byte, issuer string) {
		s1, err := cose.ParseSign1(msg)
		if err != nil {
			return
		}
		q := queryOf(s1, issuer, opensslInside)
		for _, s := range []*Store{withAnchors, without} {
			got, err := s.Resolve(t.Context(), q)
			if err != nil {
				require.Nil(t, got)
				continue
			}
			require.NotEmpty(t, got)
			if s == withAnchors && len(q.Certificates) > 0 {
				leaf, err := x509.ParseCertificate(q.Certificates[0])
				require.NoError(t, err)
				require.Equal(t, []any{leaf.PublicKey}, toAny(got))
			}
		}
	})
}

// roundTripper answers every request with a fixed response, without a
// network.
type roundTripper struct {
	status       int
	body         []byte
	cacheControl string
}

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	h := http.Header{}
	h.Set("Cache-Control", rt.cacheControl)
	return &http.Response{
		StatusCode: rt.status, Header: h, Request: req,
		Body: io.NopCloser(bytes.NewReader(rt.body)), ContentLength: -1,
	}, nil
}

// FuzzFetch parses arbitrary responses. Properties: an error means no set
// and no warnings and wraps ErrFetch; success means a 200 with at least one
// key; the cache lifetime stays within the fetcher's bounds.
func FuzzFetch(f *testing.F) {
	f.Add([]byte(newMixedSet(f).json), "max-age=600", 200)
	f.Add([]byte(`{"keys":[]}`), "no-store", 200)
	f.Add([]byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`), "", 200)
	f.Add([]byte(`not json`), "max-age=abc, max-age=5", 500)
	f.Fuzz(func(t *testing.T, body []byte, cacheControl string, status int) {
		if status < 100 || status > 999 || strings.ContainsAny(cacheControl, "\r\n") {
			return
		}
		fetcher, err := NewFetcher("https://issuer.example/jwks.json", FetcherOptions{
			Client: &http.Client{Transport: roundTripper{status, body, cacheControl}},
		})
		require.NoError(t, err)
		r, err := fetcher.fetch(t.Context())
		if err != nil {
			require.ErrorIs(t, err, ErrFetch)
			set, warnings, err := fetcher.Fetch(t.Context())
			require.Error(t, err)
			require.Nil(t, set)
			require.Nil(t, warnings)
			return
		}
		require.Equal(t, http.StatusOK, status)
		require.Positive(t, r.set.Len())
		fresh := fetcher.freshness(r.cache)
		assert.GreaterOrEqual(t, fresh, DefaultMinAge)
		assert.LessOrEqual(t, fresh, DefaultMaxAge)
	})
}

// FuzzParseDIDDocument: a document is refused or gives at least one key,
// each a usable verification key whose id is a DID URL of the DID.
func FuzzParseDIDDocument(f *testing.F) {
	const did = "did:web:issuer.example"
	f.Add(didDoc(f, did, nil, jwkMethod(f, "#k", newP256(f).Public()), multibaseMethod(f, did+"#m", newEd25519(f).Public())))
	f.Add(didDoc(f, did, []any{"#k", jwkMethod(f, "#e", newEd25519(f).Public())}, jwkMethod(f, "#k", newP256(f).Public())))
	f.Add(`{"id":"did:web:issuer.example","verificationMethod":[{"id":"#k","publicKeyMultibase":"z"}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		ks, warnings, err := parseDIDDocument(did, []byte(doc))
		if err != nil {
			require.Empty(t, ks)
			require.ErrorIs(t, err, ErrBadDocument)
			return
		}
		require.NotEmpty(t, ks)
		for _, k := range ks {
			require.True(t, strings.HasPrefix(k.KeyID, did+"#"))
			require.NoError(t, k.Check())
		}
		for _, w := range warnings {
			require.NotContains(t, w, "\n")
		}
	})
}

// FuzzParseMultikey: a multibase key is refused or is a usable key that
// encodes back to the same text.
func FuzzParseMultikey(f *testing.F) {
	f.Add(multikey(f, newEd25519(f).Public()))
	f.Add(multikey(f, newP256(f).Public()))
	f.Add("z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9")
	f.Fuzz(func(t *testing.T, s string) {
		pub, err := parseMultikey(s)
		if err != nil {
			require.Nil(t, pub)
			return
		}
		require.Equal(t, s, multikey(t, pub))
	})
}

// FuzzParseDiscoveryCache: a cache is refused with ErrBadDocument (or the
// issuer's own refusal), or every entry holds keys.
func FuzzParseDiscoveryCache(f *testing.F) {
	f.Add([]byte(`{"version":1,"issuers":[]}`))
	f.Add([]byte(`{"version":1,"issuers":[{"issuer":"https://issuer.example","method":"https","url":"https://issuer.example/jwks",` +
		`"document":{"keys":[` + withKid(f, newP256(f).Public(), "k") + `]},"fetchedAt":"2026-01-01T00:00:00Z",` +
		`"freshUntil":"2026-01-01T01:00:00Z","staleUntil":"2026-01-02T01:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseDiscoveryCache(data)
		if err != nil {
			require.Nil(t, c)
			return
		}
		for _, k := range c.Issuers {
			require.NotEmpty(t, k.Keys)
		}
	})
}
