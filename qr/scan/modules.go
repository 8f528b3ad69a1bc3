package scan

import (
	"github.com/makiuchi-d/gozxing"
)

// Sampled modules are told dark from light by a threshold that follows the
// light across the symbol: the mean grey level of the modules round each
// one, in windows of two sizes, since a symbol's modules are about half
// dark. Modules washed out to white by glare are left out of the means, so
// that they do not lift the threshold of their neighbours; they are read as
// light and left to the error correction.

// saturated is the grey level from which a module counts as washed out.
const saturated = 250

// moduleWindows are the sides, in modules, of the windows of the local
// thresholds tried in turn.
var moduleWindows = [...]int{9, 5, 17}

// threshold returns the modules of a d×d symbol whose grey levels are vals,
// each dark when below the mean of the unsaturated modules in the window
// of the given side round it.
func threshold(vals []float64, d, window int) *gozxing.BitMatrix {
	// Integral sums and counts of the unsaturated modules.
	sum := make([]float64, (d+1)*(d+1))
	cnt := make([]int32, (d+1)*(d+1))
	for y := range d {
		rowSum, rowCnt := 0.0, int32(0)
		for x := range d {
			if v := vals[y*d+x]; v < saturated {
				rowSum += v
				rowCnt++
			}
			sum[(y+1)*(d+1)+x+1] = sum[y*(d+1)+x+1] + rowSum
			cnt[(y+1)*(d+1)+x+1] = cnt[y*(d+1)+x+1] + rowCnt
		}
	}
	bits, _ := gozxing.NewSquareBitMatrix(d)
	half := window / 2
	for y := range d {
		y0, y1 := max(0, y-half), min(d, y+half+1)
		for x := range d {
			x0, x1 := max(0, x-half), min(d, x+half+1)
			s := sum[y1*(d+1)+x1] - sum[y0*(d+1)+x1] - sum[y1*(d+1)+x0] + sum[y0*(d+1)+x0]
			n := cnt[y1*(d+1)+x1] - cnt[y0*(d+1)+x1] - cnt[y1*(d+1)+x0] + cnt[y0*(d+1)+x0]
			if n > 0 && vals[y*d+x] < s/float64(n) {
				bits.Set(x, y)
			}
		}
	}
	return bits
}
