package scan

import (
	"image"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
)

// Between alignment patterns, 20 to 28 modules apart, a bent card or a
// strong lens curves the rows of modules away from the straight lines of
// the cell's transform, by up to half a module. A sampling whose decode
// fails still has most of its modules right; refine uses them as the
// template of the symbol and, block by block, finds the small shift that
// matches the grey image best, then samples again through the shifted
// grid. The shifts are smoothed over neighbouring blocks, so that a block
// of wrong modules follows the others.

// Bounds of the refinement: the side of a block in modules, and the shifts
// tried, in modules along each axis.
const (
	refineBlock = 5
	refineReach = 0.5
	refineSteps = 7 // shifts from -refineReach to +refineReach
)

// refinement is a sampling of the symbol through a grid whose blocks are
// shifted, in modules.
type refinement struct {
	shifts []point // per block, row by row
	vals   []float64
}

// refine returns the grey levels of the modules of the symbol sampled
// through gr with each block of the previous refinement (none at first)
// shifted further to where bits, a thresholding of that sampling, match
// the image best.
func refine(g *image.Gray, gr *grid, bits *gozxing.BitMatrix, prev refinement, b *budget) refinement {
	d := gr.d
	nb := (d + refineBlock - 1) / refineBlock
	base := prev.shifts
	if base == nil {
		base = make([]point, nb*nb)
	}
	shifts := make([]point, nb*nb)
	for by := range nb {
		for bx := range nb {
			s := bestShift(g, gr, bits, base[by*nb+bx], bx*refineBlock, by*refineBlock, b)
			shifts[by*nb+bx] = point{base[by*nb+bx].x + s.x, base[by*nb+bx].y + s.y}
		}
	}
	shifts = smoothShifts(shifts, nb)
	out := make([]float64, d*d)
	b.samples += int64(d * d)
	for y := range d {
		for x := range d {
			s := shiftAt(shifts, nb, float64(x)+0.5, float64(y)+0.5)
			q := gr.at(point{float64(x) + 0.5 + s.x, float64(y) + 0.5 + s.y})
			out[y*d+x] = bilinear(g, q.x, q.y)
		}
	}
	return refinement{shifts, out}
}

// bestShift returns the shift, beyond base, of the block of modules at
// (x0, y0) whose grey levels correlate best with the block's bits. Within
// the block, a shift moves every module by the same image displacement,
// taken from the grid's local derivatives at the block.
func bestShift(g *image.Gray, gr *grid, bits *gozxing.BitMatrix, base point, x0, y0 int, b *budget) point {
	d := gr.d
	x1, y1 := min(d, x0+refineBlock), min(d, y0+refineBlock)
	n := (x1 - x0) * (y1 - y0)
	centres := make([]point, 0, n)
	signs := make([]float64, 0, n)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			centres = append(centres, gr.at(point{float64(x) + 0.5 + base.x, float64(y) + 0.5 + base.y}))
			s := 1.0
			if bits.Get(x, y) {
				s = -1
			}
			signs = append(signs, s)
		}
	}
	mid := point{float64(x0+x1)/2 + base.x, float64(y0+y1)/2 + base.y}
	c, cu, cv := gr.at(mid), gr.at(point{mid.x + 1, mid.y}), gr.at(point{mid.x, mid.y + 1})
	du, dv := point{cu.x - c.x, cu.y - c.y}, point{cv.x - c.x, cv.y - c.y}
	vals := make([]float64, n)
	best, bestScore := point{}, math.Inf(-1)
	step := 2 * refineReach / (refineSteps - 1)
	for j := range refineSteps {
		for i := range refineSteps {
			off := point{-refineReach + float64(i)*step, -refineReach + float64(j)*step}
			shift := point{off.x*du.x + off.y*dv.x, off.x*du.y + off.y*dv.y}
			mean := 0.0
			for k, p := range centres {
				vals[k] = bilinear(g, p.x+shift.x, p.y+shift.y)
				mean += vals[k]
			}
			b.samples += int64(n)
			mean /= float64(n)
			score := 0.0
			for k, v := range vals {
				score += signs[k] * (v - mean)
			}
			// Prefer the smaller shift when the match is as good.
			score -= 0.05 * math.Abs(score) * (off.x*off.x + off.y*off.y)
			if score > bestScore {
				best, bestScore = off, score
			}
		}
	}
	return best
}

// smoothShifts replaces each block's shift by the median of its own and its
// neighbours', which a block of wrong modules or a quiet block cannot
// drag away.
func smoothShifts(shifts []point, nb int) []point {
	out := make([]point, len(shifts))
	var xs, ys []float64
	for by := range nb {
		for bx := range nb {
			xs, ys = xs[:0], ys[:0]
			for j := max(0, by-1); j <= min(nb-1, by+1); j++ {
				for i := max(0, bx-1); i <= min(nb-1, bx+1); i++ {
					xs = append(xs, shifts[j*nb+i].x)
					ys = append(ys, shifts[j*nb+i].y)
				}
			}
			slices.Sort(xs)
			slices.Sort(ys)
			out[by*nb+bx] = point{xs[len(xs)/2], ys[len(ys)/2]}
		}
	}
	return out
}

// shiftAt interpolates the blocks' shifts bilinearly at module coordinates
// (u, v), each block's shift at its centre.
func shiftAt(shifts []point, nb int, u, v float64) point {
	fx := u/refineBlock - 0.5
	fy := v/refineBlock - 0.5
	x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
	tx, ty := fx-float64(x0), fy-float64(y0)
	at := func(i, j int) point {
		i, j = min(nb-1, max(0, i)), min(nb-1, max(0, j))
		return shifts[j*nb+i]
	}
	a, b, c, e := at(x0, y0), at(x0+1, y0), at(x0, y0+1), at(x0+1, y0+1)
	return point{
		(a.x*(1-tx)+b.x*tx)*(1-ty) + (c.x*(1-tx)+e.x*tx)*ty,
		(a.y*(1-tx)+b.y*tx)*(1-ty) + (c.y*(1-tx)+e.y*tx)*ty,
	}
}
