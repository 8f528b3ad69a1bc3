package brotli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"io"
	"testing"

	ab "github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// TestDictionary checks dictionary.bin against RFC 7932 Appendix A: its
// length and CRC-32 as the RFC gives them, and its SHA-256 as the reference
// implementation gives it (google/brotli, scripts/dictionary/
// step-03-validate-bin.py), and that the word offsets end at DICTSIZE.
func TestDictionary(t *testing.T) {
	assert.Len(t, dictionary, 122784)
	assert.Equal(t, uint32(0x5136cb04), crc32.ChecksumIEEE([]byte(dictionary)))
	sum := sha256.Sum256([]byte(dictionary))
	assert.Equal(t, "20e42eb1b511c21806d4d227d07e5dd06877d8ce7b3a817f378f313653f35c70", hex.EncodeToString(sum[:]))
	assert.Equal(t, len(dictionary), doffset[maxBaseLen+1])
	assert.Equal(t, "time", word(4, 0))
	assert.Equal(t, "down", word(4, 1))
}

// TestDictionaryFromGenerator runs the derivation of gendict: a stream
// that references every word, decoded by andybalholm/brotli, is the
// embedded dictionary, and this package decodes it the same.
func TestDictionaryFromGenerator(t *testing.T) {
	src := brotlitest.DictionaryStream()
	want, err := io.ReadAll(ab.NewReader(bytes.NewReader(src)))
	require.NoError(t, err)
	assert.Equal(t, []byte(dictionary), want)
	got, err := Decode(src, len(dictionary))
	require.NoError(t, err)
	assert.Equal(t, []byte(dictionary), got)
}

// TestTransforms checks the transforms against RFC 7932 Appendix B: each
// as prefix, NUL, transform number, suffix, NUL, all 121 concatenated, is
// 648 bytes with a CRC-32 of 0x3d965f81.
func TestTransforms(t *testing.T) {
	var b []byte
	for _, tr := range transforms {
		b = append(b, tr.prefix...)
		b = append(b, 0, tr.kind)
		b = append(b, tr.suffix...)
		b = append(b, 0)
	}
	assert.Len(t, b, 648)
	assert.Equal(t, uint32(0x3d965f81), crc32.ChecksumIEEE(b))
}

func TestTransformApply(t *testing.T) {
	tests := []struct {
		id   int
		word string
		want string
	}{
		{0, "time", "time"},
		{3, "time", "ime"},   // OmitFirst1
		{9, "time", "Time"},  // FermentFirst
		{44, "time", "TIME"}, // FermentAll
		{12, "time", "tim"},  // OmitLast1
		{54, "time", ""},     // OmitFirst9 of a shorter word
		{64, "timedown", ""}, // OmitLast9
		{73, "time", " the time of the "},
		{102, "x", "\u00a0x"},
		{44, "\xc3\xa9t\xc3\xa9", "\xc3\x89T\xc3\x89"}, // two-byte characters flip their second byte
		{44, "\xe0\xa4\xb8x", "\xe0\xa4\xbdX"},         // three-byte characters flip the third
	}
	for _, tt := range tests {
		var buf [maxWordLen]byte
		n := transforms[tt.id].apply(buf[:], tt.word)
		assert.Equal(t, tt.want, string(buf[:n]), "transform %d of %q", tt.id, tt.word)
	}
}

// TestContextTables checks Lut0, Lut1 and Lut2 against the CRC-32 values
// of RFC 7932 §7.1.
func TestContextTables(t *testing.T) {
	assert.Equal(t, uint32(0x8e91efb7), crc32.ChecksumIEEE(lut0[:]))
	assert.Equal(t, uint32(0xd01a32f4), crc32.ChecksumIEEE(lut1[:]))
	assert.Equal(t, uint32(0x0dd7a0d6), crc32.ChecksumIEEE(lut2[:]))
	ctx := &contextTables[modeSigned]
	assert.Equal(t, uint8(lut2[200]<<3|lut2[7]), ctx[200]|ctx[256+7])
}

// TestLengthCodes checks the length code tables against each other (each
// base follows from the one before) and against brotlitest, which derives
// them from the extra bits alone.
func TestLengthCodes(t *testing.T) {
	for _, table := range [][]lengthCode{insertCodes[:], copyCodes[:], blockCountCodes[:]} {
		for i := 1; i < len(table); i++ {
			assert.Equal(t, table[i-1].base+1<<table[i-1].extra, table[i].base)
		}
	}
	for n := range 3000 {
		ic := brotlitest.InsertLength(n)
		assert.Equal(t, uint32(n), insertCodes[ic.Code].base+uint32(ic.Extra))
		if n >= 2 {
			cc := brotlitest.CopyLength(n)
			assert.Equal(t, uint32(n), copyCodes[cc.Code].base+uint32(cc.Extra))
		}
	}
	// The table of RFC 7932 §5: code 130 is insert 0, copy 4, with a
	// distance; 66 is insert 0, copy code 10 (14..17), last distance.
	assert.Equal(t, command{insertCodes[0], copyCodes[2], false}, commandCodes[130])
	assert.Equal(t, command{insertCodes[0], copyCodes[10], true}, commandCodes[66])
	assert.Equal(t, command{insertCodes[23], copyCodes[23], false}, commandCodes[703])
	for code := range numCommandCodes {
		c := commandCodes[code]
		sym, ok := brotlitest.CommandSymbol(int(indexOf(insertCodes[:], c.insert)), int(indexOf(copyCodes[:], c.copy)), c.lastDistance)
		require.True(t, ok)
		assert.Equal(t, code, sym)
	}
}

func indexOf(table []lengthCode, c lengthCode) int {
	for i, x := range table {
		if x == c {
			return i
		}
	}
	return -1
}

// TestDistanceCodes checks distance codes against brotlitest.DistanceCode:
// the stream writer and the decoder agree on RFC 7932 §4.
func TestDistanceCodes(t *testing.T) {
	for _, dist := range []int{1, 2, 3, 4, 5, 100, 1000, 65536, 1 << 24} {
		var w brotlitest.Writer
		dc := brotlitest.DistanceCode(dist)
		w.Bits(dc.NBits, dc.Extra)
		d := &decoder{}
		d.br.reset(w.Bytes())
		c := dc.Code - 16
		nbits := 1 + uint(c)>>1
		assert.Equal(t, dc.NBits, nbits)
		offset := (2+c&1)<<nbits - 4
		assert.Equal(t, dist, offset+int(d.br.bits(nbits))+1)
	}
}
