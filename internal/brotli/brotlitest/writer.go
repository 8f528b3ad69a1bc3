package brotlitest

// Writer accumulates the bits of a stream, first bit lowest in each byte
// (RFC 7932 §1.5.1).
type Writer struct {
	buf []byte
	acc uint64 // pending bits
	n   uint   // number of pending bits
}

// Bits writes the n low bits of v, lowest first (n <= 56).
func (w *Writer) Bits(n uint, v uint64) {
	w.acc |= (v & (1<<n - 1)) << w.n
	w.n += n
	for w.n >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// Align writes zero bits up to the next byte boundary.
func (w *Writer) Align() {
	if w.n > 0 {
		w.Bits(8-w.n, 0)
	}
}

// Raw writes bytes at a byte boundary, which the caller has reached.
func (w *Writer) Raw(p []byte) {
	w.Align()
	w.buf = append(w.buf, p...)
}

// Bytes returns the stream so far, the last byte padded with zero bits.
func (w *Writer) Bytes() []byte {
	out := append([]byte(nil), w.buf...)
	if w.n > 0 {
		out = append(out, byte(w.acc))
	}
	return out
}

// BitLen returns the number of bits written.
func (w *Writer) BitLen() int { return 8*len(w.buf) + int(w.n) }

// WindowBits writes the stream header for WBITS 10..24 (RFC 7932 §9.1).
func (w *Writer) WindowBits(wbits int) {
	switch {
	case wbits == 16:
		w.Bits(1, 0)
	case wbits == 17:
		w.Bits(7, 1)
	case wbits > 17:
		w.Bits(4, uint64(wbits-17)<<1|1)
	default:
		w.Bits(7, uint64(wbits-8)<<4|1)
	}
}

// Count writes a value in 1..256 with the code of NBLTYPES and NTREES (RFC
// 7932 §9.2).
func (w *Writer) Count(v int) {
	switch {
	case v == 1:
		w.Bits(1, 0)
	case v == 2:
		w.Bits(4, 1)
	default:
		n := uint(0)
		for 1<<(n+1)+1 <= v {
			n++
		}
		w.Bits(4, uint64(n)<<1|1)
		w.Bits(n, uint64(v-1<<n-1))
	}
}

// metaLength writes MNIBBLES and MLEN-1 for mlen >= 1.
func (w *Writer) metaLength(mlen int) {
	nibbles := 4
	for nibbles < 6 && (mlen-1)>>(4*nibbles) != 0 {
		nibbles++
	}
	w.Bits(2, uint64(nibbles-4))
	w.Bits(uint(4*nibbles), uint64(mlen-1))
}

// CompressedHeader writes the start of a compressed meta-block of mlen
// bytes: ISLAST, ISLASTEMPTY (0) if last, MNIBBLES, MLEN and ISUNCOMPRESSED
// (0) if not last. NBLTYPESL comes next.
func (w *Writer) CompressedHeader(last bool, mlen int) {
	if last {
		w.Bits(2, 1)
	} else {
		w.Bits(1, 0)
	}
	w.metaLength(mlen)
	if !last {
		w.Bits(1, 0)
	}
}

// Uncompressed writes a meta-block that stores p (not last, len(p) >= 1).
func (w *Writer) Uncompressed(p []byte) {
	w.Bits(1, 0)
	w.metaLength(len(p))
	w.Bits(1, 1)
	w.Raw(p)
}

// Metadata writes an empty meta-block holding the metadata p.
func (w *Writer) Metadata(last bool, p []byte) {
	if last {
		w.Bits(2, 1)
	} else {
		w.Bits(1, 0)
	}
	w.Bits(2, 3) // MNIBBLES 0
	w.Bits(1, 0) // reserved
	nbytes := 0  // MSKIPBYTES: the bytes of MSKIPLEN-1
	if len(p) > 0 {
		nbytes = 1
		for (len(p)-1)>>(8*nbytes) != 0 {
			nbytes++
		}
	}
	w.Bits(2, uint64(nbytes))
	w.Bits(uint(8*nbytes), uint64(max(len(p)-1, 0)))
	w.Raw(p)
}

// LastEmpty writes an empty last meta-block (ISLAST and ISLASTEMPTY).
func (w *Writer) LastEmpty() {
	w.Bits(2, 3)
}

// TrivialHeader writes, after CompressedHeader, a meta-block header with
// one block type per category, NPOSTFIX and NDIRECT, context mode mode and
// one prefix code per category. The prefix codes follow: the literal code,
// the insert-and-copy code, the distance code.
func (w *Writer) TrivialHeader(npostfix, ndirect, mode int) {
	w.OneTypeEach(npostfix, ndirect, mode)
	w.Count(1) // NTREESL
	w.Count(1) // NTREESD
}

// OneTypeEach writes, after CompressedHeader, the start of a meta-block
// header with one block type per category: NPOSTFIX and NDIRECT and the
// context mode of the literals. The literal context map (NTREESL) follows.
func (w *Writer) OneTypeEach(npostfix, ndirect, mode int) {
	w.Count(1) // NBLTYPESL
	w.Count(1) // NBLTYPESI
	w.Count(1) // NBLTYPESD
	w.Bits(2, uint64(npostfix))
	w.Bits(4, uint64(ndirect>>npostfix))
	w.Bits(2, uint64(mode))
}
