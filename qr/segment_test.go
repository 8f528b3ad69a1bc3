package qr

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allLevels = []Level{L, M, Q, H}

// segmentCost is the length of s written as one segment of mode m in size
// class class, from the formulas of ISO/IEC 18004 written out again in
// qrtest.SegmentBits. It returns a huge cost for digits-only modes given
// other characters.
func segmentCost(s string, m Mode, class int) int {
	switch m {
	case ModeNumeric, ModeAlphanumeric:
		return qrtest.SegmentBits(s, m == ModeNumeric, class)
	}
	panic("no such mode")
}

// bruteForceBits is the length of the shortest encoding of text, found by
// trying every way to cut it into segments (2^(n-1) of them) and, for
// each segment, both modes.
func bruteForceBits(text string, class int) int {
	n := len(text)
	best := math.MaxInt
	for cuts := range 1 << (n - 1) {
		bits, start := 0, 0
		for i := 1; i <= n; i++ {
			if i < n && cuts&(1<<(i-1)) == 0 {
				continue
			}
			s := text[start:i]
			bits += min(segmentCost(s, ModeNumeric, class), segmentCost(s, ModeAlphanumeric, class))
			start = i
		}
		best = min(best, bits)
	}
	return best
}

// checkSegmentation checks the programme on text in class: its least cost
// is the brute-force one, and the segments it returns cover the text in
// order, in modes that can write them, cost what it says and are written
// in as many bits.
func checkSegmentation(t *testing.T, text string, class int) {
	t.Helper()
	final := segmentation(text, class, nil)
	best := final[final.cheapest()]
	require.Equal(t, bruteForceBits(text, class), best.bits(), "%q class %d", text, class)

	segs := optimalSegments(text, class)
	require.Len(t, segs, best.segments(), "%q", text)
	bits, end := 0, 0
	for _, seg := range segs {
		require.Equal(t, end, seg.start, "%q: segments in order", text)
		require.Less(t, seg.start, seg.end)
		bits += segmentCost(text[seg.start:seg.end], seg.mode, class)
		end = seg.end
	}
	require.Equal(t, len(text), end, "%q: segments cover the text", text)
	require.Equal(t, best.bits(), bits, "%q: segments cost what the programme says", text)

	w := bitWriter{}
	v := classFirst[class]
	for _, seg := range segs {
		require.NoError(t, w.segment(text[seg.start:seg.end], seg.mode, v))
	}
	require.Equal(t, best.bits(), w.n, "%q: bits written", text)
}

// TestSegmentationBruteForce compares the programme with every
// segmentation of short texts, in every size class: all texts of up to 9
// characters over "1A" (every shape of runs), and random texts of up to 12
// over "0123456789AB :", where digit runs are long.
func TestSegmentationBruteForce(t *testing.T) {
	for class := range sizeClasses {
		t.Run(fmt.Sprint("class ", class), func(t *testing.T) {
			for n := 1; n <= 9; n++ {
				for shape := range 1 << n {
					b := make([]byte, n)
					for i := range b {
						b[i] = "1A"[shape>>i&1]
					}
					checkSegmentation(t, string(b), class)
				}
			}
			const alphabet = "0123456789AB :"
			r := qrtest.NewRand(uint64(100 + class))
			for range 400 {
				b := make([]byte, 1+r.IntN(12))
				for i := range b {
					b[i] = alphabet[r.IntN(len(alphabet))]
				}
				checkSegmentation(t, string(b), class)
			}
		})
	}
}

// TestSegmentationExamples checks the programme's choices on texts whose
// best encoding can be worked out by hand, at versions 1-9.
func TestSegmentationExamples(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []segment
		bits int
	}{
		// ISO/IEC 18004:2015 §7.4.3 and §7.4.4 examples: 41 bits each.
		{"numeric example", "01234567", []segment{{ModeNumeric, 0, 8}}, 41},
		{"alphanumeric example", "AC-42", []segment{{ModeAlphanumeric, 0, 5}}, 41},
		// 4+9+6 bits alone, 4+10+4 as a digit.
		{"one digit", "7", []segment{{ModeNumeric, 0, 1}}, 18},
		// A trailing run of 6 digits takes 4+10+20 bits in a numeric
		// segment, 1 more than the 33 it adds to the alphanumeric one.
		{"short trailing run", "ABCD123456", []segment{{ModeAlphanumeric, 0, 10}}, 4 + 9 + 55},
		// With 7 it takes 4+10+24 bits against 39 (61 for 11 characters
		// against 22 for 4).
		{"long trailing run", "ABCD1234567", []segment{{ModeAlphanumeric, 0, 4}, {ModeNumeric, 4, 11}},
			4 + 9 + 22 + 4 + 10 + 24},
		// A run inside pays for two headers.
		{"run inside", "A" + strings.Repeat("9", 15) + "B", []segment{
			{ModeAlphanumeric, 0, 1}, {ModeNumeric, 1, 16}, {ModeAlphanumeric, 16, 17},
		}, 19 + 4 + 10 + 50 + 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, optimalSegments(tt.text, 0))
			final := segmentation(tt.text, 0, nil)
			assert.Equal(t, tt.bits, final[final.cheapest()].bits())
		})
	}
}

// TestSegmentLengthNeverBinds checks why the programme may ignore the
// longest segment a count indicator can count: in each size class a
// segment one character longer takes more bits than the class's largest
// version holds, even at level L.
func TestSegmentLengthNeverBinds(t *testing.T) {
	for class := range sizeClasses {
		room := dataBits(classLast[class], L)
		numeric := strings.Repeat("1", 1<<numericCountBits[class])
		assert.Greater(t, segmentCost(numeric, ModeNumeric, class), room, "numeric, class %d", class)
		alnum := strings.Repeat("A", 1<<alnumCountBits[class])
		assert.Greater(t, segmentCost(alnum, ModeAlphanumeric, class), room, "alphanumeric, class %d", class)
		assert.Less(t, capacity(ModeByte, classLast[class], L), 1<<byteCountBits[class], "byte, class %d", class)
	}
}

// TestSegmentOverCountRefused checks the writer's own guard.
func TestSegmentOverCountRefused(t *testing.T) {
	w := bitWriter{}
	assert.Error(t, w.segment(strings.Repeat("1", 1024), ModeNumeric, 9))
	assert.NoError(t, w.segment(strings.Repeat("1", 1024), ModeNumeric, 10))
	assert.Error(t, w.segment("A", Mode(0), 1))
}

// TestAppendable checks Remaining against appending letters one by one.
func TestAppendable(t *testing.T) {
	r := qrtest.NewRand(5)
	for i := range 200 {
		l := allLevels[i%len(allLevels)]
		text := qrtest.RunsText(r, 1+r.IntN(120), 1, 1+r.IntN(20), i%2 == 0)
		p, err := Plan(text, l)
		require.NoError(t, err)
		if p.Mode == ModeNumeric {
			continue
		}
		fits := func(k int) bool {
			q, err := Plan(text+strings.Repeat("Z", k), l)
			return err == nil && q.Version == p.Version
		}
		assert.True(t, fits(p.Remaining), "%q: %d more fit", text, p.Remaining)
		assert.False(t, fits(p.Remaining+1), "%q: %d more do not fit", text, p.Remaining+1)
		assert.Equal(t, p.Characters+p.Remaining, p.Capacity)
	}
}
