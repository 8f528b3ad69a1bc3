package main

import (
	"crypto"
	"encoding/hex"
	"flag"
	"io"
	"log"
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
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169test"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenRecord is the record of the golden credential.
// The service sets the claims: its issuer, iat at its clock (the kit's
// fixed clock here) and exp goldenValidity later.
const goldenRecord = `{"claim169":{"id":"ID-GOLDEN-1","fullName":"Golden Person","dateOfBirth":"19900101","gender":2}}`

const (
	goldenIssuer   = "https://issuer.example"
	goldenValidity = 3650 * 24 * time.Hour
)

// testKeyService starts the service with the kit's EdDSA test key, loaded
// from its PEM file as an operator's key would be: Ed25519 signatures are
// deterministic, so the service issues the same credential on every run.
func testKeyService(t *testing.T) http.Handler {
	t.Helper()
	path := filepath.Join(t.TempDir(), "issuer.key.pem")
	require.NoError(t, os.WriteFile(path, claim169test.PrivateKeyPEM(cose.EdDSA), 0o600))
	c, err := parseFlags([]string{"-key", path, "-kid", "test-key", "-issuer", goldenIssuer, "-validity-days", "3650"}, io.Discard)
	require.NoError(t, err)
	c.now = claim169test.Now
	h, err := setup(c, log.New(io.Discard, "", 0))
	require.NoError(t, err)
	return h
}

// issue posts a record to h and returns the QR text and the PNG.
func issue(t *testing.T, h http.Handler, rec string) (string, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/issue", strings.NewReader(rec))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	return w.Header().Get("X-Claim169-Text"), w.Body.Bytes()
}

// TestGoldenCredential issues the golden record twice, with two services,
// and compares the credential with testdata/golden-eddsa.cose.hex, written
// by a former run (go test -update rewrites it).
func TestGoldenCredential(t *testing.T) {
	text, png := issue(t, testKeyService(t), goldenRecord)
	again, png2 := issue(t, testKeyService(t), goldenRecord)
	assert.Equal(t, text, again, "the same text on every issue")
	assert.Equal(t, png, png2, "the same PNG")

	// The golden file holds the COSE message: what the service signed,
	// readable with any COSE tool.
	got := hex.EncodeToString(ts.Unwrap(t, text)) + "\n"
	golden := filepath.Join("testdata", "golden-eddsa.cose.hex")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "the credential of a former run")

	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{claim169test.Signer(cose.EdDSA).Public()},
		Now: claim169test.Now})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.NoError(t, err)
	assert.Equal(t, "Golden Person", res.Identity.FullName)
	assert.Equal(t, []byte("test-key"), res.KeyID)
}

// The service signs exactly what the kit's deterministic issuer signs with
// the same key, kid and record.
func TestIssuesAsTheKit(t *testing.T) {
	text, _ := issue(t, testKeyService(t), goldenRecord)
	rec, err := record.Parse([]byte(goldenRecord))
	require.NoError(t, err)
	issuer, err := claim169test.NewIssuer(claim169test.IssuerOptions{KeyID: []byte("test-key")})
	require.NoError(t, err)
	now := claim169test.Now()
	want, err := issuer.Issue(rec.Identity, &cwt.Claims{Issuer: goldenIssuer,
		IssuedAt: cwt.NewNumericDate(now), ExpiresAt: cwt.NewNumericDate(now.Add(goldenValidity))})
	require.NoError(t, err)
	assert.Equal(t, want.Stages.COSE, ts.Unwrap(t, text))
}
