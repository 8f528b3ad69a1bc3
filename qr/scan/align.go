package scan

import (
	"image"
	"math"
)

// An alignment pattern is 5×5 modules: a dark ring, a light ring and a dark
// centre. findPattern looks for one by normalized cross-correlation with
// this template, sampled at the centres of the quarter modules it covers
// and mapped through the local geometry of the symbol, so it works on the
// grey image under perspective, uneven light and blur alike.

// Bounds and tolerances of the alignment-pattern search.
const (
	// alignRadius is how far from its predicted place, in modules, a
	// pattern is looked for.
	alignRadius = 2.5
	// alignMinScore is the correlation a pattern must reach to be taken.
	alignMinScore = 0.6
	// alignRefinements bounds the halvings of the search step about the
	// best candidate.
	alignRefinements = 4
	// alignDistancePenalty lowers the score of a candidate by this much per
	// squared module of distance from the prediction, so that the nearest
	// of two equally good matches wins.
	alignDistancePenalty = 0.02
)

// template is a pattern of dark and light modules sampled at the centres
// of the half modules it covers: the sample offsets in modules from its
// centre, and the values there, with zero mean and unit norm.
type template struct {
	offsets []point
	values  []float64
}

// newTemplate samples a side×side-module pattern whose module (mx, my) is
// dark when dark says so.
func newTemplate(side int, dark func(mx, my int) bool) *template {
	t := &template{}
	n := 2 * side
	mean := 0.0
	for j := range n {
		for i := range n {
			t.offsets = append(t.offsets, point{(float64(i) - float64(n-1)/2) / 2, (float64(j) - float64(n-1)/2) / 2})
			v := 1.0
			if dark(i/2, j/2) {
				v = -1
			}
			t.values = append(t.values, v)
			mean += v
		}
	}
	mean /= float64(n * n)
	norm := 0.0
	for i := range t.values {
		t.values[i] -= mean
		norm += t.values[i] * t.values[i]
	}
	norm = math.Sqrt(norm)
	for i := range t.values {
		t.values[i] /= norm
	}
	return t
}

// alignTemplate is the alignment pattern.
var alignTemplate = newTemplate(5, func(mx, my int) bool {
	return mx == 0 || my == 0 || mx == 4 || my == 4 || (mx == 2 && my == 2)
})

// findPattern looks for an alignment pattern near pred, where one module
// along u and v moves the image position by du and dv. It returns the
// centre found and its correlation with the template, and adds the grey
// levels it read to the budget's samples.
func findPattern(g *image.Gray, pred, du, dv point, b *budget) (point, float64) {
	return alignTemplate.search(g, pred, du, dv, alignRadius, b)
}

// search looks for the pattern within radius modules of pred, on a grid of
// a third of a module and then at halving steps about the best place, where
// one module along u and v moves the image position by du and dv. It
// returns the best centre and its correlation, less the distance penalty.
func (t *template) search(g *image.Gray, pred, du, dv point, radius float64, b *budget) (point, float64) {
	module := math.Sqrt(math.Abs(du.x*dv.y - du.y*dv.x))
	if !(module >= 1) || module > 1000 {
		return pred, 0
	}
	offs := make([]point, len(t.offsets))
	for i, o := range t.offsets {
		offs[i] = point{o.x*du.x + o.y*dv.x, o.x*du.y + o.y*dv.y}
	}
	vals := make([]float64, len(offs))
	score := func(c point, fine bool) float64 {
		b.samples += int64(len(offs))
		for i, o := range offs {
			if fine {
				vals[i] = bilinear(g, c.x+o.x, c.y+o.y)
			} else {
				vals[i] = nearest(g, c.x+o.x, c.y+o.y)
			}
		}
		s := t.correlate(vals)
		d := math.Hypot(c.x-pred.x, c.y-pred.y) / module
		return s - alignDistancePenalty*d*d
	}
	step := max(1, module/3)
	reach := radius * module
	best, bestScore := pred, math.Inf(-1)
	for sy := -reach; sy <= reach; sy += step {
		for sx := -reach; sx <= reach; sx += step {
			c := point{pred.x + sx, pred.y + sy}
			if s := score(c, false); s > bestScore {
				best, bestScore = c, s
			}
		}
	}
	// Refine at halving steps on the interpolated image.
	bestScore = score(best, true)
	for range alignRefinements {
		if step /= 2; step < 0.2 {
			break
		}
		center := best
		for _, d := range [8]point{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
			c := point{center.x + d.x*step, center.y + d.y*step}
			if s := score(c, true); s > bestScore {
				best, bestScore = c, s
			}
		}
	}
	return best, bestScore
}

// correlate returns the normalized correlation of vals with the template.
func (t *template) correlate(vals []float64) float64 {
	mean := 0.0
	for _, v := range vals {
		mean += v
	}
	mean /= float64(len(vals))
	dot, norm := 0.0, 0.0
	for i, v := range vals {
		v -= mean
		dot += v * t.values[i]
		norm += v * v
	}
	if norm < 1e-9 {
		return 0
	}
	return dot / math.Sqrt(norm)
}

// nearest returns the grey level of the pixel holding (x, y), clamped to
// the image.
func nearest(g *image.Gray, x, y float64) float64 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	i := min(w-1, max(0, int(math.Floor(x))))
	j := min(h-1, max(0, int(math.Floor(y))))
	return float64(g.Pix[j*g.Stride+i])
}

// bilinear interpolates the grey level at (x, y), pixel (i, j) covering
// [i, i+1)×[j, j+1), clamped to the image.
func bilinear(g *image.Gray, x, y float64) float64 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x, y = x-0.5, y-0.5
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	i0 := min(w-1, max(0, int(x0)))
	j0 := min(h-1, max(0, int(y0)))
	i1 := min(w-1, max(0, int(x0)+1))
	j1 := min(h-1, max(0, int(y0)+1))
	p := g.Pix
	top := float64(p[j0*g.Stride+i0])*(1-fx) + float64(p[j0*g.Stride+i1])*fx
	bottom := float64(p[j1*g.Stride+i0])*(1-fx) + float64(p[j1*g.Stride+i1])*fx
	return top*(1-fy) + bottom*fy
}
