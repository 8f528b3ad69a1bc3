package main

import (
	"crypto/ed25519"
	"crypto/elliptic"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

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

	for _, bad := range []string{"=" + fx.caPEM, "https://id.example.org="} {
		assert.Equal(t, exitUsage, runCLI(t, fx.text, "decode", "--trust", bad).code, bad)
	}
}
