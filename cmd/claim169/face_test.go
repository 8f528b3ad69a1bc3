package main

import (
	"encoding/base64"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// realisticRecord is a card's identity: names, address, contact, dates.
const realisticRecord = `{"claim169":{"id":"3918592438","fullName":"Janardhan Bengaluru Srinivasa",
  "firstName":"Janardhan","lastName":"Srinivasa","dateOfBirth":"19840418","gender":1,
  "address":"New House, Near Metro Line, Bengaluru, KA 560001","email":"janardhan@example.com",
  "phone":"+919876543210","nationality":"IN","secondaryFullName":"ಜನಾರ್ದನ ಶ್ರೀನಿವಾಸ",
  "secondaryLanguage":"KAN","locationCode":"849VCWC8+R9"},
  "cwt":{"issuer":"https://id.example.org","issuedAt":"2026-01-01T00:00:00Z","expiresAt":"2031-01-01T00:00:00Z"}}`

// writePortrait writes a phone-sized portrait JPEG and returns its path.
func writePortrait(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "portrait.jpg")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, jpeg.Encode(f, imagetest.Portrait(900, 1200, 1), &jpeg.Options{Quality: 90}))
	require.NoError(t, f.Close())
	return path
}

// faceOf decodes text with the key of prefix and returns its face JPEG.
func faceOf(t *testing.T, prefix, text string) []byte {
	t.Helper()
	r := runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", "2027-01-01T00:00:00Z")
	require.Equal(t, 0, r.code, r.stderr)
	out := decodeJSON(t, r.stdout)
	face := out["claim169"].(map[string]any)["face"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(0), face["format"], "image")
	assert.Equal(t, float64(1), face["subFormat"], "JPEG")
	data, err := base64.StdEncoding.DecodeString(face["data"].(string))
	require.NoError(t, err)
	_, err = jpeg.DecodeConfig(strings.NewReader(string(data)))
	require.NoError(t, err, "a JPEG")
	return data
}

func TestEncodeFace(t *testing.T) {
	prefix, _ := issue(t, "EdDSA", sampleRecord)
	portrait := writePortrait(t)
	key := prefix + ".key.pem"

	// Without a QR budget: the default 600 bytes, or --face-bytes.
	r := runCLI(t, realisticRecord, "encode", "--key", key, "--face", portrait)
	require.Equal(t, 0, r.code, r.stderr)
	assert.LessOrEqual(t, len(faceOf(t, prefix, r.stdout)), 600)
	r = runCLI(t, realisticRecord, "encode", "--key", key, "--face", portrait, "--face-bytes", "400")
	require.Equal(t, 0, r.code, r.stderr)
	assert.LessOrEqual(t, len(faceOf(t, prefix, r.stdout)), 400)

	// With --max-version the picture gets the room the rest leaves, and the
	// credential fits.
	for _, tc := range []struct {
		ecc, version string
	}{{"Q", "25"}, {"M", "20"}, {"L", "17"}} {
		t.Run(tc.ecc+tc.version, func(t *testing.T) {
			r := runCLI(t, realisticRecord, "encode", "--key", key, "--face", portrait, "--ecc", tc.ecc, "--max-version", tc.version)
			require.Equal(t, 0, r.code, r.stderr)
			face := faceOf(t, prefix, r.stdout)
			assert.Greater(t, len(face), 200, "the room is used")
			t.Logf("face %d bytes", len(face))
			q := runCLI(t, r.stdout, "qr", "--ecc", tc.ecc)
			require.Equal(t, 0, q.code, q.stderr)
			assert.LessOrEqual(t, decodeJSON(t, q.stdout)["version"], mustFloat(tc.version))
		})
	}

	// No room: said, with exit 2.
	r = runCLI(t, realisticRecord, "encode", "--key", key, "--face", portrait, "--ecc", "H", "--max-version", "10")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	// A face in the record and --face: refused.
	r = runCLI(t, `{"claim169":{"face":[{"data":"AA=="}]}}`, "encode", "--key", key, "--face", portrait)
	assert.Equal(t, 1, r.code)
	r = runCLI(t, realisticRecord, "encode", "--key", key, "--face-bytes", "300")
	assert.Equal(t, 1, r.code, "--face-bytes needs --face")
}

func mustFloat(s string) float64 {
	var f float64
	for _, c := range s {
		f = f*10 + float64(c-'0')
	}
	return f
}
