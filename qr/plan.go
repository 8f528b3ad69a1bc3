package qr

import (
	"fmt"
	"unicode/utf8"
)

// Mode is the QR data mode a text is written in (ISO/IEC 18004 §7.3).
type Mode uint8

// Data modes this package writes.
const (
	// ModeAlphanumeric is one segment that packs two characters of the set
	// 0-9 A-Z space $ % * + - . / : into 11 bits; Base45 text is always in
	// this set.
	ModeAlphanumeric Mode = iota + 1
	// ModeByte is one segment that spends 8 bits on each byte of UTF-8
	// text. Only [PlanUTF8] plans it, for text outside the alphanumeric
	// set.
	ModeByte
	// ModeNumeric is one segment that packs three digits into 10 bits:
	// the mode of a text made only of digits.
	ModeNumeric
	// ModeMixed is a text written in several numeric and alphanumeric
	// segments, because its runs of digits take fewer bits in numeric
	// mode than the mode changes cost.
	ModeMixed
)

// String returns "alphanumeric", "byte", "numeric" or "mixed".
func (m Mode) String() string {
	switch m {
	case ModeAlphanumeric:
		return "alphanumeric"
	case ModeByte:
		return "byte"
	case ModeNumeric:
		return "numeric"
	case ModeMixed:
		return "mixed"
	}
	return "invalid"
}

// Layout describes the code that holds a text: the figures [Plan] computes
// and a rendered code reports.
//
// Capacity and Remaining count characters. In [ModeNumeric] they count
// digits, Capacity being the numeric figure of ISO/IEC 18004 Table 7; in
// [ModeByte], bytes. Otherwise Remaining is how many more characters
// outside the numeric set (letters, space or punctuation: the costliest
// alphanumeric characters) could follow the text in this version, and
// Capacity is Characters + Remaining; for text in one alphanumeric segment
// that is at least the alphanumeric figure of Table 7, [MaxCharacters].
// Bits and CapacityBits give the exact room.
type Layout struct {
	Version    int   // symbol version, 1..40
	Level      Level // error correction level
	Mode       Mode  // how the text is written
	Modules    int   // modules on a side, 17+4·Version, quiet zone excluded
	Characters int   // characters of the text (bytes in byte mode)
	Capacity   int   // Characters + Remaining
	Remaining  int   // characters that can still be added, see above
	// Segments is the number of segments the text is written in.
	Segments int
	// Bits is the length of those segments (mode indicators, character
	// counts and data; terminator and padding excluded), the least any
	// encoding of the text into numeric and alphanumeric segments takes.
	Bits int
	// CapacityBits is what the version holds at the level: 8 × its data
	// codewords (ISO/IEC 18004 Table 9). Bits ≤ CapacityBits.
	CapacityBits int
}

// Plan computes the layout of the code that holds text at the given level,
// without rendering it: the smallest version that holds the shortest
// encoding of the text, which is exactly the version
// [github.com/idqr/claim169/qr/render.New] draws. No other QR encoder can
// use a smaller version for the same text and level. The zero Level means
// [DefaultLevel].
//
// The shortest encoding is found by a dynamic programme over the text's
// characters that splits it into numeric and alphanumeric segments at the
// least total bit length, once for each of the three sizes of character
// count indicator (versions 1-9, 10-26 and 27-40; ISO/IEC 18004 Table 3).
// Kanji segments cannot hold text of the alphanumeric set and byte
// segments never shorten it, so the result is the least of every standard
// encoding. Plan allocates nothing and its work is linear in the text.
//
// The text must be in the QR alphanumeric set (Base45 text always is);
// otherwise Plan returns an error matching [ErrNotAlphanumeric] with the
// offset of the first character outside it. It returns [ErrEmpty] for an
// empty text, [ErrTooLong] when version 40 is too small and [ErrLevel] for an
// invalid level.
func Plan(text string, level Level) (Layout, error) {
	return plan(text, level, false)
}

