package compress

// This file writes DEFLATE blocks (RFC 1951 §3.2.3–3.2.7).

// blockHeader writes BFINAL and BTYPE.
func (w *bitWriter) blockHeader(final bool, kind uint32) {
	b := kind << 1
	if final {
		b |= 1
	}
	w.bits(b, 3)
}

// stored writes p as stored blocks of at most 65535 bytes; final marks the
// last one as the final block of the stream.
func (w *bitWriter) stored(p []byte, final bool) {
	for {
		k := min(len(p), maxStored)
		w.blockHeader(final && k == len(p), blockStored)
		w.align()
		w.out = append(w.out, byte(k), byte(k>>8), ^byte(k), ^byte(k>>8))
		w.out = append(w.out, p[:k]...)
		p = p[k:]
		if len(p) == 0 {
			return
		}
	}
}

// fixed writes toks as a block with the fixed Huffman codes.
func (w *bitWriter) fixed(toks []token, final bool) {
	w.blockHeader(final, blockFixed)
	w.tokens(toks, &fixedLitLenCodes, &fixedLitLen, &fixedDistCodes, &fixedDist)
}

// dynamic writes toks as a block with the dynamic Huffman code c.
func (w *bitWriter) dynamic(toks []token, c *dynamicCode, final bool) {
	w.blockHeader(final, blockDynamic)
	w.bits(uint32(c.hlit-257), 5)
	w.bits(uint32(c.hdist-1), 5)
	w.bits(uint32(c.hclen-4), 4)
	for _, s := range codeLenOrder[:c.hclen] {
		w.bits(uint32(c.cl[s]), 3)
	}
	var clCodes [numCodeLen]uint16
	canonicalCodes(c.cl[:], clCodes[:])
	for _, r := range c.rle {
		s := r & 31
		w.bits(uint32(clCodes[s]), uint(c.cl[s]))
		if e := codeLenExtra[s]; e != 0 {
			w.bits(uint32(r>>5), uint(e))
		}
	}
	var llCodes [numLitLen]uint16
	var dCodes [numDist]uint16
	canonicalCodes(c.ll[:], llCodes[:])
	canonicalCodes(c.d[:], dCodes[:])
	w.tokens(toks, &llCodes, &c.ll, &dCodes, &c.d)
}

// tokens writes toks and an end of block with the given codes.
func (w *bitWriter) tokens(toks []token, llCodes *[numLitLen]uint16, llLens *[numLitLen]uint8,
	dCodes *[numDist]uint16, dLens *[numDist]uint8) {
	for _, t := range toks {
		if !t.isMatch() {
			w.bits(uint32(llCodes[t]), uint(llLens[t]))
			continue
		}
		l, d := t.length(), t.dist()
		lc := lengthCode[l]
		s := 257 + int(lc)
		n := uint(llLens[s])
		w.bits(uint32(llCodes[s])|uint32(l-int(lengthBase[lc]))<<n, n+uint(lengthExtra[lc]))
		dc := distCode(d)
		n = uint(dLens[dc])
		w.bits(uint32(dCodes[dc])|(d-uint32(distBase[dc]))<<n, n+uint(distExtra[dc]))
	}
	w.bits(uint32(llCodes[endOfBlock]), uint(llLens[endOfBlock]))
}
