package scan

import (
	"image"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestToGrayShrinks checks the grey working image of large images against
// the mean of each block, computed here pixel by pixel, for the two planes
// read a row at a time (grey, and the luma of YCbCr) and an RGBA picture
// of the same grey levels, which goes through the generic path.
func TestToGrayShrinks(t *testing.T) {
	const w, h = 4001, 2999 // 12 megapixels, shrunk by 2; the odd edges dropped
	r := rand.New(rand.NewPCG(3, 4))
	grey := image.NewGray(image.Rect(0, 0, w, h))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(r.IntN(256))
	}
	ycc := image.NewYCbCr(grey.Rect, image.YCbCrSubsampleRatio420)
	copy(ycc.Y, grey.Pix)
	rgba := image.NewRGBA(grey.Rect)
	for i, p := range grey.Pix {
		copy(rgba.Pix[4*i:], []uint8{p, p, p, 0xff})
	}
	f := shrinkFactor(w, h)
	require.Equal(t, 2, f)
	want := image.NewGray(image.Rect(0, 0, w/f, h/f))
	for y := range want.Rect.Dy() {
		for x := range want.Rect.Dx() {
			sum := 0
			for j := range f {
				for i := range f {
					sum += int(grey.Pix[(y*f+j)*w+x*f+i])
				}
			}
			want.Pix[y*want.Stride+x] = uint8((sum + f*f/2) / (f * f))
		}
	}
	for name, img := range map[string]image.Image{"grey": grey, "YCbCr": ycc, "RGBA": rgba} {
		assert.Equal(t, want, toGray(img), name)
	}
	// A sub-image starts at its own origin.
	sub := grey.SubImage(image.Rect(100, 50, 300, 150))
	g := toGray(sub)
	assert.Equal(t, image.Rect(0, 0, 200, 100), g.Rect)
	assert.Equal(t, grey.Pix[50*w+100], g.Pix[0])
}

// TestToGrayNarrow checks an image narrower than its shrinking factor, a
// line of MaxPixels: each block is the whole of its short side.
func TestToGrayNarrow(t *testing.T) {
	for _, r := range []image.Rectangle{image.Rect(0, 0, MaxPixels, 1), image.Rect(0, 0, 2, MaxPixels/2)} {
		grey := image.NewGray(r)
		for i := range grey.Pix {
			grey.Pix[i] = 200
		}
		ycc := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
		for i := range ycc.Y {
			ycc.Y[i] = 200
		}
		nrgba := image.NewNRGBA(r)
		for i := 0; i < len(nrgba.Pix); i += 4 {
			copy(nrgba.Pix[i:], []uint8{200, 200, 200, 0xff})
		}
		for _, img := range []image.Image{grey, ycc, nrgba} {
			g := toGray(img)
			assert.LessOrEqual(t, len(g.Pix), maxWorkPixels)
			assert.Equal(t, uint8(200), g.Pix[0], "%T %v", img, r)
			_, err := Image(img)
			assert.ErrorIs(t, err, ErrNotFound)
		}
	}
}