// PlanUTF8 is [Plan] for any UTF-8 text: text in the QR alphanumeric set is
// planned exactly as by Plan, and other text as one byte-mode segment of
// its UTF-8 bytes ([ModeByte]), which holds far fewer characters. It
// returns [ErrNotUTF8] for such text that is not valid UTF-8, and
// otherwise the errors of Plan but [ErrNotAlphanumeric].
func PlanUTF8(text string, level Level) (Layout, error) {
	return plan(text, level, true)
}

// plan computes the layout of text, in byte mode when the text is not
// alphanumeric and allowByte permits it.
func plan(text string, level Level, allowByte bool) (Layout, error) {
	l, err := level.check()
	if err != nil {
		return Layout{}, err
	}
	if text == "" {
		return Layout{}, ErrEmpty
	}
	if i := firstNonAlphanumeric(text); i >= 0 {
		if !allowByte {
			return Layout{}, fmt.Errorf("%w at offset %d", ErrNotAlphanumeric, i)
		}
		if !utf8.ValidString(text) {
			return Layout{}, ErrNotUTF8
		}
		return planBytes(len(text), l)
	}
	return planSegments(text, l)
}

// planSegments computes the layout of alphanumeric text: for each size
// class in turn, the shortest encoding and the smallest version of the
// class that holds it.
func planSegments(text string, l Level) (Layout, error) {
	n := len(text)
	for class := range sizeClasses {
		// Digits are the densest characters: a text longer than the
		// class's largest version holds in digits cannot fit the class.
		if n > capacity(ModeNumeric, classLast[class], l) {
			continue
		}
		final := segmentation(text, class, nil)
		best := final.cheapest()
		bits := final[best].bits()
		for v := classFirst[class]; v <= classLast[class]; v++ {
			free := dataBits(v, l)
			if bits > free {
				continue
			}
			layout := Layout{
				Version: v, Level: l, Mode: ModeMixed, Modules: 17 + 4*v, Characters: n,
				Segments: final[best].segments(), Bits: bits, CapacityBits: free,
			}
			if layout.Segments == 1 {
				layout.Mode = stateMode(best)
			}
			if layout.Mode == ModeNumeric {
				layout.Remaining = capacity(ModeNumeric, v, l) - n
			} else {
				layout.Remaining = appendable(&final, free, class)
			}
			layout.Capacity = n + layout.Remaining
			return layout, nil
		}
	}
	return Layout{}, fmt.Errorf("%w: %d characters, more than version 40 holds at level %v "+
		"(%d alphanumeric characters or %d digits)", ErrTooLong, n, l,
		capacity(ModeAlphanumeric, MaxVersion, l), capacity(ModeNumeric, MaxVersion, l))
}

// planBytes computes the layout of n bytes of UTF-8 text in one byte
// segment.
func planBytes(n int, l Level) (Layout, error) {
	v := smallestVersion(ModeByte, n, l)
	if v == 0 {
		return Layout{}, fmt.Errorf("%w: %d bytes, at most %d at level %v in byte mode",
			ErrTooLong, n, capacity(ModeByte, MaxVersion, l), l)
	}
	c := capacity(ModeByte, v, l)
	return Layout{
		Version:      v,
		Level:        l,
		Mode:         ModeByte,
		Modules:      17 + 4*v,
		Characters:   n,
		Capacity:     c,
		Remaining:    c - n,
		Segments:     1,
		Bits:         modeIndicatorBits + countBits(ModeByte, v) + byteBits*n,
		CapacityBits: dataBits(v, l),
	}, nil
}

// firstNonAlphanumeric returns the offset of the first byte of text outside
// the QR alphanumeric set, or -1.
func firstNonAlphanumeric(text string) int {
	for i := 0; i < len(text); i++ {
		if !isAlphanumeric(text[i]) {
			return i
		}
	}
	return -1
}
