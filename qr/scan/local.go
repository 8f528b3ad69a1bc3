package scan

import (
	"cmp"
	"image"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// gozxing's detector samples the whole symbol through one perspective
// transform, fitted to the three finder patterns and one alignment pattern.
// A phone photo is not one perspective: the lens bends straight lines, the
// card bends, and across a large symbol the transform drifts by more than
// half a module. A symbol of version 2 or more carries alignment patterns
// on a grid (one for versions 2 to 6, up to 46 for version 40); the local
// grid finds each of them, starting next to the finder patterns and
// predicting each next one from those already found, and maps every cell
// between four of them through its own transform. Where a pattern is not
// found, its place is predicted from its neighbours.

// grid is the geometry of a symbol of dimension d: the module coordinates
// of the lines through the alignment patterns' centres, and the transform of
// each cell between them.
type grid struct {
	d     int
	lines []float64
	cells []projective // (len(lines)-1)², row by row
}

// finders are the centres of the three finder patterns in the image, and
// their module sizes measured along the top side (top-left, top-right) and
// the left side (top-left, bottom-left).
type finders struct {
	tl, tr, bl point
	top, left  [2]float64
}

// newGrid finds the alignment patterns of a symbol of dimension d whose
// finder patterns are f and builds its grid. It returns false when the
// geometry degenerates or no alignment pattern is where the first ones
// should be.
func newGrid(g *image.Gray, f finders, d int, b *budget) (*grid, bool) {
	lines := gridLines(d)
	known, ok := searchAlignment(g, f, d, lines, b)
	if !ok {
		return nil, false
	}
	k := len(lines)
	nodes := make([]point, k*k)
	for j := range k {
		for i := range k {
			at := point{lines[i], lines[j]}
			if m := slices.IndexFunc(known, func(m match) bool { return m.module == at }); m >= 0 {
				nodes[j*k+i] = known[m].pixel
				continue
			}
			t, ok := fitNear(known, at, gridSpacing(lines))
			if !ok {
				return nil, false
			}
			nodes[j*k+i] = t.at(at)
		}
	}
	gr := &grid{d: d, lines: lines}
	for j := range k - 1 {
		for i := range k - 1 {
			var ms []match
			for _, c := range [4][2]int{{i, j}, {i + 1, j}, {i, j + 1}, {i + 1, j + 1}} {
				ms = append(ms, match{point{lines[c[0]], lines[c[1]]}, nodes[c[1]*k+c[0]], 1})
			}
			t, ok := fitProjective(ms, 0)
			if !ok {
				return nil, false
			}
			gr.cells = append(gr.cells, t)
		}
	}
	return gr, true
}

// searchAlignment looks for the alignment patterns of a symbol of dimension
// d whose finder patterns are f, at the crossings of lines, nearest the
// top-left corner first, each where those found so far predict it. It
// returns what the finder patterns tell and the patterns found, and false
// when the first abandonAfter are all missing: a wrong dimension or a wrong
// triple.
func searchAlignment(g *image.Gray, f finders, d int, lines []float64, b *budget) ([]match, bool) {
	seeds := seedMatches(f, d)
	known := slices.Clone(seeds)
	if d <= 21 {
		return known, true // version 1 has none
	}
	k := len(lines)
	var order [][2]int
	for j := range k {
		for i := range k {
			// The corners but the bottom-right one hold finder patterns.
			if (i == 0 || i == k-1) && (j == 0 || j == k-1) && (i == 0 || j == 0) {
				continue
			}
			order = append(order, [2]int{i, j})
		}
	}
	slices.SortStableFunc(order, func(a, b [2]int) int { return (a[0] + a[1]) - (b[0] + b[1]) })
	for searched, n := range order {
		if searched == abandonAfter && len(known) == len(seeds) {
			return nil, false
		}
		at := point{lines[n[0]], lines[n[1]]}
		t, ok := fitNear(known, at, gridSpacing(lines))
		if !ok {
			return nil, false
		}
		du, dv := t.jacobian(at)
		if p, score := findPattern(g, t.at(at), du, dv, b); score >= alignMinScore {
			known = append(known, match{at, p, 1})
		}
	}
	return known, true
}

// gridSpacing returns the usual distance between the lines of a grid, in
// modules; the first interval of a version can be shorter.
func gridSpacing(lines []float64) float64 {
	if k := len(lines); k > 2 {
		return lines[2] - lines[1]
	}
	return lines[len(lines)-1] - lines[0]
}

// seedMatches returns what the finder patterns f tell of a symbol of
// dimension d before any alignment pattern is found: their centres, and the
// middle of the sides between them.
func seedMatches(f finders, d int) []match {
	n := float64(d - 7)
	return []match{
		{point{3.5, 3.5}, f.tl, 1},
		{point{float64(d) - 3.5, 3.5}, f.tr, 1},
		{point{3.5, float64(d) - 3.5}, f.bl, 1},
		// Halfway along the sides, where the patterns' sizes put it:
		// guesses that let the first predictions follow perspective.
		{point{3.5 + n/2, 3.5}, edgePoint(f.tl, f.tr, f.top[0], f.top[1], n/2, n), guessWeight},
		{point{3.5, 3.5 + n/2}, edgePoint(f.tl, f.bl, f.left[0], f.left[1], n/2, n), guessWeight},
	}
}

// gridLines returns the module coordinates of the centres of the alignment
// patterns of a symbol of dimension d, or for version 1, which has none, of
// its finder patterns.
func gridLines(d int) []float64 {
	v, err := decoder.Version_GetVersionForNumber((d - 17) / 4)
	if err != nil || len(v.GetAlignmentPatternCenters()) == 0 {
		return []float64{3.5, float64(d) - 3.5}
	}
	var lines []float64
	for _, c := range v.GetAlignmentPatternCenters() {
		lines = append(lines, float64(c)+0.5)
	}
	return lines
}

// abandonAfter is how many alignment patterns a grid looks for in vain
// before it gives up.
const abandonAfter = 3

// guessWeight is the weight of a place predicted from the finder patterns'
// sizes against one found.
const guessWeight = 0.3

// maxNeighbours is how many of the nearest known points predict the next.
const maxNeighbours = 6

// fitNear fits a transform to the known matches nearest at, their weights
// lowered with their distance in units of the grid spacing.
func fitNear(known []match, at point, spacing float64) (projective, bool) {
	near := slices.Clone(known)
	dist := func(m match) float64 { return math.Hypot(m.module.x-at.x, m.module.y-at.y) / spacing }
	slices.SortStableFunc(near, func(a, b match) int {
		switch da, db := dist(a), dist(b); {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	near = near[:min(len(near), maxNeighbours)]
	for i := range near {
		d := dist(near[i])
		near[i].weight /= 1 + d*d
	}
	if t, ok := fitProjective(near, projectiveRidge); ok {
		return t, true
	}
	return fitProjective(known, projectiveRidge)
}

// at maps module coordinates to the image through the cell that holds them.
func (gr *grid) at(p point) point {
	k := len(gr.lines)
	cell := func(u float64) int {
		i := 0
		for i < k-2 && u >= gr.lines[i+1] {
			i++
		}
		return i
	}
	t := &gr.cells[cell(p.y)*(k-1)+cell(p.x)]
	return t.at(p)
}

// sample returns the grey level of each module, row by row: the mean of its
// centre, counted twice, and four points a fifth of a module from it.
func (gr *grid) sample(g *image.Gray, b *budget) []float64 {
	d := gr.d
	b.samples += int64(6 * d * d)
	out := make([]float64, d*d)
	const o = 0.2
	for y := range d {
		for x := range d {
			u, v := float64(x)+0.5, float64(y)+0.5
			sum := 0.0
			for _, p := range [6]point{{u, v}, {u, v}, {u - o, v - o}, {u + o, v - o}, {u - o, v + o}, {u + o, v + o}} {
				q := gr.at(p)
				sum += bilinear(g, q.x, q.y)
			}
			out[y*d+x] = sum / 6
		}
	}
	return out
}

// Bounds of the local reading of one binarized image: the triples of finder
// patterns it follows, the dimensions it tries for each.
const (
	maxLocalTriples    = 3
	maxLocalDimensions = 3
)

// Bounds on the triples of finder patterns the local grid follows: the
// counts of modules along the two sides may differ by 30 % of their mean
// (a card bent round a cylinder squeezes one side), and the finder patterns
// must correlate with their template by 0.4 (a finder-like run in data,
// without the light separator round it, scores about 0.2).
const (
	maxLocalSkew   = 0.3
	minFinderScore = 0.4
)

// localCandidate is a triple of finder patterns and the dimension it
// suggests, with how far its sides' counts of modules differ and how well
// its patterns match.
type localCandidate struct {
	f                 finders
	dim, skew, fscore float64
}

// localCandidates returns the triples of finder patterns found in l that
// span a square symbol and look like finder patterns in the grey image g,
// the best first, at most maxLocalTriples.
func localCandidates(l located, g *image.Gray, b *budget) []localCandidate {
	var out []localCandidate
	for _, info := range triples(l.f.GetPossibleCenters(), tripleLocalTolerance) {
		tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
		module := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
		fs := finders{
			tl: point{tl.GetX(), tl.GetY()},
			tr: point{tr.GetX(), tr.GetY()},
			bl: point{bl.GetX(), bl.GetY()},
		}
		fs, dim, skew := measureFinders(l.m, fs, module)
		if skew > maxLocalSkew {
			continue
		}
		if score := finderScore(g, fs, b); score >= minFinderScore {
			out = append(out, localCandidate{fs, dim, skew, score})
		}
	}
	slices.SortStableFunc(out, func(a, b localCandidate) int { return cmp.Compare(a.skew-a.fscore, b.skew-b.fscore) })
	return out[:min(len(out), maxLocalTriples)]
}

// decodeLocal reads a code whose finder patterns are found in the binarized
// image m by sampling the grey image g, which m was made from, through the
// local grid.
func decodeLocal(l located, g *image.Gray, b *budget) (string, bool) {
	for _, c := range localCandidates(l, g, b) {
		dims := candidateDimensions(c.dim)
		dims = dims[:min(len(dims), maxLocalDimensions)]
		if len(dims) > 0 {
			// The version information, where it can be read, names
			// the dimension: try it first.
			t, ok := fitProjective(seedMatches(c.f, dims[0]), projectiveRidge)
			if hint, found := readVersion(g, c.f, &t, dims[0]); ok && found {
				dims = slices.Insert(slices.DeleteFunc(dims, func(d int) bool { return d == hint }), 0, hint)
			}
		}
		for _, d := range dims {
			if !b.grid() {
				return "", false
			}
			gr, ok := newGrid(g, c.f, d, b)
			if !ok {
				continue
			}
			if text, ok := decodeSampled(g, gr, b); ok {
				return text, true
			}
		}
	}
	return "", false
}

// decodeSampled samples the symbol through gr and decodes it with each module
// threshold; when none decodes, it refines the sampling (see refine), if
// the budget allows, and tries the first two thresholds again.
func decodeSampled(g *image.Gray, gr *grid, b *budget) (string, bool) {
	vals := gr.sample(g, b)
	for _, t := range moduleThresholds {
		if text, ok := decodeBits(t.apply(vals, gr.d), b); ok {
			return text, true
		}
	}
	if !b.refinement() {
		return "", false
	}
	// The decoder unmasks and mirrors the matrix it reads in place: the
	// refinement thresholds the sampling again.
	r := refine(g, gr, moduleThresholds[0].apply(vals, gr.d), refinement{}, b)
	for _, t := range moduleThresholds[:2] {
		if text, ok := decodeBits(t.apply(r.vals, gr.d), b); ok {
			return text, true
		}
	}
	return "", false
}
