package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// cryptoPKCS8 returns key as a PKCS #8 PEM block.
func cryptoPKCS8(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	return ts.PEM("PRIVATE KEY", ts.PKCS8(t, key))
}

// cryptoSPKI returns pub as an SPKI PEM block.
func cryptoSPKI(t *testing.T, pub crypto.PublicKey) []byte {
	t.Helper()
	return ts.PEM("PUBLIC KEY", ts.SPKI(t, pub))
}

// cryptoCertificate returns a self-signed certificate of key in PEM.
func cryptoCertificate(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	return ts.PEM("CERTIFICATE", ts.SelfSigned(t, key))
}

// cryptoJWK returns key (private or public) as a JWK, written by go-jose.
func cryptoJWK(t *testing.T, key any) []byte {
	t.Helper()
	data, err := jose.JSONWebKey{Key: key}.MarshalJSON()
	require.NoError(t, err)
	return data
}

func TestCryptoKeyInputs(t *testing.T) {
	ed := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	edPub := []byte(ed[ed25519.SeedSize:])
	p256 := ts.ECDSAKey(elliptic.P256())
	point, err := p256.PublicKey.Bytes()
	require.NoError(t, err)
	require.Len(t, point, 65)
	rsaKey := ts.RSAKey(2048)
	sec1, err := x509.MarshalECPrivateKey(p256)
	require.NoError(t, err)
	pkcs1 := ts.PEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey))

	tests := []struct {
		name      string
		priv, pub []byte
		alg       string // --alg, if any, and the expected algorithm
		want      string
	}{
		{"PKCS#8 / SPKI Ed25519", cryptoPKCS8(t, ed), cryptoSPKI(t, ed.Public()), "", "EdDSA"},
		{"raw seed / raw Ed25519", ed.Seed(), edPub, "", "EdDSA"},
		{"hex seed / hex Ed25519", []byte(hex.EncodeToString(ed.Seed()) + "\n"), []byte(hex.EncodeToString(edPub) + "\n"), "", "EdDSA"},
		{"JWK / JWK Ed25519", cryptoJWK(t, ed), cryptoJWK(t, ed.Public()), "", "EdDSA"},
		{"JWK / certificate Ed25519", cryptoJWK(t, ed), cryptoCertificate(t, ed), "", "EdDSA"},
		{"SEC1 / certificate P-256", ts.PEM("EC PRIVATE KEY", sec1), cryptoCertificate(t, p256), "", "ES256"},
		{"SEC1 / raw point P-256", ts.PEM("EC PRIVATE KEY", sec1), point, "", "ES256"},
		{"JWK / hex point P-256", cryptoJWK(t, p256), []byte(hex.EncodeToString(point)), "ES256", "ES256"},
		{"PKCS#8 / JWK P-256", cryptoPKCS8(t, p256), cryptoJWK(t, &p256.PublicKey), "", "ES256"},
		{"PKCS#1 / PKCS#1 RSA", pkcs1, ts.PEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)), "", "PS256"},
		{"PKCS#1 / certificate RSA", pkcs1, cryptoCertificate(t, rsaKey), "PS384", "PS384"},
		{"JWK / SPKI RSA", cryptoJWK(t, rsaKey), cryptoSPKI(t, &rsaKey.PublicKey), "RS256", "RS256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--key", writeFile(t, dir, "priv", tc.priv)}
			if tc.alg != "" {
				args = append(args, "--alg", tc.alg)
			}
			text := cryptoEncode(t, args...)
			code, out := cryptoDecode(t, text, "--key", writeFile(t, dir, "pub", tc.pub))
			require.Equal(t, 0, code)
			assert.Equal(t, "verified", out["verification"])
			assert.Equal(t, tc.want, out["algorithm"])
		})
	}
}

