package main

// The crypto suite through the command: keygen for every signature
// algorithm, every key input form, encryption with every AEAD, tampering,
// weak keys and the idpass encrypted vectors. runCLI (cli_test.go) also
// checks that every failure is one stderr line starting "claim169: ".

import (
	"bytes"
	"compress/zlib"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	dasio "github.com/dasio/base45"
	"github.com/fxamacker/cbor/v2"
	jose "github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/compress"
)

// cryptoRecord is the record the crypto tests issue; cryptoNow lies inside
// its validity.
const (
	cryptoRecord = `{"claim169":{"id":"ID-CLI-77","fullName":"Amina Okafor","gender":2},` +
		`"cwt":{"issuer":"https://issuer.example","issuedAt":1760000000,"expiresAt":1900000000}}`
	cryptoNow = "1770000000"
)

// cryptoWrite writes data to name in dir and returns its path.
func cryptoWrite(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

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
	raw, err := base45.DecodeString(text)
	require.NoError(t, err)
	msg, err := compress.Inflate(raw, compress.DefaultMaxSize)
	require.NoError(t, err)
	if i < 0 {
		i += len(msg)
	}
	msg[i] ^= 1
	return base45.EncodeToString(compress.Deflate(msg))
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
	data, err := os.ReadFile(prefix + ".key.pem")
	require.NoError(t, err)
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

	data, err = os.ReadFile(prefix + ".pub.pem")
	require.NoError(t, err)
	block, _ = pem.Decode(data)
	require.NotNil(t, block)
	require.Equal(t, "PUBLIC KEY", block.Type)
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	require.NoError(t, err, "SPKI")
	type equaler interface{ Equal(crypto.PublicKey) bool }
	eq, ok := pub.(equaler)
	require.True(t, ok)
	assert.True(t, eq.Equal(priv.Public()), "the public key of the private key")

	data, err = os.ReadFile(prefix + ".jwk.json")
	require.NoError(t, err)
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
	data, err := os.ReadFile(prefix + ".jwk.json")
	require.NoError(t, err)
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

func TestCryptoEncryption(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(dir, "issuer")
	require.Equal(t, 0, runCLI(t, "", "keygen", "--out", prefix).code)
	pub := prefix + ".pub.pem"
	tests := []struct {
		alg, want string // --encrypt-alg and the output's name
		size      int
	}{
		{"A128GCM", "A128GCM", 16},
		{"A192GCM", "A192GCM", 24},
		{"A256GCM", "A256GCM", 32},
		{"C20P", "ChaCha20/Poly1305", 32},
		{"", "A256GCM", 32}, // a 32-byte key without --encrypt-alg
	}
	for _, tc := range tests {
		name := tc.alg
		if name == "" {
			name = "default"
		}
		t.Run(name, func(t *testing.T) {
			key := cryptoWrite(t, dir, tc.alg+"key.hex", []byte(cryptoHexKey(t, tc.size)+"\n"))
			wrong := cryptoWrite(t, dir, tc.alg+"wrong.hex", []byte(cryptoHexKey(t, tc.size)))
			otherSize := 16 // a key for another algorithm
			if tc.size == 16 {
				otherSize = 32
			}
			other := cryptoWrite(t, dir, tc.alg+"other.hex", []byte(cryptoHexKey(t, otherSize)))
			args := []string{"--key", prefix + ".key.pem", "--encrypt-key", key}
			if tc.alg != "" {
				args = append(args, "--encrypt-alg", tc.alg)
			}
			text := cryptoEncode(t, args...)

			code, out := cryptoDecode(t, text, "--key", pub, "--decrypt-key", key)
			require.Equal(t, 0, code)
			assert.Equal(t, "verified", out["verification"])
			assert.Equal(t, "EdDSA", out["algorithm"])
			assert.Equal(t, map[string]any{"algorithm": tc.want}, out["encryption"])

			code, out = cryptoDecode(t, text, "--allow-unverified", "--decrypt-key", key)
			require.Equal(t, 0, code)
			assert.Equal(t, "skipped", out["verification"])
			cryptoRequireDecryptionRefusals(t, text, pub, key, wrong, other)
		})
	}
	r := runCLI(t, cryptoRecord, "encode", "--key", prefix+".key.pem",
		"--encrypt-key", cryptoWrite(t, dir, "k32.hex", []byte(cryptoHexKey(t, 32))), "--encrypt-alg", "A128GCM")
	assert.NotEqual(t, 0, r.code, "a 32-byte key for A128GCM")
	assert.NotContains(t, r.stderr, "Amina")
}

// cryptoRequireDecryptionRefusals checks that the encrypted credential text
// is refused with exit 5 without its key or with a changed byte in its
// ciphertext, and with 2 for a changed zlib byte. key decrypts it, wrong
// has the same algorithm, other another one.
func cryptoRequireDecryptionRefusals(t *testing.T, text, pub, key, wrong, other string) {
	t.Helper()
	for name, args := range map[string][]string{
		"wrong key":          {"--key", pub, "--decrypt-key", wrong},
		"key of another alg": {"--key", pub, "--decrypt-key", other},
		"no key":             {"--key", pub},
		"no key, unverified": {"--allow-unverified"},
	} {
		code, _ := cryptoDecode(t, text, args...)
		assert.Equal(t, 5, code, name)
	}
	// Every key of the message's algorithm is tried (DecoderOptions): a
	// rotated-out key listed first does not hide the right one.
	code, _ := cryptoDecode(t, text, "--allow-unverified", "--decrypt-key", wrong, "--decrypt-key", key)
	assert.Equal(t, 0, code, "wrong key first")
	for _, i := range []int{0, 3, 10, 30, -30, -1} {
		code, _ := cryptoDecode(t, cryptoFlip(t, text, i), "--key", pub, "--decrypt-key", key)
		assert.Contains(t, []int{2, 5}, code, "byte %d", i)
	}
	code, _ = cryptoDecode(t, cryptoFlip(t, text, -1), "--key", pub, "--decrypt-key", key)
	assert.Equal(t, 5, code, "a tag byte")
	code, _ = cryptoDecode(t, cryptoFlipCompressed(t, text, 5), "--key", pub, "--decrypt-key", key)
	assert.Equal(t, 2, code, "a zlib byte")
}

// cryptoHexKey returns size random bytes in hex.
func cryptoHexKey(t *testing.T, size int) string {
	t.Helper()
	key := make([]byte, size)
	_, err := rand.Read(key)
	require.NoError(t, err)
	return hex.EncodeToString(key)
}

// cryptoVector is one idpass test vector (testdata/idpass, see SOURCE).
type cryptoVector struct {
	QR         string `json:"qr_data"`
	SigningKey *struct {
		Public string `json:"public_key_hex"`
	} `json:"signing_key"`
	EncryptionKey struct {
		Algorithm string `json:"algorithm"`
		Key       string `json:"symmetric_key_hex"`
	} `json:"encryption_key"`
	Claim169 map[string]any `json:"expected_claim169"`
	CWT      map[string]any `json:"expected_cwt_meta"`
}

func readCryptoVector(t *testing.T, name string) cryptoVector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "idpass", "valid", name))
	require.NoError(t, err)
	var v cryptoVector
	require.NoError(t, json.Unmarshal(data, &v))
	return v
}

