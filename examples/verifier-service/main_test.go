package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/json"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr/render"
)

var testNow = time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)

var testIdentity = claim169.Identity{ID: "3918592438", FullName: "Janardhan BS"}

// fixture is a running service and the keys it trusts.
type fixture struct {
	srv     *httptest.Server
	jwksKey ed25519.PrivateKey // in the -jwks file, kid "svc-2027"
	pemKey  crypto.Signer      // in the -key file, no kid
	leaf    crypto.Signer      // certified by the -trust root
	chain   [][]byte
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	jwksKey, pemKey, leafKey := ts.NewEd25519Key(), ts.ECDSAKey(elliptic.P256()), ts.NewEd25519Key()
	root, leaf := ts.Chain(t, ts.ECDSAKey(elliptic.P384()), leafKey.Public(), testNow.AddDate(-1, 0, 0), testNow.AddDate(1, 0, 0))

	dir := t.TempDir()
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "svc-2027", Public: jwksKey.Public()})
	require.NoError(t, err)
	pemPub, err := keys.MarshalPublicPEM(pemKey.Public())
	require.NoError(t, err)
	c := config{
		jwks:    files{writeFile(t, dir, "jwks.json", []byte(`{"keys":[`+string(jwk)+`]}`))},
		keys:    files{writeFile(t, dir, "key.pem", pemPub)},
		anchors: files{writeFile(t, dir, "ca.pem", ts.PEM("CERTIFICATE", root))},
	}
	logger := log.New(io.Discard, "", 0)
	store, err := loadStore(c, logger)
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Now: func() time.Time { return testNow }})
	require.NoError(t, err)
	srv := httptest.NewServer(newHandler(dec, logger))
	t.Cleanup(srv.Close)
	return &fixture{srv: srv, jwksKey: jwksKey, pemKey: pemKey, leaf: leafKey, chain: [][]byte{leaf}}
}

// credential signs testIdentity with opts (Signer set) and claims.
func credential(t *testing.T, opts claim169.EncoderOptions, claims *cwt.Claims) string {
	t.Helper()
	enc, err := claim169.NewEncoder(opts)
	require.NoError(t, err)
	encoded, err := enc.Encode(&testIdentity, claims)
	require.NoError(t, err)
	return encoded.Text
}

func (f *fixture) post(t *testing.T, contentType string, body []byte) (int, []byte, http.Header) {
	t.Helper()
	resp, err := f.srv.Client().Post(f.srv.URL+"/verify", contentType, bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data, resp.Header
}

// multipartBody returns a multipart/form-data body with one file field.
func multipartBody(t *testing.T, field string, content []byte) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	require.NoError(t, mw.WriteField("note", "ignored"))
	part, err := mw.CreateFormFile(field, "code.png")
	require.NoError(t, err)
	_, err = part.Write(content)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), buf.Bytes()
}

func qrPNG(t *testing.T, text string) []byte {
	t.Helper()
	code, err := render.New(text, render.Options{ModuleSize: 4})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, code.WritePNG(&buf))
	return buf.Bytes()
}

func TestVerify(t *testing.T) {
	f := newFixture(t)
	otherKey := ts.NewEd25519Key()
	iss := &cwt.Claims{Issuer: "https://issuer.example"}
	jwksText := credential(t, claim169.EncoderOptions{Signer: f.jwksKey, KeyID: []byte("svc-2027")}, iss)
	expired := credential(t, claim169.EncoderOptions{Signer: f.jwksKey, KeyID: []byte("svc-2027")},
		&cwt.Claims{ExpiresAt: cwt.NewNumericDate(testNow.Add(-time.Hour))})
	notYet := credential(t, claim169.EncoderOptions{Signer: f.jwksKey, KeyID: []byte("svc-2027")},
		&cwt.Claims{NotBefore: cwt.NewNumericDate(testNow.Add(time.Hour))})

	tests := []struct {
		name   string
		text   string
		status int
		code   string // error code, or "" for success
		reason string
		kid    string
	}{
		{"jwks key", jwksText, 200, "", "", "svc-2027"},
		{"pem key without kid", credential(t, claim169.EncoderOptions{Signer: f.pemKey}, iss), 200, "", "", ""},
		{"certificate chain", credential(t, claim169.EncoderOptions{Signer: f.leaf, CertificateChain: f.chain}, iss), 200, "", "", ""},
		{"trailing LF removed", jwksText + "\n", 200, "", "", "svc-2027"},
		{"trailing CRLF removed", jwksText + "\r\n", 200, "", "", "svc-2027"},
		{"only one newline removed", jwksText + "\n\n", 400, "malformed", "", ""},
		{"spaces not trimmed", " " + jwksText, 400, "malformed", "", ""},
		{"unknown kid", credential(t, claim169.EncoderOptions{Signer: otherKey, KeyID: []byte("nope")}, iss), 403, "verification_failed", "unknown_key", ""},
		{"bad signature", credential(t, claim169.EncoderOptions{Signer: otherKey, KeyID: []byte("svc-2027")}, iss), 403, "verification_failed", "invalid_signature", ""},
		{"untrusted chain", credential(t, claim169.EncoderOptions{Signer: otherKey, CertificateChain: [][]byte{ts.SelfSignedAs(t, otherKey, ts.CertName{
			CommonName: "Self-signed, not anchored", Serial: 3, NotBefore: testNow.AddDate(-1, 0, 0), NotAfter: testNow.AddDate(1, 0, 0),
		})}}, iss), 403, "verification_failed", "untrusted_certificate_chain", ""},
		{"expired", expired, 422, "expired", "", ""},
		{"not yet valid", notYet, 422, "not_yet_valid", "", ""},
		{"not base45", "hello, world", 400, "malformed", "", ""},
		{"over the size limit", strings.Repeat("A", maxTextBody+1), 413, "too_large", "", ""},
	}
	trustPaths := map[string]string{"jwks key": "keySet", "pem key without kid": "key", "certificate chain": "chain",
		"trailing LF removed": "keySet", "trailing CRLF removed": "keySet"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body, header := f.post(t, "text/plain; charset=utf-8", []byte(tc.text))
			assert.Equal(t, tc.status, status, string(body))
			assert.Equal(t, "no-store", header.Get("Cache-Control"))
			assert.Equal(t, "application/json", header.Get("Content-Type"))
			if tc.code == "" {
				requireIdentity(t, body, tc.kid)
				// The answer says which trust path verified it.
				var out struct{ Trust string }
				require.NoError(t, json.Unmarshal(body, &out))
				assert.Equal(t, trustPaths[tc.name], out.Trust)
				return
			}
			var e errorBody
			require.NoError(t, json.Unmarshal(body, &e))
			assert.Equal(t, tc.code, e.Error)
			assert.Equal(t, tc.reason, e.Reason)
			assert.NotContains(t, string(body), testIdentity.FullName)
			assert.NotContains(t, string(body), testIdentity.ID)
		})
	}
}

