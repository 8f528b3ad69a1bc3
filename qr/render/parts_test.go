package render

import (
	"fmt"
	"math/bits"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/symbol"
)

// The encoder's parts against gozxing's implementation of each step; the
// tables of the symbol's structure are checked in package symbol.

// TestMaskRowsMatchGozxing compares the mask rows and columns with
// gozxing's mask function.
func TestMaskRowsMatchGozxing(t *testing.T) {
	rows := masks()
	for m := range symbol.MaskPatterns {
		for y := range 64 * maxWords {
			for x := range 64 * maxWords {
				want, err := encoder.MaskUtil_getDataMaskBit(m, x, y)
				require.NoError(t, err)
				require.Equal(t, want, rows.rows[m][y%maskPeriod][x/64]>>(x%64)&1 != 0, "rows %d at %d,%d", m, x, y)
				require.Equal(t, want, rows.cols[m][x%maskPeriod][y/64]>>(y%64)&1 != 0, "cols %d at %d,%d", m, x, y)
			}
		}
	}
}

// randomMatrix returns a side×side matrix of modules, dark with
// probability dark in 256, as gozxing's ByteMatrix and as padded bit rows
// with their transpose.
func randomMatrix(t *testing.T, side, dark int, seed uint64) (*encoder.ByteMatrix, []uint64, []uint64) {
	t.Helper()
	r := qrtest.NewRand(seed)
	words := symbol.WordsFor(side)
	zx := encoder.NewByteMatrix(side, side)
	m := make([]uint64, (side+2*pad)*words)
	mT := make([]uint64, (side+2*pad)*words)
	for y := range side {
		for x := range side {
			d := r.IntN(256) < dark
			zx.SetBool(x, y, d)
			if d {
				m[(y+pad)*words+x/64] |= 1 << (x % 64)
			}
		}
	}
	transpose(mT[pad*words:], m[pad*words:], side, words)
	return zx, m, mT
}

// TestPenaltyRulesMatchGozxing compares each rule with gozxing's MaskUtil
// on random matrices of every width class (one to three words, and the
// word boundaries) and density, where runs, blocks and finder-like
// patterns occur at the edges and across words.
func TestPenaltyRulesMatchGozxing(t *testing.T) {
	for _, side := range []int{7, 11, 21, 45, 63, 64, 65, 97, 127, 128, 129, 177, 192} {
		for i, dark := range []int{128, 40, 216, 170} {
			t.Run(fmt.Sprintf("side %d dark %d", side, dark), func(t *testing.T) {
				zx, m, mT := randomMatrix(t, side, dark, uint64(side*10+i))
				words := symbol.WordsFor(side)
				assert.Equal(t, encoder.MaskUtil_applyMaskPenaltyRule1(zx),
					runPenalty(m, side, words)+runPenalty(mT, side, words), "N1")
				assert.Equal(t, encoder.MaskUtil_applyMaskPenaltyRule2(zx), blockPenalty(m, side, words), "N2")
				assert.Equal(t, encoder.MaskUtil_applyMaskPenaltyRule3(zx),
					finderPenalty(m, side, words)+finderPenalty(mT, side, words), "N3")
				assert.Equal(t, encoder.MaskUtil_applyMaskPenaltyRule4(zx),
					balancePenalty(darkModules(m), side*side), "N4")
				assert.Equal(t, zxPenalty(zx), penalty(m, mT, side, words, 1<<30), "all four")
			})
		}
	}
}

func TestTranspose(t *testing.T) {
	for _, side := range []int{21, 64, 65, 100, 177} {
		words := symbol.WordsFor(side)
		_, m, mT := randomMatrix(t, side, 128, uint64(side))
		for y := range side {
			for x := range side {
				require.Equal(t, m[(y+pad)*words+x/64]>>(x%64)&1, mT[(x+pad)*words+y/64]>>(y%64)&1,
					"side %d at %d,%d", side, x, y)
			}
		}
		n := 0
		for _, w := range m {
			n += bits.OnesCount64(w)
		}
		assert.Equal(t, n, darkModules(mT), "side %d: nothing outside", side)
	}
}
