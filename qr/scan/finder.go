package scan

import (
	"image"
	"math"
)

// A finder-like run of modules turns up in data too, and with several
// candidates the squarest triple can be a wrong one. A finder pattern is 7×7
// modules (a dark ring, a light ring, a dark 3×3 core) in a light
// separator one module wide; finderScore correlates that 9×9 template with
// the grey image where a triple puts each pattern, which a pattern in data,
// without its separator, matches poorly.

// finderTemplate is the 9×9-module template sampled at the centres of half
// modules, as alignTemplate.
var finderTemplate = newTemplate(9, func(mx, my int) bool {
	if mx == 0 || my == 0 || mx == 8 || my == 8 {
		return false // separator
	}
	ring := mx == 1 || my == 1 || mx == 7 || my == 7
	core := mx >= 3 && mx <= 5 && my >= 3 && my <= 5
	return ring || core
})

// finderScore returns the smallest correlation of the three finder patterns
// of f with the template, each sampled in the frame the triple gives it.
func finderScore(g *image.Gray, f finders, b *budget) float64 {
	u, v := unit(f.tl, f.tr), unit(f.tl, f.bl)
	score := math.Inf(1)
	for _, p := range []struct {
		c      point
		su, sv float64
	}{
		{f.tl, f.top[0], f.left[0]},
		{f.tr, f.top[1], f.top[1]},
		{f.bl, f.left[1], f.left[1]},
	} {
		du, dv := point{u.x * p.su, u.y * p.su}, point{v.x * p.sv, v.y * p.sv}
		_, s := finderTemplate.search(g, p.c, du, dv, finderRadius, b)
		score = min(score, s)
	}
	return score
}

// finderRadius is how far, in modules, the finder template is moved about
// the centre a triple gives.
const finderRadius = 1

// unit returns the unit vector from a towards b.
func unit(a, b point) point {
	n := math.Hypot(b.x-a.x, b.y-a.y)
	if !(n > 0) {
		return point{}
	}
	return point{(b.x - a.x) / n, (b.y - a.y) / n}
}
