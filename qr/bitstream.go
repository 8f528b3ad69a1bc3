package qr

import (
	"errors"
	"fmt"
	"strings"
)

// Mode indicators (ISO/IEC 18004 Table 2).
const (
	numericIndicator = 0b0001
	alnumIndicator   = 0b0010
	byteIndicator    = 0b0100
)

// terminatorBits is the length of the terminator, the zero bits that end
// the data when there is room for them (§7.4.9).
const terminatorBits = 4

// padCodewords alternate to fill the data codewords after the data
// (§7.4.10).
var padCodewords = [2]byte{0xec, 0x11}

// alnumValues lists the alphanumeric set in the order of the values its
// characters are encoded as (ISO/IEC 18004 Table 5).
const alnumValues = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// bitWriter appends bits, most significant first, to a slice of bytes.
type bitWriter struct {
	buf []byte
	n   int // bits written
}

// write appends the low bits bits of value, up to a byte at a time.
func (w *bitWriter) write(value, bits int) {
	for bits > 0 {
		used := w.n % 8
		if used == 0 {
			w.buf = append(w.buf, 0)
		}
		take := min(8-used, bits)
		bits -= take
		w.buf[len(w.buf)-1] |= byte(value>>bits&(1<<take-1)) << (8 - used - take)
		w.n += take
	}
}

// errNotPlanned reports a layout that Plan did not compute for the text.
var errNotPlanned = errors.New("qr: layout not planned for this text")

// DataCodewords returns the data codewords of text in the code layout
// describes, which must be what [Plan] or [PlanUTF8] returned for that
// text (ISO/IEC 18004 §7.4): the segments the plan counted, each with its
// mode indicator, character count and data, then the terminator as far as
// there is room, zero bits to the byte boundary and the pad codewords 0xEC
// and 0x11 up to the version's data capacity. The error correction
// codewords, the placement of the modules and the mask are the renderer's.
//
// It plans text again and returns the planning errors, or an error for a
// layout that is not the text's.
func DataCodewords(text string, layout Layout) ([]byte, error) {
	p, err := plan(text, layout.Level, layout.Mode == ModeByte)
	if err != nil {
		return nil, err
	}
	if p != layout {
		return nil, errNotPlanned
	}
	segs := []segment{{mode: ModeByte, end: len(text)}}
	if p.Mode != ModeByte {
		segs = optimalSegments(text, sizeClass(p.Version))
	}
	if len(segs) != p.Segments {
		// Unreachable: both come from the same programme.
		return nil, fmt.Errorf("qr: %d segments, planned %d", len(segs), p.Segments)
	}
	return dataCodewordsOf(text, segs, p.Version, p.Level)
}

// dataCodewordsOf returns the data codewords of text written as segs in a
// version-v symbol at level l (ISO/IEC 18004 §7.4): each segment's mode
// indicator, character count and data, then the terminator as far as
// there is room, zero bits to the byte boundary and pad codewords. The
// segments must cover text in order, each in a mode that can write it.
func dataCodewordsOf(text string, segs []segment, v int, l Level) ([]byte, error) {
	room := dataBits(v, l)
	w := bitWriter{buf: make([]byte, 0, room/8)}
	for _, seg := range segs {
		if err := w.segment(text[seg.start:seg.end], seg.mode, v); err != nil {
			return nil, err
		}
	}
	if w.n > room {
		// Unreachable: the version was planned to hold these segments.
		return nil, fmt.Errorf("qr: %d bits of data, version %d holds %d at level %v", w.n, v, room, l)
	}
	w.write(0, min(terminatorBits, room-w.n))
	if r := w.n % 8; r != 0 {
		w.write(0, 8-r)
	}
	for i := 0; len(w.buf) < room/8; i++ {
		w.buf = append(w.buf, padCodewords[i%2])
	}
	return w.buf, nil
}

// segment writes s as one segment of mode m in a version-v symbol: mode
// indicator, character count and data (§7.4.3 to §7.4.5).
func (w *bitWriter) segment(s string, m Mode, v int) error {
	count := countBits(m, v)
	if len(s) >= 1<<count {
		// Unreachable for a planned version: see segmentation.
		return fmt.Errorf("qr: segment of %d characters over its %d-bit count", len(s), count)
	}
	switch m {
	case ModeNumeric:
		w.write(numericIndicator, modeIndicatorBits)
		w.write(len(s), count)
		for i := 0; i < len(s); i += 3 {
			group := s[i:min(i+3, len(s))]
			value := 0
			for j := 0; j < len(group); j++ {
				value = 10*value + int(group[j]-'0')
			}
			w.write(value, numericDataBits(len(group)))
		}
	case ModeAlphanumeric:
		w.write(alnumIndicator, modeIndicatorBits)
		w.write(len(s), count)
		for i := 0; i+1 < len(s); i += 2 {
			w.write(45*alnumValue(s[i])+alnumValue(s[i+1]), alnumPairBits)
		}
		if len(s)%2 == 1 {
			w.write(alnumValue(s[len(s)-1]), alnumSingleBits)
		}
	case ModeByte:
		w.write(byteIndicator, modeIndicatorBits)
		w.write(len(s), count)
		for i := 0; i < len(s); i++ {
			w.write(int(s[i]), byteBits)
		}
	default:
		return fmt.Errorf("qr: no segment of mode %v", m)
	}
	return nil
}

// alnumValue returns the value of c, a character of the alphanumeric set.
func alnumValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return strings.IndexByte(alnumValues[36:], c) + 36
}