// requireIdentity asserts a verified answer of testIdentity.
func requireIdentity(t *testing.T, body []byte, kid string) {
	t.Helper()
	var out struct {
		Claim169     json.RawMessage `json:"claim169"`
		CWT          json.RawMessage `json:"cwt"`
		Verification string          `json:"verification"`
		Algorithm    string          `json:"algorithm"`
		KID          string          `json:"kid"`
		Warnings     []string        `json:"warnings"`
	}
	require.NoError(t, json.Unmarshal(body, &out))
	assert.Equal(t, "verified", out.Verification)
	assert.Equal(t, kid, out.KID)
	assert.NotEmpty(t, out.Algorithm)
	assert.NotNil(t, out.Warnings)
	var id claim169.Identity
	require.NoError(t, id.UnmarshalJSON(out.Claim169))
	assert.Equal(t, testIdentity.ID, id.ID)
	assert.Equal(t, testIdentity.FullName, id.FullName)
	assert.True(t, json.Valid(out.CWT))
}

func TestVerifyImage(t *testing.T) {
	f := newFixture(t)
	text := credential(t, claim169.EncoderOptions{Signer: f.jwksKey, KeyID: []byte("svc-2027")}, &cwt.Claims{Issuer: "https://issuer.example"})

	ct, body := multipartBody(t, "image", qrPNG(t, text))
	status, resp, _ := f.post(t, ct, body)
	require.Equal(t, http.StatusOK, status, string(resp))
	requireIdentity(t, resp, "svc-2027")

	tests := []struct {
		name        string
		contentType string
		body        []byte
		status      int
		code        string
	}{
		{"no image field", "", nil, 400, "malformed_request"},
		{"not an image", "", []byte("plain text, not an image"), 400, "no_qr_code"},
		{"not multipart", "multipart/form-data; boundary=x", []byte("garbage"), 400, "malformed_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, body := tc.contentType, tc.body
			if ct == "" {
				field := "image"
				if tc.name == "no image field" {
					field = "photo"
				}
				ct, body = multipartBody(t, field, tc.body)
			}
			status, resp, _ := f.post(t, ct, body)
			assert.Equal(t, tc.status, status, string(resp))
			var e errorBody
			require.NoError(t, json.Unmarshal(resp, &e))
			assert.Equal(t, tc.code, e.Error)
		})
	}
}

func TestVerifyRequestErrors(t *testing.T) {
	f := newFixture(t)
	resp, err := f.srv.Client().Get(f.srv.URL + "/verify")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, http.MethodPost, resp.Header.Get("Allow"))

	status, _, _ := f.post(t, "application/json", []byte(`{}`))
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
	status, _, _ = f.post(t, "", []byte("text"))
	assert.Equal(t, http.StatusUnsupportedMediaType, status)
}

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		ok   bool
	}{
		{"no keys", nil, false},
		{"extra argument", []string{"-key", "k.pem", "extra"}, false},
		{"unknown flag", []string{"-nope"}, false},
		{"repeated files", []string{"-key", "a.pem", "-key", "b.pem", "-jwks", "c.json", "-trust", "d.pem"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseFlags(tc.args, io.Discard)
			if !tc.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, files{"a.pem", "b.pem"}, c.keys)
			assert.Equal(t, "127.0.0.1:8080", c.addr)
		})
	}

	missing := filepath.Join(dir, "missing")
	notPEM := writeFile(t, dir, "bad.pem", []byte("not a certificate"))
	for _, c := range []config{
		{jwks: files{missing}}, {keys: files{missing}}, {anchors: files{missing}},
		{jwks: files{notPEM}}, {keys: files{notPEM}}, {anchors: files{notPEM}},
	} {
		_, err := loadStore(c, log.New(io.Discard, "", 0))
		assert.Error(t, err)
	}
}

func TestRun(t *testing.T) {
	pemPub, err := keys.MarshalPublicPEM(ts.ECDSAKey(elliptic.P256()).Public())
	require.NoError(t, err)
	path := writeFile(t, t.TempDir(), "key.pem", pemPub)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var logs bytes.Buffer
	require.NoError(t, run(ctx, []string{"-addr", "127.0.0.1:0", "-key", path}, &logs))
	assert.Contains(t, logs.String(), "listening")
	assert.Error(t, run(context.Background(), []string{"-key", filepath.Join(t.TempDir(), "none")}, io.Discard))
}