func TestCryptoIdpassEncryptedVectors(t *testing.T) {
	dir := t.TempDir()
	signed := readCryptoVector(t, "encrypted-signed.json")
	unsigned := readCryptoVector(t, "encrypted-aes256.json")
	require.NotNil(t, signed.SigningKey)
	require.Nil(t, unsigned.SigningKey)
	pub := cryptoWrite(t, dir, "pub.hex", []byte(signed.SigningKey.Public+"\n"))
	signedKey := cryptoWrite(t, dir, "signed.hex", []byte(signed.EncryptionKey.Key+"\n"))
	unsignedKey := cryptoWrite(t, dir, "unsigned.hex", []byte(unsigned.EncryptionKey.Key+"\n"))
	other, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	otherPub := cryptoWrite(t, dir, "other.pub", other)

	tests := []struct {
		name         string
		vector       cryptoVector
		args         []string
		code         int
		verification string
	}{
		{"signed", signed, []string{"--key", pub, "--decrypt-key", signedKey}, 0, "verified"},
		{"signed, other signature key", signed, []string{"--key", otherPub, "--decrypt-key", signedKey}, 3, ""},
		{"signed, other signature key, unverified allowed", signed, []string{"--key", otherPub, "--decrypt-key", signedKey, "--allow-unverified"}, 0, "skipped"},
		{"signed, wrong decryption key", signed, []string{"--key", pub, "--decrypt-key", unsignedKey}, 5, ""},
		{"signed, no decryption key", signed, []string{"--key", pub}, 5, ""},
		{"unsigned, unverified allowed", unsigned, []string{"--allow-unverified", "--decrypt-key", unsignedKey}, 0, "skipped"},
		{"unsigned, with a key and unverified allowed", unsigned, []string{"--key", pub, "--allow-unverified", "--decrypt-key", unsignedKey}, 0, "skipped"},
		{"unsigned refused when a signature is required", unsigned, []string{"--key", pub, "--decrypt-key", unsignedKey}, 3, ""},
		{"unsigned, no decryption key", unsigned, []string{"--key", pub}, 5, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"decode", "--now", "1750000000"}, tc.args...)
			r := runCLI(t, tc.vector.QR+"\n", args...)
			require.Equal(t, tc.code, r.code, r.stderr)
			if tc.code != 0 {
				assert.Empty(t, r.stdout)
				return
			}
			out := decodeJSON(t, r.stdout)
			assert.Equal(t, tc.verification, out["verification"])
			assert.Equal(t, tc.vector.Claim169, out["claim169"])
			assert.Equal(t, tc.vector.CWT, out["cwt"])
			assert.Equal(t, map[string]any{"algorithm": tc.vector.EncryptionKey.Algorithm}, out["encryption"])
			if tc.vector.SigningKey != nil {
				assert.Equal(t, "EdDSA", out["algorithm"])
			} else {
				assert.NotContains(t, out, "algorithm", "an unsigned CWT has no signature algorithm")
			}
		})
	}
}

