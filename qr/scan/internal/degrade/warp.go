package degrade

import (
	"image"
	"math"
)

// Ink and paper levels of a printed card, and the table it lies on.
const (
	ink   = 35
	paper = 228
	table = 70
)

// cardMargin is how far, in modules, the card reaches beyond the quiet zone.
const cardMargin = 6

// supersample is the side of the grid of points averaged in each output
// pixel: the area coverage of the modules, which is what a camera records.
const supersample = 3

// warp maps an output pixel centre to code coordinates, in modules from the
// top-left corner of the quiet zone.
type warp func(x, y float64) (u, v float64)

// code is a rendered symbol, one entry a module, quiet zone included.
type code struct {
	side int
	dark []bool
}

// shade returns the reflectance at code coordinates (u, v): ink, paper, or
// the table beyond the card.
func (c *code) shade(u, v float64) float64 {
	if u < -cardMargin || v < -cardMargin || u >= float64(c.side+cardMargin) || v >= float64(c.side+cardMargin) {
		return table
	}
	x, y := int(math.Floor(u)), int(math.Floor(v))
	if x >= 0 && y >= 0 && x < c.side && y < c.side && c.dark[y*c.side+x] {
		return ink
	}
	return paper
}

// draw renders the code through w on a w×h canvas, averaging a
// supersample×supersample grid in each pixel.
func (c *code) draw(w, h int, f warp) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	const n = supersample
	for y := range h {
		for x := range w {
			sum := 0.0
			for j := range n {
				for i := range n {
					u, v := f(float64(x)+(float64(i)+0.5)/n, float64(y)+(float64(j)+0.5)/n)
					sum += c.shade(u, v)
				}
			}
			g.Pix[y*g.Stride+x] = clamp(sum / (n * n))
		}
	}
	return g
}

// clamp rounds v to a grey level.
func clamp(v float64) uint8 { return uint8(max(0, min(255, math.Round(v)))) }

// similarity returns the warp of a flat code of the given module size in
// pixels, turned by deg degrees about its centre, which sits at (cx, cy).
func similarity(side int, module, deg, cx, cy float64) warp {
	sin, cos := math.Sincos(-deg * math.Pi / 180)
	half := float64(side) / 2
	return func(x, y float64) (float64, float64) {
		dx, dy := (x-cx)/module, (y-cy)/module
		return half + cos*dx - sin*dy, half + sin*dx + cos*dy
	}
}

// homography is a 3×3 projective matrix, row-major.
type homography [9]float64

// apply maps (x, y) through h.
func (h *homography) apply(x, y float64) (float64, float64) {
	w := h[6]*x + h[7]*y + h[8]
	return (h[0]*x + h[1]*y + h[2]) / w, (h[3]*x + h[4]*y + h[5]) / w
}

// inverse returns h⁻¹ (up to scale).
func (h *homography) inverse() homography {
	a, b, c, d, e, f, g, k, l := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
	return homography{
		e*l - f*k, c*k - b*l, b*f - c*e,
		f*g - d*l, a*l - c*g, c*d - a*f,
		d*k - e*g, b*g - a*k, a*e - b*d,
	}
}

// tilted returns the warp of a code photographed with the card tilted by
// tilt degrees about an axis in its plane at axis degrees from horizontal,
// through a pinhole camera of focal length focal pixels whose optical axis
// meets the code's centre, which lands at (cx, cy). The code's centre stays
// at the distance where it shows module pixels per module.
func tilted(side int, module, tilt, axis, focal, cx, cy float64) warp {
	t := tilt * math.Pi / 180
	a := axis * math.Pi / 180
	// Rotation by t about the unit axis (cos a, sin a, 0) (Rodrigues).
	ax, ay := math.Cos(a), math.Sin(a)
	ct, st := math.Cos(t), math.Sin(t)
	r := [9]float64{
		ct + ax*ax*(1-ct), ax * ay * (1 - ct), ay * st,
		ax * ay * (1 - ct), ct + ay*ay*(1-ct), -ax * st,
		-ay * st, ax * st, ct,
	}
	half := float64(side) / 2
	dist := focal // at the centre a module of the plane is `module` pixels
	// Code (u, v) → camera: R·((u-half)·module, (v-half)·module, 0) + (0, 0, dist).
	// Image x = focal·X/Z + cx.
	fwd := homography{
		focal*r[0]*module + cx*r[6]*module, focal*r[1]*module + cx*r[7]*module, 0,
		focal*r[3]*module + cy*r[6]*module, focal*r[4]*module + cy*r[7]*module, 0,
		r[6] * module, r[7] * module, dist,
	}
	fwd[2] = focal*0 + cx*dist - half*(fwd[0]+fwd[1])
	fwd[5] = cy*dist - half*(fwd[3]+fwd[4])
	fwd[8] = dist - half*(fwd[6]+fwd[7])
	inv := fwd.inverse()
	return inv.apply
}

// radial returns f seen through a lens whose radial distortion moves a
// point at radius r from (cx, cy) to radius r·(1 + k·r²/norm²) of the
// undistorted image: k > 0 is barrel distortion, k < 0 pincushion.
func radial(f warp, k, cx, cy, norm float64) warp {
	return func(x, y float64) (float64, float64) {
		dx, dy := x-cx, y-cy
		s := 1 + k*(dx*dx+dy*dy)/(norm*norm)
		return f(cx+dx*s, cy+dy*s)
	}
}

// cylinder returns f printed on a card bent round a cylinder of the given
// radius in pixels, its axis through (cx, cy) at axis degrees, seen from
// focal pixels away: the card bulges towards the camera at the axis and
// falls away on either side.
func cylinder(f warp, radius, axis, focal, cx, cy float64) warp {
	sin, cos := math.Sincos(axis * math.Pi / 180)
	return func(x, y float64) (float64, float64) {
		// Across the axis (a) and along it (b), in the image plane.
		dx, dy := x-cx, y-cy
		a := dx*cos + dy*sin
		b := -dx*sin + dy*cos
		// A point at arc length s across the axis sits at
		// (radius·sin(s/radius), radius·(1-cos(s/radius))) and its depth
		// grows away from the camera; find s for the image position a.
		theta := bendAngle(a, radius, focal)
		z := focal + radius*(1-math.Cos(theta))
		s := radius * theta
		bb := b * z / focal
		return f(cx+s*cos-bb*sin, cy+s*sin+bb*cos)
	}
}

// bendAngle solves a = focal·R·sin θ / (focal + R·(1−cos θ)) for θ in
// (-π/2, π/2): focal·R·sin θ + a·R·cos θ = a·(focal + R), a sum of a sine
// and a cosine.
func bendAngle(a, radius, focal float64) float64 {
	amp := math.Hypot(focal*radius, a*radius)
	phase := math.Atan2(a*radius, focal*radius)
	s := max(-1, min(1, a*(focal+radius)/amp))
	return max(-math.Pi/2, min(math.Pi/2, math.Asin(s)-phase))
}

// wave returns f displaced across the direction dir (degrees) by
// amplitude·sin(2π·t/length + phase) pixels, t the position along dir: a
// card that ripples.
func wave(f warp, amplitude, length, phase, dir float64) warp {
	sin, cos := math.Sincos(dir * math.Pi / 180)
	return func(x, y float64) (float64, float64) {
		t := x*cos + y*sin
		d := amplitude * math.Sin(2*math.Pi*t/length+phase)
		return f(x-d*sin, y+d*cos)
	}
}
