package compress

// bitWriter appends bits to a byte slice, least significant bit first
// (RFC 1951 §3.1.1).
type bitWriter struct {
	out   []byte
	acc   uint64 // pending bits, the oldest in the lowest positions
	nbits uint   // number of pending bits, below 32 between calls
}

// bits writes the n lowest bits of v (n at most 32).
func (w *bitWriter) bits(v uint32, n uint) {
	w.acc |= uint64(v) << w.nbits
	w.nbits += n
	if w.nbits >= 32 {
		w.out = append(w.out, byte(w.acc), byte(w.acc>>8), byte(w.acc>>16), byte(w.acc>>24))
		w.acc >>= 32
		w.nbits -= 32
	}
}

// align writes the pending bits, padded with zeros to a whole byte.
func (w *bitWriter) align() {
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits = max(w.nbits, 8) - 8
	}
	w.acc = 0
}

// bitLen returns the number of bits written so far.
func (w *bitWriter) bitLen() int { return 8*len(w.out) + int(w.nbits) }
