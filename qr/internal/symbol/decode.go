package symbol

import (
	"fmt"

	"github.com/idqr/claim169/qr"
)

// Decode reads the data codewords of a sampled QR symbol of side modules on
// a side, the module at column x and row y dark when dark(x, y) is true,
// and returns them with the symbol's version (ISO/IEC 18004 §7, read back):
// the version from the side, and from the version information for
// versions 7 and up; the level and the data mask from the format
// information (see [DecodeFormat]); the codewords, unmasked, in the
// template's placement order; the blocks separated and each one corrected
// (see [Correct]).
//
// It returns [ErrSize], [ErrVersionInfo], [ErrFormatInfo] or [ErrBlock].
// The bit stream the data codewords hold is read by
// [qr.ParseDataCodewords].
func Decode(side int, dark func(x, y int) bool) ([]byte, int, error) {
	if side < 21 || side > 17+4*qr.MaxVersion || side%4 != 1 {
		return nil, 0, ErrSize
	}
	v, err := readVersion(side, dark)
	if err != nil {
		return nil, 0, err
	}
	var copies [2]int
	for c, positions := range FormatPositions(side) {
		for k, p := range positions {
			if dark(p[0], p[1]) {
				copies[c] |= 1 << k
			}
		}
	}
	level, mask, ok := DecodeFormat(copies[0], copies[1])
	if !ok {
		return nil, 0, ErrFormatInfo
	}
	t := TemplateOf(v)
	codewords := make([]byte, t.Codewords)
	for i := range codewords {
		var c byte
		for _, pos := range t.Order[8*i : 8*i+8] {
			x, y := int(pos&0xff), int(pos>>8)
			c <<= 1
			if dark(x, y) != Inverts(mask, x, y) {
				c |= 1
			}
		}
		codewords[i] = c
	}
	data, err := correctBlocks(codewords, BlocksOf(v, level, t.Codewords))
	if err != nil {
		return nil, 0, err
	}
	return data, v, nil
}

// readVersion returns the version of a symbol of side modules: from the
// side up to version 6, from the version information beside the top right
// finder pattern, or else beside the bottom left one, above, as long as it
// names a version of that side.
func readVersion(side int, dark func(x, y int) bool) (int, error) {
	v := (side - 17) / 4
	if v < 7 {
		return v, nil
	}
	for _, corner := range [2]bool{true, false} {
		info := 0
		for k := range 18 {
			x, y := side-11+k%3, k/3
			if !corner {
				x, y = y, x
			}
			if dark(x, y) {
				info |= 1 << k
			}
		}
		if got, ok := DecodeVersion(info); ok && got == v {
			return v, nil
		}
	}
	return 0, ErrVersionInfo
}

// correctBlocks separates the interleaved codewords into the blocks bs
// describes (the inverse of §7.6), corrects each one and returns the data
// codewords, block after block.
func correctBlocks(codewords []byte, bs Blocks) ([]byte, error) {
	data := make([]byte, 0, bs.Data)
	block := make([]byte, bs.ShortData+1+bs.EC)
	for b := range bs.Count {
		n := bs.DataOf(b)
		block = block[:n+bs.EC]
		for i := range bs.ShortData {
			block[i] = codewords[i*bs.Count+b]
		}
		if n > bs.ShortData {
			// The long blocks' last data codewords follow all the others.
			block[n-1] = codewords[bs.ShortData*bs.Count+b-bs.Short]
		}
		for i := range bs.EC {
			block[n+i] = codewords[bs.Data+i*bs.Count+b]
		}
		if !Correct(block, bs.EC) {
			return nil, fmt.Errorf("%w: block %d of %d", ErrBlock, b+1, bs.Count)
		}
		data = append(data, block[:n]...)
	}
	return data, nil
}
