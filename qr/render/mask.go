package render

import "sync"

// maskPatterns is the number of data mask patterns (ISO/IEC 18004 §7.8.2).
const maskPatterns = 8

// maxWords is the most words a row takes: three, for version 40.
const maxWords = 3

// maskPeriod is a period of every mask pattern along rows and along
// columns: each is a function of x mod 6 and y mod 12.
const maskPeriod = 12

// inverts reports whether data mask m inverts the module at column x and
// row y (§7.8.2, Table 10, with i the row and j the column).
func inverts(m, x, y int) bool {
	switch m {
	case 0:
		return (y+x)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (y+x)%3 == 0
	case 4:
		return (y/2+x/3)%2 == 0
	case 5:
		return y*x%2+y*x%3 == 0
	case 6:
		return (y*x%2+y*x%3)%2 == 0
	}
	return (y*x%3+(y+x)%2)%2 == 0
}

// maskRows holds each mask pattern as bit rows, for every module of the
// widest symbol: rows[m][y%12] are the modules mask m inverts in row y,
// and cols[m][x%12] those it inverts in column x (bit y), the rows of the
// transposed symbol.
type maskRows struct {
	rows, cols [maskPatterns][maskPeriod][maxWords]uint64
}

// masks builds the mask rows on first use.
var masks = sync.OnceValue(func() *maskRows {
	r := new(maskRows)
	for m := range maskPatterns {
		for a := range maskPeriod {
			for b := range 64 * maxWords {
				if inverts(m, b, a) {
					r.rows[m][a][b/64] |= 1 << (b % 64)
				}
				if inverts(m, a, b) {
					r.cols[m][a][b/64] |= 1 << (b % 64)
				}
			}
		}
	}
	return r
})
