package qr

import (
	"fmt"
	"unicode/utf8"
)

// Mode is the QR data mode the text is counted in (ISO/IEC 18004 §7.3).
type Mode uint8

// Data modes this package writes.
const (
	// ModeAlphanumeric packs two characters of the set
	// 0-9 A-Z space $ % * + - . / : into 11 bits; Base45 text is always in
	// this set.
	ModeAlphanumeric Mode = iota + 1
	// ModeByte spends 8 bits on each byte of UTF-8 text. It is only used
	// when [Options].AllowByteMode permits it.
	ModeByte
)

// String returns "alphanumeric" or "byte".
func (m Mode) String() string {
	switch m {
	case ModeAlphanumeric:
		return "alphanumeric"
	case ModeByte:
		return "byte"
	}
	return "invalid"
}

// Layout describes the code that holds a text: the figures [Plan] computes
// and [Code.Layout] reports.
type Layout struct {
	Version    int   // symbol version, 1..40
	Level      Level // error correction level
	Mode       Mode  // data mode the capacity is counted in
	Modules    int   // modules on a side, 17+4·Version, quiet zone excluded
	Characters int   // characters of the text (bytes in byte mode)
	Capacity   int   // characters this version holds at this level and mode
	Remaining  int   // Capacity - Characters
}

// Plan computes the layout of the code that holds text at the given level,
// without rendering it: the smallest version whose alphanumeric capacity
// (ISO/IEC 18004 Table 7) holds the text in a single segment, which is what
// any conforming encoder needs and exactly the version [New] renders. The
// zero Level means [DefaultLevel].
//
// The text must be in the QR alphanumeric set (Base45 text always is);
// otherwise Plan returns an error matching [ErrNotAlphanumeric] with the
// offset of the first character outside it. It returns [ErrEmpty] for an
// empty text, [ErrTooLong] when version 40 is too small and [ErrLevel] for an
// invalid level.
func Plan(text string, level Level) (Layout, error) {
	return plan(text, level, false)
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
	mode := ModeAlphanumeric
	if i := firstNonAlphanumeric(text); i >= 0 {
		if !allowByte {
			return Layout{}, fmt.Errorf("%w at offset %d", ErrNotAlphanumeric, i)
		}
		if !utf8.ValidString(text) {
			return Layout{}, ErrNotUTF8
		}
		mode = ModeByte
	}
	v := smallestVersion(mode, len(text), l)
	if v == 0 {
		return Layout{}, fmt.Errorf("%w: %d characters, at most %d at level %v in %v mode",
			ErrTooLong, len(text), capacity(mode, MaxVersion, l), l, mode)
	}
	c := capacity(mode, v, l)
	return Layout{
		Version:    v,
		Level:      l,
		Mode:       mode,
		Modules:    17 + 4*v,
		Characters: len(text),
		Capacity:   c,
		Remaining:  c - len(text),
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
