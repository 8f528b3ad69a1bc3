package symbol

import (
	"math/bits"

	"github.com/idqr/claim169/qr"
)

// maxInfoErrors is the most bits in error a format or version information
// is corrected for: the BCH codes of both have a minimum distance of at
// least 7 (ISO/IEC 18004 Annex C and D).
const maxInfoErrors = 3

// levelsByBits names the level of each value of the two level bits of the
// format information: the inverse of levelBits.
var levelsByBits = [4]qr.Level{qr.M, qr.L, qr.H, qr.Q}

// DecodeFormat returns the level and the data mask of a symbol's format
// information from its two copies a and b, read as [FormatPositions]
// places them: those of the code word nearest either copy, with at most 3
// bits in error. As ZXing does, it then tries the copies unmasked, for
// encoders that leave out the mask.
func DecodeFormat(a, b int) (qr.Level, int, bool) {
	if l, m, ok := nearestFormat(a, b); ok {
		return l, m, true
	}
	return nearestFormat(a^formatMask, b^formatMask)
}

// nearestFormat decodes the copies a and b of the masked format
// information; the first of equally near code words wins.
func nearestFormat(a, b int) (qr.Level, int, bool) {
	best, found := maxInfoErrors+1, -1
	for data := range 1 << 5 {
		code := bch(data, formatPoly, 10) ^ formatMask
		if code == a || code == b {
			return levelsByBits[data>>3], data & 7, true
		}
		for _, c := range [2]int{a, b} {
			if d := bits.OnesCount(uint(c ^ code)); d < best {
				best, found = d, data
			}
		}
	}
	if found < 0 {
		return 0, 0, false
	}
	return levelsByBits[found>>3], found & 7, true
}

// DecodeVersion returns the version whose version information (versions 7
// to 40) is nearest bits, with at most 3 bits in error.
func DecodeVersion(info int) (int, bool) {
	best, found := maxInfoErrors+1, 0
	for v := 7; v <= qr.MaxVersion; v++ {
		code := VersionInfo(v)
		if code == info {
			return v, true
		}
		if d := bits.OnesCount(uint(code ^ info)); d < best {
			best, found = d, v
		}
	}
	return found, found != 0
}
