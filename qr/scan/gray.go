package scan

import (
	"image"
	"image/draw"

	xdraw "golang.org/x/image/draw"
)

// toGray copies img into a grey image whose bounds start at the origin.
// Transparent pixels become white, as on paper.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	switch m := img.(type) {
	case *image.Gray:
		for y := range h {
			copy(g.Pix[y*g.Stride:][:w], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := range h {
			copy(g.Pix[y*g.Stride:][:w], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
	default:
		for i := range g.Pix {
			g.Pix[i] = 0xff
		}
		draw.Draw(g, g.Rect, img, b.Min, draw.Over)
	}
	return g
}

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

// rotate180 returns g turned upside down.
func rotate180(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	r := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			r.Pix[(h-1-y)*r.Stride+(w-1-x)] = g.Pix[y*g.Stride+x]
		}
	}
	return r
}

// resize returns g scaled by num/den with bilinear filtering, at least one
// pixel on a side.
func resize(g *image.Gray, num, den int) *image.Gray {
	w := max(1, g.Rect.Dx()*num/den)
	h := max(1, g.Rect.Dy()*num/den)
	r := image.NewGray(image.Rect(0, 0, w, h))
	xdraw.BiLinear.Scale(r, r.Rect, g, g.Rect, xdraw.Src, nil)
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
