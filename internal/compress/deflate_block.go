package compress

// token is one symbol of a parse: a literal byte (dist 0) or a match,
// dist<<16 | length.
type token uint32

func matchToken(length, dist int) token { return token(dist<<16 | length) }

func (t token) isMatch() bool { return t>>16 != 0 }
func (t token) length() int   { return int(t & 0xffff) }
func (t token) dist() uint32  { return uint32(t >> 16) }

// histogram counts the symbols of a parse, the end of block included, and
// the extra bits of its lengths and distances.
type histogram struct {
	ll    [numLitLen]int32
	d     [numDist]int32
	extra int
}

// count sets h to the histogram of toks followed by an end of block.
func (h *histogram) count(toks []token) {
	clear(h.ll[:])
	clear(h.d[:])
	h.extra = 0
	for _, t := range toks {
		if !t.isMatch() {
			h.ll[t]++
			continue
		}
		lc := lengthCode[t.length()]
		dc := distCode(t.dist())
		h.ll[257+int(lc)]++
		h.d[dc]++
		h.extra += int(lengthExtra[lc]) + int(distExtra[dc])
	}
	h.ll[endOfBlock]++
}

// fixedBits returns the size in bits of a fixed-Huffman block for h, its
// 3-bit header included.
func (h *histogram) fixedBits() int {
	n := 3 + h.extra
	for s, c := range h.ll {
		n += int(c) * int(fixedLitLen[s])
	}
	for _, c := range h.d {
		n += int(c) * 5
	}
	return n
}

// storedBits returns the size in bits of stored blocks holding n bytes that
// start at bit offset pos of the stream: a 3-bit header, padding to a byte
// boundary and LEN and NLEN for every 65535 bytes.
func storedBits(n, pos int) int {
	total := 0
	for {
		pad := (8 - (pos+3)%8) % 8
		k := min(n, maxStored)
		b := 3 + pad + 32 + 8*k
		total, pos, n = total+b, pos+b, n-k
		if n == 0 {
			return total
		}
	}
}

// dynamicCode is a dynamic Huffman code (RFC 1951 §3.2.7) with its header.
type dynamicCode struct {
	ll    [numLitLen]uint8
	d     [numDist]uint8
	cl    [numCodeLen]uint8
	hlit  int      // literal/length code lengths written
	hdist int      // distance code lengths written
	hclen int      // code length code lengths written
	rle   []uint16 // code length symbols, extra bits << 5
	bits  int      // size of the block: header, data and end of block
}

// build computes the code of the block counted in h and its size.
func (c *dynamicCode) build(h *histogram, hf *huffman) {
	hf.build(h.ll[:], c.ll[:], maxCodeBits)
	hf.build(h.d[:], c.d[:], maxCodeBits)
	if c.d == [numDist]uint8{} {
		c.d[0] = 1 // one distance code, never used, as compress/flate writes
	}
	c.hlit = lastNonZero(c.ll[:], 257)
	c.hdist = lastNonZero(c.d[:], 1)
	c.buildHeader(hf)
	n := c.bits + h.extra
	for s, f := range h.ll {
		n += int(f) * int(c.ll[s])
	}
	for s, f := range h.d {
		n += int(f) * int(c.d[s])
	}
	c.bits = n
}

// lastNonZero returns the length of lengths without its trailing zeros, at
// least least.
func lastNonZero(lengths []uint8, least int) int {
	n := len(lengths)
	for n > least && lengths[n-1] == 0 {
		n--
	}
	return n
}

// buildHeader run-length encodes the code lengths, builds the code length
// code and sets c.bits to the size of the block header.
func (c *dynamicCode) buildHeader(hf *huffman) {
	var seq [numLitLen + numDist]uint8
	n := copy(seq[:], c.ll[:c.hlit])
	n += copy(seq[n:], c.d[:c.hdist])
	c.rle = appendRLE(c.rle[:0], seq[:n])
	var freq [numCodeLen]int32
	for _, r := range c.rle {
		freq[r&31]++
	}
	hf.build(freq[:], c.cl[:], maxCLBits)
	if used := countNonZero(c.cl[:]); used == 1 {
		// One symbol: make the code complete, as zlib's inflate requires
		// of the code length code.
		for s := range c.cl {
			if c.cl[s] == 0 {
				c.cl[s] = 1
				break
			}
		}
	}
	c.hclen = numCodeLen
	for c.hclen > 4 && c.cl[codeLenOrder[c.hclen-1]] == 0 {
		c.hclen--
	}
	bits := 3 + 5 + 5 + 4 + 3*c.hclen
	for s, f := range freq {
		bits += int(f) * (int(c.cl[s]) + int(codeLenExtra[s]))
	}
	c.bits = bits
}

func countNonZero(lengths []uint8) int {
	n := 0
	for _, l := range lengths {
		if l != 0 {
			n++
		}
	}
	return n
}

// appendRLE appends the code length symbols (RFC 1951 §3.2.7) of the code
// lengths seq to rle: 16 repeats the previous length 3-6 times, 17 writes
// 3-10 zeros and 18 writes 11-138 zeros. Each entry is a symbol with its
// extra bits' value shifted left by 5.
func appendRLE(rle []uint16, seq []uint8) []uint16 {
	for i := 0; i < len(seq); {
		v, r := seq[i], 1
		for i+r < len(seq) && seq[i+r] == v {
			r++
		}
		i += r
		if v == 0 {
			for r >= 11 {
				k := min(r, 138)
				if r-k > 0 && r-k < 3 && k > 11+3 {
					k = r - 3 // leave three zeros for a 17
				}
				rle = append(rle, 18|uint16(k-11)<<5)
				r -= k
			}
			if r >= 3 {
				rle = append(rle, 17|uint16(r-3)<<5)
				r = 0
			}
		} else {
			rle = append(rle, uint16(v))
			r--
			for r >= 3 {
				k := min(r, 6)
				rle = append(rle, 16|uint16(k-3)<<5)
				r -= k
			}
		}
		for ; r > 0; r-- {
			rle = append(rle, uint16(v))
		}
	}
	return rle
}
