package scan

import (
	"github.com/makiuchi-d/gozxing"
)

// Sampled modules are told dark from light by thresholds that follow the
// light across the symbol, since a photo is lit unevenly and a lamp's
// reflection can wash part of it out: the mean grey level of the modules
// in a window round each one (a symbol's modules are about half dark), or
// the midpoint of the darkest and the lightest of them, which holds where
// glare leaves dark modules only a little darker than the saturated light
// ones round them. Each is one decode of the same sampling.

// moduleThreshold is one way of thresholding sampled modules: by the local
// mean or the local range, in a window of the given side in modules.
type moduleThreshold struct {
	window  int
	byRange bool
}

// moduleThresholds are the thresholds tried in turn on each sampling.
var moduleThresholds = [...]moduleThreshold{{5, false}, {3, true}, {9, false}}

// apply thresholds the d×d sampled grey levels vals.
func (t moduleThreshold) apply(vals []float64, d int) *gozxing.BitMatrix {
	if t.byRange {
		return thresholdRange(vals, d, t.window)
	}
	return thresholdMean(vals, d, t.window)
}

// thresholdMean returns the modules of a d×d symbol whose grey levels are
// vals, each dark when below the mean of the modules in the window of the
// given side round it.
func thresholdMean(vals []float64, d, window int) *gozxing.BitMatrix {
	sum := make([]float64, (d+1)*(d+1)) // integral sums
	for y := range d {
		row := 0.0
		for x := range d {
			row += vals[y*d+x]
			sum[(y+1)*(d+1)+x+1] = sum[y*(d+1)+x+1] + row
		}
	}
	bits, _ := gozxing.NewSquareBitMatrix(d)
	half := window / 2
	for y := range d {
		y0, y1 := max(0, y-half), min(d, y+half+1)
		for x := range d {
			x0, x1 := max(0, x-half), min(d, x+half+1)
			s := sum[y1*(d+1)+x1] - sum[y0*(d+1)+x1] - sum[y1*(d+1)+x0] + sum[y0*(d+1)+x0]
			if vals[y*d+x]*float64((y1-y0)*(x1-x0)) < s {
				bits.Set(x, y)
			}
		}
	}
	return bits
}

// thresholdRange returns the modules of a d×d symbol whose grey levels are
// vals, each dark when below the midpoint of the darkest and the lightest
// module in the window of the given side round it.
func thresholdRange(vals []float64, d, window int) *gozxing.BitMatrix {
	bits, _ := gozxing.NewSquareBitMatrix(d)
	half := window / 2
	for y := range d {
		for x := range d {
			lo, hi := 255.0, 0.0
			for j := max(0, y-half); j < min(d, y+half+1); j++ {
				for _, v := range vals[j*d+max(0, x-half) : j*d+min(d, x+half+1)] {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if vals[y*d+x] < (lo+hi)/2 {
				bits.Set(x, y)
			}
		}
	}
	return bits
}
