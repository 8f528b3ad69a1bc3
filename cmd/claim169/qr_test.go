package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/idqr/claim169/qr"
)

// qrAlphabet is the QR alphanumeric set, which is also the Base45 alphabet.
const qrAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

var qrLevels = []string{"L", "M", "Q", "H"}

// qrRandomText returns n characters of the alphabet, starting with a letter
// so that a single-mode encoder chooses the alphanumeric mode.
func qrRandomText(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	b := []byte{'A' + byte(r.IntN(26))}
	for len(b) < n {
		b = append(b, qrAlphabet[r.IntN(len(qrAlphabet))])
	}
	return string(b)
}

// gozxingVersion returns the version github.com/makiuchi-d/gozxing's QR
// writer chooses for text at level, from the size of the code it draws
// without a margin.
func gozxingVersion(t *testing.T, text, level string) int {
	t.Helper()
	hints := map[gozxing.EncodeHintType]any{
		gozxing.EncodeHintType_ERROR_CORRECTION: level,
		gozxing.EncodeHintType_MARGIN:           0,
	}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	require.NoError(t, err)
	require.Equal(t, m.GetWidth(), m.GetHeight())
	return (m.GetWidth() - 17) / 4
}

// gozxingScanFile reads a rendered QR code with gozxing's QR reader on a
// hybrid binarizer, a path independent of qr.Scan's several attempts, and
// returns the text and the error correction level the code declares.
//
// gozxing's finder-pattern detector is misled by finder-like shapes in the
// data of about one code in thirty, whichever encoder drew it (its own writer
// included), so when the plain read fails the test checks that gozxing's own
// drawing of the text fails the same way, then reads with the PURE_BARCODE
// hint, which is meant for such upright renderings.
func gozxingScanFile(t *testing.T, path, level string) (string, string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, _, err := image.Decode(f)
	require.NoError(t, err)
	res, err := gozxingRead(img, nil)
	if err != nil {
		own, err := gozxingRead(gozxingDraw(t, path, level), nil)
		require.Error(t, err, "gozxing reads its own drawing of the text but not ours")
		require.Nil(t, own)
		res, err = gozxingRead(img, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
		require.NoError(t, err)
	}
	got, _ := res.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	return res.GetText(), got
}

func gozxingRead(img image.Image, hints map[gozxing.DecodeHintType]any) (*gozxing.Result, error) {
	bmp, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return nil, err
	}
	return qrcode.NewQRCodeReader().Decode(bmp, hints)
}

// gozxingDraw draws, with gozxing's writer, the text qr.ScanFile reads in
// the image at path, with 8-pixel modules and a 4-module quiet zone.
func gozxingDraw(t *testing.T, path, level string) image.Image {
	t.Helper()
	text, err := qr.ScanFile(path)
	require.NoError(t, err)
	hints := map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_ERROR_CORRECTION: level}
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, hints)
	require.NoError(t, err)
	img := image.NewGray(image.Rect(0, 0, 8*m.GetWidth(), 8*m.GetHeight()))
	for y := range img.Rect.Dy() {
		for x := range img.Rect.Dx() {
			if !m.Get(x/8, y/8) {
				img.SetGray(x, y, color.Gray{0xff})
			}
		}
	}
	return img
}

// The qr command reports what qr.Plan computes, and gozxing's encoder
// needs the same version: at every capacity boundary, at all four levels.
func TestQRReportsVersionOfSecondEncoder(t *testing.T) {
	t.Parallel()
	for i, level := range qrLevels {
		lv, err := qr.ParseLevel(level)
		require.NoError(t, err)
		var lengths []int
		for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
			// Every version at one level in four; at every level the small
			// versions and those where the count indicator grows (10, 27).
			if v%4 == i || v <= 10 || v == 26 || v == 27 || v == 40 {
				n := qr.MaxCharacters(v, lv)
				lengths = append(lengths, n, n+1)
			}
		}
		for _, n := range lengths {
			if n > qr.MaxCharacters(qr.MaxVersion, lv) {
				continue
			}
			text := qrRandomText(n, 169)
			plan, err := qr.Plan(text, lv)
			require.NoError(t, err)
			assert.Equal(t, gozxingVersion(t, text, level), plan.Version, "%d characters at %s", n, level)
			if n%3 != 0 && plan.Version > 3 { // the command itself for a part of them
				continue
			}
			r := runCLI(t, text+"\n", "qr", "--ecc", level)
			require.Equal(t, 0, r.code, r.stderr)
			var got qrInfo
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
			assert.Equal(t, qrInfo{Version: plan.Version, ECC: level, Modules: 17 + 4*plan.Version,
				Characters: n, Capacity: plan.Capacity, Remaining: plan.Capacity - n}, got)
		}
		// One character over version 40: a one-line error, exit 2.
		r := runCLI(t, qrRandomText(qr.MaxCharacters(qr.MaxVersion, lv)+1, 1), "qr", "--ecc", level)
		assert.Equal(t, 2, r.code, r.stderr)
	}
}

