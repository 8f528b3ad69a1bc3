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
	spare []uint16 // scratch for other run-length codings
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
// code and sets c.bits to the size of the block header. It tries the
// run-length codes in every combination (a long run is not always shorter
// as one code) and keeps the shortest header.
func (c *dynamicCode) buildHeader(hf *huffman) {
	var seq [numLitLen + numDist]uint8
	n := copy(seq[:], c.ll[:c.hlit])
	n += copy(seq[n:], c.d[:c.hdist])
	c.bits = -1
	best := c.rle
	for mode := range rleModes {
		trial := appendRLE(c.spare[:0], seq[:n], mode)
		var cl [numCodeLen]uint8
		bits, hclen := headerBits(trial, &cl, hf)
		if c.bits < 0 || bits < c.bits {
			c.bits, c.hclen, c.cl = bits, hclen, cl
			best, trial = trial, best
		}
		c.spare = trial[:0]
	}
	c.rle = best
}

// headerBits builds the code length code cl for the code length symbols
// rle and returns the size of the block header and HCLEN.
func headerBits(rle []uint16, cl *[numCodeLen]uint8, hf *huffman) (bits, hclen int) {
	var freq [numCodeLen]int32
	for _, r := range rle {
		freq[r&31]++
	}
	hf.build(freq[:], cl[:], maxCLBits)
	if used := countNonZero(cl[:]); used == 1 {
		// One symbol: make the code complete, as zlib's inflate requires
		// of the code length code.
		for s := range cl {
			if cl[s] == 0 {
				cl[s] = 1
				break
			}
		}
	}
	hclen = numCodeLen
	for hclen > 4 && cl[codeLenOrder[hclen-1]] == 0 {
		hclen--
	}
	bits = 3 + 5 + 5 + 4 + 3*hclen
	for s, f := range freq {
		bits += int(f) * (int(cl[s]) + int(codeLenExtra[s]))
	}
	return bits, hclen
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

// Run-length modes: which of codes 16, 17 and 18 appendRLE leaves out.
const (
	no16     = 1 << iota // repeats of a length are written out
	no17                 // short runs of zeros are written out
	no18                 // long runs of zeros are written as 17s
	rleModes = 1 << iota
)

// appendRLE appends the code length symbols (RFC 1951 §3.2.7) of the code
// lengths seq to rle: 16 repeats the previous length 3-6 times, 17 writes
// 3-10 zeros and 18 writes 11-138 zeros, unless mode leaves them out. Each
// entry is a symbol with its extra bits' value shifted left by 5.
func appendRLE(rle []uint16, seq []uint8, mode int) []uint16 {
	for i := 0; i < len(seq); {
		v, r := seq[i], 1
		for i+r < len(seq) && seq[i+r] == v {
			r++
		}
		i += r
		if v == 0 {
			rle, r = appendZeros(rle, r, mode)
		} else {
			rle = append(rle, uint16(v))
			r--
			for mode&no16 == 0 && r >= 3 {
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

// appendZeros appends codes 18 and 17 for a run of r zeros, as mode allows,
// and returns the zeros left to write out.
func appendZeros(rle []uint16, r, mode int) ([]uint16, int) {
	for mode&no18 == 0 && r >= 11 {
		k := min(r, 138)
		if r-k > 0 && r-k < 3 && k > 11+3 && mode&no17 == 0 {
			k = r - 3 // leave three zeros for a 17
		}
		rle = append(rle, 18|uint16(k-11)<<5)
		r -= k
	}
	for mode&no17 == 0 && r >= 3 {
		k := min(r, 10)
		rle = append(rle, 17|uint16(k-3)<<5)
		r -= k
	}
	return rle, r
}
