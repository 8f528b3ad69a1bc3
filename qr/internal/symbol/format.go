package symbol

import "github.com/idqr/claim169/qr"

// The format information (ISO/IEC 18004 §7.9) is 15 bits: the level and
// the mask, 5 bits protected by a (15,5) BCH code and masked with 0x5412.
// The version information (§7.10) is 18 bits: the version, 6 bits
// protected by an (18,6) BCH code.
const (
	formatPoly  = 0x537  // x^10+x^8+x^5+x^4+x^2+x+1
	formatMask  = 0x5412 // so that no format information is all light
	versionPoly = 0x1f25 // x^12+x^11+x^10+x^9+x^8+x^5+x^2+1
)

// levelBits are the two bits that name each level in the format
// information (Table 12): L 01, M 00, Q 11, H 10.
var levelBits = [4]int{1, 0, 3, 2}

// bch returns data followed by the remainder of data·x^n divided by poly,
// a polynomial of degree n.
func bch(data, poly, n int) int {
	rem := data << n
	for i := bitLen(rem) - 1; i >= n; i-- {
		if rem>>i&1 != 0 {
			rem ^= poly << (i - n)
		}
	}
	return data<<n | rem
}

func bitLen(x int) int {
	n := 0
	for ; x != 0; x >>= 1 {
		n++
	}
	return n
}

// FormatInfo returns the 15 bits of format information of level l and
// data mask m.
func FormatInfo(l qr.Level, m int) int {
	return bch(levelBits[l-qr.L]<<3|m, formatPoly, 10) ^ formatMask
}

// VersionInfo returns the 18 bits of version information of version v.
func VersionInfo(v int) int { return bch(v, versionPoly, 12) }

// FormatPositions returns where the two copies of the format information
// go in a symbol of side modules, as (x, y) for bits 0 to 14, bit 0 being
// the least significant (§7.9.1, Figure 25): around the top left finder
// pattern, and split between the top right and bottom left ones.
func FormatPositions(side int) [2][15][2]int {
	var p [2][15][2]int
	for i := range 15 {
		switch {
		case i < 6:
			p[0][i] = [2]int{8, i}
		case i < 8:
			p[0][i] = [2]int{8, i + 1} // past the timing pattern
		case i == 8:
			p[0][i] = [2]int{7, 8}
		default:
			p[0][i] = [2]int{14 - i, 8}
		}
		if i < 8 {
			p[1][i] = [2]int{side - 1 - i, 8}
		} else {
			p[1][i] = [2]int{8, side - 15 + i}
		}
	}
	return p
}
