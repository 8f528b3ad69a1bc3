package brotli

import (
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// stream builds a stream with the given window from a function that
// writes its meta-blocks.
func stream(wbits int, f func(w *brotlitest.Writer)) []byte {
	var w brotlitest.Writer
	w.WindowBits(wbits)
	f(&w)
	return w.Bytes()
}

// hello is a valid stream of one compressed meta-block: "hello hello".
func hello(w *brotlitest.Writer) {
	c := block(w, true, 11, []int{'h', 'e', 'l', 'o', ' '}, []int{commandSym(6, 5, false)}, []int{brotlitest.DistanceCode(6).Code})
	writeCommand(w, c, "hello ", 5, 6)
}

func TestValidCraftedStreams(t *testing.T) {
	got, err := Decode(stream(16, hello), 0)
	require.NoError(t, err)
	assert.Equal(t, "hello hello", string(got))
}

// malformedCase is an invalid stream, the rule it breaks, and whether
// andybalholm/brotli refuses it too (it does not check every rule).
type malformedCase struct {
	name   string
	input  []byte
	fault  fault
	oracle bool
}

// TestMalformed checks that every kind of invalid stream is refused, for
// the right reason, and that the oracle refuses it too unless the rule is
// one it does not check (noted).
func TestMalformed(t *testing.T) {
	tests := slices.Concat(framingCases(), codeCases(), commandCases())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.input, 0)
			require.Error(t, err)
			assert.Nil(t, got)
			require.ErrorIs(t, err, ErrCorrupt)
			var ce *corruptError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, faultText[tt.fault], faultText[ce.fault])
			assert.Equal(t, tt.fault == faultTruncated, errors.Is(err, io.ErrUnexpectedEOF))
			_, oerr := abDecode(tt.input, DefaultMaxSize)
			if tt.oracle {
				assert.Error(t, oerr, "the oracle accepts it")
			} else {
				assert.NoError(t, oerr, "the oracle refuses it: the note is stale")
			}
		})
	}
}

// framingCases returns streams with invalid framing: window, meta-block and metadata
// headers, padding.
func framingCases() []malformedCase {
	return []malformedCase{
		{"empty input", nil, faultTruncated, true},
		{"large window (RFC 9841)", []byte{0x11, 0x03}, faultWindowBits, true},
		{"metadata reserved bit", stream(16, func(w *brotlitest.Writer) {
			w.Bits(1, 0)
			w.Bits(2, 3)
			w.Bits(1, 1) // reserved
		}), faultReserved, true},
		{"metadata length with zero last byte", stream(16, func(w *brotlitest.Writer) {
			w.Bits(1, 0)
			w.Bits(2, 3)
			w.Bits(1, 0)
			w.Bits(2, 2)  // MSKIPBYTES 2
			w.Bits(16, 5) // last byte zero
		}), faultSkipBytes, true},
		{"meta-block length with zero last nibble", stream(16, func(w *brotlitest.Writer) {
			w.Bits(1, 0)
			w.Bits(2, 1)  // MNIBBLES 5
			w.Bits(20, 9) // last nibble zero
		}), faultNibbles, true},
		{"padding before stored data", stream(16, func(w *brotlitest.Writer) {
			w.Bits(1, 0)
			w.Bits(2, 0)
			w.Bits(16, 0)
			w.Bits(1, 1) // ISUNCOMPRESSED
			w.Bits(1, 1) // a set padding bit
			w.Align()
			w.Raw([]byte("x"))
			w.LastEmpty()
		}), faultPadding, true},
		{"padding before metadata", stream(16, func(w *brotlitest.Writer) {
			w.Bits(1, 0)
			w.Bits(2, 3)
			w.Bits(1, 0)
			w.Bits(2, 0)
			w.Bits(1, 1) // a set padding bit
			w.Align()
			w.LastEmpty()
		}), faultPadding, true},
		{"padding at the end", stream(16, func(w *brotlitest.Writer) {
			w.LastEmpty()
			w.Bits(1, 1)
		}), faultPadding, true},
	}
}

