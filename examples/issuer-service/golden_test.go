package main

import (
	"crypto"
	"encoding/hex"
	"flag"
	"net/http"
	"path/filepath"
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

// testKeyService starts the service with the kit's EdDSA test key and
// clock: Ed25519 signatures are deterministic, so the service issues the
// same credential on every run.
func testKeyService(t *testing.T) string {
	t.Helper()
	return keyService(t, claim169test.PrivateKeyPEM(cose.EdDSA), claim169test.Now,
		"-kid", "test-key", "-issuer", goldenIssuer, "-validity-days", "3650").URL
}

// issue posts a record to the service at url and returns the QR text and
// the PNG.
func issue(t *testing.T, url, rec string) (string, []byte) {
	t.Helper()
	resp, png := post(t, url, body("application/json", rec))
	require.Equal(t, http.StatusOK, resp.StatusCode, string(png))
	return resp.Header.Get("X-Claim169-Text"), png
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
	want := ts.GoldenFile(t, filepath.Join("testdata", "golden-eddsa.cose.hex"), []byte(got), *update)
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
