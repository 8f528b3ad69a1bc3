package scan

import (
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"github.com/idqr/claim169/qr"
)

// gozxing's detector derives the symbol's dimension from the distance
// between finder patterns divided by a module size measured in whole
// pixels. At two or three pixels per module that size is a few per cent off,
// and a large version comes out four or eight modules too wide or narrow,
// so the grid is sampled wrongly and nothing decodes. decodeGrid finds the
// finder patterns the same way, then tries the dimensions near the estimate
// in turn: a wrong one fails the decoder's format, version and
// Reed-Solomon checks, the right one decodes.

// Bounds on the work of decodeGrid.
const (
	maxFinderTriples  = 8 // finder-pattern triples tried, most square first
	maxDimensionTries = 8 // dimensions sampled for each triple
)

// decodeGrid decodes a code in the binarized image m: for each triple of
// candidate finder patterns laid out like a code's, most square first, it
// samples the grid at each plausible dimension. Trying several triples
// copes with a finder-like shape in the data, which can win gozxing's own
// choice of three.
func decodeGrid(l located, b *budget) (string, bool) {
	for _, info := range triples(l.f.GetPossibleCenters(), tripleTolerance) {
		if text, ok := decodeTriple(l.m, info, b); ok {
			return text, true
		}
	}
	return "", false
}

// decodeTriple samples the grid that one triple of finder patterns spans at
// each plausible dimension.
func decodeTriple(m *gozxing.BitMatrix, info *detector.FinderPatternInfo, b *budget) (string, bool) {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	module := (tl.GetEstimatedModuleSize() + tr.GetEstimatedModuleSize() + bl.GetEstimatedModuleSize()) / 3
	span := (gozxing.ResultPoint_Distance(tl, tr) + gozxing.ResultPoint_Distance(tl, bl)) / 2
	if !(module > 0) || !(span > 0) {
		return "", false
	}
	for _, d := range candidateDimensions(span/module + 7) {
		align := findAlignment(m, tl, tr, bl, span, d)
		transform := detector.Detector_createTransform(tl, tr, bl, align, d)
		bits, err := detector.Detector_sampleGrid(m, transform, d)
		if err != nil {
			continue
		}
		if text, ok := decodeBits(bits, b); ok {
			return text, true
		}
	}
	return "", false
}

// candidateDimensions returns the valid symbol dimensions (17+4V) within
// about a tenth of estimate, nearest first, at most maxDimensionTries.
func candidateDimensions(estimate float64) []int {
	if math.IsNaN(estimate) || math.IsInf(estimate, 0) {
		return nil
	}
	slack := max(8, estimate/10)
	var dims []int
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		if d := 17 + 4*v; math.Abs(float64(d)-estimate) <= slack {
			dims = append(dims, d)
		}
	}
	slices.SortStableFunc(dims, func(a, b int) int {
		return int(math.Abs(float64(a)-estimate)*4) - int(math.Abs(float64(b)-estimate)*4)
	})
	return dims[:min(len(dims), maxDimensionTries)]
}

// findAlignment looks for the bottom-right alignment pattern of a symbol of
// dimension d where the finder patterns predict it, widening the search as
// gozxing's detector does. It returns nil for version 1, which has none,
// and when nothing is found.
func findAlignment(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, span float64, d int) *detector.AlignmentPattern {
	if d <= 21 {
		return nil
	}
	between := float64(d - 7)
	module := span / between
	// The alignment pattern sits three modules in from where a fourth
	// finder pattern would be.
	corr := 1 - 3/between
	x := tl.GetX() + corr*(tr.GetX()-tl.GetX()+bl.GetX()-tl.GetX())
	y := tl.GetY() + corr*(tr.GetY()-tl.GetY()+bl.GetY()-tl.GetY())
	for _, factor := range []float64{4, 8, 16} {
		allowance := int(factor * module)
		left, right := max(0, int(x)-allowance), min(m.GetWidth()-1, int(x)+allowance)
		top, bottom := max(0, int(y)-allowance), min(m.GetHeight()-1, int(y)+allowance)
		if float64(right-left) < 3*module || float64(bottom-top) < 3*module {
			return nil
		}
		p, err := detector.NewAlignmentPatternFinder(m, left, top, right-left, bottom-top, module, nil).Find()
		if err == nil {
			return p
		}
	}
	return nil
}
