package scan

import (
	"image"
)

// maxWorkPixels bounds the grey image a scan works on: a larger image is
// shrunk by a whole factor, averaging blocks of pixels, to at most this
// many (2048×1536). A phone photo of 12 megapixels (4000×3000, 4032×3024)
// is halved, which leaves a card's code four or more pixels a module, and
// one of 16 megapixels divided by three; what a scan costs no longer grows
// with the image, and the scan and the decoding of the largest image fit
// the budget of a second together.
const maxWorkPixels = 3 << 20

// shrinkFactor returns the whole factor by which an image of w×h pixels is
// shrunk to at most maxWorkPixels.
func shrinkFactor(w, h int) int {
	f := 1
	for max(1, w/f)*max(1, h/f) > maxWorkPixels {
		f++
	}
	return f
}

// toGray returns img as a grey image whose bounds start at the origin,
// shrunk by shrinkFactor. Transparent pixels become white, as on paper.
// The images the standard decoders mostly return (grey, YCbCr, RGBA, NRGBA,
// paletted) are read directly; any other through its At method, one pixel
// a block when shrunk.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	f := shrinkFactor(b.Dx(), b.Dy())
	g := image.NewGray(image.Rect(0, 0, max(1, b.Dx()/f), max(1, b.Dy()/f)))
	// A block is f×f pixels, or the whole side of an image narrower than f.
	fx, fy := min(f, b.Dx()), min(f, b.Dy())
	var luma func(x, y int) uint32 // grey level of the pixel at (x, y) from b.Min, 0..255
	switch m := img.(type) {
	case *image.Gray:
		shrinkPlane(g, m.Pix[m.PixOffset(b.Min.X, b.Min.Y):], m.Stride, fx, fy)
		return g
	case *image.YCbCr:
		shrinkPlane(g, m.Y[m.YOffset(b.Min.X, b.Min.Y):], m.YStride, fx, fy)
		return g
	case *image.RGBA:
		luma = func(x, y int) uint32 {
			p := m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y):]
			// Premultiplied: over white adds the uncovered part.
			return lum(uint32(p[0]), uint32(p[1]), uint32(p[2])) + 255 - uint32(p[3])
		}
	case *image.NRGBA:
		luma = func(x, y int) uint32 {
			p := m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y):]
			a := uint32(p[3])
			return (lum(uint32(p[0]), uint32(p[1]), uint32(p[2]))*a + 255*(255-a) + 127) / 255
		}
	case *image.Paletted:
		var grey [256]uint32
		for i, c := range m.Palette {
			grey[i] = luma64(c.RGBA())
		}
		luma = func(x, y int) uint32 { return grey[m.Pix[m.PixOffset(b.Min.X+x, b.Min.Y+y)]] }
	default:
		// One pixel a block: At is slow, and the work stays that of the
		// shrunk image.
		for y := range g.Rect.Dy() {
			for x := range g.Rect.Dx() {
				g.Pix[y*g.Stride+x] = uint8(luma64(img.At(b.Min.X+x*fx+fx/2, b.Min.Y+y*fy+fy/2).RGBA()))
			}
		}
		return g
	}
	shrinkLuma(g, luma, fx, fy)
	return g
}

// shrinkLuma sets each pixel of g to the mean grey level of the fx×fy
// block under it, luma giving the level of each pixel.
func shrinkLuma(g *image.Gray, luma func(x, y int) uint32, fx, fy int) {
	n := uint32(fx * fy)
	for y := range g.Rect.Dy() {
		for x := range g.Rect.Dx() {
			var sum uint32
			for j := range fy {
				for i := range fx {
					sum += min(255, luma(x*fx+i, y*fy+j))
				}
			}
			g.Pix[y*g.Stride+x] = uint8((sum + n/2) / n)
		}
	}
}

