package scan

import (
	"cmp"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// maxFinderCenters bounds the candidate finder patterns one read collects.
// A code has three, a photo of a card a few more. gozxing's own search keeps
// every candidate and then weighs every triple of them, which an image tiled
// with finder-like squares turns into minutes of work; past this bound the
// read gives up instead.
const maxFinderCenters = 64

// locate scans the rows of m for the dark-light-dark-light-dark runs in
// proportion 1:1:3:1:1 that cross a finder pattern, and lets gozxing confirm
// each one across the column and the diagonal. It returns the finder holding
// the confirmed candidates, or false when they exceed maxFinderCenters.
func locate(m *gozxing.BitMatrix) (*detector.FinderPatternFinder, bool) {
	f := detector.NewFinderPatternFinder(m, nil)
	w, h := m.GetWidth(), m.GetHeight()
	runs := make([]int, 5)
	// found checks a complete run pattern ending before column x.
	found := func(y, x int) bool {
		return detector.FinderPatternFinder_foundPatternCross(runs) && f.HandlePossibleCenter(runs, y, x)
	}
	for y := detector.FinderPatternFinder_MIN_SKIP - 1; y < h; y += detector.FinderPatternFinder_MIN_SKIP {
		clear(runs)
		state := 0 // index of the run being counted; even runs are dark
		for x := range w {
			dark := m.Get(x, y)
			switch {
			case dark == (state%2 == 0):
				runs[state]++
			case state < 4:
				state++
				runs[state]++
			case found(y, x):
				// A light pixel ends the fifth run on a finder pattern.
				if len(f.GetPossibleCenters()) > maxFinderCenters {
					return nil, false
				}
				state = 0
				clear(runs)
			default:
				// Drop the first dark and light runs and go on counting
				// this light pixel as the fourth.
				copy(runs, runs[2:])
				runs[3], runs[4] = 1, 0
				state = 3
			}
		}
		if found(y, w) && len(f.GetPossibleCenters()) > maxFinderCenters {
			return nil, false
		}
	}
	return f, true
}

// decodeDetected decodes the code at gozxing's best triple of finder
// patterns, with gozxing's own estimate of its dimension.
func decodeDetected(l located, b *budget) (string, bool) {
	best, notFound := l.f.SelectBestPatterns()
	if notFound != nil {
		return "", false
	}
	info, ok := orderTriple(best[0], best[1], best[2])
	if !ok {
		return "", false
	}
	det, err := detector.NewDetector(l.m).ProcessFinderPatternInfo(info)
	if err != nil {
		return "", false
	}
	return decodeBits(det.GetBits(), b)
}

// decodeBits decodes a sampled grid of modules, if the budget allows.
func decodeBits(bits *gozxing.BitMatrix, b *budget) (string, bool) {
	if !b.decode() {
		return "", false
	}
	return readSymbol(bits)
}

// orderTriple names three finder patterns by their place in the code.
func orderTriple(a, b, c *detector.FinderPattern) (*detector.FinderPatternInfo, bool) {
	p, q, r := gozxing.ResultPoint_OrderBestPatterns(a, b, c)
	bl, ok1 := p.(*detector.FinderPattern)
	tl, ok2 := q.(*detector.FinderPattern)
	tr, ok3 := r.(*detector.FinderPattern)
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	return detector.NewFinderPatternInfo(bl, tl, tr), true
}

// tolerance bounds how far a triple of finder patterns may be from the
// corners of a square for it to be taken for a code's: how much larger the
// largest module size may be than the smallest, and how far the two sides
// from the top-left pattern and the diagonal may be from a square's,
// relative to its size.
type tolerance struct{ module, shape float64 }

// Tolerances for gozxing's global transform, and for the local grid, which
// follows steep perspective, where the nearest pattern can look twice the
// size of the farthest; localCandidates then checks that the sides hold the
// same number of modules.
var (
	tripleTolerance      = tolerance{module: 0.4, shape: 0.15}
	tripleLocalTolerance = tolerance{module: 1.5, shape: 0.6}
)

// triples returns the triples of candidates laid out like the finder
// patterns of one code within the tolerance, the most square first, at most
// maxFinderTriples. The candidates
// are at most maxFinderCenters, so the triples weighed are bounded too.
func triples(centers []*detector.FinderPattern, tol tolerance) []*detector.FinderPatternInfo {
	type scored struct {
		info  *detector.FinderPatternInfo
		score float64
	}
	var found []scored
	n := len(centers)
	for i := range n {
		for j := i + 1; j < n; j++ {
			for k := j + 1; k < n; k++ {
				info, ok := orderTriple(centers[i], centers[j], centers[k])
				if !ok {
					continue
				}
				if score, ok := squareness(info, tol); ok {
					found = append(found, scored{info, score})
				}
			}
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return cmp.Compare(a.score, b.score) })
	out := make([]*detector.FinderPatternInfo, 0, min(len(found), maxFinderTriples))
	for _, s := range found[:min(len(found), maxFinderTriples)] {
		out = append(out, s.info)
	}
	return out
}

// squareness reports how far a triple is from the corners of a square, 0
// for a perfect one, and false when it is outside the tolerance.
func squareness(info *detector.FinderPatternInfo, tol tolerance) (float64, bool) {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	sizes := []float64{tl.GetEstimatedModuleSize(), tr.GetEstimatedModuleSize(), bl.GetEstimatedModuleSize()}
	smallest, largest := slices.Min(sizes), slices.Max(sizes)
	if !(smallest > 0) || largest > smallest*(1+tol.module) {
		return 0, false
	}
	a := gozxing.ResultPoint_Distance(tl, tr)
	b := gozxing.ResultPoint_Distance(tl, bl)
	c := gozxing.ResultPoint_Distance(tr, bl)
	if !(min(a, b) > 0) {
		return 0, false
	}
	sides := math.Abs(a-b) / min(a, b)
	diagonal := math.Abs(c-math.Hypot(a, b)) / math.Hypot(a, b)
	if sides > tol.shape || diagonal > tol.shape {
		return 0, false
	}
	return sides + diagonal, true
}
