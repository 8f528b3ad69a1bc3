package qr

import (
	"fmt"
	"strings"
)

// Level is a QR code error correction level (ISO/IEC 18004 §5.3.8). A higher
// level survives more damage but holds fewer characters at a given version.
// The zero Level means [DefaultLevel].
type Level uint8

// Error correction levels, with the share of codewords each can restore.
const (
	L Level = iota + 1 // about 7 %
	M                  // about 15 %
	Q                  // about 25 %
	H                  // about 30 %
)

// DefaultLevel is the level used when none is given: M, the usual level of
// printed identity cards.
const DefaultLevel = M

// ParseLevel reads a level name: "L", "M", "Q" or "H", in either case. It
// returns an error matching [ErrLevel] for anything else, the empty string
// included.
func ParseLevel(s string) (Level, error) {
	switch strings.ToUpper(s) {
	case "L":
		return L, nil
	case "M":
		return M, nil
	case "Q":
		return Q, nil
	case "H":
		return H, nil
	}
	return 0, fmt.Errorf("%w: want L, M, Q or H", ErrLevel)
}

// String returns the level's letter; the zero Level prints as the default,
// "M", and a level out of range as "invalid".
func (l Level) String() string {
	switch l.orDefault() {
	case L:
		return "L"
	case M:
		return "M"
	case Q:
		return "Q"
	case H:
		return "H"
	}
	return "invalid"
}

// orDefault maps the zero Level to [DefaultLevel].
func (l Level) orDefault() Level {
	if l == 0 {
		return DefaultLevel
	}
	return l
}

// check returns the effective level, or an error matching [ErrLevel].
func (l Level) check() (Level, error) {
	l = l.orDefault()
	if l < L || l > H {
		return 0, ErrLevel
	}
	return l, nil
}

// index is the level's column in the capacity table (L, M, Q, H); l must be
// valid.
func (l Level) index() int { return int(l - L) }