// codeCases returns streams with invalid prefix codes and context maps.
func codeCases() []malformedCase {
	return []malformedCase{
		{"simple code symbol beyond the alphabet", stream(16, func(w *brotlitest.Writer) {
			w.CompressedHeader(true, 1)
			w.TrivialHeader(0, 0, 0)
			w.SimpleCode(256, false, 'x')
			w.SimpleCode(704, false, 703, 704) // written in 10 bits
		}), faultSimpleCode, true},
		{"simple code with a repeated symbol", stream(16, func(w *brotlitest.Writer) {
			w.CompressedHeader(true, 1)
			w.TrivialHeader(0, 0, 0)
			w.SimpleCode(256, false, 'x', 'y', 'x')
		}), faultSimpleCode, true},
		{"oversubscribed code length code", stream(16, func(w *brotlitest.Writer) {
			w.CompressedHeader(true, 1)
			w.TrivialHeader(0, 0, 0)
			clc := make([]uint8, 18)
			clc[1], clc[2], clc[3] = 1, 2, 1
			w.CodeLengthCode(0, clc)
		}), faultCodeLengthCode, true},
		{"incomplete code length code", stream(16, func(w *brotlitest.Writer) {
			w.CompressedHeader(true, 1)
			w.TrivialHeader(0, 0, 0)
			clc := make([]uint8, 18)
			clc[1], clc[2] = 2, 2 // sum 16 of 32
			w.CodeLengthCode(0, clc)
			w.Bits(32, 0) // the other lengths: zero
		}), faultCodeLengthCode, true},
		{"incomplete prefix code", stream(16, incompleteCode), faultCode, true},
		{"code length repeat past the alphabet", stream(16, repeatPastAlphabet), faultRepeat, true},
		{"context map run past its end", stream(16, longZeroRun), faultContextMap, true},
		{"context map without every code", stream(16, unusedTree), faultTrees, false},
		{"block type never used", stream(16, unusedBlockType), faultBlockTypes, false},
	}
}

// commandCases returns streams with invalid commands.
func commandCases() []malformedCase {
	return []malformedCase{
		{"insert past the meta-block", stream(16, func(w *brotlitest.Writer) {
			c := block(w, true, 3, []int{'a'}, []int{commandSym(5, 2, false)}, []int{16})
			writeCommand(w, c, "aaaaa", 2, 1)
		}), faultLength, true},
		{"copy past the meta-block", stream(16, func(w *brotlitest.Writer) {
			c := block(w, true, 5, []int{'a'}, []int{commandSym(1, 6, false)}, []int{16})
			writeCommand(w, c, "a", 6, 1)
		}), faultLength, true},
		{"word past the meta-block", stream(16, func(w *brotlitest.Writer) {
			c := block(w, true, 3, []int{'a'}, []int{commandSym(0, 4, false)}, []int{16})
			writeCommand(w, c, "", 4, 1) // distance 1 at the start: word 0, "time"
		}), faultLength, true},
		{"distance of zero", stream(16, zeroDistance), faultDistance, true},
		{"dictionary word of length 3", stream(16, func(w *brotlitest.Writer) {
			c := block(w, true, 3, []int{'a'}, []int{commandSym(0, 3, false)}, []int{16})
			writeCommand(w, c, "", 3, 1)
		}), faultDictionary, true},
		{"dictionary transform 121", stream(16, func(w *brotlitest.Writer) {
			id := 121 << ndbits[4]
			c := block(w, true, 4, []int{'a'}, []int{commandSym(0, 4, false)}, []int{brotlitest.DistanceCode(id + 1).Code})
			writeCommand(w, c, "", 4, id+1)
		}), faultDictionary, true},
	}
}

// incompleteCode writes a literal code whose lengths do not fill the Kraft
// sum: one symbol of length 1, then zeros to the end of the alphabet.
func incompleteCode(w *brotlitest.Writer) {
	w.CompressedHeader(true, 1)
	w.TrivialHeader(0, 0, 0)
	clc := make([]uint8, 18)
	clc[0], clc[1] = 1, 1 // code length symbols 0 and 1, one bit each
	w.CodeLengthCode(0, clc)
	w.Bits(1, 1) // length 1 for symbol 0
	for range 255 {
		w.Bits(1, 0) // length 0
	}
}

// repeatPastAlphabet writes a literal code with runs of zeros (code 17)
// that combine to more lengths than the alphabet has.
func repeatPastAlphabet(w *brotlitest.Writer) {
	w.CompressedHeader(true, 1)
	w.TrivialHeader(0, 0, 0)
	clc := make([]uint8, 18)
	clc[1], clc[17] = 1, 1
	w.CodeLengthCode(0, clc)
	w.Bits(1, 0) // length 1 for symbol 0
	for range 3 {
		w.Bits(1, 1) // 17: 10, then 74, then 586 zeros
		w.Bits(3, 7)
	}
}

