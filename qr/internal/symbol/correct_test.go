package symbol

import (
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/zxtest"
)

// ecLengths are the error correction codewords per block of Table 9.
var ecLengths = []int{7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30}

// TestCorrect encodes random blocks of every length of Table 9, puts
// errors in them and corrects them with Correct and with gozxing's
// decoder: every block with at most ec/2 errors comes back whole; a block
// with more is refused or, rarely, turned into another codeword, never
// into a word that is not one.
func TestCorrect(t *testing.T) {
	r := qrtest.NewRand(59)
	zx := reedsolomon.NewReedSolomonDecoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	refused, miscorrected := 0, 0
	for _, ec := range ecLengths {
		for _, dataLen := range []int{1, 2, 9, 15, 97, 122, 225 - ec} {
			for errs := 0; errs <= ec/2+3; errs++ {
				want := encodeBlock(r, dataLen, ec)
				block := append([]byte(nil), want...)
				for _, p := range r.Perm(len(block))[:min(errs, len(block))] {
					block[p] ^= byte(1 + r.IntN(255))
				}
				ints := make([]int, len(block))
				for i, c := range block {
					ints[i] = int(c)
				}
				zxErr := zx.Decode(ints, ec)
				ok := Correct(block, ec)
				if errs <= ec/2 {
					require.True(t, ok, "ec %d, data %d, %d errors", ec, dataLen, errs)
					require.Equal(t, want, block, "ec %d, data %d, %d errors", ec, dataLen, errs)
					require.NoError(t, zxErr)
					continue
				}
				if !ok {
					refused++
					continue
				}
				var s [MaxECPerBlock]byte
				require.False(t, syndromes(gf(), block, s[:ec]), "a codeword")
				miscorrected++
			}
		}
	}
	t.Logf("beyond correction: %d refused, %d made into other codewords", refused, miscorrected)
	assert.Positive(t, refused)
}

// encodeBlock returns a random codeword of dataLen data codewords and ec
// error correction codewords.
func encodeBlock(r *rand.Rand, dataLen, ec int) []byte {
	block := make([]byte, dataLen+ec)
	for i := range dataLen {
		block[i] = byte(r.IntN(256))
	}
	buf := append([]byte(nil), block...)
	ECEncoderFor(ec).Remainder(buf)
	copy(block[dataLen:], buf[dataLen:])
	return block
}

// TestCorrectRefuses refuses what is not a block it can correct.
func TestCorrectRefuses(t *testing.T) {
	assert.False(t, Correct(make([]byte, 10), 0))
	assert.False(t, Correct(make([]byte, 10), 31))
	assert.False(t, Correct(make([]byte, 10), 10))
	assert.False(t, Correct(make([]byte, 256), 30))
	assert.True(t, Correct(make([]byte, 30), 7), "all zero is a codeword")
}

// TestDecodeFormatMatchesGozxing decodes every 15-bit word as both copies,
// and pairs of different copies, as gozxing does.
func TestDecodeFormatMatchesGozxing(t *testing.T) {
	r := qrtest.NewRand(61)
	check := func(a, b int) {
		l, m, ok := DecodeFormat(a, b)
		zx := decoder.FormatInformation_DecodeFormatInformation(uint(a), uint(b))
		require.Equal(t, zx != nil, ok, "%015b %015b", a, b)
		if ok {
			require.Equal(t, zxtest.Level(l), zx.GetErrorCorrectionLevel(), "%015b %015b", a, b)
			require.Equal(t, byte(m), zx.GetDataMask(), "%015b %015b", a, b)
		}
	}
	for a := range 1 << 15 {
		check(a, a)
		check(a, r.IntN(1<<15))
	}
}

// TestDecodeVersionMatchesGozxing decodes every 18-bit word as gozxing
// does.
func TestDecodeVersionMatchesGozxing(t *testing.T) {
	for info := range 1 << 18 {
		v, ok := DecodeVersion(info)
		zx, err := decoder.Version_decodeVersionInformation(info)
		require.Equal(t, err == nil, ok, "%018b", info)
		if ok {
			require.Equal(t, zx.GetVersionNumber(), v, "%018b", info)
		}
	}
}
