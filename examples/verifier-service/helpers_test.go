package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

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
