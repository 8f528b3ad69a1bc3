package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/vectors"
)

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
			key := writeFile(t, dir, tc.alg+"key.hex", []byte(cryptoHexKey(t, tc.size)+"\n"))
			wrong := writeFile(t, dir, tc.alg+"wrong.hex", []byte(cryptoHexKey(t, tc.size)))
			otherSize := 16 // a key for another algorithm
			if tc.size == 16 {
				otherSize = 32
			}
			other := writeFile(t, dir, tc.alg+"other.hex", []byte(cryptoHexKey(t, otherSize)))
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
		"--encrypt-key", writeFile(t, dir, "k32.hex", []byte(cryptoHexKey(t, 32))), "--encrypt-alg", "A128GCM")
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

// cryptoVector returns the idpass vector name (vectors.Idpass).
func cryptoVector(t *testing.T, name string) vectors.IdpassVector {
	t.Helper()
	v, ok := vectors.LookupIdpass(name)
	require.True(t, ok, name)
	return v
}

func TestCryptoIdpassEncryptedVectors(t *testing.T) {
	dir := t.TempDir()
	signed := cryptoVector(t, "encrypted-signed")
	unsigned := cryptoVector(t, "encrypted-aes256")
	require.NotNil(t, signed.SigningKey)
	require.Nil(t, unsigned.SigningKey)
	pub := writeFile(t, dir, "pub.hex", []byte(hex.EncodeToString(signed.SigningKey.PublicKey)+"\n"))
	signedKey := writeFile(t, dir, "signed.hex", []byte(hex.EncodeToString(signed.EncryptionKey.Key)+"\n"))
	unsignedKey := writeFile(t, dir, "unsigned.hex", []byte(hex.EncodeToString(unsigned.EncryptionKey.Key)+"\n"))
	other, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	otherPub := writeFile(t, dir, "other.pub", other)

	tests := []struct {
		name         string
		vector       vectors.IdpassVector
		args         []string
		code         int
		verification string
	}{
		{"signed", signed, []string{"--key", pub, "--decrypt-key", signedKey}, 0, "verified"},
		{"signed, other signature key", signed, []string{"--key", otherPub, "--decrypt-key", signedKey}, 3, ""},
		{"signed, other signature key, unverified allowed", signed, []string{"--key", otherPub, "--decrypt-key", signedKey, "--allow-unverified"}, 0, "failed"},
		{"signed, wrong decryption key", signed, []string{"--key", pub, "--decrypt-key", unsignedKey}, 5, ""},
		{"signed, no decryption key", signed, []string{"--key", pub}, 5, ""},
		{"unsigned, unverified allowed", unsigned, []string{"--allow-unverified", "--decrypt-key", unsignedKey}, 0, "skipped"},
		{"unsigned, with a key and unverified allowed", unsigned, []string{"--key", pub, "--allow-unverified", "--decrypt-key", unsignedKey}, 0, "failed"},
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
			assert.Equal(t, tc.vector.ExpectedClaim169, out["claim169"])
			assert.Equal(t, tc.vector.ExpectedCWT, out["cwt"])
			assert.Equal(t, map[string]any{"algorithm": tc.vector.EncryptionKey.Algorithm}, out["encryption"])
			if tc.vector.SigningKey != nil {
				assert.Equal(t, "EdDSA", out["algorithm"])
			} else {
				assert.NotContains(t, out, "algorithm", "an unsigned CWT has no signature algorithm")
			}
		})
	}
}
