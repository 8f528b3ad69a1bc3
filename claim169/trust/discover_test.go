package trust

import (
	"crypto"
	"crypto/elliptic"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// did:key and did:jwk resolve with no network: AddIssuer resolves them, and
// credentials signed by their key verify, with or without a kid.
func TestDiscoverLocalDIDs(t *testing.T) {
	ed := newEd25519(t)
	p384 := mustECDSA(t, elliptic.P384())
	cases := []struct {
		name   string
		signer crypto.Signer
		did    string
	}{
		{"did:key Ed25519", ed, "did:key:" + multikey(t, ed.Public())},
		{"did:key P-256", newP256(t), ""},
		{"did:key P-384", p384, "did:key:" + multikey(t, &p384.PublicKey)},
		{"did:jwk P-256", newP256(t), ""},
	}
	cases[1].did = "did:key:" + multikey(t, cases[1].signer.Public())
	cases[3].did = didJWK(t, cases[3].signer.Public())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// No client and no server: nothing can be fetched.
			d, err := NewDiscoverer(DiscoveryOptions{Issuers: []string{c.did}})
			require.NoError(t, err)
			s := New(Options{})
			require.NoError(t, s.AddIssuer(d, c.did, nil))
			require.NoError(t, s.Refresh(t.Context()), "nothing to fetch")
			assert.Empty(t, s.IssuerKeys(), "nothing to cache")
			now := time.Now()
			methodID := c.did + "#" + c.did[len("did:key:"):]
			if c.did[4:7] == "jwk" {
				methodID = c.did + "#0"
			}
			for _, kid := range []string{"", methodID, "#" + methodID[len(c.did)+1:]} {
				res, err := decode(t, s, now, signFor(t, c.signer, c.did, kid))
				requireVerified(t, res, err)
			}
			found, err := d.Discover(t.Context(), c.did)
			require.NoError(t, err)
			assert.Equal(t, methodID, found.Keys[0].KeyID)
			assert.Empty(t, found.URL)
		})
	}
}

// A did:web resolves from its DID document on a loopback server: methods in
// publicKeyJwk or publicKeyMultibase, relative or absolute ids; a kid that
// is a DID URL selects its method; one naming another DID is refused.
func TestDiscoverDIDWeb(t *testing.T) {
	srv := newIssuerServer(t)
	did := srv.did("issuers", "civil-registry")
	k1, k2 := newP256(t), newEd25519(t)
	srv.route("/issuers/civil-registry/did.json", jsonDoc(didJSON, didDoc(t, did, nil,
		jwkMethod(t, did+"#key-1", k1.Public()),
		multibaseMethod(t, "#key-2", k2.Public()),
		method{"id": "#key-3", "type": "Ed25519VerificationKey2018", "publicKeyBase58": "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K"},
	), "max-age=600"))
	s := New(Options{})
	require.NoError(t, s.AddIssuer(srv.discoverer(t, did), did, nil))
	require.NoError(t, s.Refresh(t.Context()))
	found := s.IssuerKeys()
	require.Len(t, found, 1)
	assert.Equal(t, srv.URL+"/issuers/civil-registry/did.json", found[0].URL)
	assert.Equal(t, methodDIDWeb, found[0].Method)
	require.Len(t, found[0].Keys, 2)
	assert.Equal(t, did+"#key-2", found[0].Keys[1].KeyID)
	assert.Len(t, found[0].Warnings, 1, "key-3 is in a form not read")
	assert.WithinDuration(t, found[0].FetchedAt.Add(10*time.Minute), found[0].FreshUntil, time.Second, "Cache-Control max-age")

	now := time.Now()
	for _, kid := range []string{did + "#key-1", "#key-1", "key-1"} {
		res, err := decode(t, s, now, signFor(t, k1, did, kid))
		requireVerified(t, res, err)
	}
	res, err := decode(t, s, now, signFor(t, k2, did, did+"#key-2"))
	requireVerified(t, res, err)

	// k1 signs, but the kid names k2's method: no other key is tried.
	_, err = decode(t, s, now, signFor(t, k1, did, did+"#key-2"))
	require.Error(t, err)
	// A kid of another DID, even one whose key would verify, is refused.
	for _, kid := range []string{srv.did() + "#key-1", "did:key:" + multikey(t, k1.Public()) + "#x"} {
		_, err = decode(t, s, now, signFor(t, k1, did, kid))
		assert.ErrorIs(t, err, ErrKeyIDOtherDID, kid)
	}
	// Two methods: a credential without a kid is not tried against both.
	_, err = decode(t, s, now, signFor(t, k1, did, ""))
	assert.ErrorIs(t, err, ErrNoKeyID)
	// The credential of another issuer finds nothing.
	_, err = decode(t, s, now, signFor(t, k1, srv.did(), did+"#key-1"))
	assert.ErrorIs(t, err, ErrUnknownIssuer)
}

