package scan

import (
	"github.com/makiuchi-d/gozxing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/symbol"
)

// readSymbol reads the text of a sampled symbol with the module reader of
// package qr/internal/symbol and the bit stream reader of package qr; when
// that fails, it reads the symbol mirrored (its transpose), as ZXing's
// decoder does.
func readSymbol(m *gozxing.BitMatrix) (string, bool) {
	side := m.GetHeight()
	if m.GetWidth() != side {
		return "", false
	}
	mirrored := func(x, y int) bool { return m.Get(y, x) }
	for _, dark := range [2]func(x, y int) bool{m.Get, mirrored} {
		data, v, err := symbol.Decode(side, dark)
		if err != nil {
			continue
		}
		if text, err := qr.ParseDataCodewords(data, v); err == nil {
			return text, true
		}
	}
	return "", false
}

// pureBits samples m as a clean, upright symbol that fills the image but
// for its quiet zone, as ZXing's PURE_BARCODE pass does: the symbol spans
// the topmost leftmost dark pixel to the bottommost rightmost one (a
// square, if that last module is light), the module size is the width of
// the top left finder pattern along its diagonal divided by 7, and each
// module is read at its centre. It returns nil when m does not look like
// such a symbol.
func pureBits(m *gozxing.BitMatrix) *gozxing.BitMatrix {
	topLeft, bottomRight := m.GetTopLeftOnBit(), m.GetBottomRightOnBit()
	if topLeft == nil || bottomRight == nil {
		return nil
	}
	module, ok := pureModuleSize(m, topLeft[0], topLeft[1])
	if !ok {
		return nil
	}
	left, top, right, bottom := topLeft[0], topLeft[1], bottomRight[0], bottomRight[1]
	if left >= right || top >= bottom {
		return nil
	}
	if bottom-top != right-left {
		// The last module is light: take the symbol for a square.
		right = left + bottom - top
		if right >= m.GetWidth() {
			return nil
		}
	}
	side := int(float64(right-left+1)/module + 0.5)
	if side <= 0 || side != int(float64(bottom-top+1)/module+0.5) {
		return nil
	}
	left, okX := centred(left, right, side, module)
	top, okY := centred(top, bottom, side, module)
	if !okX || !okY {
		return nil
	}
	bits, err := gozxing.NewSquareBitMatrix(side)
	if err != nil {
		return nil
	}
	for y := range side {
		py := top + int(float64(y)*module)
		for x := range side {
			if m.Get(left+int(float64(x)*module), py) {
				bits.Set(x, y)
			}
		}
	}
	return bits
}

// centred returns where the centre of the first of side modules lies, the
// modules spanning start to end: half a module in, moved back as far as
// half a module if the last centre would fall past end.
func centred(start, end, side int, module float64) (int, bool) {
	nudge := int(module / 2)
	start += nudge
	if over := start + int(float64(side-1)*module) - end; over > 0 {
		if over > nudge {
			return 0, false
		}
		start -= over
	}
	return start, true
}

// pureModuleSize measures the module size from the top left corner (x, y)
// of a symbol: the run from it along the diagonal across the finder
// pattern's five dark and light rings is 7 modules long.
func pureModuleSize(m *gozxing.BitMatrix, x, y int) (float64, bool) {
	w, h := m.GetWidth(), m.GetHeight()
	x0 := x
	dark, transitions := true, 0
	for ; x < w && y < h; x, y = x+1, y+1 {
		if m.Get(x, y) != dark {
			transitions++
			if transitions == 5 {
				break
			}
			dark = !dark
		}
	}
	if x == w || y == h {
		return 0, false
	}
	return float64(x-x0) / 7, true
}
