package render

import (
	"sync"

	"github.com/idqr/claim169/qr/internal/symbol"
)

// maxWords is the most words a row takes: three, for version 40.
const maxWords = 3

// maskPeriod is a period of every mask pattern along rows and along
// columns: each is a function of x mod 6 and y mod 12.
const maskPeriod = 12

// maskRows holds each mask pattern as bit rows, for every module of the
// widest symbol: rows[m][y%12] are the modules mask m inverts in row y,
// and cols[m][x%12] those it inverts in column x (bit y), the rows of the
// transposed symbol.
type maskRows struct {
	rows, cols [symbol.MaskPatterns][maskPeriod][maxWords]uint64
}

// masks builds the mask rows on first use.
var masks = sync.OnceValue(func() *maskRows {
	r := new(maskRows)
	for m := range symbol.MaskPatterns {
		for a := range maskPeriod {
			for b := range 64 * maxWords {
				if symbol.Inverts(m, b, a) {
					r.rows[m][a][b/64] |= 1 << (b % 64)
				}
				if symbol.Inverts(m, a, b) {
					r.cols[m][a][b/64] |= 1 << (b % 64)
				}
			}
		}
	}
	return r
})
