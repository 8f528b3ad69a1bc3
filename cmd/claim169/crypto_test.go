package main

// The crypto suite through the command: keygen for every signature
// algorithm, every key input form, encryption with every AEAD, tampering,
// weak keys, the idpass encrypted vectors and the reference implementation
// of internal/testsupport. runCLI (cli_test.go) also checks that every
// failure is one stderr line starting "claim169: ". This file holds the
// helpers and keygen; crypto_*_test.go the rest.

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// cryptoRecord is the record the crypto tests issue; cryptoNow lies inside
// its validity.
const (
	cryptoRecord = `{"claim169":{"id":"ID-CLI-77","fullName":"Amina Okafor","gender":2},` +
		`"cwt":{"issuer":"https://issuer.example","issuedAt":1760000000,"expiresAt":1900000000}}`
	cryptoNow = "1770000000"
)

// cryptoEncode runs encode on cryptoRecord and returns the QR text.
func cryptoEncode(t *testing.T, args ...string) string {
	t.Helper()
	r := runCLI(t, cryptoRecord, append([]string{"encode"}, args...)...)
	require.Equal(t, 0, r.code, r.stderr)
	require.True(t, strings.HasSuffix(r.stdout, "\n"))
	return strings.TrimSuffix(r.stdout, "\n")
}

// cryptoDecode runs decode on text at cryptoNow; it returns the parsed
// output when the exit code is 0.
func cryptoDecode(t *testing.T, text string, args ...string) (int, map[string]any) {
	t.Helper()
	r := runCLI(t, text+"\n", append([]string{"decode", "--now", cryptoNow}, args...)...)
	assert.NotContains(t, r.stderr, "Amina")
	if r.code != 0 {
		assert.Empty(t, r.stdout, "no output on failure")
		return r.code, nil
	}
	out := decodeJSON(t, r.stdout)
	id, ok := out["claim169"].(map[string]any)
	require.True(t, ok)
	assert.Equal(t, "Amina Okafor", id["fullName"])
	assert.Equal(t, "ID-CLI-77", id["id"])
	return 0, out
}

// cryptoFlip returns text with bit 0 of byte i of its COSE message flipped
// (i < 0 counts from the end), re-compressed and re-encoded: valid Base45 and
// zlib around a changed message.
func cryptoFlip(t *testing.T, text string, i int) string {
	t.Helper()
	msg := ts.Unwrap(t, text)
	if i < 0 {
		i += len(msg)
	}
	msg[i] ^= 1
	return ts.Wrap(t, msg)
}

// cryptoFlipCompressed returns text with byte i of its zlib stream changed.
func cryptoFlipCompressed(t *testing.T, text string, i int) string {
	t.Helper()
	raw, err := base45.DecodeString(text)
	require.NoError(t, err)
	raw[i] ^= 0x10
	return base45.EncodeToString(raw)
}

func TestCryptoKeygenEveryAlgorithm(t *testing.T) {
	for _, alg := range []string{"EdDSA", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256"} {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			prefix := filepath.Join(t.TempDir(), "issuer")
			r := runCLI(t, "", "keygen", "--alg", alg, "--kid", "kid-"+alg, "--out", prefix)
			require.Equal(t, 0, r.code, r.stderr)
			priv := cryptoCheckKeyFiles(t, prefix, alg, "kid-"+alg)

			args := []string{"--key", prefix + ".key.pem", "--kid", "kid-" + alg}
			if _, isRSA := priv.(*rsa.PrivateKey); isRSA && alg != "PS256" {
				args = append(args, "--alg", alg) // an RSA key alone means PS256
			}
			text := cryptoEncode(t, args...)
			for _, key := range []string{prefix + ".pub.pem", prefix + ".jwk.json"} {
				code, out := cryptoDecode(t, text, "--key", key)
				require.Equal(t, 0, code)
				assert.Equal(t, "verified", out["verification"])
				assert.Equal(t, alg, out["algorithm"])
				assert.Equal(t, "kid-"+alg, out["kid"])
			}

			// Changed bytes never verify: the last byte is in the signature.
			for _, i := range []int{0, 1, 7, 20, -40, -1} {
				code, _ := cryptoDecode(t, cryptoFlip(t, text, i), "--key", prefix+".pub.pem")
				assert.Contains(t, []int{2, 3}, code, "byte %d", i)
			}
			code, _ := cryptoDecode(t, cryptoFlip(t, text, -1), "--key", prefix+".pub.pem")
			assert.Equal(t, 3, code, "signature byte")
			code, _ = cryptoDecode(t, cryptoFlipCompressed(t, text, 5), "--key", prefix+".pub.pem")
			assert.Equal(t, 2, code, "zlib byte")
		})
	}
}