// Text made only of digits fits a smaller version in numeric mode, which a
// single-mode encoder such as gozxing's chooses.
func TestQRDigitsOnlyVersion(t *testing.T) {
	for _, n := range []int{41, 100, 500, 1000} {
		text := strings.Repeat("7", n)
		plan, err := qr.Plan(text, qr.M)
		require.NoError(t, err)
		assert.LessOrEqual(t, plan.Version, gozxingVersion(t, text, "M"), "%d digits", n)
	}
}

func TestQRUsageAndInputErrors(t *testing.T) {
	assert.Equal(t, 1, runCLI(t, "ABC", "qr", "--ecc", "X").code)
	assert.Equal(t, 1, runCLI(t, "ABC", "qr", "--in", filepath.Join(t.TempDir(), "none")).code)
	assert.Equal(t, 2, runCLI(t, "abc", "qr").code, "lower case is outside the alphanumeric set")
	assert.Equal(t, 2, runCLI(t, "\n", "qr").code, "empty")
}

// A PNG from the qr command reads back exactly, with qr.ScanFile and with
// gozxing's own reader, spaces included.
func TestQRPNGScansBackExactly(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, text, level string }{
		{"leading space", " LEADING SPACE", "L"},
		{"trailing space", "TRAILING SPACE ", "M"},
		{"double spaces", "DOUBLE  SPACES   INSIDE", "Q"},
		{"only spaces", "   ", "H"},
		{"whole alphabet", qrAlphabet, "L"},
		{"alphabet twice", qrAlphabet + " " + qrAlphabet, "H"},
		{"long", qrRandomText(1000, 7), "Q"},
		{"around a space", " " + qrRandomText(300, 8) + " ", "M"},
		// Data with a finder-like shape that gozxing's plain detector takes
		// for a finder pattern (found by trying every version).
		{"misleads gozxing", qrRandomText(qr.MaxCharacters(6, qr.L), 7), "L"},
	}
	for _, tt := range tests {
		text, level := tt.text, tt.level
		t.Run(tt.name+" "+level, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "qr.txt")
			require.NoError(t, os.WriteFile(in, []byte(text+"\n"), 0o644))
			for _, args := range [][]string{{"--in", in}, nil} {
				out := filepath.Join(dir, "qr.png")
				r := runCLI(t, text+"\n", append([]string{"qr", "--ecc", level, "--png", out}, args...)...)
				require.Equal(t, 0, r.code, r.stderr)
				got, err := qr.ScanFile(out)
				require.NoError(t, err)
				assert.Equal(t, text, got)
				got, gotLevel := gozxingScanFile(t, out, level)
				assert.Equal(t, text, got)
				assert.Equal(t, level, gotLevel)
				assert.Equal(t, float64(len(text)), decodeJSON(t, r.stdout)["characters"])
			}
		})
	}
}

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
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, out, &jpeg.Options{Quality: 70}))
	require.NoError(t, os.WriteFile(jpegPath, b.Bytes(), 0o644))
}

