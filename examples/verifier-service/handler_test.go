package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

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
