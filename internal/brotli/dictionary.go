package brotli

import _ "embed" // the static dictionary

//go:generate go run ./gendict -o dictionary.bin

// dictionary is the DICT array of RFC 7932 Appendix A: 122,784 bytes of
// words grouped by length. dictionary.bin is written by the generator in
// internal/brotli/gendict, and the tests check its length, the CRC-32 given
// in the RFC and its SHA-256.
//
//go:embed dictionary.bin
var dictionary string

// Word lengths of the static dictionary (RFC 7932 §8).
const (
	minWordLen = 4
	maxBaseLen = 24
)

// ndbits is NDBITS of RFC 7932 §8 and Appendix A: the base-2 logarithm of
// the number of dictionary words of each length.
var ndbits = [maxBaseLen + 1]uint8{
	0, 0, 0, 0, 10, 10, 11, 11, 10, 10,
	10, 10, 10, 9, 9, 8, 7, 7, 8, 7,
	7, 6, 6, 5, 5,
}

// doffset is DOFFSET of RFC 7932 §8: where the words of each length start
// in the dictionary; doffset[maxBaseLen+1] is DICTSIZE.
var doffset = buildOffsets()

func buildOffsets() *[maxBaseLen + 2]int {
	var off [maxBaseLen + 2]int
	for n := range maxBaseLen + 1 {
		words := 0
		if n >= minWordLen {
			words = 1 << ndbits[n]
		}
		off[n+1] = off[n] + n*words
	}
	return &off
}

// word returns the base word of the given length and index; the caller
// checks minWordLen <= length <= maxBaseLen and index < 1<<ndbits[length].
func word(length, index int) string {
	start := doffset[length] + index*length
	return dictionary[start : start+length]
}
