package qr

// Symbol versions (ISO/IEC 18004 §5.3.1): version V is a square of 17+4V
// modules on a side.
const (
	MinVersion = 1
	MaxVersion = 40
)

// QuietZone is the width, in modules, of the light margin around every code
// this package renders (ISO/IEC 18004 §5.3.8 requires at least 4).
const QuietZone = 4

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

// countBits returns the length of the character count indicator of mode m
// at version v (ISO/IEC 18004 Table 3).
func countBits(m Mode, v int) int {
	var bits [3]int
	switch m {
	case ModeAlphanumeric:
		bits = [3]int{9, 11, 13}
	default:
		bits = [3]int{8, 16, 16}
	}
	switch {
	case v <= 9:
		return bits[0]
	case v <= 26:
		return bits[1]
	}
	return bits[2]
}

// capacity returns how many characters of mode m fit in one segment of a
// version-v symbol at level l: the figures of ISO/IEC 18004 Table 7. An
// alphanumeric pair takes 11 bits and a final single character 6; a byte
// takes 8 bits. v and l must be valid.
func capacity(m Mode, v int, l Level) int {
	free := 8*dataCodewords[v-1][l.index()] - modeIndicatorBits - countBits(m, v)
	if m == ModeByte {
		return free / 8
	}
	n := 2 * (free / 11)
	if free%11 >= 6 {
		n++
	}
	return n
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
// level l holds n characters, or 0 when even version 40 is too small.
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
	case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
		return true
	}
	switch c {
	case ' ', '$', '%', '*', '+', '-', '.', '/', ':':
		return true
	}
	return false
}
