package symbol

import (
	"testing"

	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/zxtest"
)

// The symbol's structure against gozxing's transcription of the standard's
// tables and its implementation of each step.

var allLevels = []qr.Level{qr.L, qr.M, qr.Q, qr.H}

// TestBlockTableMatchesGozxing compares, for every version and level, the
// blocks of Table 9 (blockTable, with the codewords counted from the
// template's data modules) with gozxing's version table, and the data
// codewords with qr's capacity.
func TestBlockTableMatchesGozxing(t *testing.T) {
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		ver := zxtest.Version(t, v)
		tm := TemplateOf(v)
		require.Equal(t, ver.GetTotalCodewords(), tm.Codewords, "version %d codewords", v)
		require.Equal(t, ver.GetDimensionForVersion(), tm.Side)
		assert.Equal(t, []int{0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
			4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0}[v-1], len(tm.Order)%8,
			"version %d remainder bits (Table 1)", v)
		for _, l := range allLevels {
			ec := ver.GetECBlocksForLevel(zxtest.Level(l))
			bs := BlocksOf(v, l, tm.Codewords)
			assert.Equal(t, ec.GetECCodewordsPerBlock(), bs.EC, "version %d-%v", v, l)
			assert.Equal(t, ec.GetNumBlocks(), bs.Count, "version %d-%v", v, l)
			groups := ec.GetECBlocks()
			assert.Equal(t, groups[0].GetCount(), bs.Short, "version %d-%v", v, l)
			assert.Equal(t, groups[0].GetDataCodewords(), bs.ShortData, "version %d-%v", v, l)
			if len(groups) > 1 {
				assert.Equal(t, groups[1].GetDataCodewords(), bs.ShortData+1, "version %d-%v", v, l)
			}
			p, err := qr.Plan(qrtest.BoundaryText(qr.MaxCharacters(v, l)), l)
			require.NoError(t, err)
			assert.Equal(t, p.CapacityBits/8, bs.Data, "version %d-%v", v, l)
		}
	}
}

func TestAlignmentCentresMatchGozxing(t *testing.T) {
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		want := zxtest.Version(t, v).GetAlignmentPatternCenters()
		if len(want) == 0 {
			want = nil
		}
		assert.Equal(t, want, AlignmentCentres(v), "version %d", v)
	}
}

// TestFormatAndVersionInfo checks the BCH codes against published values
// (ISO/IEC 18004 Annex C) and gozxing's decoders.
func TestFormatAndVersionInfo(t *testing.T) {
	assert.Equal(t, 0b101010000010010, FormatInfo(qr.M, 0), "M, mask 0")
	assert.Equal(t, 0b111011111000100, FormatInfo(qr.L, 0), "L, mask 0")
	assert.Equal(t, 0b001011010001001, FormatInfo(qr.H, 0), "H, mask 0")
	assert.Equal(t, 0b000100000111011, FormatInfo(qr.H, 7), "H, mask 7")
	assert.Equal(t, 0b000111110010010100, VersionInfo(7))
	assert.Equal(t, 0b101000110001101001, VersionInfo(40))
	for _, l := range allLevels {
		for m := range MaskPatterns {
			info := uint(FormatInfo(l, m))
			f := decoder.FormatInformation_DecodeFormatInformation(info, info)
			require.NotNil(t, f, "%v mask %d", l, m)
			assert.Equal(t, zxtest.Level(l), f.GetErrorCorrectionLevel(), "%v mask %d", l, m)
			assert.Equal(t, byte(m), f.GetDataMask(), "%v mask %d", l, m)
		}
	}
	for v := 7; v <= qr.MaxVersion; v++ {
		ver, err := decoder.Version_decodeVersionInformation(VersionInfo(v))
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
			ECEncoderFor(n).Remainder(buf)
			for i, c := range buf[dataLen:] {
				require.Equal(t, byte(zx[dataLen+i]), c, "n %d, data %d, codeword %d", n, dataLen, i)
			}
		}
	}
}

func TestMaskPatternsMatchGozxing(t *testing.T) {
	for m := range MaskPatterns {
		for y := range 192 {
			for x := range 192 {
				want, err := encoder.MaskUtil_getDataMaskBit(m, x, y)
				require.NoError(t, err)
				require.Equal(t, want, Inverts(m, x, y), "mask %d at %d,%d", m, x, y)
			}
		}
	}
}
