package brotli

// Elementary transforms (RFC 7932 §8), numbered as in Appendix B: 0
// Identity, 1 FermentFirst, 2 FermentAll, 3..11 OmitFirst1..9 and 12..20
// OmitLast1..9.
const (
	identity     = 0
	fermentFirst = 1
	fermentAll   = 2
	omitFirst1   = 3
	omitFirst2   = 4
	omitFirst3   = 5
	omitFirst4   = 6
	omitFirst5   = 7
	omitFirst6   = 8
	omitFirst7   = 9
	omitFirst9   = 11 // OmitFirst8 is not used
	omitLast1    = 12
	omitLast2    = 13
	omitLast3    = 14
	omitLast4    = 15
	omitLast5    = 16
	omitLast6    = 17
	omitLast7    = 18
	omitLast8    = 19
	omitLast9    = 20
)

// transform is a word transformation: prefix + T(word) + suffix.
type transform struct {
	prefix string
	kind   uint8
	suffix string
}

// maxWordLen is the longest transformed word: a 24-byte base word and at
// most 13 bytes of prefix and suffix (RFC 7932 §8).
const maxWordLen = 37

// apply writes the transformed word to dst, which holds at least
// maxWordLen bytes, and returns its length.
func (t *transform) apply(dst []byte, word string) int {
	n := copy(dst, t.prefix)
	switch {
	case t.kind >= omitLast1:
		word = word[:max(len(word)-int(t.kind-omitLast1+1), 0)]
	case t.kind >= omitFirst1:
		word = word[min(int(t.kind-omitFirst1+1), len(word)):]
	}
	w := dst[n : n+copy(dst[n:], word)]
	switch t.kind {
	case fermentFirst:
		if len(w) > 0 {
			ferment(w, 0)
		}
	case fermentAll:
		for i := 0; i < len(w); {
			i += ferment(w, i)
		}
	}
	n += len(w)
	return n + copy(dst[n:], t.suffix)
}

// ferment changes the case of the character at w[pos] as RFC 7932 §8
// defines it and returns the length of that character in bytes.
func ferment(w []byte, pos int) int {
	switch c := w[pos]; {
	case c < 192:
		if c >= 'a' && c <= 'z' {
			w[pos] ^= 32
		}
		return 1
	case c < 224:
		if pos+1 < len(w) {
			w[pos+1] ^= 32
		}
		return 2
	default:
		if pos+2 < len(w) {
			w[pos+2] ^= 5
		}
		return 3
	}
}

