package scan

import "math"

// point is a position: in pixels in the image, or in modules in the
// symbol, where module (x, y) spans [x, x+1)×[y, y+1).
type point struct{ x, y float64 }

// match pairs a place in the symbol with where it was found in the image.
type match struct {
	module, pixel point
	weight        float64
}

// projective maps symbol coordinates to image coordinates:
// x = (a·u + b·v + c)/(g·u + h·v + 1), y = (d·u + e·v + f)/(g·u + h·v + 1).
type projective [8]float64

// at maps p through t.
func (t *projective) at(p point) point {
	w := t[6]*p.x + t[7]*p.y + 1
	return point{(t[0]*p.x + t[1]*p.y + t[2]) / w, (t[3]*p.x + t[4]*p.y + t[5]) / w}
}

// jacobian returns the image displacement of one module along u and along
// v at p.
func (t *projective) jacobian(p point) (du, dv point) {
	c := t.at(p)
	a, b := t.at(point{p.x + 1, p.y}), t.at(point{p.x, p.y + 1})
	return point{a.x - c.x, a.y - c.y}, point{b.x - c.x, b.y - c.y}
}

// fitProjective fits the transform that maps the module points of ms to
// their pixel points, by weighted least squares on the linearized
// equations; four matches in general position give the exact transform.
// Three or fewer, or points in a line, give false. Coordinates are
// centred and scaled first, which keeps the system well conditioned. A
// positive ridge pulls the projective terms towards an affine map (see
// projectiveRidge).
func fitProjective(ms []match, ridge float64) (projective, bool) {
	if len(ms) < 3 {
		return projective{}, false
	}
	nu, np := normalizer(ms, func(m match) point { return m.module }), normalizer(ms, func(m match) point { return m.pixel })
	var ata [8][9]float64 // normal equations, augmented with the right side
	affine := len(ms) == 3
	for _, m := range ms {
		u, v := nu.apply(m.module)
		x, y := np.apply(m.pixel)
		w := m.weight
		rows := [2][9]float64{
			{u, v, 1, 0, 0, 0, -u * x, -v * x, x},
			{0, 0, 0, u, v, 1, -u * y, -v * y, y},
		}
		for _, r := range rows {
			if affine {
				r[6], r[7] = 0, 0
			}
			for i := range 8 {
				for j := range 9 {
					ata[i][j] += w * r[i] * r[j]
				}
			}
		}
	}
	if affine {
		// Pin g = h = 0: an affine map through three points.
		for i := 6; i < 8; i++ {
			ata[i] = [9]float64{}
			ata[i][i] = 1
		}
	} else {
		// Pull g and h towards 0, so that points nearly in a line, which
		// fix them badly, give a nearly affine map.
		total := 0.0
		for _, m := range ms {
			total += m.weight
		}
		ata[6][6] += ridge * total
		ata[7][7] += ridge * total
	}
	h, ok := solve8(ata)
	if !ok {
		return projective{}, false
	}
	return denormalize(h, nu, np), true
}

// projectiveRidge weighs the pull of the projective terms towards an
// affine map, per unit of weight of the matches.
const projectiveRidge = 0.02

// scaling is a similarity that centres points on their mean and scales
// their mean distance from it to √2.
type scaling struct{ cx, cy, s float64 }

func (n scaling) apply(p point) (float64, float64) { return (p.x - n.cx) * n.s, (p.y - n.cy) * n.s }

func normalizer(ms []match, get func(match) point) scaling {
	var cx, cy float64
	for _, m := range ms {
		p := get(m)
		cx += p.x
		cy += p.y
	}
	cx /= float64(len(ms))
	cy /= float64(len(ms))
	d := 0.0
	for _, m := range ms {
		p := get(m)
		d += math.Hypot(p.x-cx, p.y-cy)
	}
	d /= float64(len(ms))
	if !(d > 0) {
		d = 1
	}
	return scaling{cx, cy, math.Sqrt2 / d}
}

// denormalize turns the transform h between normalized coordinates into
// one between the original ones: T = Np⁻¹·H·Nu.
func denormalize(h [8]float64, nu, np scaling) projective {
	H := [9]float64{h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1}
	Nu := [9]float64{nu.s, 0, -nu.s * nu.cx, 0, nu.s, -nu.s * nu.cy, 0, 0, 1}
	Npi := [9]float64{1 / np.s, 0, np.cx, 0, 1 / np.s, np.cy, 0, 0, 1}
	m := mul3(Npi, mul3(H, Nu))
	var t projective
	for i := range 8 {
		t[i] = m[i] / m[8]
	}
	return t
}

func mul3(a, b [9]float64) [9]float64 {
	var c [9]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				c[3*i+j] += a[3*i+k] * b[3*k+j]
			}
		}
	}
	return c
}

// solve8 solves the augmented 8×8 system by Gaussian elimination with
// partial pivoting; a near-singular system gives false.
func solve8(a [8][9]float64) ([8]float64, bool) {
	for col := range 8 {
		pivot := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[pivot][col]) {
				pivot = r
			}
		}
		if math.Abs(a[pivot][col]) < 1e-9 {
			return [8]float64{}, false
		}
		a[col], a[pivot] = a[pivot], a[col]
		for r := col + 1; r < 8; r++ {
			f := a[r][col] / a[col][col]
			for c := col; c < 9; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	var x [8]float64
	for r := 7; r >= 0; r-- {
		s := a[r][8]
		for c := r + 1; c < 8; c++ {
			s -= a[r][c] * x[c]
		}
		x[r] = s / a[r][r]
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return [8]float64{}, false
		}
	}
	return x, true
}
