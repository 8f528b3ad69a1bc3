package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/jpeg"
	"reflect"
)

// The standard library's JPEG encoder writes the example Huffman tables of
// ITU-T T.81 Annex K, about 420 bytes for a colour picture, whatever the
// picture holds. A face photo in a QR code has a budget of a few hundred
// bytes, so optimizeHuffman rewrites the encoder's output with tables built
// for the picture's own symbols (T.81 Annex K.2, as libjpeg's "optimize"
// option does), keeping only the quantization tables the frame uses. The
// coefficients are untouched: the picture decodes to the same pixels.

// errJPEGLayout reports encoder output this rewriter does not expect. It
// would be a programming error: the input is always image/jpeg's own output.
var errJPEGLayout = errors.New("photo: unexpected JPEG layout")

// JPEG markers (ITU-T T.81 Table B.1).
const (
	markerSOF0 = 0xc0
	markerDHT  = 0xc4
	markerSOI  = 0xd8
	markerEOI  = 0xd9
	markerSOS  = 0xda
	markerDQT  = 0xdb
)

// jpegComponent is a frame component: its id, sampling factors and
// quantization table, and the Huffman tables the scan gives it.
type jpegComponent struct {
	id, h, v, tq byte
	dc, ac       int // indexes into jpegFile.tables
}

// jpegFile is the parsed output of image/jpeg: one baseline frame, one
// scan, no restart intervals.
type jpegFile struct {
	dqt          map[byte][]byte // table id -> Pq/Tq byte and entries
	sof, sos     []byte          // segment payloads, copied unchanged
	width, high  int
	comps        []jpegComponent
	tables       [4]*huffTable // DC0, AC0, DC1, AC1: see tableIndex
	entropy      []byte        // entropy-coded data, byte stuffing removed
	symbolCounts [4][256]int
}

// tableIndex maps a Huffman table class (0 DC, 1 AC) and id (0, 1) to an
// index into jpegFile.tables.
func tableIndex(class, id byte) int { return int(id)*2 + int(class) }

// optimizeHuffman rewrites a baseline JPEG written by image/jpeg with
// optimal Huffman tables.
func optimizeHuffman(src []byte) ([]byte, error) {
	f, err := parseJPEG(src)
	if err != nil {
		return nil, err
	}
	symbols, err := f.decodeScan()
	if err != nil {
		return nil, err
	}
	var codes [4]*huffCode
	for i := range f.tables {
		if f.tables[i] == nil {
			continue
		}
		if codes[i], err = optimalCode(&f.symbolCounts[i]); err != nil {
			return nil, err
		}
	}
	out := f.write(codes, symbols)
	if !samePixels(src, out) {
		// Never seen on image/jpeg output, but a malformed input found by
		// fuzzing decoded differently: refuse rather than change a face.
		return nil, errJPEGLayout
	}
	return out, nil
}

// samePixels reports whether a and b decode to the same image.
func samePixels(a, b []byte) bool {
	ia, err := jpeg.Decode(bytes.NewReader(a))
	if err != nil {
		return false
	}
	ib, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		return false
	}
	return reflect.DeepEqual(ia, ib)
}

// parseJPEG splits image/jpeg output into its segments.
func parseJPEG(src []byte) (*jpegFile, error) {
	if len(src) < 4 || src[0] != 0xff || src[1] != markerSOI {
		return nil, errJPEGLayout
	}
	f := &jpegFile{dqt: map[byte][]byte{}}
	pos := 2
	for {
		if pos+4 > len(src) || src[pos] != 0xff {
			return nil, errJPEGLayout
		}
		marker := src[pos+1]
		n := int(binary.BigEndian.Uint16(src[pos+2:]))
		if n < 2 || pos+2+n > len(src) {
			return nil, errJPEGLayout
		}
		payload := src[pos+4 : pos+2+n]
		pos += 2 + n
		var err error
		switch marker {
		case markerDQT:
			err = f.parseDQT(payload)
		case markerSOF0:
			err = f.parseSOF(payload)
		case markerDHT:
			err = f.parseDHT(payload)
		case markerSOS:
			if err = f.parseSOS(payload); err == nil {
				err = f.extractEntropy(src[pos:])
			}
			return f, err
		default:
			return nil, errJPEGLayout
		}
		if err != nil {
			return nil, err
		}
	}
}

func (f *jpegFile) parseDQT(p []byte) error {
	for len(p) > 0 {
		size := 1 + 64
		if p[0]>>4 != 0 {
			size = 1 + 128
		}
		if len(p) < size {
			return errJPEGLayout
		}
		f.dqt[p[0]&0x0f] = p[:size]
		p = p[size:]
	}
	return nil
}

func (f *jpegFile) parseSOF(p []byte) error {
	if len(p) < 6 || p[0] != 8 {
		return errJPEGLayout
	}
	f.sof = p
	f.high = int(binary.BigEndian.Uint16(p[1:]))
	f.width = int(binary.BigEndian.Uint16(p[3:]))
	n := int(p[5])
	if f.width == 0 || f.high == 0 || (n != 1 && n != 3) || len(p) != 6+3*n {
		return errJPEGLayout
	}
	for i := range n {
		c := p[6+3*i:]
		comp := jpegComponent{id: c[0], h: c[1] >> 4, v: c[1] & 0x0f, tq: c[2]}
		if comp.h < 1 || comp.h > 2 || comp.v < 1 || comp.v > 2 {
			return errJPEGLayout
		}
		f.comps = append(f.comps, comp)
	}
	return nil
}

func (f *jpegFile) parseDHT(p []byte) error {
	for len(p) > 0 {
		if len(p) < 17 || p[0]>>4 > 1 || p[0]&0x0f > 1 {
			return errJPEGLayout
		}
		total := 0
		for _, c := range p[1:17] {
			total += int(c)
		}
		if len(p) < 17+total {
			return errJPEGLayout
		}
		t, err := newHuffTable(p[1:17], p[17:17+total])
		if err != nil {
			return err
		}
		f.tables[tableIndex(p[0]>>4, p[0]&0x0f)] = t
		p = p[17+total:]
	}
	return nil
}

func (f *jpegFile) parseSOS(p []byte) error {
	if len(f.comps) == 0 || len(p) != 1+2*len(f.comps)+3 || int(p[0]) != len(f.comps) {
		return errJPEGLayout
	}
	f.sos = p
	for i := range f.comps {
		id, sel := p[1+2*i], p[2+2*i]
		if id != f.comps[i].id || sel>>4 > 1 || sel&0x0f > 1 {
			return errJPEGLayout
		}
		f.comps[i].dc = tableIndex(0, sel>>4)
		f.comps[i].ac = tableIndex(1, sel&0x0f)
		if f.tables[f.comps[i].dc] == nil || f.tables[f.comps[i].ac] == nil {
			return errJPEGLayout
		}
	}
	return nil
}

// extractEntropy copies the entropy-coded data up to the EOI marker,
// removing the zero byte stuffed after each 0xff.
func (f *jpegFile) extractEntropy(p []byte) error {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] != 0xff {
			out = append(out, p[i])
			continue
		}
		if i+1 >= len(p) {
			return errJPEGLayout
		}
		switch p[i+1] {
		case 0x00:
			out = append(out, 0xff)
			i++
		case markerEOI:
			if i+2 != len(p) {
				return errJPEGLayout
			}
			f.entropy = out
			return nil
		default:
			return errJPEGLayout
		}
	}
	return errJPEGLayout
}
