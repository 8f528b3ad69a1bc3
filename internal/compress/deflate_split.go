package compress

// Block splitting: a credential mixes text and CBOR, which Huffman codes
// shorten, with JPEG data, signatures and ciphertext, which nothing
// shortens. Blocks of their own let the first be coded and the second be
// stored. The splitter proposes split points from cheap estimates and keeps
// a split only when exact sizes confirm it.

// Splitting limits.
const (
	maxBlocks      = 32 // blocks per chunk
	minSplitTokens = 16 // a shorter range is never split
	storedOverhead = 40 // bits of a stored block besides its bytes: header, padding, LEN, NLEN
)

// side is one side of a candidate split point: its histogram and the terms
// of its estimated sizes.
type side struct {
	ll      [numLitLen]int32
	d       [numDist]int32
	sll, sd float32 // Σ c·log2(c) over the symbols' counts c
	tll, td int32   // symbols
	ull, ud int32   // distinct symbols
	extra   int32   // extra bits of lengths and distances
	fixed   int32   // bits with the fixed codes
	bytes   int32   // input bytes
	xl      *[logTableSize]float32
}

// reset empties s but for the end-of-block symbol.
func (s *side) reset(xl *[logTableSize]float32) {
	clear(s.ll[:])
	clear(s.d[:])
	*s = side{ll: s.ll, d: s.d, xl: xl}
	s.ll[endOfBlock], s.tll, s.ull = 1, 1, 1
	s.fixed = int32(fixedLitLen[endOfBlock])
}

// add adds token t.
func (s *side) add(t token) {
	if !t.isMatch() {
		s.addSymbol(&s.ll[t], &s.sll, &s.ull)
		s.tll++
		s.fixed += int32(fixedLitLen[t])
		s.bytes++
		return
	}
	l := t.length()
	lc := lengthCode[l]
	dc := distCode(t.dist())
	s.addSymbol(&s.ll[257+int(lc)], &s.sll, &s.ull)
	s.addSymbol(&s.d[dc], &s.sd, &s.ud)
	s.tll++
	s.td++
	x := int32(lengthExtra[lc]) + int32(distExtra[dc])
	s.extra += x
	s.fixed += int32(fixedLitLen[257+int(lc)]) + 5 + x
	s.bytes += int32(l)
}

func (s *side) addSymbol(c *int32, sum *float32, used *int32) {
	old := *c
	*c = old + 1
	*sum += xlog(s.xl, old+1) - xlog(s.xl, old)
	if old == 0 {
		*used++
	}
}

// estimate returns the estimated size in bits of s as one block: the least
// of a stored block, a fixed-code block and a dynamic block whose data
// takes the entropy of its symbols and whose header grows with the number
// of distinct symbols.
func (s *side) estimate() float32 {
	stored := float32(8*s.bytes + storedOverhead)
	fixed := float32(s.fixed + 3)
	dyn := xlog(s.xl, s.tll) - s.sll + xlog(s.xl, s.td) - s.sd + float32(s.extra) +
		float32(3+14+40) + 6*float32(s.ull) + 5*float32(s.ud)
	return min(stored, fixed, dyn)
}

// sweep returns the split point k of toks[a:b] with the least estimated
// size of toks[a:k] and toks[k:b] as two blocks, and that size. It adds
// the tokens to one side from the left and to the other from the right,
// noting the estimates at every point.
func (e *encoder) sweep(a, b int) (int, float32) {
	xl := xlogTable()
	toks := e.lazyToks[a:b]
	est := resize(e.est, len(toks))
	e.est = est
	s := &e.side
	s.reset(xl)
	for k := len(toks) - 1; k > 0; k-- {
		s.add(toks[k])
		est[k] = s.estimate()
	}
	s.reset(xl)
	bestK, best := -1, float32(0)
	for k := 1; k < len(toks); k++ {
		s.add(toks[k-1])
		if c := s.estimate() + est[k]; bestK < 0 || c < best {
			bestK, best = a+k, c
		}
	}
	return bestK, best
}

// rangeBits returns the exact size in bits of toks[a:b] as one block
// (stored at an average padding).
func (e *encoder) rangeBits(a, b int) int {
	h := &e.hist
	h.count(e.lazyToks[a:b])
	e.code.build(h, &e.hf)
	bytes := int(e.lazyPos[b] - e.lazyPos[a])
	return min(8*bytes+storedOverhead, h.fixedBits(), e.code.bits)
}

// split appends to e.cuts the input positions where toks[a:b] is better
// split into blocks, in order; whole is the size of toks[a:b] as one block.
func (e *encoder) split(a, b, whole int) {
	if b-a < minSplitTokens || len(e.cuts) >= maxBlocks {
		return
	}
	k, est := e.sweep(a, b)
	if k < 0 || est >= float32(whole) {
		return
	}
	left, right := e.rangeBits(a, k), e.rangeBits(k, b)
	if left+right >= whole {
		return
	}
	e.split(a, k, left)
	e.cuts = append(e.cuts, e.lazyPos[k])
	e.split(k, b, right)
}
