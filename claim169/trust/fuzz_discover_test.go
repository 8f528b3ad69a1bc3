package trust

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

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
