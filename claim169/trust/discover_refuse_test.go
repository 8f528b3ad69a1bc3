package trust

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose/keys"
)

// Every way a discovery can go wrong refuses the issuer with a sentinel
// and caches nothing: bad documents, oversize responses, the wrong content
// type, redirects to http, HTTP errors, and for an https issuer, metadata
// of another issuer or a jwks_uri that is not https. A wrong metadata
// document is never passed over for the host's jwks.json.
func TestDiscoverRefusals(t *testing.T) {
	plain := httptest.NewServer(http.NotFoundHandler()) // http, not https
	t.Cleanup(plain.Close)
	key := newP256(t)
	jwks := `{"keys":[` + withKid(t, key.Public(), "k") + `]}`
	for _, tc := range refusalCases(plain.URL, jwks) {
		t.Run(tc.name, func(t *testing.T) {
			srv := newIssuerServer(t)
			iss := srv.did()
			if tc.https {
				iss = srv.URL
			}
			bodies := strings.NewReplacer("ISS", iss, "BASE", srv.URL,
				"OTHERDOC", didDoc(t, "did:web:other.example", nil, jwkMethod(t, "#k", key.Public())),
				"BASE58DOC", didDoc(t, iss, nil, method{"id": "#k", "publicKeyBase58": "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K"}),
				"TWINDOC", didDoc(t, iss, nil, jwkMethod(t, "#k", key.Public()), jwkMethod(t, iss+"#k", newP256(t).Public())),
				"DOC", didDoc(t, iss, nil, jwkMethod(t, "#k", key.Public())))
			for path, body := range tc.routes {
				if body == "" {
					srv.route(path, tc.h)
				} else {
					srv.route(path, jsonDoc("application/json", bodies.Replace(body), ""))
				}
			}
			s, err := discoverRefreshed(t, srv, srv.options(iss), iss)
			require.Error(t, err)
			t.Log(err)
			assert.ErrorIs(t, err, ErrDiscovery)
			for _, want := range tc.want {
				assert.ErrorIs(t, err, want)
			}
			requireNothingCached(t, s, iss, key)
		})
	}
}

// refusalCase is a way discovery goes wrong: what the loopback server
// serves, and the errors the refusal matches.
type refusalCase struct {
	name   string
	https  bool              // an https issuer (else the did:web of the server)
	routes map[string]string // path → body, served as JSON; "" for the handler h
	h      http.HandlerFunc  // serves every route whose body is ""
	want   []error
}

// refusalCases are TestDiscoverRefusals' cases; plain is the URL of an
// http server, jwks a good key set.
func refusalCases(plain, jwks string) []refusalCase {
	return []refusalCase{
		{"DID document of another DID", false, map[string]string{"/.well-known/did.json": "OTHERDOC"}, nil, []error{ErrBadDocument}},
		{"DID document not JSON", false, map[string]string{"/.well-known/did.json": `{"id":`}, nil, []error{ErrBadDocument}},
		{"DID document with trailing data", false, map[string]string{"/.well-known/did.json": "DOC{}"}, nil, []error{ErrBadDocument}},
		{"no usable verification method", false, map[string]string{"/.well-known/did.json": "BASE58DOC"}, nil, []error{ErrBadDocument}},
		{"two methods with one id", false, map[string]string{"/.well-known/did.json": "TWINDOC"}, nil, []error{ErrBadDocument}},
		{"oversize", false, map[string]string{"/.well-known/did.json": ""}, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", didJSON)
			_, _ = w.Write([]byte(strings.Repeat(" ", MaxResponseSize+1)))
		}, []error{ErrFetch, ErrResponseTooLarge}},
		{"HTML", false, map[string]string{"/.well-known/did.json": ""}, jsonDoc("text/html", "DOC", ""), []error{ErrFetch, ErrContentType}},
		{"no content type (sniffed as text)", false, map[string]string{"/.well-known/did.json": ""}, jsonDoc("", "DOC", ""), []error{ErrFetch, ErrContentType}},
		{"redirect to http", false, map[string]string{"/.well-known/did.json": ""}, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, plain+"/.well-known/did.json", http.StatusFound)
		}, []error{ErrFetch, ErrRedirect}},
		{"redirect loop", false, map[string]string{"/.well-known/did.json": ""}, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}, []error{ErrFetch, ErrRedirect}},
		{"HTTP 500", false, map[string]string{"/.well-known/did.json": ""}, func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "down", http.StatusInternalServerError)
		}, []error{ErrFetch}},
		{"no DID document", false, nil, nil, []error{ErrFetch}},
		{"metadata of another issuer", true, map[string]string{
			"/.well-known/openid-credential-issuer": `{"credential_issuer":"https://other.example","jwks_uri":"BASE/jwks"}`,
			"/jwks":                                 jwks}, nil, []error{ErrBadDocument}},
		{"jwks_uri over http", true, map[string]string{
			"/.well-known/openid-credential-issuer": `{"credential_issuer":"ISS","jwks_uri":"` + plain + `/jwks"}`}, nil, []error{ErrBadDocument}},
		{"relative jwks_uri", true, map[string]string{
			"/.well-known/openid-credential-issuer": `{"credential_issuer":"ISS","jwks_uri":"/jwks"}`, "/jwks": jwks}, nil, []error{ErrBadDocument}},
		{"jwks_uri not found", true, map[string]string{
			"/.well-known/openid-credential-issuer": `{"credential_issuer":"ISS","jwks_uri":"BASE/gone"}`,
			"/.well-known/jwks.json":                jwks}, nil, []error{ErrFetch}},
		{"bad key set", true, map[string]string{"/.well-known/jwks.json": `{"keys":{}}`}, nil, []error{ErrBadDocument, keys.ErrInvalidSet}},
		{"key set without a usable key", true, map[string]string{"/.well-known/jwks.json": `{"keys":[{"kty":"oct","k":"AAAA"}]}`}, nil, []error{ErrBadDocument}},
		{"metadata not JSON, jwks.json there", true, map[string]string{
			"/.well-known/openid-credential-issuer": "", "/.well-known/jwks.json": jwks}, jsonDoc("text/html", "<html>", ""), []error{ErrContentType}},
		{"metadata failing, jwks.json there", true, map[string]string{
			"/.well-known/openid-credential-issuer": "", "/.well-known/jwks.json": jwks}, func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "down", http.StatusServiceUnavailable)
		}, []error{ErrFetch}},
		{"neither metadata nor jwks.json", true, nil, nil, []error{ErrFetch}},
	}
}