// The command reads a degraded photo of its own printout.
func TestDecodeDegradedPhotoOfPrintout(t *testing.T) {
	t.Parallel()
	face := base64.StdEncoding.EncodeToString(photoFit(t, 600))
	records := map[string]string{
		"sample":             sampleRecord,
		"with a 600 B photo": `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","face":[{"data":"` + face + `","format":0,"subFormat":1}]},"cwt":{"issuer":"www.mosip.io"}}`,
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

func qrPlanVersion(t *testing.T, text string, level qr.Level) int {
	t.Helper()
	p, err := qr.Plan(text, level)
	require.NoError(t, err)
	return p.Version
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
	notImage := filepath.Join(dir, "record.json")
	require.NoError(t, os.WriteFile(notImage, []byte(sampleRecord), 0o644))
	blank := filepath.Join(dir, "blank.png")
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, photoLike(320, 240)))
	require.NoError(t, os.WriteFile(blank, b.Bytes(), 0o644))
	prefix, text := issue(t, "EdDSA", sampleRecord)
	txt := filepath.Join(dir, "qr.txt")
	require.NoError(t, os.WriteFile(txt, []byte(text), 0o644))
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

// photoLike draws a portrait-like picture: a graded background, a face
// with eyes and a mouth, and sensor noise.
func photoLike(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	cx, cy, rx, ry := float64(w)/2, float64(h)/2, float64(w)/4, float64(h)/3
	for y := range h {
		fy := (float64(y) - cy) / ry
		for x := range w {
			fx := (float64(x) - cx) / rx
			c := [3]int{60 + 120*y/h, 90, 160}
			eye := math.Abs(fx) - 0.4
			switch {
			case eye*eye+(fy+0.3)*(fy+0.3) < 0.0144:
				c = [3]int{40, 30, 30}
			case math.Abs(fx) < 0.4 && math.Abs(fy-0.45) < 0.06:
				c = [3]int{150, 60, 60}
			case fx*fx+fy*fy < 1:
				c = [3]int{220, 180, 150 - int(30*fy)}
			}
			n, p := r.IntN(21)-10, img.Pix[img.PixOffset(x, y):]
			p[0], p[1], p[2], p[3] = uint8(min(max(c[0]+n, 0), 255)), uint8(min(max(c[1]+n, 0), 255)), uint8(min(max(c[2]+n, 0), 255)), 0xff
		}
	}
	return img
}

// photoFit runs the photo command on a 640x480 picture and returns the JPEG.
func photoFit(t *testing.T, budget int) []byte {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.png"), filepath.Join(dir, "face.jpg")
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, photoLike(640, 480)))
	require.NoError(t, os.WriteFile(in, b.Bytes(), 0o644))
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
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
		return path
	}
	asPNG := func(w, h int) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error { return png.Encode(b, photoLike(w, h)) }
	}
	asJPEG := func(w, h int) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error { return jpeg.Encode(b, photoLike(w, h), &jpeg.Options{Quality: 90}) }
	}
	sources := map[string]string{
		"10x10 png":      write("a.png", asPNG(10, 10)),
		"64x48 jpeg":     write("b.jpg", asJPEG(64, 48)),
		"640x480 png":    write("c.png", asPNG(640, 480)),
		"640x480 gif":    write("d.gif", func(b *bytes.Buffer) error { return gif.Encode(b, photoLike(640, 480), nil) }),
		"3000x2000 jpeg": write("e.jpg", asJPEG(3000, 2000)),
		"2000x200 png":   write("f.png", asPNG(2000, 200)),
		"200x2000 jpeg":  write("g.jpg", asJPEG(200, 2000)),
		"lossy webp":     "../../biometrics/testdata/blue-purple-pink.lossy.webp",
		"alpha webp":     "../../biometrics/testdata/gopher-doc.with-alpha.lossless.webp",
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
		assert.Equal(t, 2, runCLI(t, "", "photo", "--max-bytes", "600", "--in", "qr_test.go", "--out", out).code, "not an image")
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
	require.NoError(t, png.Encode(&b, photoLike(4, 4)))
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

// A credential over --max-version is refused with one line naming the
// photo and the version it needs, and no identity data.
func TestEncodeMaxVersion(t *testing.T) {
	photo := make([]byte, 1000)
	_, _ = rand.NewChaCha8([32]byte{169}).Read(photo) // incompressible
	record := `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","photo":"` +
		base64.StdEncoding.EncodeToString(photo) + `"}}`
	prefix, _ := issue(t, "EdDSA", `{"claim169":{"id":"1"}}`)
	r := runCLI(t, record, "encode", "--key", prefix+".key.pem")
	require.Equal(t, 0, r.code, r.stderr)
	need := qrPlanVersion(t, strings.TrimSuffix(r.stdout, "\n"), qr.Q)
	require.Greater(t, need, 10)

	r = runCLI(t, record, "encode", "--key", prefix+".key.pem", "--max-version", "10", "--ecc", "Q")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "photo")
	assert.Contains(t, r.stderr, fmt.Sprintf("version %d at Q", need))
	assert.NotContains(t, r.stderr, "Janardhan")
	assert.NotContains(t, r.stderr, "3918592438")

	r = runCLI(t, record, "encode", "--key", prefix+".key.pem", "--max-version", fmt.Sprint(need), "--ecc", "Q")
	assert.Equal(t, 0, r.code, "fits exactly at the version it needs: %s", r.stderr)
	for _, bad := range []string{"0x", "41", "-1"} {
		r = runCLI(t, record, "encode", "--key", prefix+".key.pem", "--max-version", bad)
		assert.Equal(t, 1, r.code, bad)
	}
}
