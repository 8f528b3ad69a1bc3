package degrade

import (
	"image"
	"math"
	"math/rand/v2"
)

// Classes returns the classes of the corpus: the phone classes, each also
// as a photo (blurred, noisy and JPEG-compressed), then the easy classes.
func Classes() []Class {
	var out []Class
	for _, p := range phone {
		out = append(out, Class{Name: p.name, Phone: true, make: p.make})
		mk := p.make
		out = append(out, Class{Name: p.name + "+photo", Phone: true, make: func(r *rand.Rand, c *code) *image.Gray {
			return photo(r, mk(r, c))
		}})
	}
	for _, e := range easy {
		out = append(out, Class{Name: e.name, make: e.make})
	}
	return out
}

// photo blurs g a little, adds sensor noise and compresses it as a phone
// app would.
func photo(r *rand.Rand, g *image.Gray) *image.Gray {
	g = gaussianBlur(g, between(r, 0.5, 0.9))
	g = addNoise(g, between(r, 4, 8), r)
	return jpegRoundTrip(g, 50+r.IntN(31))
}

type maker struct {
	name string
	make func(r *rand.Rand, c *code) *image.Gray
}

// phoneModule draws the module size of a phone photo of a card, in pixels.
func phoneModule(r *rand.Rand) float64 { return between(r, 3.5, 5.5) }

// phone are the degradations of phone photos.
var phone = []maker{
	{"perspective-mild", func(r *rand.Rand, c *code) *image.Gray { return perspective(r, c, 5, 15) }},
	{"perspective", func(r *rand.Rand, c *code) *image.Gray { return perspective(r, c, 15, 25) }},
	{"perspective-steep", func(r *rand.Rand, c *code) *image.Gray { return perspective(r, c, 25, 35) }},
	{"glare-small", func(r *rand.Rand, c *code) *image.Gray { return withGlare(r, c, 0.06, 0.12, 200, 260) }},
	{"glare-large", func(r *rand.Rand, c *code) *image.Gray { return withGlare(r, c, 0.15, 0.3, 190, 230) }},
	{"barrel", func(r *rand.Rand, c *code) *image.Gray { return lens(r, c, 0.04, 0.12) }},
	{"pincushion", func(r *rand.Rand, c *code) *image.Gray { return lens(r, c, -0.1, -0.04) }},
	{"cylinder", bent},
	{"wave", rippled},
}

// perspective photographs the card tilted between lo and hi degrees about a
// random axis, through a lens of a phone's field of view.
func perspective(r *rand.Rand, c *code, lo, hi float64) *image.Gray {
	f := newFrame(r, c, phoneModule(r), 0.03)
	focal := 2 * f.codeSide(c)
	w := tilted(c.side, f.module, between(r, lo, hi), between(r, 0, 180), focal, f.cx, f.cy)
	return f.draw(c, w)
}

// withGlare photographs the card flat, slightly turned, under a lamp whose
// reflection has a standard deviation between lo and hi of the code's side
// and adds between aLo and aHi grey levels at its centre, anywhere over the
// code.
func withGlare(r *rand.Rand, c *code, lo, hi, aLo, aHi float64) *image.Gray {
	f := newFrame(r, c, phoneModule(r), 0.03)
	g := f.draw(c, f.flat(c, between(r, -8, 8)))
	side := f.codeSide(c)
	x := f.cx + between(r, -0.42, 0.42)*side
	y := f.cy + between(r, -0.42, 0.42)*side
	return glare(g, x, y, between(r, lo, hi)*side, between(r, aLo, aHi))
}

// lensRoom is how much larger than the card the frame of a lens class is,
// so that the distortion does not push the code's corners out of it.
const lensRoom = 1.3

