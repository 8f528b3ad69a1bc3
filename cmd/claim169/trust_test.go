package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// Where decode finds the issuer's key other than in --key: a certificate
// chain in the credential up to a trust anchor (--trust), and the issuer's
// DID document or DID key (--discover).

// trustFixture is a CA, a leaf it certifies (documentSigning), the leaf's
// key and certificate as files, and a credential of issuer
// https://id.example.org signed with the leaf's key and carrying it in
// x5chain.
type trustFixture struct {
	dir, caPEM, text string
}

func newTrustFixture(t *testing.T) trustFixture {
	t.Helper()
	dir := t.TempDir()
	_, leafKey, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	caDER, leafDER := ts.Chain(t, ts.ECDSAKey(elliptic.P256()), leafKey.Public(),
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC))

	fx := trustFixture{dir: dir, caPEM: filepath.Join(dir, "ca.pem")}
	writeFile(t, dir, "ca.pem", ts.PEM("CERTIFICATE", caDER))
	leafPEM := writeFile(t, dir, "leaf.pem", ts.PEM("CERTIFICATE", leafDER))
	keyPEM := writeFile(t, dir, "leaf.key.pem", ts.PEM("PRIVATE KEY", ts.PKCS8(t, leafKey)))
	record := `{"claim169":{"id":"1","fullName":"Chain Person"},"cwt":{"issuer":"https://id.example.org","expiresAt":1900000000}}`
	r := runCLI(t, record, "encode", "--key", keyPEM, "--cert", leafPEM)
	require.Equal(t, 0, r.code, r.stderr)
	fx.text = strings.TrimSuffix(r.stdout, "\n")
	return fx
}

func TestDecodeTrustAnchors(t *testing.T) {
	fx := newTrustFixture(t)
	now := "2026-06-01T00:00:00Z"

	// Bound to the credential's issuer: verified, nothing on stderr.
	r := runCLI(t, fx.text, "decode", "--trust", "https://id.example.org="+fx.caPEM, "--now", now)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "verified", decodeJSON(t, r.stdout)["verification"])
	assert.Empty(t, r.stderr)

	// A plain file: trusted for every issuer, which stderr says.
	r = runCLI(t, fx.text, "decode", "--trust", fx.caPEM, "--now", now)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "verified", decodeJSON(t, r.stdout)["verification"])
	assert.Contains(t, r.stderr, "trusted for every issuer")
	assert.Contains(t, r.stderr, "--trust ISSUER=")

	// Bound to another issuer: the chain does not vouch for this one.
	r = runCLI(t, fx.text, "decode", "--trust", "https://other.example.org="+fx.caPEM, "--now", now)
	assert.Equal(t, exitVerify, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.NotContains(t, r.stderr, "Chain Person")

	// The split is on the last '=': an issuer may hold one.
	r = runCLI(t, fx.text, "decode", "--trust", "https://id.example.org/?v=1="+fx.caPEM, "--now", now)
	assert.Equal(t, exitVerify, r.code, "an issuer with '=' is read whole: %s", r.stderr)

	for _, bad := range []string{"", "=" + fx.caPEM, "https://id.example.org="} {
		assert.Equal(t, exitUsage, runCLI(t, fx.text, "decode", "--trust", bad).code, bad)
	}
}

// runNet runs the command in process like runCLI, with issuer discovery
// reaching the network through net.
func runNet(t *testing.T, net *discoveryNet, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, discovery: net})
	return cliResult{code, out.String(), errOut.String()}
}

// didWebIssuer serves, on a loopback HTTPS server, the DID document of a
// did:web whose one verification method key-1 holds the public JWK at
// jwkPath. It returns the DID, the network to reach it and the server.
func didWebIssuer(t *testing.T, jwkPath string) (string, *discoveryNet, *httptest.Server) {
	t.Helper()
	jwk := mustReadFile(t, jwkPath)
	var did string
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/did.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/did+json")
		doc := map[string]any{"id": did, "verificationMethod": []any{
			map[string]any{"id": did + "#key-1", "type": "JsonWebKey2020", "publicKeyJwk": json.RawMessage(jwk)}}}
		_ = json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(srv.Close)
	did = "did:web:" + strings.ReplaceAll(strings.TrimPrefix(srv.URL, "https://"), ":", "%3A")
	return did, &discoveryNet{client: srv.Client(), allowPrivate: true}, srv
}