// transforms is the list of word transformations of RFC 7932 Appendix B,
// which the tests check against the length and CRC-32 given there.
var transforms = [numTransforms]transform{
	{"", identity, ""},              // 0
	{"", identity, " "},             // 1
	{" ", identity, " "},            // 2
	{"", omitFirst1, ""},            // 3
	{"", fermentFirst, " "},         // 4
	{"", identity, " the "},         // 5
	{" ", identity, ""},             // 6
	{"s ", identity, " "},           // 7
	{"", identity, " of "},          // 8
	{"", fermentFirst, ""},          // 9
	{"", identity, " and "},         // 10
	{"", omitFirst2, ""},            // 11
	{"", omitLast1, ""},             // 12
	{", ", identity, " "},           // 13
	{"", identity, ", "},            // 14
	{" ", fermentFirst, " "},        // 15
	{"", identity, " in "},          // 16
	{"", identity, " to "},          // 17
	{"e ", identity, " "},           // 18
	{"", identity, "\""},            // 19
	{"", identity, "."},             // 20
	{"", identity, "\">"},           // 21
	{"", identity, "\n"},            // 22
	{"", omitLast3, ""},             // 23
	{"", identity, "]"},             // 24
	{"", identity, " for "},         // 25
	{"", omitFirst3, ""},            // 26
	{"", omitLast2, ""},             // 27
	{"", identity, " a "},           // 28
	{"", identity, " that "},        // 29
	{" ", fermentFirst, ""},         // 30
	{"", identity, ". "},            // 31
	{".", identity, ""},             // 32
	{" ", identity, ", "},           // 33
	{"", omitFirst4, ""},            // 34
	{"", identity, " with "},        // 35
	{"", identity, "'"},             // 36
	{"", identity, " from "},        // 37
	{"", identity, " by "},          // 38
	{"", omitFirst5, ""},            // 39
	{"", omitFirst6, ""},            // 40
	{" the ", identity, ""},         // 41
	{"", omitLast4, ""},             // 42
	{"", identity, ". The "},        // 43
	{"", fermentAll, ""},            // 44
	{"", identity, " on "},          // 45
	{"", identity, " as "},          // 46
	{"", identity, " is "},          // 47
	{"", omitLast7, ""},             // 48
	{"", omitLast1, "ing "},         // 49
	{"", identity, "\n\t"},          // 50
	{"", identity, ":"},             // 51
	{" ", identity, ". "},           // 52
	{"", identity, "ed "},           // 53
	{"", omitFirst9, ""},            // 54
	{"", omitFirst7, ""},            // 55
	{"", omitLast6, ""},             // 56
	{"", identity, "("},             // 57
	{"", fermentFirst, ", "},        // 58
	{"", omitLast8, ""},             // 59
	{"", identity, " at "},          // 60
	{"", identity, "ly "},           // 61
	{" the ", identity, " of "},     // 62
	{"", omitLast5, ""},             // 63
	{"", omitLast9, ""},             // 64
	{" ", fermentFirst, ", "},       // 65
	{"", fermentFirst, "\""},        // 66
	{".", identity, "("},            // 67
	{"", fermentAll, " "},           // 68
	{"", fermentFirst, "\">"},       // 69
	{"", identity, "=\""},           // 70
	{" ", identity, "."},            // 71
	{".com/", identity, ""},         // 72
	{" the ", identity, " of the "}, // 73
	{"", fermentFirst, "'"},         // 74
	{"", identity, ". This "},       // 75
	{"", identity, ","},             // 76
	{".", identity, " "},            // 77
	{"", fermentFirst, "("},         // 78
	{"", fermentFirst, "."},         // 79
	{"", identity, " not "},         // 80
	{" ", identity, "=\""},          // 81
	{"", identity, "er "},           // 82
	{" ", fermentAll, " "},          // 83
	{"", identity, "al "},           // 84
	{" ", fermentAll, ""},           // 85
	{"", identity, "='"},            // 86
	{"", fermentAll, "\""},          // 87
	{"", fermentFirst, ". "},        // 88
	{" ", identity, "("},            // 89
	{"", identity, "ful "},          // 90
	{" ", fermentFirst, ". "},       // 91
	{"", identity, "ive "},          // 92
	{"", identity, "less "},         // 93
	{"", fermentAll, "'"},           // 94
	{"", identity, "est "},          // 95
	{" ", fermentFirst, "."},        // 96
	{"", fermentAll, "\">"},         // 97
	{" ", identity, "='"},           // 98
	{"", fermentFirst, ","},         // 99
	{"", identity, "ize "},          // 100
	{"", fermentAll, "."},           // 101
	{"\xc2\xa0", identity, ""},      // 102
	{" ", identity, ","},            // 103
	{"", fermentFirst, "=\""},       // 104
	{"", fermentAll, "=\""},         // 105
	{"", identity, "ous "},          // 106
	{"", fermentAll, ", "},          // 107
	{"", fermentFirst, "='"},        // 108
	{" ", fermentFirst, ","},        // 109
	{" ", fermentAll, "=\""},        // 110
	{" ", fermentAll, ", "},         // 111
	{"", fermentAll, ","},           // 112
	{"", fermentAll, "("},           // 113
	{"", fermentAll, ". "},          // 114
	{" ", fermentAll, "."},          // 115
	{"", fermentAll, "='"},          // 116
	{" ", fermentAll, ". "},         // 117
	{" ", fermentFirst, "=\""},      // 118
	{" ", fermentAll, "='"},         // 119
	{" ", fermentFirst, "='"},       // 120
}

const numTransforms = 121
