package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// The photo command, encode --face, which fits a portrait into the face
// field the same way, and the format warnings of what they write.

// photoFit runs the photo command on a 640x480 picture and returns the JPEG.
func photoFit(t *testing.T, budget int) []byte {
	t.Helper()
	dir := t.TempDir()
	in := writeFile(t, dir, "in.png", imagetest.Encode(t, imagetest.Portrait(640, 480, 1), "PNG", 0))
	out := filepath.Join(dir, "face.jpg")
	r := runCLI(t, "", "photo", "--max-bytes", fmt.Sprint(budget), "--in", in, "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	data := mustReadFile(t, out)
	return data
}

// A face photo of any size and format fits 600 bytes as a readable JPEG.
func TestPhotoFitsBudget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, format string, w, h int) string {
		return writeFile(t, dir, name, imagetest.Encode(t, imagetest.Portrait(w, h, 1), format, 90))
	}
	sources := map[string]string{
		"10x10 png":      write("a.png", "PNG", 10, 10),
		"64x48 jpeg":     write("b.jpg", "JPEG", 64, 48),
		"640x480 png":    write("c.png", "PNG", 640, 480),
		"640x480 gif":    write("d.gif", "GIF", 640, 480),
		"3000x2000 jpeg": write("e.jpg", "JPEG", 3000, 2000),
		"2000x200 png":   write("f.png", "PNG", 2000, 200),
		"200x2000 jpeg":  write("g.jpg", "JPEG", 200, 2000),
		"lossy webp":     "../../testdata/webp/" + imagetest.WebPLossy,
		"alpha webp":     "../../testdata/webp/" + imagetest.WebPLossless,
	}
	for name, in := range sources {
		for _, gray := range []bool{false, true} {
			if gray && !strings.HasPrefix(name, "640x480") && !strings.HasSuffix(name, "webp") {
				continue
			}
			t.Run(fmt.Sprintf("%s gray=%v", name, gray), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "face.jpg")
				args := []string{"photo", "--max-bytes", "600", "--in", in, "--out", out}
				if gray {
					args = append(args, "--gray")
				}
				r := runCLI(t, "", args...)
				require.Equal(t, 0, r.code, r.stderr)
				data := mustReadFile(t, out)
				assert.LessOrEqual(t, len(data), 600)
				img, err := jpeg.Decode(bytes.NewReader(data))
				require.NoError(t, err)
				_, isGray := img.(*image.Gray)
				assert.Equal(t, gray, isGray)
				var info photoInfo
				require.NoError(t, json.Unmarshal([]byte(r.stdout), &info))
				assert.Equal(t, photoInfo{Bytes: len(data), Width: img.Bounds().Dx(), Height: img.Bounds().Dy(), Gray: gray}, info)
			})
		}
	}
	t.Run("errors", func(t *testing.T) {
		in, out := sources["640x480 png"], filepath.Join(t.TempDir(), "face.jpg")
		assert.Equal(t, 2, runCLI(t, "", "photo", "--max-bytes", "40", "--in", in, "--out", out).code, "impossible budget")
		assert.Equal(t, 2, runCLI(t, "", "photo", "--max-bytes", "600", "--in", "photo_test.go", "--out", out).code, "not an image")
		assert.Equal(t, 1, runCLI(t, "", "photo", "--max-bytes", "600", "--in", filepath.Join(dir, "none"), "--out", out).code)
		assert.Equal(t, 1, runCLI(t, "", "photo", "--in", in, "--out", out).code, "no --max-bytes")
		assert.Equal(t, 1, runCLI(t, "", "photo", "--max-bytes", "600", "--out", out).code, "no --in")
		assert.Equal(t, 1, runCLI(t, "", "photo", "--max-bytes", "600", "--in", in).code, "no --out")
		assert.NoFileExists(t, out, "nothing written on failure")
	})
}

// PNG bytes declared as JPEG, as the photo or as a face, decode with a
// warning that names PNG and no data.
func TestFormatContradictionWarnings(t *testing.T) {
	pngData := base64.StdEncoding.EncodeToString(imagetest.Encode(t, imagetest.Portrait(4, 4, 1), "PNG", 0))
	jpegData := base64.StdEncoding.EncodeToString(photoFit(t, 300))
	tests := []struct {
		name, identity string
		warn           string // "" for no warning
	}{
		{"photo PNG as JPEG", `"photo":"` + pngData + `","photoFormat":1`, "photo"},
		{"face PNG as JPEG", `"face":[{"data":"` + pngData + `","format":0,"subFormat":1}]`, "face"},
		{"photo JPEG as JPEG", `"photo":"` + jpegData + `","photoFormat":1`, ""},
		{"face JPEG as JPEG", `"face":[{"data":"` + jpegData + `","format":0,"subFormat":1}]`, ""},
		{"face PNG as PNG", `"face":[{"data":"` + pngData + `","format":0,"subFormat":0}]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix, text := issue(t, "EdDSA", `{"claim169":{"id":"7",`+tt.identity+`}}`)
			r := runCLI(t, text, "decode", "--key", prefix+".pub.pem")
			require.Equal(t, 0, r.code, r.stderr)
			warnings := decodeJSON(t, r.stdout)["warnings"].([]any)
			if strings.Contains(tt.identity, `"photo"`) {
				// Keys 16 and 17 are deprecated (specification 1.2.1): the last warning says so.
				require.NotEmpty(t, warnings)
				assert.Contains(t, warnings[len(warnings)-1], "deprecated")
				warnings = warnings[:len(warnings)-1]
			}
			if tt.warn == "" {
				assert.Empty(t, warnings)
				return
			}
			require.Len(t, warnings, 1)
			w := warnings[0].(string)
			assert.Contains(t, w, "PNG")
			assert.Contains(t, w, "JPEG")
			assert.Contains(t, w, tt.warn)
			assert.NotContains(t, w, pngData[:12])
		})
	}
}

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
	return writeFile(t, t.TempDir(), "portrait.jpg", imagetest.Encode(t, imagetest.Portrait(900, 1200, 1), "JPEG", 90))
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
