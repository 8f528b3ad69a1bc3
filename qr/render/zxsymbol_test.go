package render

import (
	"math"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/symbol"
	"github.com/idqr/claim169/qr/internal/zxtest"
)

// The symbol oracle: gozxing's version table, Reed-Solomon encoder, matrix
// builder and mask penalty rules, fed data codewords, as this package's
// fallback encoder used them before it had its own.

// zxCodewords splits data into the blocks of gozxing's table for version v
// at level l, adds each block's Reed-Solomon codewords with gozxing's
// encoder and interleaves the blocks (ISO/IEC 18004 §7.6).
func zxCodewords(t testing.TB, data []byte, v int, l qr.Level) []byte {
	t.Helper()
	ec := zxtest.Version(t, v).GetECBlocksForLevel(zxtest.Level(l))
	ecLen := ec.GetECCodewordsPerBlock()
	rs := reedsolomon.NewReedSolomonEncoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	var blocks [][]int
	var dataLens []int
	offset, maxData := 0, 0
	for _, group := range ec.GetECBlocks() {
		for range group.GetCount() {
			n := group.GetDataCodewords()
			require.LessOrEqual(t, offset+n, len(data), "the blocks want more data codewords")
			block := make([]int, n+ecLen)
			for i, b := range data[offset : offset+n] {
				block[i] = int(b)
			}
			require.NoError(t, rs.Encode(block, ecLen))
			blocks, dataLens = append(blocks, block), append(dataLens, n)
			offset, maxData = offset+n, max(maxData, n)
		}
	}
	require.Equal(t, len(data), offset, "the blocks hold the data codewords")
	out := make([]byte, 0, len(data)+len(blocks)*ecLen)
	for i := range maxData {
		for b, block := range blocks {
			if i < dataLens[b] {
				out = append(out, byte(block[i]))
			}
		}
	}
	for i := range ecLen {
		for b, block := range blocks {
			out = append(out, byte(block[dataLens[b]+i]))
		}
	}
	return out
}

// zxMatrix places codewords in a version-v symbol at level l under mask
// with gozxing's matrix builder.
func zxMatrix(t testing.TB, codewords []byte, v int, l qr.Level, mask int) *encoder.ByteMatrix {
	t.Helper()
	bits := gozxing.NewEmptyBitArray()
	for _, c := range codewords {
		require.NoError(t, bits.AppendBits(int(c), 8))
	}
	ver := zxtest.Version(t, v)
	side := ver.GetDimensionForVersion()
	m := encoder.NewByteMatrix(side, side)
	require.NoError(t, encoder.MatrixUtil_buildMatrix(bits, zxtest.Level(l), ver, mask, m))
	return m
}

// zxPenalty is the sum of gozxing's four mask penalty rules.
func zxPenalty(m *encoder.ByteMatrix) int {
	return encoder.MaskUtil_applyMaskPenaltyRule1(m) + encoder.MaskUtil_applyMaskPenaltyRule2(m) +
		encoder.MaskUtil_applyMaskPenaltyRule3(m) + encoder.MaskUtil_applyMaskPenaltyRule4(m)
}

// zxBestMask chooses the mask of codewords as gozxing's encoder does: the
// least penalty, the lowest-numbered of equal ones.
func zxBestMask(t testing.TB, codewords []byte, v int, l qr.Level) int {
	t.Helper()
	best, least := -1, math.MaxInt
	for mask := range symbol.MaskPatterns {
		if p := zxPenalty(zxMatrix(t, codewords, v, l, mask)); p < least {
			best, least = mask, p
		}
	}
	return best
}

// requireSameModules checks c's modules against m's, module for module.
func requireSameModules(t testing.TB, m *encoder.ByteMatrix, c *Code) {
	t.Helper()
	require.Equal(t, m.GetWidth(), c.side, "modules on a side")
	for y := range m.GetHeight() {
		for x := range m.GetWidth() {
			if (m.Get(x, y) == 1) != c.Dark(x+QuietZone, y+QuietZone) {
				require.Failf(t, "modules differ", "module %d,%d (mask %d)", x, y, c.mask)
			}
		}
	}
}