// mapHeader writes the header of a one-byte meta-block up to NTREESL.
func mapHeader(w *brotlitest.Writer, ntreesL int) {
	w.CompressedHeader(true, 1)
	w.Count(1)
	w.Count(1)
	w.Count(1)
	w.Bits(2, 0)
	w.Bits(4, 0)
	w.Bits(2, 0)
	w.Count(ntreesL)
}

// longZeroRun writes a literal context map whose zero runs overrun it.
func longZeroRun(w *brotlitest.Writer) {
	mapHeader(w, 2)
	w.Bits(1, 1)
	w.Bits(4, 3) // RLEMAX 4
	mc := w.SimpleCode(6, false, 4, 5)
	for range 3 {
		w.Symbol(mc, 4) // a run of 16 + 15 zeros
		w.Bits(4, 15)
	}
}

// oneLiteral finishes a meta-block of one literal 'x' after the context
// maps: ntrees literal codes, then the other codes and the command.
func oneLiteral(w *brotlitest.Writer, ntrees int) {
	for range ntrees {
		w.SimpleCode(256, false, 'x')
	}
	cmd := commandSym(1, 2, false)
	w.SimpleCode(704, false, cmd)
	w.SimpleCode(64, false, 16)
	// The command and its literal take no bits.
}

// unusedTree declares three literal codes but maps contexts to two.
func unusedTree(w *brotlitest.Writer) {
	mapHeader(w, 3)
	w.Bits(1, 0) // RLEMAX 0
	mc := w.SimpleCode(3, false, 0, 1)
	for i := range 64 {
		w.Symbol(mc, i&1)
	}
	w.Bits(1, 0) // no IMTF
	w.Count(1)   // NTREESD
	oneLiteral(w, 3)
}

// unusedBlockType declares two literal block types and uses only the
// first.
func unusedBlockType(w *brotlitest.Writer) {
	w.CompressedHeader(true, 1)
	w.Count(2)
	w.SimpleCode(4, false, 1)
	w.SimpleCode(26, false, 0)
	w.Bits(2, 3) // first block: 4 literals
	w.Count(1)
	w.Count(1)
	w.Bits(2, 0)
	w.Bits(4, 0)
	w.Bits(4, 0) // two context modes
	w.Count(1)
	w.Count(1)
	oneLiteral(w, 1)
}

// zeroDistance copies at distance 1, then uses distance code 4, the last
// distance minus one: zero.
func zeroDistance(w *brotlitest.Writer) {
	c := block(w, true, 5, []int{'a'}, []int{commandSym(1, 2, false), commandSym(0, 2, false)}, []int{16, 4})
	writeCommand(w, c, "a", 2, 1)
	w.Command(c.cmd, commandSym(0, 2, false), brotlitest.InsertLength(0), brotlitest.CopyLength(2))
	w.Symbol(c.dist, 4)
}

// TestTruncated cuts valid streams at every length: each prefix is refused
// as ending early (or as having bad padding bits, when the cut falls where
// the padding of a shorter stream would be), never accepted with less data.
func TestTruncated(t *testing.T) {
	for _, p := range []payload{{"sample", sample(3000, 9)}, {"hello", nil}} {
		src := abEncode(t, p.data, 11, 16)
		if p.data == nil {
			src = stream(16, hello)
		}
		for n := range len(src) {
			got, err := Decode(src[:n], 0)
			require.Error(t, err, "%s cut at %d", p.name, n)
			assert.Nil(t, got)
			require.ErrorIs(t, err, ErrCorrupt, "%s cut at %d", p.name, n)
		}
	}
}

func TestTrailingData(t *testing.T) {
	good := abEncode(t, sample(500, 4), 9, 18)
	for _, extra := range [][]byte{{0}, {0xff}, good} {
		got, err := Decode(append(append([]byte(nil), good...), extra...), 0)
		require.ErrorIs(t, err, ErrTrailingData)
		assert.Nil(t, got)
	}
	_, err := Decode([]byte{0x06, 0x00}, 0)
	require.ErrorIs(t, err, ErrTrailingData)
}

// TestErrorsCarryNoData checks that error messages hold no byte of the
// payload: a stream of distinctive stored data, corrupted in every way the
// tests know, never mentions it.
func TestErrorsCarryNoData(t *testing.T) {
	secret := "SECRET-PAYLOAD-1984"
	src := stored(secret)
	for n := range len(src) {
		_, err := Decode(src[:n], 0)
		if err != nil {
			assert.NotContains(t, err.Error(), "SECRET")
		}
	}
	_, err := Decode(append(src, []byte(secret)...), 0)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "SECRET")
}
