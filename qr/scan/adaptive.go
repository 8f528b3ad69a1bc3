package scan

import (
	"image"

	"github.com/makiuchi-d/gozxing"
)

// gozxing's hybrid binarizer thresholds blocks of 8×8 pixels at the mean of
// the 5×5 blocks round them, and takes a block of little contrast for
// light; under a lamp's reflection a finder pattern can be such a block.
// adaptive thresholds every pixel at a fixed share below the mean of a
// square window round it, whatever the contrast (Bradley and Roth's
// method): a finder pattern washed out to light grey on white still shows.

// adaptiveWindow is one adaptive binarization: the window's side as a
// fraction of the image's smaller side, and how far below the window's
// mean a pixel must be to be dark, in 256ths of the mean.
type adaptiveWindow struct{ fraction, ratio int }

// adaptiveWindows are the binarizations tried: a window about twice a
// finder pattern of a code that fills the image, with a low threshold that
// finds a finder pattern washed out by glare, and a smaller window with the
// usual threshold of 10 %.
var adaptiveWindows = [...]adaptiveWindow{{8, 8}, {20, 26}}

// adaptive returns g binarized with windows of side min(w, h)/fraction
// pixels (at least 9).
func adaptive(g *image.Gray, a adaptiveWindow) *gozxing.BitMatrix {
	ratio := uint64(a.ratio)
	fraction := a.fraction
	w, h := g.Rect.Dx(), g.Rect.Dy()
	half := max(4, min(w, h)/fraction/2)
	// Sums along the rows over the window's width.
	rows := make([]uint32, w*h)
	for y := range h {
		row := g.Pix[y*g.Stride:][:w]
		var sum uint32
		for x := range min(half, w) {
			sum += uint32(row[x])
		}
		for x := range w {
			if x+half < w {
				sum += uint32(row[x+half])
			}
			if x-half-1 >= 0 {
				sum -= uint32(row[x-half-1])
			}
			rows[y*w+x] = sum
		}
	}
	m, _ := gozxing.NewBitMatrix(w, h)
	// Sums of the row sums down the columns over the window's height.
	cols := make([]uint64, w)
	for y := range min(half, h) {
		for x := range w {
			cols[x] += uint64(rows[y*w+x])
		}
	}
	for y := range h {
		if y+half < h {
			for x := range w {
				cols[x] += uint64(rows[(y+half)*w+x])
			}
		}
		if y-half-1 >= 0 {
			for x := range w {
				cols[x] -= uint64(rows[(y-half-1)*w+x])
			}
		}
		ny := uint64(min(h, y+half+1) - max(0, y-half))
		row := g.Pix[y*g.Stride:][:w]
		for x := range w {
			n := ny * uint64(min(w, x+half+1)-max(0, x-half))
			// dark when p < mean·(1 - ratio/256)
			if uint64(row[x])*n*256 < cols[x]*(256-ratio) {
				m.Set(x, y)
			}
		}
	}
	return m
}
