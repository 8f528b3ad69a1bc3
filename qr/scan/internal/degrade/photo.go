package degrade

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
)

// gaussianBlur blurs g with a Gaussian of standard deviation sigma pixels.
func gaussianBlur(g *image.Gray, sigma float64) *image.Gray {
	radius := int(math.Ceil(3 * sigma))
	kernel := make([]float64, 2*radius+1)
	sum := 0.0
	for i := range kernel {
		d := float64(i - radius)
		kernel[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += kernel[i]
	}
	for i := range kernel {
		kernel[i] /= sum
	}
	return convolve(convolve(g, kernel, 1, 0), kernel, 0, 1)
}

// motionBlur smears g along a line of length pixels at angle degrees.
func motionBlur(g *image.Gray, length, angle float64) *image.Gray {
	sin, cos := math.Sincos(angle * math.Pi / 180)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	steps := int(math.Ceil(length)) * 2
	for y := range h {
		for x := range w {
			sum := 0.0
			for i := range steps + 1 {
				t := (float64(i)/float64(steps) - 0.5) * length
				sum += bilinear(g, float64(x)+t*cos, float64(y)+t*sin)
			}
			out.Pix[y*out.Stride+x] = clamp(sum / float64(steps+1))
		}
	}
	return out
}

// convolve applies a one-dimensional kernel along (dx, dy), clamping at the
// edges.
func convolve(g *image.Gray, kernel []float64, dx, dy int) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	radius := len(kernel) / 2
	for y := range h {
		for x := range w {
			sum := 0.0
			for i, k := range kernel {
				px := min(w-1, max(0, x+(i-radius)*dx))
				py := min(h-1, max(0, y+(i-radius)*dy))
				sum += k * float64(g.Pix[py*g.Stride+px])
			}
			out.Pix[y*out.Stride+x] = clamp(sum)
		}
	}
	return out
}

// bilinear interpolates g at (x, y), pixel centres at half-integers.
func bilinear(g *image.Gray, x, y float64) float64 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x, y = x-0.5, y-0.5
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	at := func(i, j int) float64 {
		i, j = min(w-1, max(0, i)), min(h-1, max(0, j))
		return float64(g.Pix[j*g.Stride+i])
	}
	i, j := int(x0), int(y0)
	top := at(i, j)*(1-fx) + at(i+1, j)*fx
	bottom := at(i, j+1)*(1-fx) + at(i+1, j+1)*fx
	return top*(1-fy) + bottom*fy
}

// addNoise adds Gaussian noise of standard deviation sigma grey levels.
func addNoise(g *image.Gray, sigma float64, r *rand.Rand) *image.Gray {
	for i, p := range g.Pix {
		g.Pix[i] = clamp(float64(p) + r.NormFloat64()*sigma)
	}
	return g
}

// jpegRoundTrip encodes g as a JPEG of the given quality and decodes it.
func jpegRoundTrip(g *image.Gray, quality int) *image.Gray {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: quality}); err != nil {
		panic(err) // unreachable: writing to memory
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		panic(err) // unreachable: a JPEG just written
	}
	out, ok := img.(*image.Gray)
	if !ok {
		panic("degrade: a grey JPEG decoded in colour")
	}
	return out
}

// glare adds light round (cx, cy), amount·exp(-r²/2σ²) grey levels,
// clipped at white: the reflection of a lamp, which washes out the light
// modules first and leaves the dark ones a little darker than white.
func glare(g *image.Gray, cx, cy, sigma, amount float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := range h {
		for x := range w {
			dx, dy := float64(x)-cx, float64(y)-cy
			i := y*g.Stride + x
			g.Pix[i] = clamp(float64(g.Pix[i]) + amount*math.Exp(-(dx*dx+dy*dy)/(2*sigma*sigma)))
		}
	}
	return g
}

// contrast maps the grey levels of g linearly onto [lo, hi].
func contrast(g *image.Gray, lo, hi float64) *image.Gray {
	for i, p := range g.Pix {
		g.Pix[i] = clamp(lo + float64(p)*(hi-lo)/255)
	}
	return g
}

// gradient darkens g linearly along the direction angle (degrees), from
// full light on one side to the factor dim on the other.
func gradient(g *image.Gray, angle, dim float64) *image.Gray {
	sin, cos := math.Sincos(angle * math.Pi / 180)
	w, h := g.Rect.Dx(), g.Rect.Dy()
	span := math.Abs(float64(w)*cos) + math.Abs(float64(h)*sin)
	for y := range h {
		for x := range w {
			t := ((float64(x)-float64(w)/2)*cos+(float64(y)-float64(h)/2)*sin)/span + 0.5
			i := y*g.Stride + x
			g.Pix[i] = clamp(float64(g.Pix[i]) * (1 - (1-dim)*t))
		}
	}
	return g
}

// invert turns g into its negative: a light code on a dark ground.
func invert(g *image.Gray) *image.Gray {
	for i, p := range g.Pix {
		g.Pix[i] = 255 - p
	}
	return g
}
