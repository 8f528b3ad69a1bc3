package qr

import (
	"fmt"
	"unicode/utf8"
)

// The ECI mode indicator and the one designator ParseDataCodewords reads:
// UTF-8, ECI assignment value 26 (ISO/IEC 18004 §7.4.2, Table 2; AIM ECI
// specification).
const (
	eciIndicator = 0b0111
	eciUTF8      = 26
)

// ParseDataCodewords reads the text in the data codewords of a version-v
// symbol, the inverse of [DataCodewords] (ISO/IEC 18004 §7.4): numeric,
// alphanumeric and byte segments in any order, up to the terminator or to
// fewer than 4 bits left, the padding after it ignored. Byte segments are
// read as UTF-8, each byte of an invalid sequence giving U+FFFD, and may
// follow the ECI designator of UTF-8. Claim 169 text needs nothing else:
// Kanji and Hanzi segments, other ECI designators, structured append and
// FNC1 are refused with [ErrUnsupportedMode]. A segment that runs past the
// data or holds a value its mode does not define is refused with
// [ErrMalformedData]. The text is at most 3 bytes a codeword long.
func ParseDataCodewords(data []byte, version int) (string, error) {
	if version < MinVersion || version > MaxVersion {
		return "", fmt.Errorf("%w: version %d", ErrMalformedData, version)
	}
	r := bitReader{data: data}
	var out []byte
	for r.left() >= modeIndicatorBits {
		mode, _ := r.read(modeIndicatorBits)
		var err error
		switch mode {
		case 0: // the terminator
			return string(out), nil
		case numericIndicator:
			out, err = r.numeric(out, version)
		case alnumIndicator:
			out, err = r.alphanumeric(out, version)
		case byteIndicator:
			out, err = r.bytes(out, version)
		case eciIndicator:
			if designator, ok := r.read(8); !ok || designator != eciUTF8 {
				err = fmt.Errorf("%w: ECI other than UTF-8", ErrUnsupportedMode)
			}
		default:
			err = fmt.Errorf("%w: mode indicator %04b", ErrUnsupportedMode, mode)
		}
		if err != nil {
			return "", err
		}
	}
	return string(out), nil
}

// bitReader reads bits, most significant first, from a slice of bytes.
type bitReader struct {
	data []byte
	n    int // bits read
}

func (r *bitReader) left() int { return 8*len(r.data) - r.n }

// read returns the next bits bits, or false when fewer are left.
func (r *bitReader) read(bits int) (int, bool) {
	if bits > r.left() {
		return 0, false
	}
	v := 0
	for range bits {
		v = v<<1 | int(r.data[r.n/8]>>(7-r.n%8)&1)
		r.n++
	}
	return v, true
}

// count reads the character count of a segment of mode m.
func (r *bitReader) count(m Mode, v int) (int, error) {
	n, ok := r.read(countBits(m, v))
	if !ok {
		return 0, fmt.Errorf("%w: %v segment header past the data", ErrMalformedData, m)
	}
	return n, nil
}

// group reads one group of a segment of mode m, bits long, whose value
// must be below limit.
func (r *bitReader) group(m Mode, bits, limit int) (int, error) {
	g, ok := r.read(bits)
	if !ok {
		return 0, fmt.Errorf("%w: %v segment past the data", ErrMalformedData, m)
	}
	if g >= limit {
		return 0, fmt.Errorf("%w: %v value out of range", ErrMalformedData, m)
	}
	return g, nil
}

// numeric reads a numeric segment: three digits in 10 bits, a final two in
// 7 and a final one in 4 (§7.4.3).
func (r *bitReader) numeric(out []byte, v int) ([]byte, error) {
	n, err := r.count(ModeNumeric, v)
	for ; err == nil && n > 0; n -= min(n, 3) {
		digits := min(n, 3)
		limit := [4]int{0, 10, 100, 1000}[digits]
		var g int
		if g, err = r.group(ModeNumeric, numericDataBits(digits), limit); err == nil {
			for d := limit / 10; d > 0; d /= 10 {
				out = append(out, byte('0'+g/d%10))
			}
		}
	}
	return out, err
}

// alphanumeric reads an alphanumeric segment: two characters in 11 bits,
// 45·first + second, and a final one in 6 (§7.4.4).
func (r *bitReader) alphanumeric(out []byte, v int) ([]byte, error) {
	n, err := r.count(ModeAlphanumeric, v)
	for ; err == nil && n > 1; n -= 2 {
		var g int
		if g, err = r.group(ModeAlphanumeric, alnumPairBits, 45*45); err == nil {
			out = append(out, alnumValues[g/45], alnumValues[g%45])
		}
	}
	if err == nil && n == 1 {
		var g int
		if g, err = r.group(ModeAlphanumeric, alnumSingleBits, 45); err == nil {
			out = append(out, alnumValues[g])
		}
	}
	return out, err
}

// bytes reads a byte segment as UTF-8 (§7.4.5).
func (r *bitReader) bytes(out []byte, v int) ([]byte, error) {
	n, err := r.count(ModeByte, v)
	if err != nil {
		return nil, err
	}
	if byteBits*n > r.left() {
		return nil, fmt.Errorf("%w: byte segment past the data", ErrMalformedData)
	}
	seg := make([]byte, n)
	for i := range seg {
		b, _ := r.read(byteBits)
		seg[i] = byte(b)
	}
	if utf8.Valid(seg) {
		return append(out, seg...), nil
	}
	for _, c := range string(seg) {
		out = utf8.AppendRune(out, c) // U+FFFD for each invalid byte
	}
	return out, nil
}