// An issuer off the allow-list is never looked up; a loopback address is
// refused unless allowed, after name resolution too.
func TestDiscoverNotAllowed(t *testing.T) {
	srv := newIssuerServer(t)
	key := newP256(t)
	srv.route("/.well-known/did.json", jsonDoc(didJSON, didDoc(t, srv.did(), nil, jwkMethod(t, "#k", key.Public())), ""))
	listed := srv.did("listed")
	d := srv.discoverer(t, listed)
	s := New(Options{})
	err := s.AddIssuer(d, srv.did(), nil)
	assert.ErrorIs(t, err, ErrNotAllowed)
	assert.ErrorIs(t, err, ErrDiscovery)
	_, err = d.Discover(t.Context(), srv.did())
	assert.ErrorIs(t, err, ErrNotAllowed)
	assert.Zero(t, srv.hitsAt("/.well-known/did.json"), "nothing fetched")
	requireNothingCached(t, s, srv.did(), key)

	for name, iss := range map[string]string{
		"127.0.0.1":                       srv.did(),
		"localhost, resolved to loopback": strings.Replace(srv.did(), "127.0.0.1", "localhost", 1),
	} {
		opts := srv.options(iss)
		opts.AllowPrivateAddresses = false
		s, err := discoverRefreshed(t, srv, opts, iss)
		assert.ErrorIs(t, err, ErrPrivateAddress, name)
		assert.ErrorIs(t, err, ErrFetch, name)
		requireNothingCached(t, s, iss, key)
	}
	assert.Zero(t, srv.hitsAt("/.well-known/did.json"), "no request reached the server")

	_, err = NewDiscoverer(DiscoveryOptions{Issuers: []string{"www.mosip.io"}})
	assert.ErrorIs(t, err, ErrUnsupportedIssuer)
	_, err = NewDiscoverer(DiscoveryOptions{})
	assert.Error(t, err)
}

func TestPublicAddress(t *testing.T) {
	for _, a := range []string{"93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"} {
		assert.True(t, publicAddress(netip.MustParseAddr(a)), a)
	}
	for _, a := range []string{
		"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
		"fe80::1", "fc00::1", "fd12::1", "0.0.0.0", "::", "100.64.0.1", "192.0.0.8", "198.18.0.1",
		"224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
	} {
		assert.False(t, publicAddress(netip.MustParseAddr(a)), a)
	}
}

// roundTripFunc is a RoundTripper that is not an *http.Transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A client whose transport cannot be watched at the connection is guarded
// by resolving the request's host first: a private address never reaches
// its transport.
func TestGuardCustomTransport(t *testing.T) {
	called := 0
	client := guardClient(http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		called++
		return nil, context.Canceled
	})})
	for _, u := range []string{"https://127.0.0.1/x", "https://[::1]/x", "https://localhost/x", "https://10.0.0.7/x"} {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		require.NoError(t, err)
		_, err = client.Do(req)
		assert.ErrorIs(t, err, ErrPrivateAddress, u)
	}
	assert.Zero(t, called)
	req, err := http.NewRequest(http.MethodGet, "https://8.8.8.8/x", nil)
	require.NoError(t, err)
	_, err = client.Do(req)
	assert.ErrorIs(t, err, context.Canceled, "a public address reaches the transport")
	assert.Equal(t, 1, called)
}
