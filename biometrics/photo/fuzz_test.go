package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// fuzzMaxPixels bounds the pictures the fuzz targets fit, to keep them
// fast: a few bytes of header can declare megapixels.
const fuzzMaxPixels = 1 << 16

// FuzzFitReader feeds arbitrary bytes to the image decoders and the
// fitting: an error means no bytes, success means a decodable JPEG within
// the budget.
func FuzzFitReader(f *testing.F) {
	encoded := imagetest.Encodings(f, imagetest.Portrait(40, 30, 1), 0)
	f.Add(encoded["PNG"], uint16(600))
	f.Add(encoded["JPEG"], uint16(400))
	f.Add(encoded["GIF"], uint16(300))
	f.Add(imagetest.WebPFile(f, imagetest.WebPLossy), uint16(600))
	f.Add(imagetest.WebPFile(f, imagetest.WebPLossless), uint16(500))
	f.Add(imagetest.PNGHeader(100_000, 100_000), uint16(600))
	f.Add(imagetest.ProgressiveJPEG(40, 30, 5), uint16(600))
	f.Add(imagetest.ProgressiveJPEG(16, 16, 2000), uint16(600))
	f.Add(imagetest.BlankPNG(40, 30, 16, imagetest.RGBA, true), uint16(600))
	f.Add(imagetest.BlankPNG(8000, 8000, 8, imagetest.Gray, false), uint16(600))
	f.Fuzz(func(t *testing.T, in []byte, budget uint16) {
		if img, err := images.Decode(in); err == nil {
			if b := img.Bounds(); b.Dx()*b.Dy() > fuzzMaxPixels {
				return
			}
		}
		data, err := FitReader(bytes.NewReader(in), Options{MaxBytes: int(budget)})
		if err != nil {
			assert.Nil(t, data)
			return
		}
		require.LessOrEqual(t, len(data), int(budget))
		_, err = jpeg.Decode(bytes.NewReader(data))
		require.NoError(t, err)
	})
}

// FuzzOptimizeHuffman feeds arbitrary bytes to the JPEG rewriter: an error
// means no output, and output decodes to the same pixels as the input.
func FuzzOptimizeHuffman(f *testing.F) {
	for i, size := range []image.Point{{1, 1}, {9, 7}, {33, 17}} {
		var src image.Image = imagetest.Portrait(size.X, size.Y, uint64(i))
		if i == 1 {
			src = toGrayImage(imagetest.Portrait(size.X, size.Y, 5))
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 20 * (i + 1)}); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := optimizeHuffman(in)
		if err != nil {
			assert.Nil(t, out)
			return
		}
		c, err := jpeg.DecodeConfig(bytes.NewReader(in))
		if err != nil || c.Width*c.Height > fuzzMaxPixels {
			return
		}
		want, err := jpeg.Decode(bytes.NewReader(in))
		if err != nil {
			return // the rewriter is lenient where image/jpeg is not
		}
		got, err := jpeg.Decode(bytes.NewReader(out))
		require.NoError(t, err)
		require.Equal(t, want, got)
	})
}