// assertionMethod, when present, decides which methods may sign
// credentials; a bare host's did:web reads /.well-known/did.json.
func TestDiscoverDIDWebAssertionMethod(t *testing.T) {
	srv := newIssuerServer(t)
	did := srv.did()
	auth, signer, embedded := newP256(t), newP256(t), newEd25519(t)
	srv.route("/.well-known/did.json", jsonDoc("application/did+ld+json; charset=utf-8", didDoc(t, did,
		[]any{"#assert", jwkMethod(t, did+"#embedded", embedded.Public()), "did:web:elsewhere.example#assert"},
		jwkMethod(t, "#auth", auth.Public()), jwkMethod(t, "#assert", signer.Public())), ""))
	found, err := srv.discoverer(t, did).Discover(t.Context(), did)
	require.NoError(t, err)
	var ids []string
	for _, k := range found.Keys {
		ids = append(ids, k.KeyID)
	}
	assert.Equal(t, []string{did + "#assert", did + "#embedded"}, ids)
}

// An https issuer: its OpenID4VCI metadata at {iss}/.well-known/
// openid-credential-issuer names its jwks_uri; an issuer with a path may
// have it between host and path instead (OpenID4VCI 1.0); without
// metadata, or without a jwks_uri, the host's /.well-known/jwks.json.
func TestDiscoverHTTPS(t *testing.T) {
	key := newP256(t)
	jwks := `{"keys":[` + withKid(t, key.Public(), "issuer-key-1") + `]}`
	tests := []struct {
		name, path string // the issuer's path
		routes     map[string]string
		wantURL    string
	}{
		{"metadata after the issuer (Inji)", "/certify", map[string]string{
			"/certify/.well-known/openid-credential-issuer": `{"credential_issuer":"ISS","jwks_uri":"BASE/keys/jwks.json"}`,
			"/keys/jwks.json": jwks}, "/keys/jwks.json"},
		{"metadata between host and path (OpenID4VCI 1.0)", "/tenants/7", map[string]string{
			"/.well-known/openid-credential-issuer/tenants/7": `{"credential_issuer":"ISS/","jwks_uri":"BASE/k"}`,
			"/k": jwks}, "/k"},
		{"no metadata: the host's jwks.json", "/certify", map[string]string{"/.well-known/jwks.json": jwks}, "/.well-known/jwks.json"},
		{"metadata without jwks_uri", "", map[string]string{
			"/.well-known/openid-credential-issuer": `{"credential_issuer":"ISS","credential_endpoint":"BASE/credential"}`,
			"/.well-known/jwks.json":                jwks}, "/.well-known/jwks.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newIssuerServer(t)
			iss := srv.URL + tc.path
			for path, body := range tc.routes {
				body = strings.NewReplacer("ISS", iss, "BASE", srv.URL).Replace(body)
				srv.route(path, jsonDoc("application/json", body, ""))
			}
			s := New(Options{})
			require.NoError(t, s.AddIssuer(srv.discoverer(t, iss), iss, nil))
			require.NoError(t, s.Refresh(t.Context()))
			found := s.IssuerKeys()
			require.Len(t, found, 1)
			assert.Equal(t, srv.URL+tc.wantURL, found[0].URL)
			res, err := decode(t, s, time.Now(), signFor(t, key, iss, "issuer-key-1"))
			requireVerified(t, res, err)
		})
	}
}

// discoverRefreshed attaches iss to a new store and refreshes it once.
func discoverRefreshed(t *testing.T, srv *issuerServer, opts DiscoveryOptions, iss string) (*Store, error) {
	t.Helper()
	d, err := NewDiscoverer(opts)
	require.NoError(t, err)
	s := New(Options{})
	require.NoError(t, s.AddIssuer(d, iss, nil))
	return s, s.Refresh(t.Context())
}

// A discovery that fails caches nothing: the store serves no key for the
// issuer, and its credentials are refused as of an unknown issuer.
func requireNothingCached(t *testing.T, s *Store, iss string, signer crypto.Signer) {
	t.Helper()
	assert.Empty(t, s.IssuerKeys())
	_, err := decode(t, s, time.Now(), signFor(t, signer, iss, ""))
	assert.ErrorIs(t, err, ErrUnknownIssuer)
}

// withKid returns the public JWK of pub with a kid.
func withKid(t testing.TB, pub crypto.PublicKey, kid string) string {
	t.Helper()
	jwk := string(publicJWK(t, pub))
	return `{"kid":"` + kid + `",` + jwk[1:]
}
