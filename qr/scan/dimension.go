package scan

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// A symbol's dimension follows from how many modules lie between its
// finder patterns. gozxing divides that distance by one module size for
// all three patterns, measured along the rows and columns of the image;
// under perspective the patterns differ in size and the symbol is turned,
// and the estimate of a large symbol can be off by two versions.
// estimateDimension measures each pattern along the side it shares with
// another and counts the modules along each side with the geometric mean
// of the module sizes at its ends, which is exact for a projective map of
// the side.

// measureFinders measures the module size of each finder pattern of f along
// the sides it lies on, with gozxing's module size fallback as a bound on
// the measurements, and returns f with the sizes and the dimension they
// suggest, and how far the two sides' counts of modules differ, relative
// to their mean: a symbol is square, so a triple of patterns that does not
// belong to one shows as a large difference.
func measureFinders(m *gozxing.BitMatrix, f finders, fallback float64) (out finders, dim, skew float64) {
	f.top = [2]float64{finderModule(m, f.tl, f.tr, fallback), finderModule(m, f.tr, f.tl, fallback)}
	f.left = [2]float64{finderModule(m, f.tl, f.bl, fallback), finderModule(m, f.bl, f.tl, fallback)}
	top := math.Hypot(f.tr.x-f.tl.x, f.tr.y-f.tl.y) / math.Sqrt(f.top[0]*f.top[1])
	left := math.Hypot(f.bl.x-f.tl.x, f.bl.y-f.tl.y) / math.Sqrt(f.left[0]*f.left[1])
	mean := (top + left) / 2
	return f, mean + 7, math.Abs(top-left) / mean
}

// edgePoint returns where the point t modules from a lies on the side from
// a to b, whose ends are n modules apart and show modules of sizes sa and
// sb: along a side, a projective map changes the module size as the square
// of 1+c·t, which puts the point at (t/n)·(1+c·n)/(1+c·t) of the way.
func edgePoint(a, b point, sa, sb, t, n float64) point {
	c := (math.Sqrt(sa/sb) - 1) / n
	f := t / n * (1 + c*n) / (1 + c*t)
	return point{a.x + f*(b.x-a.x), a.y + f*(b.y-a.y)}
}

// finderModule measures the module size of the finder pattern centred at c
// along the line towards the point to: its width on that line, from the
// outer edge of its dark ring on one side to that on the other, is seven
// modules. A measurement out of proportion with fallback yields fallback.
func finderModule(m *gozxing.BitMatrix, c, to point, fallback float64) float64 {
	dx, dy := to.x-c.x, to.y-c.y
	n := math.Hypot(dx, dy)
	if !(n > 0) || !(fallback > 0) {
		return fallback
	}
	dx, dy = dx/n, dy/n
	a, ok1 := ringEdge(m, c, dx, dy, fallback)
	b, ok2 := ringEdge(m, c, -dx, -dy, fallback)
	if !ok1 || !ok2 {
		return fallback
	}
	size := (a + b) / 7
	if size < fallback/2 || size > fallback*2 {
		return fallback
	}
	return size
}

// ringEdge walks from the dark centre c of a finder pattern along (dx, dy)
// across the core, the light ring and the dark ring, and returns the
// distance to the light beyond, about 3.5 modules.
func ringEdge(m *gozxing.BitMatrix, c point, dx, dy, module float64) (float64, bool) {
	w, h := m.GetWidth(), m.GetHeight()
	const step = 0.5
	limit := 8 * module
	dark := true
	changes := 0
	for t := 0.0; t <= limit; t += step {
		x, y := int(c.x+t*dx), int(c.y+t*dy)
		if x < 0 || y < 0 || x >= w || y >= h {
			return 0, false
		}
		if m.Get(x, y) != dark {
			dark = !dark
			changes++
			if changes == 3 {
				return t, true
			}
		}
	}
	return 0, false
}

// readVersion reads the version information beside the top-right and the
// bottom-left finder patterns of f on the grey image (ISO/IEC 18004 §7.10:
// two copies of 18 bits, 3 by 6 modules, for versions 7 and up) and
// returns the dimension it names. Each copy is sampled in the frame of its
// finder pattern: one axis along the side to the top-left pattern, scaled
// by the module size measured along it, the other as the transform t
// (fitted to the finder patterns for an estimated dimension) turns it
// there; the bits are told apart by the finder pattern's own dark core and
// light ring.
func readVersion(g *image.Gray, f finders, t *projective, d int) (int, bool) {
	type copyAt struct {
		centre, other point
		module        float64
		at            point // module coordinates of the centre for t
		transposed    bool
	}
	for _, c := range []copyAt{
		{f.tr, f.tl, f.top[1], point{float64(d) - 3.5, 3.5}, false},
		{f.bl, f.tl, f.left[1], point{3.5, float64(d) - 3.5}, true},
	} {
		du, dv := t.jacobian(c.at)
		if c.transposed {
			du, dv = dv, du
		}
		// Along the side, from the top-left pattern outwards.
		n := math.Hypot(c.centre.x-c.other.x, c.centre.y-c.other.y)
		lu := math.Hypot(du.x, du.y)
		lv := math.Hypot(dv.x, dv.y)
		if !(n > 0) || !(lu > 0) || !(lv > 0) {
			continue
		}
		along := point{(c.centre.x - c.other.x) / n * c.module, (c.centre.y - c.other.y) / n * c.module}
		across := point{dv.x / lv * c.module * lv / lu, dv.y / lv * c.module * lv / lu}
		at := func(a, b float64) float64 {
			return bilinear(g, c.centre.x+a*along.x+b*across.x, c.centre.y+a*along.y+b*across.y)
		}
		dark := at(0, 0)
		light := (at(2, 0) + at(-2, 0) + at(0, 2) + at(0, -2)) / 4
		if !(light-dark > 10) {
			continue
		}
		mid := (dark + light) / 2
		bits := 0
		// The most significant bit is at the far corner; rows of three
		// modules, 7 to 5 modules in from the centre.
		for j := 2; j >= -3; j-- {
			for i := -5; i >= -7; i-- {
				bits <<= 1
				if at(float64(i), float64(j)) < mid {
					bits |= 1
				}
			}
		}
		if v, err := decoder.Version_decodeVersionInformation(bits); err == nil && v != nil {
			return v.GetDimensionForVersion(), true
		}
	}
	return 0, false
}
