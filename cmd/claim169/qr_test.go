package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/scan"
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
// hybrid binarizer, a path independent of scan.Image's several attempts, and
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

// gozxingDraw draws, with gozxing's writer, the text scan.File reads in
// the image at path, with 8-pixel modules and a 4-module quiet zone.
func gozxingDraw(t *testing.T, path, level string) image.Image {
	t.Helper()
	text, err := scan.File(path)
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
			var got record.QRInfo
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
			assert.Equal(t, record.QRInfo{Version: plan.Version, ECC: level, Modules: 17 + 4*plan.Version,
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

// A PNG from the qr command reads back exactly, with scan.File and with
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
			in := writeFile(t, dir, "qr.txt", text+"\n")
			for _, args := range [][]string{{"--in", in}, nil} {
				out := filepath.Join(dir, "qr.png")
				r := runCLI(t, text+"\n", append([]string{"qr", "--ecc", level, "--png", out}, args...)...)
				require.Equal(t, 0, r.code, r.stderr)
				got, err := scan.File(out)
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

func qrPlanVersion(t *testing.T, text string, level qr.Level) int {
	t.Helper()
	p, err := qr.Plan(text, level)
	require.NoError(t, err)
	return p.Version
}
