package render

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/zxtest"
	"github.com/idqr/claim169/qr/scan"
	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The other encoders and the decoder the tests compare with: gozxing's
// encoder, which writes one segment (numeric for a text of digits,
// alphanumeric otherwise), and its Reed-Solomon encoder, matrix builder
// and mask penalty rules; github.com/skip2/go-qrcode, which mixes numeric
// and alphanumeric segments by a heuristic (and rendered this package's
// codes before it had its own encoder); and gozxing's QR reader. None of
// them is linked by the package itself.

var allLevels = []qr.Level{qr.L, qr.M, qr.Q, qr.H}

// recovery is go-qrcode's name of a level; l must be L, M, Q or H.
func recovery(l qr.Level) qrcode.RecoveryLevel {
	return [...]qrcode.RecoveryLevel{qrcode.Low, qrcode.Medium, qrcode.High, qrcode.Highest}[l-qr.L]
}

// skip2Version is the version go-qrcode picks for text by itself.
func skip2Version(t testing.TB, text string, l qr.Level) int {
	t.Helper()
	q, err := qrcode.New(text, recovery(l))
	require.NoError(t, err)
	return q.VersionNumber
}

// gozxingEncode is gozxing's encoding of text, in one segment.
func gozxingEncode(t testing.TB, text string, l qr.Level) *encoder.QRCode {
	t.Helper()
	q, err := encoder.Encoder_encodeWithoutHint(text, zxtest.Level(l))
	require.NoError(t, err)
	return q
}

// gozxingVersion is the version gozxing's encoder picks for text.
func gozxingVersion(t testing.TB, text string, l qr.Level) int {
	t.Helper()
	return gozxingEncode(t, text, l).GetVersion().GetVersionNumber()
}

// gozxingRead reads img with gozxing's QR reader and the PURE_BARCODE hint,
// meant for clean upright renderings: one read, independent of the
// attempts of scan.Image.
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

// requireScans checks that scan.Image reads text back from the code's
// image, byte for byte.
func requireScans(t testing.TB, c *Code, text string) {
	t.Helper()
	got, err := scan.Image(c.Image())
	require.NoError(t, err, "scan.Image")
	require.Equal(t, text, got, "scan.Image")
}

// assertDecodes checks that the code reads back as text, byte for byte,
// with scan.Image and with gozxing's reader.
func assertDecodes(t testing.TB, c *Code, text string) {
	t.Helper()
	requireScans(t, c, text)
	got, err := gozxingRead(c.Image())
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

// fillVersion returns the longest prefix of text that qr.Plan puts in
// version v at level l, which is then full: one more character would need
// version v+1.
func fillVersion(t testing.TB, text string, v int, l qr.Level) string {
	t.Helper()
	lo, hi := 1, len(text) // Plan(text[:lo]) fits v, text[:hi] does not
	for lo+1 < hi {
		mid := (lo + hi) / 2
		p, err := qr.Plan(text[:mid], l)
		if err == nil && p.Version <= v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return text[:lo]
}

// maxDigits is how many digits version v holds at level l, as qr.Plan
// counts them: the numeric figure of ISO/IEC 18004 Table 7, which package
// qr's own tests check against the table.
func maxDigits(t testing.TB, v int, l qr.Level) int {
	t.Helper()
	return len(fillVersion(t, strings.Repeat("1", 7090), v, l))
}

// segmentBits is the length of text in one segment of mode m at version v.
func segmentBits(text string, m qr.Mode, v int) int {
	return qrtest.SegmentBits(text, m == qr.ModeNumeric, qrtest.SizeClass(v))
}
