package main

import (
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/qr"
)

// The --image flag of decode and inspect: codes read from the command's
// own PNGs and from a degraded photo of a printout, and the errors.

// encode --png writes a code that decode --image verifies, and that a
// second reader sees at the level asked.
func TestEncodePNGThenDecodeImage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "card.png")
	prefix, text := issue(t, "EdDSA", sampleRecord, "--png", out, "--ecc", "Q")
	got, level := gozxingScanFile(t, out, "Q")
	assert.Equal(t, text, got)
	assert.Equal(t, "Q", level)

	r := runCLI(t, "", "decode", "--image", out, "--key", prefix+".pub.pem", "--now", "1760000000")
	require.Equal(t, 0, r.code, r.stderr)
	dec := decodeJSON(t, r.stdout)
	assert.Equal(t, "verified", dec["verification"])
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(sampleRecord), &rec))
	assert.Equal(t, rec["claim169"], dec["claim169"])
	assert.Equal(t, rec["cwt"], dec["cwt"])

	r = runCLI(t, "", "inspect", "--image", out)
	require.Equal(t, 0, r.code, r.stderr)
	ins := decodeJSON(t, r.stdout)
	assert.Equal(t, "skipped", ins["verification"])
	assert.Equal(t, rec["claim169"], ins["claim169"])
	assert.Equal(t, "issuer-kid", ins["kid"])

	r = runCLI(t, sampleRecord, "encode", "--key", prefix+".key.pem", "--png", out, "--ecc", "Z")
	assert.Equal(t, 1, r.code, "bad --ecc")
}

// qrDegrade makes a phone photo of a printed code: turned by 8 degrees,
// scaled to 70 %, on a larger grey card under uneven light, blurred, noisy,
// and saved as a JPEG of quality 70.
func qrDegrade(t *testing.T, pngPath, jpegPath string) {
	t.Helper()
	f, err := os.Open(pngPath)
	require.NoError(t, err)
	src, err := png.Decode(f)
	require.NoError(t, f.Close())
	require.NoError(t, err)
	const scale, angle = 0.7, 8 * math.Pi / 180
	side := int(float64(src.Bounds().Dx()) * scale * 1.6)
	card := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(card, card.Bounds(), image.NewUniform(color.RGBA{0xa8, 0xa8, 0xa0, 0xff}), image.Point{}, draw.Src)
	cos, sin := scale*math.Cos(angle), scale*math.Sin(angle)
	cx, cy := float64(src.Bounds().Dx())/2, float64(src.Bounds().Dy())/2
	m := f64.Aff3{cos, -sin, float64(side)/2 - (cos*cx - sin*cy), sin, cos, float64(side)/2 - (sin*cx + cos*cy)}
	draw.BiLinear.Transform(card, m, src, src.Bounds(), draw.Over, nil)

	out := image.NewRGBA(card.Bounds())
	r := rand.New(rand.NewPCG(8, 70))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			light := 0.8 + 0.2*float64(x)/float64(side) // darker on the left
			var sum [3]int
			for dy := -1; dy <= 1; dy++ { // 3x3 box blur
				for dx := -1; dx <= 1; dx++ {
					c := card.RGBAAt(min(max(x+dx, 0), side-1), min(max(y+dy, 0), side-1))
					sum[0], sum[1], sum[2] = sum[0]+int(c.R), sum[1]+int(c.G), sum[2]+int(c.B)
				}
			}
			var px [3]uint8
			for i, s := range sum {
				v := light*float64(s)/9 + float64(r.IntN(41)-20)
				px[i] = uint8(min(max(v, 0), 255))
			}
			out.SetRGBA(x, y, color.RGBA{px[0], px[1], px[2], 0xff})
		}
	}
	require.NoError(t, os.WriteFile(jpegPath, imagetest.Encode(t, out, "JPEG", 70), 0o644))
}

// The command reads a degraded photo of its own printout.
func TestDecodeDegradedPhotoOfPrintout(t *testing.T) {
	t.Parallel()
	face := base64.StdEncoding.EncodeToString(photoFit(t, 600))
	records := map[string]string{
		"sample":             sampleRecord,
		"with a 600 B photo": `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","face":[{"data":"` + face + `","format":0,"subFormat":1}]},"cwt":{"issuer":"https://mosip.io"}}`,
	}
	for name, record := range records {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			card, photo := filepath.Join(dir, "card.png"), filepath.Join(dir, "photo.jpg")
			prefix, text := issue(t, "EdDSA", record, "--png", card, "--ecc", "Q")
			qrDegrade(t, card, photo)
			r := runCLI(t, "", "decode", "--image", photo, "--key", prefix+".pub.pem", "--now", "1760000000")
			require.Equal(t, 0, r.code, "version %d: %s", qrPlanVersion(t, text, qr.Q), r.stderr)
			out := decodeJSON(t, r.stdout)
			assert.Equal(t, "verified", out["verification"])
			assert.Equal(t, "Janardhan BS", out["claim169"].(map[string]any)["fullName"])
			assert.Equal(t, []any{}, out["warnings"], "the fitted JPEG is declared as JPEG")
		})
	}
}

// A missing --image file is an I/O error (exit 1), like a missing --in.
func TestImageMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.png")
	for _, args := range [][]string{{"decode", "--allow-unverified"}, {"inspect"}} {
		r := runCLI(t, "", append(args, "--image", missing)...)
		assert.Equal(t, 1, r.code, r.stderr)
	}
}

func TestImageFlagErrors(t *testing.T) {
	dir := t.TempDir()
	notImage := writeFile(t, dir, "record.json", sampleRecord)
	blank := writeFile(t, dir, "blank.png", imagetest.Encode(t, imagetest.Portrait(320, 240, 1), "PNG", 0))
	prefix, text := issue(t, "EdDSA", sampleRecord)
	txt := writeFile(t, dir, "qr.txt", text)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"not an image", []string{"--image", notImage}, 2},
		{"no code in the image", []string{"--image", blank}, 2},
		{"--in and --image", []string{"--image", blank, "--in", txt}, 1},
	}
	for _, tt := range tests {
		for _, cmd := range [][]string{{"decode", "--key", prefix + ".pub.pem"}, {"inspect"}} {
			t.Run(tt.name+" "+cmd[0], func(t *testing.T) {
				r := runCLI(t, text, append(cmd, tt.args...)...)
				assert.Equal(t, tt.code, r.code, r.stderr)
				assert.Empty(t, r.stdout)
				assert.NotContains(t, r.stderr, "Janardhan")
			})
		}
	}
}
