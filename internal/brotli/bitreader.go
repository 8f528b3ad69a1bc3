package brotli

import "encoding/binary"

// bitReader reads the bits of a Brotli stream in the order of RFC 7932
// §1.5.1: from the least-significant bit of each byte, bytes in order.
//
// Past the end of src it supplies zero bits, so that the hot paths need no
// bounds checks; every caller that could loop on them is bounded by the
// output limit, and overrun reports whether bits beyond the end were
// consumed, which the decoder checks at every meta-block boundary and at the
// end of the stream.
type bitReader struct {
	src []byte
	pos int    // next byte of src to load; may run past len(src)
	val uint64 // loaded bits not yet consumed, next bit lowest
	n   uint   // number of valid bits in val
}

func (br *bitReader) reset(src []byte) {
	*br = bitReader{src: src}
}

// refill loads bytes until at least 56 bits are available. It is kept out
// of line so that the callers that check br.n first stay small enough to
// inline.
//
//go:noinline
func (br *bitReader) refill() {
	if br.pos+8 <= len(br.src) {
		br.val |= binary.LittleEndian.Uint64(br.src[br.pos:]) << br.n
		k := (63 - br.n) >> 3
		br.pos += int(k)
		br.n += k << 3
		return
	}
	for br.n <= 56 {
		if br.pos < len(br.src) {
			br.val |= uint64(br.src[br.pos]) << br.n
		}
		br.pos++
		br.n += 8
	}
}

// bits reads k <= 32 bits as an integer, first bit lowest.
func (br *bitReader) bits(k uint) uint32 {
	if br.n < k {
		br.refill()
	}
	v := br.val & (1<<k - 1)
	br.val >>= k
	br.n -= k
	return uint32(v)
}

// bitsLoaded reads k bits when at least k are loaded.
func (br *bitReader) bitsLoaded(k uint) uint32 {
	v := br.val & (1<<k - 1)
	br.val >>= k
	br.n -= k
	return uint32(v)
}

// bit reads one bit.
func (br *bitReader) bit() uint32 { return br.bits(1) }

// offset is the number of bits consumed.
func (br *bitReader) offset() int64 {
	return int64(br.pos)*8 - int64(br.n)
}

// overrun reports whether more bits were consumed than src holds.
func (br *bitReader) overrun() bool {
	return br.offset() > int64(len(br.src))*8
}

// alignZero skips the bits up to the next byte boundary and reports
// whether they were all zero.
func (br *bitReader) alignZero() bool {
	k := br.n & 7
	return br.bits(k) == 0
}

// bytePos is the index of the next byte to read; only meaningful at a byte
// boundary (after alignZero).
func (br *bitReader) bytePos() int {
	return br.pos - int(br.n>>3)
}

// skipTo moves the reader to byte p of src, a byte boundary; p may be
// len(src).
func (br *bitReader) skipTo(p int) {
	br.pos, br.val, br.n = p, 0, 0
}