// lens photographs the card through a lens with radial distortion k (see
// radial), the code off the optical axis by up to a tenth of the frame.
func lens(r *rand.Rand, c *code, lo, hi float64) *image.Gray {
	f := newFrame(r, c, phoneModule(r), 0.1)
	// Room for corners that pincushion distortion pushes outwards.
	f.cx, f.cy = f.cx*lensRoom, f.cy*lensRoom
	f.side = int(math.Ceil(float64(f.side) * lensRoom))
	half := float64(f.side) / 2
	w := radial(f.flat(c, between(r, -8, 8)), between(r, lo, hi), half, half, half*1.414)
	return f.draw(c, w)
}

// bent photographs a card bent round a cylinder whose radius is 0.8 to 1.6
// times the code's side, its axis near the vertical or the horizontal.
func bent(r *rand.Rand, c *code) *image.Gray {
	f := newFrame(r, c, phoneModule(r), 0.03)
	side := f.codeSide(c)
	axis := between(r, -20, 20) + 90*float64(r.IntN(2))
	w := cylinder(f.flat(c, 0), between(r, 0.8, 1.6)*side, axis, 2*side, f.cx, f.cy)
	return f.draw(c, w)
}

// rippled photographs a card that ripples: a wave of 0.4 to 1 module in
// amplitude and 0.6 to 1.2 code sides in length.
func rippled(r *rand.Rand, c *code) *image.Gray {
	f := newFrame(r, c, phoneModule(r), 0.03)
	side := f.codeSide(c)
	w := wave(f.flat(c, between(r, -8, 8)), between(r, 0.4, 1)*f.module, between(r, 0.6, 1.2)*side,
		between(r, 0, 6.28), between(r, 0, 180))
	return f.draw(c, w)
}

// flatCode draws the card flat at a module size between lo and hi pixels,
// turned by deg degrees.
func flatCode(r *rand.Rand, c *code, lo, hi, deg float64) *image.Gray {
	f := newFrame(r, c, between(r, lo, hi), 0.03)
	// A canvas that holds the card turned.
	sin, cos := math.Sincos(deg * math.Pi / 180)
	grow := math.Abs(sin) + math.Abs(cos)
	f.cx, f.cy = f.cx*grow, f.cy*grow
	f.side = int(math.Ceil(float64(f.side) * grow))
	return f.draw(c, f.flat(c, deg))
}

// easy are the degradations today's reader already handles.
var easy = []maker{
	{"rotation", func(r *rand.Rand, c *code) *image.Gray { return flatCode(r, c, 3, 5, between(r, 0, 360)) }},
	{"blur", func(r *rand.Rand, c *code) *image.Gray {
		return gaussianBlur(flatCode(r, c, 4, 5, between(r, -5, 5)), between(r, 0.8, 1.4))
	}},
	{"noise", func(r *rand.Rand, c *code) *image.Gray {
		return addNoise(flatCode(r, c, 3, 5, between(r, -5, 5)), between(r, 20, 35), r)
	}},
	{"low-contrast", func(r *rand.Rand, c *code) *image.Gray {
		mid, half := between(r, 90, 160), between(r, 18, 30)
		return contrast(flatCode(r, c, 3, 5, between(r, -5, 5)), mid-half, mid+half)
	}},
	{"gradient", func(r *rand.Rand, c *code) *image.Gray {
		return gradient(flatCode(r, c, 3, 5, between(r, -5, 5)), between(r, 0, 360), between(r, 0.25, 0.45))
	}},
	{"jpeg", func(r *rand.Rand, c *code) *image.Gray {
		return jpegRoundTrip(flatCode(r, c, 3, 5, between(r, -5, 5)), 10+r.IntN(16))
	}},
	{"motion-blur", func(r *rand.Rand, c *code) *image.Gray {
		return motionBlur(flatCode(r, c, 4, 5, between(r, -5, 5)), between(r, 3, 5), between(r, 0, 180))
	}},
	{"inverted", func(r *rand.Rand, c *code) *image.Gray {
		return invert(flatCode(r, c, 3, 5, between(r, -10, 10)))
	}},
	{"tiny", func(r *rand.Rand, c *code) *image.Gray {
		return gaussianBlur(flatCode(r, c, 1.6, 2.2, between(r, -5, 5)), 0.4)
	}},
}