// cryptoPEM returns one PEM block.
func cryptoPEM(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func cryptoPKCS8(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return cryptoPEM("PRIVATE KEY", der)
}

func cryptoSPKI(t *testing.T, pub crypto.PublicKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	return cryptoPEM("PUBLIC KEY", der)
}

// cryptoCertificate returns a self-signed certificate of key in PEM.
func cryptoCertificate(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(169),
		Subject:      pkix.Name{CommonName: "issuer.example"},
		NotBefore:    time.Unix(1700000000, 0),
		NotAfter:     time.Unix(2000000000, 0),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	return cryptoPEM("CERTIFICATE", der)
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
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	point, err := p256.PublicKey.Bytes()
	require.NoError(t, err)
	require.Len(t, point, 65)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	sec1, err := x509.MarshalECPrivateKey(p256)
	require.NoError(t, err)
	pkcs1 := cryptoPEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey))

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
		{"SEC1 / certificate P-256", cryptoPEM("EC PRIVATE KEY", sec1), cryptoCertificate(t, p256), "", "ES256"},
		{"SEC1 / raw point P-256", cryptoPEM("EC PRIVATE KEY", sec1), point, "", "ES256"},
		{"JWK / hex point P-256", cryptoJWK(t, p256), []byte(hex.EncodeToString(point)), "ES256", "ES256"},
		{"PKCS#8 / JWK P-256", cryptoPKCS8(t, p256), cryptoJWK(t, &p256.PublicKey), "", "ES256"},
		{"PKCS#1 / PKCS#1 RSA", pkcs1, cryptoPEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)), "", "PS256"},
		{"PKCS#1 / certificate RSA", pkcs1, cryptoCertificate(t, rsaKey), "PS384", "PS384"},
		{"JWK / SPKI RSA", cryptoJWK(t, rsaKey), cryptoSPKI(t, &rsaKey.PublicKey), "RS256", "RS256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"--key", cryptoWrite(t, dir, "priv", tc.priv)}
			if tc.alg != "" {
				args = append(args, "--alg", tc.alg)
			}
			text := cryptoEncode(t, args...)
			code, out := cryptoDecode(t, text, "--key", cryptoWrite(t, dir, "pub", tc.pub))
			require.Equal(t, 0, code)
			assert.Equal(t, "verified", out["verification"])
			assert.Equal(t, tc.want, out["algorithm"])
		})
	}
}

