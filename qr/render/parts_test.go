package render

import (
	"fmt"
	"math/bits"
	"testing"

	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
)

// The encoder's parts against gozxing's transcription of the standard's
// tables and its implementation of each step.

// TestBlockTableMatchesGozxing compares, for every version and level, the
// blocks of Table 9 (blockTable, with the codewords counted from the
// template's data modules) with gozxing's version table, and the data
// codewords with qr's capacity.
func TestBlockTableMatchesGozxing(t *testing.T) {
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		ver := zxVersion(t, v)
		tm := templateFor(v)
		require.Equal(t, ver.GetTotalCodewords(), tm.codewords, "version %d codewords", v)
		require.Equal(t, ver.GetDimensionForVersion(), tm.side)
		assert.Equal(t, []int{0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
			4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0}[v-1], len(tm.order)%8,
			"version %d remainder bits (Table 1)", v)
		for _, l := range allLevels {
			ec := ver.GetECBlocksForLevel(zxLevel(l))
			bs := blocksOf(v, l, tm.codewords)
			assert.Equal(t, ec.GetECCodewordsPerBlock(), bs.ec, "version %d-%v", v, l)
			assert.Equal(t, ec.GetNumBlocks(), bs.count, "version %d-%v", v, l)
			groups := ec.GetECBlocks()
			assert.Equal(t, groups[0].GetCount(), bs.short, "version %d-%v", v, l)
			assert.Equal(t, groups[0].GetDataCodewords(), bs.shortData, "version %d-%v", v, l)
			if len(groups) > 1 {
				assert.Equal(t, groups[1].GetDataCodewords(), bs.shortData+1, "version %d-%v", v, l)
			}
			p, err := qr.Plan(qrtest.BoundaryText(qr.MaxCharacters(v, l)), l)
			require.NoError(t, err)
			assert.Equal(t, p.CapacityBits/8, bs.data, "version %d-%v", v, l)
		}
	}
}

func TestAlignmentCentresMatchGozxing(t *testing.T) {
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		want := zxVersion(t, v).GetAlignmentPatternCenters()
		if len(want) == 0 {
			want = nil
		}
		assert.Equal(t, want, alignmentCentres(v), "version %d", v)
	}
}

// TestFormatAndVersionInfo checks the BCH codes against published values
// (ISO/IEC 18004 Annex C) and gozxing's decoders.
func TestFormatAndVersionInfo(t *testing.T) {
	assert.Equal(t, 0b101010000010010, formatInfo(qr.M, 0), "M, mask 0")
	assert.Equal(t, 0b111011111000100, formatInfo(qr.L, 0), "L, mask 0")
	assert.Equal(t, 0b001011010001001, formatInfo(qr.H, 0), "H, mask 0")
	assert.Equal(t, 0b000100000111011, formatInfo(qr.H, 7), "H, mask 7")
	assert.Equal(t, 0b000111110010010100, versionInfo(7))
	assert.Equal(t, 0b101000110001101001, versionInfo(40))
	for _, l := range allLevels {
		for m := range maskPatterns {
			info := uint(formatInfo(l, m))
			f := decoder.FormatInformation_DecodeFormatInformation(info, info)
			require.NotNil(t, f, "%v mask %d", l, m)
			assert.Equal(t, zxLevel(l), f.GetErrorCorrectionLevel(), "%v mask %d", l, m)
			assert.Equal(t, byte(m), f.GetDataMask(), "%v mask %d", l, m)
		}
	}
	for v := 7; v <= qr.MaxVersion; v++ {
		ver, err := decoder.Version_decodeVersionInformation(versionInfo(v))
		require.NoError(t, err)
		assert.Equal(t, v, ver.GetVersionNumber())
	}
}

// TestReedSolomonMatchesGozxing divides random blocks of every length of
// Table 9 with both encoders.
func TestReedSolomonMatchesGozxing(t *testing.T) {
	r := qrtest.NewRand(47)
	rs := reedsolomon.NewReedSolomonEncoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	for _, n := range []int{7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30} {
		for _, dataLen := range []int{1, 2, 15, 97, 122, 155} {
			data := make([]byte, dataLen)
			zx := make([]int, dataLen+n)
			for i := range data {
				data[i] = byte(r.IntN(256))
				zx[i] = int(data[i])
			}
			require.NoError(t, rs.Encode(zx, n))
			buf := append(append([]byte(nil), data...), make([]byte, n)...)
			productsFor(n).remainder(buf)
			for i, c := range buf[dataLen:] {
				require.Equal(t, byte(zx[dataLen+i]), c, "n %d, data %d, codeword %d", n, dataLen, i)
			}
		}
	}
}

func TestMaskPatternsMatchGozxing(t *testing.T) {
	rows := masks()
	for m := range maskPatterns {
		for y := range 64 * maxWords {
			for x := range 64 * maxWords {
				want, err := encoder.MaskUtil_getDataMaskBit(m, x, y)
				require.NoError(t, err)
				require.Equal(t, want, inverts(m, x, y), "mask %d at %d,%d", m, x, y)
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
	words := wordsFor(side)
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
				words := wordsFor(side)
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
		words := wordsFor(side)
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
