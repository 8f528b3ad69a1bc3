package scan

import (
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

// versionHint reads the version information of a sampled symbol (ISO/IEC
// 18004 §7.10: 18 bits beside the top-right finder pattern, and again
// beside the bottom-left one) and returns the dimension it names, which
// differs from the sampled one when the estimate was wrong.
func versionHint(bits *gozxing.BitMatrix) (int, bool) {
	d := bits.GetHeight()
	if d < 45 {
		return 0, false
	}
	for _, transposed := range []bool{false, true} {
		v := 0
		for j := 5; j >= 0; j-- {
			for i := d - 9; i >= d-11; i-- {
				x, y := i, j
				if transposed {
					x, y = j, i
				}
				v <<= 1
				if bits.Get(x, y) {
					v |= 1
				}
			}
		}
		if version, err := decoder.Version_decodeVersionInformation(v); err == nil && version != nil {
			return version.GetDimensionForVersion(), true
		}
	}
	return 0, false
}
