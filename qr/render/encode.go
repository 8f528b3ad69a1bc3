package render

import (
	"fmt"
	"math"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"

	"github.com/idqr/claim169/qr"
)

// maskPatterns is the number of data mask patterns (ISO/IEC 18004 §7.8.2).
const maskPatterns = 8

// symbol returns the modules of a version-v symbol at level l holding the
// given data codewords, quiet zone excluded: dark[y][x] is true for a dark
// module. It adds the Reed-Solomon codewords of each block and interleaves
// them (§7.5, §7.6), places the codewords and the function patterns
// (§7.7, §7.9, §7.10) with gozxing's matrix builder, and applies the data
// mask of least penalty (§7.8.3).
func symbol(data []byte, v int, l qr.Level) ([][]bool, error) {
	version, err := decoder.Version_GetVersionForNumber(v)
	if err != nil {
		return nil, fmt.Errorf("render: no version %d", v)
	}
	codewords, err := withErrorCorrection(data, version.GetECBlocksForLevel(zxLevel(l)))
	if err != nil {
		return nil, err
	}
	bits := gozxing.NewEmptyBitArray()
	for _, c := range codewords {
		if err := bits.AppendBits(int(c), 8); err != nil {
			return nil, fmt.Errorf("render: codeword bits: %w", err)
		}
	}
	side := version.GetDimensionForVersion()
	matrix := encoder.NewByteMatrix(side, side)
	mask, err := bestMask(bits, l, version, matrix)
	if err != nil {
		return nil, err
	}
	if err := encoder.MatrixUtil_buildMatrix(bits, zxLevel(l), version, mask, matrix); err != nil {
		return nil, fmt.Errorf("render: placing modules: %w", err)
	}
	dark := make([][]bool, side)
	for y, row := range matrix.GetArray() {
		dark[y] = make([]bool, side)
		for x, m := range row {
			dark[y][x] = m == 1
		}
	}
	return dark, nil
}

// withErrorCorrection splits data into the blocks of the version and level
// (ISO/IEC 18004 Table 9), computes each block's Reed-Solomon codewords
// over GF(256) (§7.5.2) and interleaves the blocks: the first data codeword
// of each block, then the second, and so on, then their error correction
// codewords in the same way (§7.6).
func withErrorCorrection(data []byte, ec *decoder.ECBlocks) ([]byte, error) {
	ecLen := ec.GetECCodewordsPerBlock()
	rs := reedsolomon.NewReedSolomonEncoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	var blocks [][]int
	var dataLens []int
	offset, maxData := 0, 0
	for _, group := range ec.GetECBlocks() {
		for range group.GetCount() {
			n := group.GetDataCodewords()
			if offset+n > len(data) {
				return nil, fmt.Errorf("render: %d data codewords, the blocks want more", len(data))
			}
			block := make([]int, n+ecLen)
			for i, b := range data[offset : offset+n] {
				block[i] = int(b)
			}
			if err := rs.Encode(block, ecLen); err != nil {
				return nil, fmt.Errorf("render: error correction: %w", err)
			}
			blocks, dataLens = append(blocks, block), append(dataLens, n)
			offset, maxData = offset+n, max(maxData, n)
		}
	}
	if offset != len(data) {
		return nil, fmt.Errorf("render: %d data codewords, the blocks hold %d", len(data), offset)
	}
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
	return out, nil
}

// bestMask builds the symbol with each data mask in turn into matrix and
// returns the mask whose symbol has the least penalty, the sum of the four
// penalty rules of ISO/IEC 18004 §7.8.3 (the lowest-numbered of equal
// ones, as other encoders choose).
func bestMask(bits *gozxing.BitArray, l qr.Level, version *decoder.Version, matrix *encoder.ByteMatrix) (int, error) {
	best, least := 0, math.MaxInt
	for mask := range maskPatterns {
		if err := encoder.MatrixUtil_buildMatrix(bits, zxLevel(l), version, mask, matrix); err != nil {
			return 0, fmt.Errorf("render: placing modules: %w", err)
		}
		penalty := encoder.MaskUtil_applyMaskPenaltyRule1(matrix) +
			encoder.MaskUtil_applyMaskPenaltyRule2(matrix) +
			encoder.MaskUtil_applyMaskPenaltyRule3(matrix) +
			encoder.MaskUtil_applyMaskPenaltyRule4(matrix)
		if penalty < least {
			best, least = mask, penalty
		}
	}
	return best, nil
}