// shrinkPlane sets each pixel of g to the mean of the fx×fy block under
// it of the 8-bit plane pix, whose rows are stride bytes apart: the grey
// or luma plane of the images the standard decoders return most, read a
// row at a time.
func shrinkPlane(g *image.Gray, pix []uint8, stride, fx, fy int) {
	w := g.Rect.Dx()
	n := uint32(fx * fy)
	sums := make([]uint32, w)
	for y := range g.Rect.Dy() {
		clear(sums)
		for j := range fy {
			row := pix[(y*fy+j)*stride:][:w*fx]
			for x := range sums {
				for _, p := range row[x*fx : x*fx+fx] {
					sums[x] += uint32(p)
				}
			}
		}
		out := g.Pix[y*g.Stride:][:w]
		for x, sum := range sums {
			out[x] = uint8((sum + n/2) / n)
		}
	}
}

// luma64 is the grey level, 0..255, of a premultiplied 16-bit colour laid
// over white.
func luma64(r, g, b, a uint32) uint32 {
	return min(255, (19595*r+38470*g+7471*b+1<<15)>>24+(0xffff-a)>>8)
}

// lum is the grey level of an 8-bit colour, as color.GrayModel weighs it.
func lum(r, g, b uint32) uint32 { return (19595*r + 38470*g + 7471*b + 1<<15) >> 16 }

// rotate90 returns g turned a quarter turn clockwise.
func rotate90(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	r := image.NewGray(image.Rect(0, 0, h, w))
	for y := range h {
		for x := range w {
			r.Pix[x*r.Stride+(h-1-y)] = g.Pix[y*g.Stride+x]
		}
	}
	return r
}

// invertGray returns the negative of g.
func invertGray(g *image.Gray) *image.Gray {
	r := image.NewGray(g.Rect)
	for i, p := range g.Pix {
		r.Pix[i] = 255 - p
	}
	return r
}

// halve returns g at half size, each pixel the mean of a 2×2 block.
func halve(g *image.Gray) *image.Gray {
	w, h := max(1, g.Rect.Dx()/2), max(1, g.Rect.Dy()/2)
	r := image.NewGray(image.Rect(0, 0, w, h))
	if g.Rect.Dx() < 2 || g.Rect.Dy() < 2 {
		copy(r.Pix, g.Pix)
		return r
	}
	for y := range h {
		a, b := g.Pix[2*y*g.Stride:], g.Pix[(2*y+1)*g.Stride:]
		for x := range w {
			r.Pix[y*r.Stride+x] = uint8((uint32(a[2*x]) + uint32(a[2*x+1]) + uint32(b[2*x]) + uint32(b[2*x+1]) + 2) / 4)
		}
	}
	return r
}

// double returns g at twice the size, interpolated bilinearly.
func double(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	r := image.NewGray(image.Rect(0, 0, 2*w, 2*h))
	for y := range 2 * h {
		for x := range 2 * w {
			// The centre of output pixel x is at input position x/2+1/4.
			r.Pix[y*r.Stride+x] = uint8(bilinear(g, float64(x)/2+0.25, float64(y)/2+0.25) + 0.5)
		}
	}
	return r
}

// binarize returns g thresholded at Otsu's threshold (the one that best
// separates the histogram into two classes): pure black and white pixels
// that gozxing's own binarizers cannot get wrong. It rescues blurred codes,
// where those binarizers lose the smallest modules.
func binarize(g *image.Gray) *image.Gray {
	var hist [256]int
	for _, p := range g.Pix {
		hist[p]++
	}
	total := len(g.Pix)
	sum := 0
	for v, n := range hist {
		sum += v * n
	}
	best, threshold := -1.0, 128
	below, sumBelow := 0, 0
	for v := range 255 {
		below += hist[v]
		sumBelow += v * hist[v]
		above := total - below
		if below == 0 || above == 0 {
			continue
		}
		meanBelow := float64(sumBelow) / float64(below)
		meanAbove := float64(sum-sumBelow) / float64(above)
		d := meanAbove - meanBelow
		if between := float64(below) * float64(above) * d * d; between > best {
			best, threshold = between, v+1
		}
	}
	out := image.NewGray(g.Rect)
	for i, p := range g.Pix {
		if int(p) >= threshold {
			out.Pix[i] = 0xff
		}
	}
	return out
}
