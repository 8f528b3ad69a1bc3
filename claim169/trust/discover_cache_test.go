package trust

import (
	"crypto/ecdsa"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cachedIssuers serves a did:web and an https issuer, discovers both into
// a store on clock, and returns the file form of what it found, the two
// issuers, their signing key and the server.
func cachedIssuers(t *testing.T, clk *clock) ([]byte, []string, *ecdsa.PrivateKey, *issuerServer) {
	t.Helper()
	srv := newIssuerServer(t)
	key := newP256(t)
	did := srv.did()
	srv.route("/.well-known/did.json", jsonDoc(didJSON, didDoc(t, did, nil, jwkMethod(t, "#k", key.Public())), "max-age=600"))
	srv.route("/.well-known/jwks.json", jsonDoc("application/jwk-set+json", `{"keys":[`+withKid(t, key.Public(), "k")+`]}`, ""))
	issuers := []string{did, srv.URL}
	d := srv.discoverer(t, issuers...)
	s := New(Options{Now: clk.Now})
	for _, iss := range issuers {
		require.NoError(t, s.AddIssuer(d, iss, nil))
	}
	require.NoError(t, s.Refresh(t.Context()))
	c := &DiscoveryCache{Issuers: s.IssuerKeys()}
	require.Len(t, c.Issuers, 2)
	data, err := c.Marshal()
	require.NoError(t, err)
	return data, issuers, key, srv
}

// After one online step, a verifier runs offline from the cache: fresh
// entries are not fetched again, entries past their freshness are still
// served while fetching fails, and entries past their staleness are not.
func TestDiscoveryCacheOffline(t *testing.T) {
	clk := newClock(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	data, issuers, key, srv := cachedIssuers(t, clk)
	hits := srv.hitsAt("/.well-known/did.json")
	srv.Close() // offline from here on

	c, err := ParseDiscoveryCache(data)
	require.NoError(t, err)
	d, err := NewDiscoverer(srv.options(issuers...))
	require.NoError(t, err)
	s := New(Options{Now: clk.Now})
	for _, iss := range issuers {
		require.NoError(t, s.AddIssuer(d, iss, c.Lookup(iss)))
	}
	decodeAll := func() error {
		for _, iss := range issuers {
			if _, err := decode(t, s, clk.Now(), signFor(t, key, iss, "k")); err != nil {
				return err
			}
		}
		return nil
	}
	require.NoError(t, s.Refresh(t.Context()), "fresh: nothing to fetch")
	assert.Equal(t, hits, srv.hitsAt("/.well-known/did.json"))
	require.NoError(t, decodeAll())

	clk.advance(2 * time.Hour) // past the did:web's 10 minutes and the jwks.json's hour
	err = s.Refresh(t.Context())
	require.Error(t, err, "the server is gone")
	assert.NotErrorIs(t, err, ErrStale)
	require.NoError(t, decodeAll(), "served while stale")

	clk.advance(DefaultMaxStale)
	assert.ErrorIs(t, s.Refresh(t.Context()), ErrStale)
	assert.ErrorIs(t, decodeAll(), ErrUnknownIssuer)
	assert.Empty(t, s.IssuerKeys())

	// A new store ignores the stale entries.
	s = New(Options{Now: clk.Now})
	require.NoError(t, s.AddIssuer(d, issuers[0], c.Lookup(issuers[0])))
	assert.Empty(t, s.IssuerKeys())
}

// A cache file whose documents do not pass the rules of a fetch, or which
// is not of its format, is refused whole; an entry is attached only to its
// own issuer.
func TestParseDiscoveryCacheRefusals(t *testing.T) {
	clk := newClock(time.Now())
	data, issuers, _, srv := cachedIssuers(t, clk)
	edit := func(change func(entries []any)) []byte {
		var g map[string]any
		require.NoError(t, json.Unmarshal(data, &g))
		change(g["issuers"].([]any))
		out, err := json.Marshal(g)
		require.NoError(t, err)
		return out
	}
	entry := func(es []any, i int) map[string]any { return es[i].(map[string]any) }
	bad := map[string][]byte{
		"not JSON":        []byte(`{"version":1,"issuers":[`),
		"another version": []byte(strings.Replace(string(data), `"version": 1`, `"version": 2`, 1)),
		"unknown field":   []byte(strings.Replace(string(data), `"version": 1`, `"version": 1, "extra": 0`, 1)),
		"trailing data":   append(slices.Clip(data), `{}`...),
		"a DID document for another DID": edit(func(es []any) {
			entry(es, 0)["document"].(map[string]any)["id"] = "did:web:other.example"
		}),
		"a method that is not the issuer's": edit(func(es []any) { entry(es, 0)["method"] = "https" }),
		"a local method":                    edit(func(es []any) { entry(es, 0)["method"] = "did:key" }),
		"a key set without keys":            edit(func(es []any) { entry(es, 1)["document"] = map[string]any{"keys": []any{}} }),
		"an issuer twice":                   edit(func(es []any) { es[1] = es[0] }),
		"too large":                         append(data, make([]byte, MaxDiscoveryCacheSize)...),
	}
	for name, b := range bad {
		c, err := ParseDiscoveryCache(b)
		assert.ErrorIs(t, err, ErrBadDocument, name)
		assert.Nil(t, c, name)
	}
	c, err := ParseDiscoveryCache(data)
	require.NoError(t, err)
	d := srv.discoverer(t, issuers...)
	err = New(Options{}).AddIssuer(d, issuers[0], c.Lookup(issuers[1]))
	assert.ErrorIs(t, err, ErrBadDocument)
}