// decode --discover verifies an Inji-Certify-shaped credential (ES256,
// tag 61, a did:web iss, a DID URL kid) from the issuer's DID document;
// discover writes the cache with which decode then runs offline.
func TestDecodeDiscoverDIDWeb(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, 0, runCLI(t, "", "keygen", "--alg", "ES256", "--out", prefix).code)
	did, net, srv := didWebIssuer(t, prefix+".jwk.json")
	rec := `{"claim169":{"id":"3918592438","fullName":"Janardhan BS"},"cwt":{"issuer":"` + did + `","expiresAt":4102444800}}`
	r := runCLI(t, rec, "encode", "--key", prefix+".key.pem", "--kid", did+"#key-1", "--cwt-tag")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr, "a DID iss draws no warning")
	text := r.stdout

	r = runNet(t, net, text, "decode", "--discover", did)
	require.Equal(t, 0, r.code, r.stderr)
	out := decodeJSON(t, r.stdout)
	assert.Equal(t, "verified", out["verification"])
	assert.Equal(t, "discovered", out["trust"])
	assert.Equal(t, "ES256", out["algorithm"])

	cache := filepath.Join(t.TempDir(), "issuers.json")
	r = runNet(t, net, "", "discover", did, "--discovery-cache", cache)
	require.Equal(t, 0, r.code, r.stderr)
	found := decodeJSON(t, r.stdout)["issuers"].([]any)[0].(map[string]any)
	assert.Equal(t, "did:web", found["method"])
	assert.Equal(t, srv.URL+"/.well-known/did.json", found["url"])
	key := found["keys"].([]any)[0].(map[string]any)
	assert.Equal(t, did+"#key-1", key["kid"])
	assert.Equal(t, "P-256", key["type"])
	leftovers, err := filepath.Glob(cache + "*.tmp")
	require.NoError(t, err)
	assert.Empty(t, leftovers, "the temporary file is renamed into place")

	srv.Close()
	r = runNet(t, net, text, "decode", "--discover", did, "--discovery-cache", cache)
	require.Equal(t, 0, r.code, "offline from the cache: %s", r.stderr)
	assert.Equal(t, "verified", decodeJSON(t, r.stdout)["verification"])
	r = runNet(t, net, text, "decode", "--discover", did)
	assert.Equal(t, exitUsage, r.code, "no cache, no server")
	assert.Contains(t, r.stderr, "claim169: io: discover: ")
}

// A did:jwk (or did:key) issuer needs no network at all.
func TestDecodeDiscoverDIDJWK(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, 0, runCLI(t, "", "keygen", "--out", prefix).code)
	jwk := mustReadFile(t, prefix+".jwk.json")
	did := "did:jwk:" + base64.RawURLEncoding.EncodeToString(bytes.TrimSpace(jwk))
	rec := `{"claim169":{"id":"7"},"cwt":{"issuer":"` + did + `","expiresAt":4102444800}}`
	r := runCLI(t, rec, "encode", "--key", prefix+".key.pem")
	require.Equal(t, 0, r.code, r.stderr)
	r = runCLI(t, r.stdout, "decode", "--discover", did)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "verified", decodeJSON(t, r.stdout)["verification"])

	r = runCLI(t, "", "discover", did)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, did+"#0", decodeJSON(t, r.stdout)["issuers"].([]any)[0].(map[string]any)["keys"].([]any)[0].(map[string]any)["kid"])
}

// What discovery refuses fails the command with a clear message: an issuer
// off the allow-list (the credential's iss is not the one discovered), a
// kid naming another DID, a loopback address not allowed, a document that
// is not JSON, an issuer that is neither DID nor URL, a bad cache file.
func TestDiscoverRefusals(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, 0, runCLI(t, "", "keygen", "--alg", "ES256", "--out", prefix).code)
	did, net, srv := didWebIssuer(t, prefix+".jwk.json")
	issue := func(issuer, kid string) string {
		rec := `{"claim169":{"id":"7"},"cwt":{"issuer":"` + issuer + `","expiresAt":4102444800}}`
		r := runCLI(t, rec, "encode", "--key", prefix+".key.pem", "--kid", kid)
		require.Equal(t, 0, r.code, r.stderr)
		return r.stdout
	}
	r := runNet(t, net, issue(did+":other", did+"#key-1"), "decode", "--discover", did)
	assert.Equal(t, exitVerify, r.code, "another issuer: %s", r.stderr)
	r = runNet(t, net, issue(did, "did:web:elsewhere.example#key-1"), "decode", "--discover", did)
	assert.Equal(t, exitVerify, r.code)
	assert.Contains(t, r.stderr, "another DID")

	r = runNet(t, &discoveryNet{client: srv.Client()}, issue(did, did+"#key-1"), "decode", "--discover", did)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "not a public one")

	for _, args := range [][]string{
		{"decode", "--discover", "www.mosip.io"}, {"discover"}, {"discover", "example.org"},
		{"decode", "--allow-unverified", "--discovery-cache", "x.json"},
	} {
		r := runNet(t, net, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		assert.Contains(t, r.stderr, "claim169: usage: ", "%v", args)
	}
	bad := writeFile(t, t.TempDir(), "bad.json", `{"version":9,"issuers":[]}`)
	r = runNet(t, net, "", "discover", did, "--discovery-cache", bad)
	assert.Equal(t, exitMalformed, r.code)
	assert.Contains(t, r.stderr, "discovery-cache")

	html := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html></html>"))
	}))
	t.Cleanup(html.Close)
	htmlDID := "did:web:" + strings.ReplaceAll(strings.TrimPrefix(html.URL, "https://"), ":", "%3A")
	cache := filepath.Join(t.TempDir(), "c.json")
	r = runNet(t, &discoveryNet{client: html.Client(), allowPrivate: true}, "", "discover", htmlDID, "--discovery-cache", cache)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "not JSON")
	data := mustReadFile(t, cache)
	assert.JSONEq(t, `{"version":1,"issuers":[]}`, string(data), "nothing cached")
}
