package qr

import (
	"image"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The other encoders and the decoder the tests compare with: gozxing's
// encoder, which writes one segment (numeric for a text of digits,
// alphanumeric otherwise); github.com/skip2/go-qrcode, which mixes numeric
// and alphanumeric segments by a heuristic (and rendered this package's
// codes before it had its own encoder); and gozxing's QR reader.

var allLevels = []Level{L, M, Q, H}

// skip2Level is go-qrcode's name of a level.
func skip2Level(l Level) qrcode.RecoveryLevel {
	return [...]qrcode.RecoveryLevel{qrcode.Low, qrcode.Medium, qrcode.High, qrcode.Highest}[l.index()]
}

// skip2Version is the version go-qrcode picks for text by itself.
func skip2Version(t testing.TB, text string, l Level) int {
	t.Helper()
	q, err := qrcode.New(text, skip2Level(l))
	require.NoError(t, err)
	return q.VersionNumber
}

// gozxingEncode is gozxing's encoding of text, in one segment.
func gozxingEncode(t testing.TB, text string, l Level) *encoder.QRCode {
	t.Helper()
	q, err := encoder.Encoder_encodeWithoutHint(text, l.zx())
	require.NoError(t, err)
	return q
}

// gozxingVersion is the version gozxing's encoder picks for text.
func gozxingVersion(t testing.TB, text string, l Level) int {
	t.Helper()
	return gozxingEncode(t, text, l).GetVersion().GetVersionNumber()
}

// gozxingRead reads img with gozxing's QR reader and the PURE_BARCODE hint,
// meant for clean upright renderings: one read, independent of the
// attempts of Scan.
func gozxingRead(img image.Image) (string, error) {
	bitmap, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(gozxing.NewLuminanceSourceFromImage(img)))
	if err != nil {
		return "", err
	}
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	res, err := zxqr.NewQRCodeReader().Decode(bitmap, hints)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// assertDecodes checks that the code reads back as text, byte for byte,
// with Scan and with gozxing's reader.
func assertDecodes(t testing.TB, c *Code, text string) {
	t.Helper()
	img := c.Image()
	got, err := Scan(img)
	require.NoError(t, err, "Scan")
	assert.Equal(t, text, got, "Scan")
	got, err = gozxingRead(img)
	require.NoError(t, err, "gozxing")
	assert.Equal(t, text, got, "gozxing")
}

// modulesImage draws modules, dark[y][x], with a 4-module quiet zone and
// 2-pixel modules.
func modulesImage(dark [][]bool) image.Image {
	const size, quiet = 2, 4
	n := len(dark) + 2*quiet
	img := image.NewGray(image.Rect(0, 0, n*size, n*size))
	for y := range img.Rect.Dy() {
		for x := range img.Rect.Dx() {
			my, mx := y/size-quiet, x/size-quiet
			if my < 0 || mx < 0 || my >= len(dark) || mx >= len(dark) || !dark[my][mx] {
				img.SetGray(x, y, color.Gray{Y: 0xff})
			}
		}
	}
	return img
}

// digits returns n random digits.
func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// letters returns n random characters of the alphanumeric set that are
// not digits.
func letters(r *rand.Rand, n int) string {
	const set = "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	var b strings.Builder
	for range n {
		b.WriteByte(set[r.IntN(len(set))])
	}
	return b.String()
}

// runsText returns n characters in alternate runs of digits and of other
// characters, each run minRun to maxRun long (the last one cut to fit),
// starting with digits or not.
func runsText(r *rand.Rand, n, minRun, maxRun int, digitsFirst bool) string {
	var b strings.Builder
	for d := digitsFirst; b.Len() < n; d = !d {
		k := min(minRun+r.IntN(maxRun-minRun+1), n-b.Len())
		if d {
			b.WriteString(digits(r, k))
		} else {
			b.WriteString(letters(r, k))
		}
	}
	return b.String()
}
