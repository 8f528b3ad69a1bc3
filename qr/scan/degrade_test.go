package scan

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/idqr/claim169/qr/render"
	"github.com/stretchr/testify/require"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// codeImage encodes text and returns its image.
func codeImage(t testing.TB, text string, opts render.Options) image.Image {
	t.Helper()
	c, err := render.New(text, opts)
	require.NoError(t, err)
	return c.Image()
}

// rotate turns img by deg degrees about its centre onto a white canvas
// large enough to hold it, with bilinear interpolation.
func rotate(img image.Image, deg float64) *image.RGBA {
	b := img.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	rad := deg * math.Pi / 180
	sin, cos := math.Sin(rad), math.Cos(rad)
	side := int(math.Ceil(math.Abs(w*cos)+math.Abs(h*sin))) + 2
	dst := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	cx, cy := float64(side)/2, float64(side)/2
	sx, sy := w/2+float64(b.Min.X), h/2+float64(b.Min.Y)
	// dst = R·(src - s) + c
	m := f64.Aff3{cos, -sin, cx - cos*sx + sin*sy, sin, cos, cy - sin*sx - cos*sy}
	xdraw.BiLinear.Transform(dst, m, img, b, xdraw.Over, nil)
	return dst
}

// scale resizes img by factor with Catmull-Rom interpolation.
func scale(img image.Image, factor float64) *image.RGBA {
	b := img.Bounds()
	w := max(1, int(float64(b.Dx())*factor))
	h := max(1, int(float64(b.Dy())*factor))
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Rect, img, b, xdraw.Src, nil)
	return dst
}

// blur approximates a Gaussian blur of the given radius by three box blurs.
func blur(img image.Image, radius int) *image.Gray {
	g := toGray(img)
	for range 3 {
		g = boxBlur(g, radius, true)
		g = boxBlur(g, radius, false)
	}
	return g
}

// boxBlur averages each pixel with radius neighbours along one axis.
func boxBlur(g *image.Gray, radius int, horizontal bool) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	for y := range h {
		for x := range w {
			sum, n := 0, 0
			for d := -radius; d <= radius; d++ {
				px, py := x, y
				if horizontal {
					px += d
				} else {
					py += d
				}
				if px < 0 || py < 0 || px >= w || py >= h {
					continue
				}
				sum += int(g.Pix[py*g.Stride+px])
				n++
			}
			out.Pix[y*out.Stride+x] = uint8(sum / n)
		}
	}
	return out
}

// noise adds zero-mean Gaussian noise of the given standard deviation to
// every pixel.
func noise(img image.Image, sigma float64, r *rand.Rand) *image.Gray {
	g := toGray(img)
	for i, p := range g.Pix {
		v := float64(p) + r.NormFloat64()*sigma
		g.Pix[i] = uint8(max(0, min(255, math.Round(v))))
	}
	return g
}

// reencodeJPEG round-trips img through JPEG at the given quality.
func reencodeJPEG(t testing.TB, img image.Image, quality int) image.Image {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}))
	out, err := jpeg.Decode(&buf)
	require.NoError(t, err)
	return out
}

// onCard places img off-centre on a larger light-grey card with a white
// margin and a dark frame, like a photo of a printed card.
func onCard(img image.Image, margin int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx()+3*margin, b.Dy()+2*margin
	dst := image.NewRGBA(image.Rect(0, 0, w+40, h+40))
	draw.Draw(dst, dst.Rect, image.NewUniform(color.Gray{Y: 40}), image.Point{}, draw.Src)
	draw.Draw(dst, image.Rect(20, 20, 20+w, 20+h), image.NewUniform(color.Gray{Y: 235}), image.Point{}, draw.Src)
	at := image.Pt(20+2*margin, 20+margin)
	draw.Draw(dst, b.Sub(b.Min).Add(at), img, b.Min, draw.Src)
	return dst
}
