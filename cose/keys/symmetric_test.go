package keys

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSymmetricKey(t *testing.T) {
	k16 := "000102030405060708090a0b0c0d0e0f"
	k24 := k16 + "1011121314151617"
	k32 := k24 + "18191a1b1c1d1e1f"
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"16 bytes", k16, k16},
		{"24 bytes", k24, k24},
		{"32 bytes", k32, k32},
		{"upper case", strings.ToUpper(k32), k32},
		{"trailing newline", k32 + "\n", k32},
		{"CRLF and spaces", "  " + k16 + " \r\n", k16},
		{"JWK 16 bytes", `{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}`, k16},
		{"JWK 32 bytes with alg", `{"kty":"oct","alg":"A256GCM","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}` + "\n", k32},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key, err := ParseSymmetricKey([]byte(tc.input))
			require.NoError(t, err)
			assert.Equal(t, tc.want, hex.EncodeToString(key))
		})
	}
}

func TestParseSymmetricKeyRefusals(t *testing.T) {
	secret := "00112233445566778899aabbccddeeff"
	tests := []struct {
		name    string
		input   string
		wantErr error
	}{
		{"empty", "", ErrInvalidKey},
		{"30 digits", secret[:30], ErrInvalidKey},
		{"34 digits", secret + "00", ErrInvalidKey},
		{"66 digits", secret + secret + "00", ErrInvalidKey},
		{"not hex", secret[:31] + "g", ErrInvalidKey},
		{"space inside", secret[:16] + " " + secret[17:], ErrInvalidKey},
		{"0x prefix", "0x" + secret[2:], ErrInvalidKey},
		{"base64", "ABEiM0RVZneImaq7zN3u/w==", ErrInvalidKey},
		{"JWK of another type", `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`, ErrUnsupportedKey},
		{"JWK without k", `{"kty":"oct"}`, ErrInvalidKey},
		{"JWK k not base64url", `{"kty":"oct","k":"ABEiM0RVZneImaq7zN3u/w=="}`, ErrInvalidKey},
		{"JWK of 20 bytes", `{"kty":"oct","k":"ABEiM0RVZneImaq7zN3u_wARIjM"}`, ErrInvalidKey},
		{"malformed JWK", `{"kty":"oct","k":`, ErrInvalidKey},
		{"too large", strings.Repeat(" ", MaxKeyFileSize) + secret, ErrInvalidKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key, err := ParseSymmetricKey([]byte(tc.input))
			require.ErrorIs(t, err, tc.wantErr)
			assert.Nil(t, key)
			for _, part := range []string{secret[:8], secret[8:16], secret[16:24], secret[24:], "ABEiM0RV"} {
				assert.NotContains(t, err.Error(), part, "the error echoes the key")
			}
		})
	}
}

func TestLoadSymmetricKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key.hex")
	require.NoError(t, os.WriteFile(path, []byte("000102030405060708090a0b0c0d0e0f\n"), 0o600))
	key, err := LoadSymmetricKeyFile(path)
	require.NoError(t, err)
	assert.Len(t, key, 16)

	big := filepath.Join(dir, "big.hex")
	require.NoError(t, os.WriteFile(big, make([]byte, MaxKeyFileSize+1), 0o600))
	key, err = LoadSymmetricKeyFile(big)
	assert.ErrorIs(t, err, ErrInvalidKey)
	assert.Nil(t, key)

	_, err = LoadSymmetricKeyFile(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
