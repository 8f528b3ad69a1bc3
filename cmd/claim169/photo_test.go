package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// The photo command, and the format warnings of what it writes.

// photoFit runs the photo command on a 640x480 picture and returns the JPEG.
func photoFit(t *testing.T, budget int) []byte {
	t.Helper()
	dir := t.TempDir()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, imagetest.Portrait(640, 480, 1)))
	in, out := writeFile(t, dir, "in.png", b.Bytes()), filepath.Join(dir, "face.jpg")
	r := runCLI(t, "", "photo", "--max-bytes", fmt.Sprint(budget), "--in", in, "--out", out)
	require.Equal(t, 0, r.code, r.stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	return data
}

// A face photo of any size and format fits 600 bytes as a readable JPEG.
func TestPhotoFitsBudget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, encode func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		require.NoError(t, encode(&b))
		return writeFile(t, dir, name, b.Bytes())
	}
	asPNG := func(w, h int) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error { return png.Encode(b, imagetest.Portrait(w, h, 1)) }
	}
	asJPEG := func(w, h int) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error {
			return jpeg.Encode(b, imagetest.Portrait(w, h, 1), &jpeg.Options{Quality: 90})
		}
	}
	sources := map[string]string{
		"10x10 png":      write("a.png", asPNG(10, 10)),
		"64x48 jpeg":     write("b.jpg", asJPEG(64, 48)),
		"640x480 png":    write("c.png", asPNG(640, 480)),
		"640x480 gif":    write("d.gif", func(b *bytes.Buffer) error { return gif.Encode(b, imagetest.Portrait(640, 480, 1), nil) }),
		"3000x2000 jpeg": write("e.jpg", asJPEG(3000, 2000)),
		"2000x200 png":   write("f.png", asPNG(2000, 200)),
		"200x2000 jpeg":  write("g.jpg", asJPEG(200, 2000)),
		"lossy webp":     "../../testdata/webp/blue-purple-pink.lossy.webp",
		"alpha webp":     "../../testdata/webp/gopher-doc.with-alpha.lossless.webp",
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
				data, err := os.ReadFile(out)
				require.NoError(t, err)
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
		_, err := os.Stat(out)
		assert.True(t, os.IsNotExist(err), "nothing written on failure")
	})
}

// PNG bytes declared as JPEG, as the photo or as a face, decode with a
// warning that names PNG and no data.
func TestFormatContradictionWarnings(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, imagetest.Portrait(4, 4, 1)))
	pngData := base64.StdEncoding.EncodeToString(b.Bytes())
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
