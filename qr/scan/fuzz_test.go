package scan

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"testing"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/qr/render"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fuzzMaxPixels bounds the images the fuzz targets scan, to keep them fast.
const fuzzMaxPixels = 1 << 18

// FuzzReader feeds arbitrary bytes to the image decoders and the reader.
func FuzzReader(f *testing.F) {
	c, err := render.New("FUZZ 169", render.Options{ModuleSize: 2})
	if err != nil {
		f.Fatal(err)
	}
	var pngBuf, jpegBuf, gifBuf bytes.Buffer
	if err := c.WritePNG(&pngBuf); err != nil {
		f.Fatal(err)
	}
	if err := jpeg.Encode(&jpegBuf, c.Image(), nil); err != nil {
		f.Fatal(err)
	}
	if err := gif.Encode(&gifBuf, c.Image(), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(pngBuf.Bytes())
	f.Add(jpegBuf.Bytes())
	f.Add(gifBuf.Bytes())
	f.Add(imagetest.PNGHeader(100_000, 100_000))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := images.Decode(data)
		if err != nil {
			text, err2 := Reader(bytes.NewReader(data))
			assert.Empty(t, text)
			for _, sentinel := range []error{ErrImage, ErrTooLarge, ErrNotFound} {
				require.Equal(t, errors.Is(err, sentinel), errors.Is(err2, sentinel))
			}
			return
		}
		if b := img.Bounds(); b.Dx()*b.Dy() > fuzzMaxPixels {
			return // a few bytes of header can declare megapixels: too slow to fuzz
		}
		text, err := Reader(bytes.NewReader(data))
		if err != nil {
			assert.Empty(t, text)
		}
	})
}

// FuzzImage feeds arbitrary grey pixels to the reader: no panic, and an
// error means no text.
func FuzzImage(f *testing.F) {
	c, err := render.New("FUZZ", render.Options{ModuleSize: 1})
	if err != nil {
		f.Fatal(err)
	}
	g := toGray(c.Image())
	f.Add(uint8(g.Rect.Dx()), g.Pix)
	f.Add(uint8(14), finderTiles(28, 1, 0).Pix)
	f.Fuzz(func(t *testing.T, width uint8, pix []byte) {
		if len(pix) > fuzzMaxPixels {
			return
		}
		w := int(width)%64 + 1
		h := len(pix) / w
		img := &image.Gray{Pix: pix[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
		text, err := Image(img)
		if err != nil {
			assert.Empty(t, text)
		}
	})
}
