package compress

import "math/bits"

// DEFLATE constants (RFC 1951 §3.2.5 and §3.2.7).
const (
	minMatch    = 3       // shortest match
	maxMatch    = 258     // longest match
	windowSize  = 1 << 15 // farthest distance a match may reach back
	maxStored   = 65535   // most bytes in one stored block
	numLitLen   = 286     // literal/length symbols: 256 literals, end of block, 29 lengths
	numDist     = 30      // distance symbols
	numCodeLen  = 19      // code length symbols
	endOfBlock  = 256     // the end-of-block symbol
	maxCodeBits = 15      // longest literal/length or distance code
	maxCLBits   = 7       // longest code length code
)

// Block types, in the two bits after BFINAL (RFC 1951 §3.2.3).
const (
	blockStored  = 0
	blockFixed   = 1
	blockDynamic = 2
)

// lengthBase and lengthExtra give the first length and the number of extra
// bits of each length symbol, 257 to 285.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

// distBase and distExtra give the first distance and the number of extra
// bits of each distance symbol.
var (
	distBase  = [numDist]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [numDist]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// codeLenOrder is the order in which the code length code's lengths are
// written (RFC 1951 §3.2.7).
var codeLenOrder = [numCodeLen]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// codeLenExtra is the number of extra bits after code length symbols 16,
// 17 and 18 (none after the others).
var codeLenExtra = [numCodeLen]uint8{16: 2, 17: 3, 18: 7}

// lengthCode maps a match length (3 to 258) to the index of its symbol
// (symbol 257 + index).
var lengthCode = func() (t [maxMatch + 1]uint8) {
	for c := range lengthBase {
		last := maxMatch
		if c+1 < len(lengthBase)-1 {
			last = int(lengthBase[c+1]) - 1
		}
		for l := int(lengthBase[c]); l <= last && l <= maxMatch; l++ {
			t[l] = uint8(c)
		}
	}
	t[maxMatch] = 28 // 258 has its own symbol, 285
	return t
}()

// distCodeLow maps distance-1 below 256 to its symbol; distCodeHigh maps
// (distance-1)>>7 for the longer distances.
var distCodeLow, distCodeHigh = func() (low, high [256]uint8) {
	for c := range distBase {
		first, last := int(distBase[c])-1, int(distBase[c])-1+(1<<distExtra[c])-1
		for d := first; d <= last; d++ {
			if d < 256 {
				low[d] = uint8(c)
			} else {
				high[d>>7] = uint8(c)
			}
		}
	}
	return low, high
}()

// distCode returns the symbol of distance d (1 to 32768).
func distCode(d uint32) uint8 {
	if d <= 256 {
		return distCodeLow[d-1]
	}
	return distCodeHigh[(d-1)>>7]
}

// fixedLitLen and fixedDist are the code lengths of the fixed Huffman codes
// (RFC 1951 §3.2.6).
var fixedLitLen, fixedDist = func() (ll [numLitLen]uint8, d [numDist]uint8) {
	for s := range ll {
		switch {
		case s < 144:
			ll[s] = 8
		case s < 256:
			ll[s] = 9
		case s < 280:
			ll[s] = 7
		default:
			ll[s] = 8
		}
	}
	for s := range d {
		d[s] = 5
	}
	return ll, d
}()

// fixedLitLenCodes and fixedDistCodes are the fixed codes, bit-reversed
// for writing. The fixed literal/length code has 288 symbols, of which
// 286 and 287 never occur but take their place among the 8-bit codes.
var fixedLitLenCodes, fixedDistCodes = func() (ll [numLitLen]uint16, d [numDist]uint16) {
	var lengths [288]uint8
	copy(lengths[:], fixedLitLen[:])
	lengths[286], lengths[287] = 8, 8
	var codes [288]uint16
	canonicalCodes(lengths[:], codes[:])
	copy(ll[:], codes[:])
	canonicalCodes(fixedDist[:], d[:])
	return ll, d
}()

// canonicalCodes sets codes[s] to the canonical Huffman code of symbol s
// (RFC 1951 §3.2.2) for the code lengths lengths, bit-reversed because
// DEFLATE writes codes from their most significant bit into a stream that
// is filled from the least significant bit of each byte.
func canonicalCodes(lengths []uint8, codes []uint16) {
	var count, next [maxCodeBits + 1]uint16
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	code := uint16(0)
	for b := 1; b <= maxCodeBits; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	for s, l := range lengths {
		if l != 0 {
			codes[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
}