func TestCryptoKeyMismatches(t *testing.T) {
	dir := t.TempDir()
	ed := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	p256, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	edText := cryptoEncode(t, "--key", cryptoWrite(t, dir, "ed", cryptoPKCS8(t, ed)))
	for name, pub := range map[string][]byte{
		"private PEM": cryptoPKCS8(t, ed),
		"private JWK": cryptoJWK(t, ed),
	} {
		code, _ := cryptoDecode(t, edText, "--key", cryptoWrite(t, dir, "pub", pub))
		assert.Equal(t, 2, code, name)
	}
	code, _ := cryptoDecode(t, edText, "--key", cryptoWrite(t, dir, "rsa", cryptoSPKI(t, &rsaKey.PublicKey)))
	assert.Equal(t, 3, code, "an EdDSA credential checked with an RSA key")
	code, _ = cryptoDecode(t, edText, "--key", cryptoWrite(t, dir, "p256", cryptoSPKI(t, &p256.PublicKey)))
	assert.Equal(t, 3, code, "an EdDSA credential checked with a P-256 key")
	for _, args := range [][]string{
		{"--key", cryptoWrite(t, dir, "p256", cryptoPKCS8(t, p256)), "--alg", "ES384"},
		{"--key", cryptoWrite(t, dir, "p256", cryptoPKCS8(t, p256)), "--alg", "ES512"},
		{"--key", cryptoWrite(t, dir, "ed", cryptoPKCS8(t, ed)), "--alg", "PS256"},
		{"--key", cryptoWrite(t, dir, "rsa", cryptoPKCS8(t, rsaKey)), "--alg", "EdDSA"},
		{"--key", cryptoWrite(t, dir, "pub", cryptoSPKI(t, ed.Public()))}, // a public key cannot sign
	} {
		r := runCLI(t, cryptoRecord, append([]string{"encode"}, args...)...)
		assert.Equal(t, 2, r.code, "%v: %s", args, r.stderr)
		assert.Empty(t, r.stdout)
	}
}