// cryptoCheckKeyFiles checks the three files keygen wrote and returns the
// private key.
func cryptoCheckKeyFiles(t *testing.T, prefix, alg, kid string) crypto.Signer {
	t.Helper()
	data := mustReadFile(t, prefix+".key.pem")
	block, rest := pem.Decode(data)
	require.NotNil(t, block)
	assert.Empty(t, bytes.TrimSpace(rest))
	require.Equal(t, "PRIVATE KEY", block.Type)
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	require.NoError(t, err, "PKCS #8")
	priv, ok := key.(crypto.Signer)
	require.True(t, ok)
	if runtime.GOOS != "windows" {
		info, err := os.Stat(prefix + ".key.pem")
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	}

	data = mustReadFile(t, prefix+".pub.pem")
	block, _ = pem.Decode(data)
	require.NotNil(t, block)
	require.Equal(t, "PUBLIC KEY", block.Type)
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	require.NoError(t, err, "SPKI")
	type equaler interface{ Equal(crypto.PublicKey) bool }
	eq, ok := pub.(equaler)
	require.True(t, ok)
	assert.True(t, eq.Equal(priv.Public()), "the public key of the private key")

	data = mustReadFile(t, prefix+".jwk.json")
	var jwk map[string]any
	require.NoError(t, json.Unmarshal(data, &jwk))
	assert.Equal(t, kid, jwk["kid"])
	assert.Equal(t, alg, jwk["alg"])
	assert.NotContains(t, jwk, "d", "public JWK only")
	var parsed jose.JSONWebKey
	require.NoError(t, parsed.UnmarshalJSON(data))
	assert.True(t, parsed.IsPublic())
	return priv
}

// Without --kid the JWK's kid is its RFC 7638 thumbprint (CLI.md: the JWK
// has a kid; keygen --help: "default: the RFC 7638 thumbprint").
func TestCryptoKeygenDefaultKid(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	r := runCLI(t, "", "keygen", "--out", prefix)
	require.Equal(t, 0, r.code, r.stderr)
	data := mustReadFile(t, prefix+".jwk.json")
	var jwk jose.JSONWebKey
	require.NoError(t, jwk.UnmarshalJSON(data))
	thumbprint, err := jwk.Thumbprint(crypto.SHA256)
	require.NoError(t, err)
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(thumbprint), jwk.KeyID)
	assert.Equal(t, "EdDSA", jwk.Algorithm)
}

// An RSA key alone signs PS256; a JWK that says RS256 refuses such a
// credential, and RS256 must be named with --alg.
func TestCryptoRS256KeyRestriction(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, 0, runCLI(t, "", "keygen", "--alg", "RS256", "--out", prefix).code)
	text := cryptoEncode(t, "--key", prefix+".key.pem")
	code, out := cryptoDecode(t, text, "--key", prefix+".pub.pem")
	require.Equal(t, 0, code)
	assert.Equal(t, "PS256", out["algorithm"])
	code, _ = cryptoDecode(t, text, "--key", prefix+".jwk.json")
	assert.Equal(t, 3, code, "the JWK restricts the key to RS256")
}

// cryptoHexKey returns size random bytes in hex.
func cryptoHexKey(t *testing.T, size int) string {
	t.Helper()
	key := make([]byte, size)
	_, err := rand.Read(key)
	require.NoError(t, err)
	return hex.EncodeToString(key)
}
