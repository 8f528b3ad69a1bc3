package qr

// Symbol versions (ISO/IEC 18004 §5.3.1): version V is a square of 17+4V
// modules on a side.
const (
	MinVersion = 1
	MaxVersion = 40
)

// dataCodewords holds the number of data codewords of each version at levels
// L, M, Q and H (ISO/IEC 18004:2015 Table 9, "Error correction
// characteristics"). The character capacities of Table 7 follow from it.
var dataCodewords = [MaxVersion][4]int{
	{19, 16, 13, 9}, {34, 28, 22, 16}, {55, 44, 34, 26}, {80, 64, 48, 36},
	{108, 86, 62, 46}, {136, 108, 76, 60}, {156, 124, 88, 66}, {194, 154, 110, 86},
	{232, 182, 132, 100}, {274, 216, 154, 122}, {324, 254, 180, 140}, {370, 290, 206, 158},
	{428, 334, 244, 180}, {461, 365, 261, 197}, {523, 415, 295, 223}, {589, 453, 325, 253},
	{647, 507, 367, 283}, {721, 563, 397, 313}, {795, 627, 445, 341}, {861, 669, 485, 385},
	{932, 714, 512, 406}, {1006, 782, 568, 442}, {1094, 860, 614, 464}, {1174, 914, 664, 514},
	{1276, 1000, 718, 538}, {1370, 1062, 754, 596}, {1468, 1128, 808, 628}, {1531, 1193, 871, 661},
	{1631, 1267, 911, 701}, {1735, 1373, 985, 745}, {1843, 1455, 1033, 793}, {1955, 1541, 1115, 845},
	{2071, 1631, 1171, 901}, {2191, 1725, 1231, 961}, {2306, 1812, 1286, 986}, {2434, 1914, 1354, 1054},
	{2566, 1992, 1426, 1096}, {2702, 2102, 1502, 1142}, {2812, 2216, 1582, 1222}, {2956, 2334, 1666, 1276},
}

// modeIndicatorBits is the length of a segment's mode indicator (§7.4.2).
const modeIndicatorBits = 4

// The three size classes of ISO/IEC 18004 Table 3: the character count
// indicators of versions 1-9, 10-26 and 27-40 have the same length.
const sizeClasses = 3

// classFirst and classLast are the first and last versions of each size
// class.
var (
	classFirst = [sizeClasses]int{1, 10, 27}
	classLast  = [sizeClasses]int{9, 26, 40}
)

// sizeClass returns the size class of version v.
func sizeClass(v int) int {
	switch {
	case v <= classLast[0]:
		return 0
	case v <= classLast[1]:
		return 1
	}
	return 2
}

// The length of the character count indicator of each mode in each size
// class (ISO/IEC 18004 Table 3).
var (
	numericCountBits = [sizeClasses]int{10, 12, 14}
	alnumCountBits   = [sizeClasses]int{9, 11, 13}
	byteCountBits    = [sizeClasses]int{8, 16, 16}
)

// countBits returns the length of the character count indicator of mode m
// at version v (ISO/IEC 18004 Table 3).
func countBits(m Mode, v int) int {
	switch m {
	case ModeNumeric:
		return numericCountBits[sizeClass(v)]
	case ModeAlphanumeric:
		return alnumCountBits[sizeClass(v)]
	}
	return byteCountBits[sizeClass(v)]
}

// dataBits returns how many data bits a version-v symbol holds at level l:
// 8 × its data codewords (Table 9). v and l must be valid.
func dataBits(v int, l Level) int { return 8 * dataCodewords[v-1][l.index()] }

// Bits of data per group of characters (ISO/IEC 18004 §7.4.3, §7.4.4): a
// numeric segment packs 3 digits into 10 bits, a final 2 into 7 and a final
// 1 into 4; an alphanumeric segment packs 2 characters into 11 bits and a
// final 1 into 6; a byte takes 8 bits (§7.4.5).
const (
	numericTripleBits = 10
	numericPairBits   = 7
	numericSingleBits = 4
	alnumPairBits     = 11
	alnumSingleBits   = 6
	byteBits          = 8
)

// numericDataBits and alnumDataBits return the data bits of n characters
// in one segment, headers excluded.
func numericDataBits(n int) int {
	return numericTripleBits*(n/3) + [3]int{0, numericSingleBits, numericPairBits}[n%3]
}

func alnumDataBits(n int) int { return alnumPairBits*(n/2) + alnumSingleBits*(n%2) }

// numericChars and alnumChars return how many characters of one segment
// fit in free data bits, headers excluded; 0 when free is negative.
func numericChars(free int) int {
	if free < 0 {
		return 0
	}
	n := 3 * (free / numericTripleBits)
	switch r := free % numericTripleBits; {
	case r >= numericPairBits:
		n += 2
	case r >= numericSingleBits:
		n++
	}
	return n
}

func alnumChars(free int) int {
	if free < 0 {
		return 0
	}
	n := 2 * (free / alnumPairBits)
	if free%alnumPairBits >= alnumSingleBits {
		n++
	}
	return n
}

// capacity returns how many characters of mode m fit in one segment of a
// version-v symbol at level l: the figures of ISO/IEC 18004 Table 7. v and l
// must be valid, and m one of ModeNumeric, ModeAlphanumeric and ModeByte.
func capacity(m Mode, v int, l Level) int {
	free := dataBits(v, l) - modeIndicatorBits - countBits(m, v)
	switch m {
	case ModeNumeric:
		return numericChars(free)
	case ModeAlphanumeric:
		return alnumChars(free)
	}
	return free / byteBits
}

// MaxCharacters returns how many alphanumeric characters a code of the given
// version holds at level l (ISO/IEC 18004 Table 7): 20 for version 1 at M,
// 3391 for version 40 at M. The zero Level means [DefaultLevel]. It returns 0
// for a version outside 1..40 or an invalid level.
func MaxCharacters(version int, level Level) int {
	l, err := level.check()
	if err != nil || version < MinVersion || version > MaxVersion {
		return 0
	}
	return capacity(ModeAlphanumeric, version, l)
}

// smallestVersion returns the smallest version whose capacity in mode m at
// level l holds n characters in one segment, or 0 when even version 40 is
// too small.
func smallestVersion(m Mode, n int, l Level) int {
	for v := MinVersion; v <= MaxVersion; v++ {
		if capacity(m, v, l) >= n {
			return v
		}
	}
	return 0
}

// isAlphanumeric reports whether c belongs to the QR alphanumeric set
// (ISO/IEC 18004 Table 5), which is also the Base45 alphabet of RFC 9285.
func isAlphanumeric(c byte) bool {
	switch {
	case isDigit(c), c >= 'A' && c <= 'Z':
		return true
	}
	switch c {
	case ' ', '$', '%', '*', '+', '-', '.', '/', ':':
		return true
	}
	return false
}

// isDigit reports whether c is one of the digits 0-9, the numeric mode's
// set (ISO/IEC 18004 §7.4.3).
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