func TestCryptoWeakKeys(t *testing.T) {
	weakRSA, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	zero := make([]byte, ed25519.PublicKeySize)
	smallOrder := append([]byte{1}, make([]byte, ed25519.PublicKeySize-1)...) // the neutral point
	offCurve := append([]byte{4}, bytes.Repeat([]byte{0x5a}, 64)...)
	b64 := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name, command string
		data          []byte
	}{
		{"RSA 1024 SPKI", "decode", cryptoSPKI(t, &weakRSA.PublicKey)},
		{"RSA 1024 PKCS#1", "decode", cryptoPEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&weakRSA.PublicKey))},
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
		{"RSA 1024 PKCS#1 private", "encode", cryptoPEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(weakRSA))},
		{"RSA 1024 private JWK", "encode", cryptoJWK(t, weakRSA)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := cryptoWrite(t, t.TempDir(), "key", tc.data)
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

// The indep* helpers write and read credentials with fxamacker/cbor's
// default functions, crypto/*, compress/zlib and github.com/dasio/base45
// only, not with this module's packages: the command must interoperate with
// such an independent implementation for every algorithm, AEAD and tag
// shape. Algorithms are IANA "COSE Algorithms" numbers.

// indepAlgs maps the command's algorithm names to their number and hash (0
// for EdDSA).
var indepAlgs = map[string]struct {
	id   int64
	hash crypto.Hash
}{
	"EdDSA": {-8, 0}, "ES256": {-7, crypto.SHA256}, "ES384": {-35, crypto.SHA384}, "ES512": {-36, crypto.SHA512},
	"PS256": {-37, crypto.SHA256}, "PS384": {-38, crypto.SHA384}, "PS512": {-39, crypto.SHA512}, "RS256": {-257, crypto.SHA256},
}

// indepAEADs maps the command's AEAD names to their number and key size.
var indepAEADs = map[string]struct {
	id   int64
	size int
}{"A128GCM": {1, 16}, "A192GCM": {2, 24}, "A256GCM": {3, 32}, "C20P": {24, 32}}

func indepCBOR(t *testing.T, v any) []byte {
	t.Helper()
	b, err := cbor.Marshal(v)
	require.NoError(t, err)
	return b
}

func indepCipher(t *testing.T, id int64, key []byte) cipher.AEAD {
	t.Helper()
	var c cipher.AEAD
	var err error
	if id == 24 {
		c, err = chacha20poly1305.New(key)
	} else {
		var block cipher.Block
		block, err = aes.NewCipher(key)
		require.NoError(t, err)
		c, err = cipher.NewGCM(block)
	}
	require.NoError(t, err)
	return c
}

func indepDigest(h crypto.Hash, data []byte) []byte {
	w := h.New()
	w.Write(data)
	return w.Sum(nil)
}

// indepTag wraps msg in tag number unless untagged.
func indepTag(t *testing.T, number uint64, msg []byte, untagged bool) []byte {
	if untagged {
		return msg
	}
	return indepCBOR(t, cbor.Tag{Number: number, Content: cbor.RawMessage(msg)})
}

// indepUntag removes tag number from msg if msg carries it.
func indepUntag(t *testing.T, msg []byte, number uint64) []byte {
	t.Helper()
	var tag cbor.RawTag
	if len(msg) > 0 && msg[0]>>5 == 6 && cbor.Unmarshal(msg, &tag) == nil && tag.Number == number {
		return tag.Content
	}
	return msg
}

// indepIssue writes the command's test identity signed under alg with priv
// and, unless aead is "", encrypted with key.
func indepIssue(t *testing.T, alg string, priv crypto.Signer, aead string, key []byte, untagged, cwtTag bool) string {
	t.Helper()
	payload := indepCBOR(t, map[int64]any{1: "https://issuer.example", 4: 1900000000, 6: 1760000000,
		169: map[int64]any{1: "ID-CLI-77", 4: "Amina Okafor"}})
	protected := indepCBOR(t, map[int64]int64{1: indepAlgs[alg].id})
	toBeSigned := indepCBOR(t, []any{"Signature1", protected, []byte{}, payload})
	h := indepAlgs[alg].hash
	var sig []byte
	var err error
	switch k := priv.(type) {
	case ed25519.PrivateKey:
		sig = ed25519.Sign(k, toBeSigned)
	case *ecdsa.PrivateKey:
		var r, s *big.Int
		r, s, err = ecdsa.Sign(rand.Reader, k, indepDigest(h, toBeSigned))
		size := (k.Curve.Params().BitSize + 7) / 8
		sig = make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
	case *rsa.PrivateKey:
		if alg == "RS256" {
			sig, err = rsa.SignPKCS1v15(rand.Reader, k, h, indepDigest(h, toBeSigned))
		} else {
			sig, err = rsa.SignPSS(rand.Reader, k, h, indepDigest(h, toBeSigned), &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
	}
	require.NoError(t, err)
	require.NotEmpty(t, sig)
	msg := indepTag(t, 18, indepCBOR(t, []any{protected, map[int64]any{}, payload, sig}), untagged)
	if aead != "" {
		protected := indepCBOR(t, map[int64]int64{1: indepAEADs[aead].id})
		iv := make([]byte, 12)
		_, err := rand.Read(iv)
		require.NoError(t, err)
		ct := indepCipher(t, indepAEADs[aead].id, key).Seal(nil, iv, msg, indepCBOR(t, []any{"Encrypt0", protected, []byte{}}))
		msg = indepTag(t, 16, indepCBOR(t, []any{protected, map[int64][]byte{5: iv}, ct}), untagged)
	}
	if cwtTag {
		msg = indepTag(t, 61, msg, false)
	}
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	_, err = zw.Write(msg)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return dasio.EncodeToString(buf.Bytes())
}

// indepOpen decrypts (unless aead is "") and verifies text, and returns the
// full name it holds.
func indepOpen(t *testing.T, text, alg string, pub crypto.PublicKey, aead string, key []byte) string {
	t.Helper()
	compressed, err := dasio.DecodeString(text)
	require.NoError(t, err)
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	require.NoError(t, err)
	msg, err := io.ReadAll(zr)
	require.NoError(t, err)
	msg = indepUntag(t, msg, 61)
	var header struct {
		Alg int64 `cbor:"1,keyasint"`
	}
	if aead != "" {
		var e0 struct {
			_           struct{} `cbor:",toarray"`
			Protected   []byte
			Unprotected map[int64][]byte
			Ciphertext  []byte
		}
		require.NoError(t, cbor.Unmarshal(indepUntag(t, msg, 16), &e0))
		require.NoError(t, cbor.Unmarshal(e0.Protected, &header))
		require.Equal(t, indepAEADs[aead].id, header.Alg)
		aad := indepCBOR(t, []any{"Encrypt0", e0.Protected, []byte{}})
		msg, err = indepCipher(t, header.Alg, key).Open(nil, e0.Unprotected[5], e0.Ciphertext, aad)
		require.NoError(t, err)
	}
	var s1 struct {
		_           struct{} `cbor:",toarray"`
		Protected   []byte
		Unprotected map[int64]cbor.RawMessage
		Payload     []byte
		Signature   []byte
	}
	require.NoError(t, cbor.Unmarshal(indepUntag(t, msg, 18), &s1))
	require.NoError(t, cbor.Unmarshal(s1.Protected, &header))
	require.Equal(t, indepAlgs[alg].id, header.Alg)
	toBeSigned := indepCBOR(t, []any{"Signature1", s1.Protected, []byte{}, s1.Payload})
	h := indepAlgs[alg].hash
	switch k := pub.(type) {
	case ed25519.PublicKey:
		require.True(t, ed25519.Verify(k, toBeSigned, s1.Signature))
	case *ecdsa.PublicKey:
		size := len(s1.Signature) / 2
		r, s := new(big.Int).SetBytes(s1.Signature[:size]), new(big.Int).SetBytes(s1.Signature[size:])
		require.True(t, ecdsa.Verify(k, indepDigest(h, toBeSigned), r, s))
	case *rsa.PublicKey:
		if alg == "RS256" {
			require.NoError(t, rsa.VerifyPKCS1v15(k, h, indepDigest(h, toBeSigned), s1.Signature))
		} else {
			require.NoError(t, rsa.VerifyPSS(k, h, indepDigest(h, toBeSigned), s1.Signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}))
		}
	}
	var claims struct {
		Claim169 map[int64]any `cbor:"169,keyasint"`
	}
	require.NoError(t, cbor.Unmarshal(s1.Payload, &claims))
	name, _ := claims.Claim169[4].(string)
	return name
}

// The command reads what an independent implementation writes, and the
// independent implementation reads what the command writes: every signature
// algorithm, with and without every AEAD, tagged, untagged and under tag 61.
func TestCryptoIndependentImplementation(t *testing.T) {
	dir := t.TempDir()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	privs := map[string]crypto.Signer{"EdDSA": ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))}
	for alg, curve := range map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()} {
		privs[alg], err = ecdsa.GenerateKey(curve, rand.Reader)
		require.NoError(t, err)
	}
	for _, alg := range []string{"PS256", "PS384", "PS512", "RS256"} {
		privs[alg] = rsaKey
	}
	for alg, priv := range privs {
		privPath := cryptoWrite(t, dir, alg+".key.pem", cryptoPKCS8(t, priv))
		pubPath := cryptoWrite(t, dir, alg+".pub.pem", cryptoSPKI(t, priv.Public()))
		for _, aead := range []string{"", "A128GCM", "A192GCM", "A256GCM", "C20P"} {
			var key []byte
			args := []string{"--key", privPath, "--alg", alg}
			decodeArgs := []string{"--key", pubPath}
			if aead != "" {
				key = make([]byte, indepAEADs[aead].size)
				_, err := rand.Read(key)
				require.NoError(t, err)
				keyPath := cryptoWrite(t, dir, alg+aead+".hex", []byte(hex.EncodeToString(key)))
				args = append(args, "--encrypt-key", keyPath, "--encrypt-alg", aead)
				decodeArgs = append(decodeArgs, "--decrypt-key", keyPath)
			}
			for _, shape := range []struct{ untagged, cwtTag bool }{{false, false}, {true, false}, {false, true}} {
				t.Run(fmt.Sprintf("%s/%s/untagged=%v/tag61=%v", alg, aead, shape.untagged, shape.cwtTag), func(t *testing.T) {
					extra := []string{}
					if shape.untagged {
						extra = append(extra, "--untagged")
					}
					if shape.cwtTag {
						extra = append(extra, "--cwt-tag")
					}
					text := cryptoEncode(t, append(args, extra...)...)
					assert.Equal(t, "Amina Okafor", indepOpen(t, text, alg, priv.Public(), aead, key))

					text = indepIssue(t, alg, priv, aead, key, shape.untagged, shape.cwtTag)
					code, out := cryptoDecode(t, text, decodeArgs...)
					require.Equal(t, 0, code)
					assert.Equal(t, "verified", out["verification"])
					assert.Equal(t, alg, out["algorithm"])
				})
			}
		}
	}
}
