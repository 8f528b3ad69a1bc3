package compress

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bruteForceCost returns the least Σ freq·length over prefix codes for freq
// (all positive) with no code longer than limit, by trying every
// assignment of non-decreasing lengths to the frequencies in decreasing
// order.
func bruteForceCost(freq []int32, limit int) int {
	f := slices.Clone(freq)
	slices.Sort(f)
	slices.Reverse(f)
	best := -1
	var try func(i, minLen int, kraft uint64, cost int)
	try = func(i, minLen int, kraft uint64, cost int) {
		if kraft > 1<<limit {
			return
		}
		if i == len(f) {
			if best < 0 || cost < best {
				best = cost
			}
			return
		}
		for l := minLen; l <= limit; l++ {
			try(i+1, l, kraft+1<<(limit-l), cost+int(f[i])*l)
		}
	}
	try(0, 1, 0, 0)
	return best
}

// checkCode checks that lengths is a complete prefix code (a single
// symbol gets one bit) within limit covering exactly the used symbols, and
// returns its cost.
func checkCode(t *testing.T, freq []int32, lengths []uint8, limit int) int {
	t.Helper()
	var kraft uint64
	used, cost := 0, 0
	for s, l := range lengths {
		require.Equal(t, freq[s] > 0, l > 0, "symbol %d", s)
		require.LessOrEqual(t, int(l), limit)
		if l > 0 {
			used++
			kraft += 1 << (maxCodeBits - l)
			cost += int(freq[s]) * int(l)
		}
	}
	if used > 1 {
		require.Equal(t, uint64(1)<<maxCodeBits, kraft, "a complete code")
	}
	return cost
}

func TestHuffmanOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	var h huffman
	for range 3000 {
		n := 2 + r.IntN(8)
		limit := max(bits.Len(uint(n-1)), 1+r.IntN(6))
		freq := make([]int32, n)
		for i := range freq {
			freq[i] = 1 + int32(r.IntN(1<<r.IntN(12)))
		}
		lengths := make([]uint8, n)
		h.build(freq, lengths, limit)
		assert.Equal(t, bruteForceCost(freq, limit), checkCode(t, freq, lengths, limit), "frequencies %v, limit %d", freq, limit)
	}
}

// TestHuffmanLimit forces codes longer than the limits (Fibonacci
// frequencies make the deepest trees) through package-merge.
func TestHuffmanLimit(t *testing.T) {
	var h huffman
	for _, tc := range []struct{ n, limit int }{{19, maxCLBits}, {numLitLen, maxCodeBits}, {numDist, maxCodeBits}, {9, 4}} {
		freq := make([]int32, tc.n)
		a, b := int32(1), int32(1)
		for i := range freq {
			freq[i] = a
			a, b = b, min(a+b, 1<<16) // sums stay far below 2³¹
		}
		lengths := make([]uint8, tc.n)
		h.build(freq, lengths, tc.limit)
		checkCode(t, freq, lengths, tc.limit)
		if tc.n <= 9 {
			assert.Equal(t, bruteForceCost(freq, tc.limit), checkCode(t, freq, lengths, tc.limit))
		}
	}
}

func TestHuffmanSmallAlphabets(t *testing.T) {
	var h huffman
	lengths := make([]uint8, 4)
	h.build([]int32{0, 0, 0, 0}, lengths, maxCodeBits)
	assert.Equal(t, []uint8{0, 0, 0, 0}, lengths)
	h.build([]int32{0, 5, 0, 0}, lengths, maxCodeBits)
	assert.Equal(t, []uint8{0, 1, 0, 0}, lengths, "one symbol, one bit")
	h.build([]int32{3, 5, 0, 0}, lengths, maxCodeBits)
	assert.Equal(t, []uint8{1, 1, 0, 0}, lengths)
}

// TestFixedCodes checks the fixed codes against RFC 1951 §3.2.6 (written
// here most significant bit first).
func TestFixedCodes(t *testing.T) {
	for _, tc := range []struct {
		symbol int
		code   uint16
		bits   uint8
	}{{0, 0x30, 8}, {143, 0xbf, 8}, {144, 0x190, 9}, {255, 0x1ff, 9}, {256, 0, 7}, {279, 0x17, 7}, {280, 0xc0, 8}, {285, 0xc5, 8}} {
		assert.Equal(t, tc.bits, fixedLitLen[tc.symbol], "symbol %d", tc.symbol)
		assert.Equal(t, bits.Reverse16(tc.code)>>(16-tc.bits), fixedLitLenCodes[tc.symbol], "symbol %d", tc.symbol)
	}
	assert.Equal(t, bits.Reverse16(29)>>11, fixedDistCodes[29])
}

func TestLengthAndDistanceCodes(t *testing.T) {
	for l := minMatch; l <= maxMatch; l++ {
		c := lengthCode[l]
		assert.True(t, l >= int(lengthBase[c]) && l < int(lengthBase[c])+1<<lengthExtra[c] || l == maxMatch && c == 28, "length %d", l)
	}
	for d := uint32(1); d <= windowSize; d++ {
		c := distCode(d)
		require.True(t, d >= uint32(distBase[c]) && d < uint32(distBase[c])+1<<distExtra[c], "distance %d", d)
	}
}