func TestCryptoKeyMismatches(t *testing.T) {
	dir := t.TempDir()
	ed := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	p256 := ts.ECDSAKey(elliptic.P256())
	rsaKey := ts.RSAKey(2048)
	edText := cryptoEncode(t, "--key", writeFile(t, dir, "ed", cryptoPKCS8(t, ed)))
	for name, pub := range map[string][]byte{
		"private PEM": cryptoPKCS8(t, ed),
		"private JWK": cryptoJWK(t, ed),
	} {
		code, _ := cryptoDecode(t, edText, "--key", writeFile(t, dir, "pub", pub))
		assert.Equal(t, 2, code, name)
	}
	code, _ := cryptoDecode(t, edText, "--key", writeFile(t, dir, "rsa", cryptoSPKI(t, &rsaKey.PublicKey)))
	assert.Equal(t, 3, code, "an EdDSA credential checked with an RSA key")
	code, _ = cryptoDecode(t, edText, "--key", writeFile(t, dir, "p256", cryptoSPKI(t, &p256.PublicKey)))
	assert.Equal(t, 3, code, "an EdDSA credential checked with a P-256 key")
	for _, args := range [][]string{
		{"--key", writeFile(t, dir, "p256", cryptoPKCS8(t, p256)), "--alg", "ES384"},
		{"--key", writeFile(t, dir, "p256", cryptoPKCS8(t, p256)), "--alg", "ES512"},
		{"--key", writeFile(t, dir, "ed", cryptoPKCS8(t, ed)), "--alg", "PS256"},
		{"--key", writeFile(t, dir, "rsa", cryptoPKCS8(t, rsaKey)), "--alg", "EdDSA"},
		{"--key", writeFile(t, dir, "pub", cryptoSPKI(t, ed.Public()))}, // a public key cannot sign
	} {
		r := runCLI(t, cryptoRecord, append([]string{"encode"}, args...)...)
		assert.Equal(t, 2, r.code, "%v: %s", args, r.stderr)
		assert.Empty(t, r.stdout)
	}
}

func TestCryptoWeakKeys(t *testing.T) {
	weakRSA := ts.RSAKey(1024)
	zero := make([]byte, ed25519.PublicKeySize)
	smallOrder := append([]byte{1}, make([]byte, ed25519.PublicKeySize-1)...) // the neutral point
	offCurve := append([]byte{4}, bytes.Repeat([]byte{0x5a}, 64)...)
	b64 := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name, command string
		data          []byte
	}{
		{"RSA 1024 SPKI", "decode", cryptoSPKI(t, &weakRSA.PublicKey)},
		{"RSA 1024 PKCS#1", "decode", ts.PEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&weakRSA.PublicKey))},
		{"RSA 1024 certificate", "decode", cryptoCertificate(t, weakRSA)},
		{"RSA 1024 JWK", "decode", cryptoJWK(t, &weakRSA.PublicKey)},
		{"all-zero Ed25519", "decode", zero},
		{"all-zero Ed25519 hex", "decode", []byte(hex.EncodeToString(zero))},
		{"small-order Ed25519 hex", "decode", []byte(hex.EncodeToString(smallOrder))},
		{"all-zero Ed25519 JWK", "decode", []byte(`{"kty":"OKP","crv":"Ed25519","x":"` + b64(zero) + `"}`)},
		{"P-256 point off the curve", "decode", offCurve},
		{"P-256 point off the curve hex", "decode", []byte(hex.EncodeToString(offCurve))},
		{"P-256 JWK off the curve", "decode", []byte(`{"kty":"EC","crv":"P-256","x":"` + b64(offCurve[1:33]) + `","y":"` + b64(offCurve[33:]) + `"}`)},
		{"RSA 1024 PKCS#8", "encode", cryptoPKCS8(t, weakRSA)},
		{"RSA 1024 PKCS#1 private", "encode", ts.PEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(weakRSA))},
		{"RSA 1024 private JWK", "encode", cryptoJWK(t, weakRSA)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "key", tc.data)
			r := runCLI(t, cryptoRecord, tc.command, "--key", path)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			assert.True(t, strings.HasPrefix(r.stderr, "claim169: key: "), r.stderr)
			cryptoNoKeyMaterial(t, r.stderr, tc.data)
		})
	}
}

// cryptoNoKeyMaterial checks that msg shows no part of a key file: neither
// its bytes in hex or base64 nor any long token of its text.
func cryptoNoKeyMaterial(t *testing.T, msg string, data []byte) {
	t.Helper()
	head := data[:min(len(data), 12)]
	for _, s := range []string{hex.EncodeToString(head), base64.StdEncoding.EncodeToString(head), base64.RawURLEncoding.EncodeToString(head)} {
		assert.NotContains(t, msg, s)
	}
	for _, token := range strings.FieldsFunc(string(data), func(r rune) bool { return strings.ContainsRune(" \t\r\n\":,{}", r) }) {
		if len(token) >= 12 {
			assert.NotContains(t, msg, token)
		}
	}
}
