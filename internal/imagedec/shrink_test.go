package imagedec

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// shrinkPictures returns the same random picture in each type Shrink reads
// by its own path, and one it reads by At.
func shrinkPictures(w, h int) map[string]image.Image {
	r := rand.New(rand.NewPCG(3, 4))
	nrgba := image.NewNRGBA(image.Rect(5, 7, 5+w, 7+h))
	for i := range nrgba.Pix {
		nrgba.Pix[i] = byte(r.IntN(256))
	}
	gray := image.NewGray(nrgba.Rect)
	ycc := image.NewYCbCr(nrgba.Rect, image.YCbCrSubsampleRatio420)
	rgba := image.NewRGBA(nrgba.Rect)
	rgba64 := image.NewNRGBA64(nrgba.Rect)
	for y := nrgba.Rect.Min.Y; y < nrgba.Rect.Max.Y; y++ {
		for x := nrgba.Rect.Min.X; x < nrgba.Rect.Max.X; x++ {
			c := nrgba.NRGBAAt(x, y)
			gray.SetGray(x, y, color.Gray{c.R})
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			ycc.Y[ycc.YOffset(x, y)], ycc.Cb[ycc.COffset(x, y)], ycc.Cr[ycc.COffset(x, y)] = yy, cb, cr
			rgba.Set(x, y, c)
			rgba64.Set(x, y, c)
		}
	}
	return map[string]image.Image{"NRGBA": nrgba, "Gray": gray, "YCbCr": ycc, "RGBA": rgba, "NRGBA64": rgba64,
		"At": imagetest.BoundsOnly{R: nrgba.Rect}}
}

// TestShrink compares Shrink with the mean of each block computed from At,
// edge blocks included, for each path.
func TestShrink(t *testing.T) {
	for name, img := range shrinkPictures(23, 17) {
		for _, k := range []int{1, 2, 3, 5, 40} {
			r := image.Rect(6, 8, 27, 24) // within the bounds, not at the origin
			got := Shrink(img, r, k)
			require.Equal(t, image.Rect(0, 0, (21+k-1)/k, (16+k-1)/k), got.Rect, "%s k=%d", name, k)
			for oy := range got.Rect.Dy() {
				for ox := range got.Rect.Dx() {
					want := blockMean(img, r, k, ox, oy)
					c := got.RGBAAt(ox, oy)
					for i, d := range []int{int(c.R) - int(want.R), int(c.G) - int(want.G), int(c.B) - int(want.B), int(c.A) - int(want.A)} {
						assert.LessOrEqual(t, max(d, -d), 1, "%s k=%d (%d,%d) channel %d: %v, want %v", name, k, ox, oy, i, c, want)
					}
				}
			}
		}
	}
	assert.Equal(t, image.Rect(0, 0, 0, 0), Shrink(image.NewGray(image.Rect(0, 0, 4, 4)), image.Rect(10, 10, 20, 20), 2).Rect)
}

// blockMean returns the mean of the block (ox, oy) of r by k, from At: of
// the premultiplied RGBA, or of Y, Cb and Cr converted once for a YCbCr
// picture.
func blockMean(img image.Image, r image.Rectangle, k, ox, oy int) color.RGBA {
	var sum [4]uint32
	n := uint32(0)
	for y := r.Min.Y + oy*k; y < min(r.Max.Y, r.Min.Y+(oy+1)*k); y++ {
		for x := r.Min.X + ox*k; x < min(r.Max.X, r.Min.X+(ox+1)*k); x++ {
			var c [4]uint8
			if ycc, ok := img.At(x, y).(color.YCbCr); ok {
				c = [4]uint8{ycc.Y, ycc.Cb, ycc.Cr, 0xff}
			} else {
				v := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
				c = [4]uint8{v.R, v.G, v.B, v.A}
			}
			for i := range 4 {
				sum[i] += uint32(c[i])
			}
			n++
		}
	}
	m := color.RGBA{uint8((sum[0] + n/2) / n), uint8((sum[1] + n/2) / n), uint8((sum[2] + n/2) / n), uint8((sum[3] + n/2) / n)}
	if _, ok := img.(*image.YCbCr); ok {
		m.R, m.G, m.B = color.YCbCrToRGB(m.R, m.G, m.B)
	}
	return m
}

// TestShrinkAllocates checks that Shrink allocates its result and a row
// of sums, nothing a pixel.
func TestShrinkAllocates(t *testing.T) {
	for name, img := range shrinkPictures(400, 300) {
		if name == "At" {
			continue
		}
		out := 4 * 100 * 75 // bytes of the result; the sums are 4% of it
		used := bytesPerRun(3, func() { Shrink(img, img.Bounds(), 4) })
		assert.Less(t, used, uint64(out+out/4), name)
	}
}

func BenchmarkShrink(b *testing.B) {
	for name, img := range shrinkPictures(2000, 1500) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(img.Bounds().Dx() * img.Bounds().Dy()))
			b.ReportAllocs()
			for b.Loop() {
				Shrink(img, img.Bounds(), 4)
			}
		})
	}
}
