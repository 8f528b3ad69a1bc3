package compress

import (
	"math"
	"sync"
)

// Block splitting: a credential mixes text and CBOR, which Huffman codes
// shorten, with JPEG data, signatures and ciphertext, which nothing
// shortens. Blocks of their own let the first be coded and the second be
// stored. A sweep proposes split points from a cheap estimate; a split is
// kept when a more careful estimate of both sides confirms it. Exact sizes
// decide only between the codings of each block kept.

// Splitting limits.
const (
	maxBlocks      = 32  // blocks at most
	minSplitTokens = 16  // a shorter range is never split
	sweepPoints    = 128 // split points a sweep estimates, at most about
	storedOverhead = 40  // bits of a stored block besides its bytes: header, padding, LEN, NLEN
)

// side is one side of a candidate split point: its histogram and the terms
// of its estimated sizes. Its estimate is cruder than histogram.estimate,
// for speed: every symbol costs sweepSymbol bits in the header.
type side struct {
	ll    [numLitLen]int32
	d     [numDist]int32
	gain  float32 // Σ (c·log2(c) - sweepSymbol) over the symbols' counts c
	tll   int32   // literal/length symbols
	td    int32   // distance symbols
	extra int32   // extra bits of lengths and distances
	fixed int32   // bits with the fixed codes
	bytes int32   // input bytes
	t     *splitTables
}

// The estimated size of a dynamic block's header (with the block header and
// the end of block): a constant, so many bits per distinct symbol and so
// many per run of consecutive symbols (each run ends in zeros, which take
// code 17 or 18), fitted to the blocks of the zlib corpus; and the cruder
// estimate of a sweep, sweepBase and sweepSymbol bits per symbol.
const (
	headerBase   = 146
	headerSymbol = 2
	headerRun    = 3.3
	sweepBase    = 57
	sweepSymbol  = 6
)

// splitTables holds, for the counts below logTableSize, x·log2(x) and how
// much side.gain grows when a symbol's count c grows by one.
type splitTables struct {
	xlog [logTableSize]float32
	inc  [logTableSize]float32
}

var splitTable = sync.OnceValue(func() *splitTables {
	t := new(splitTables)
	xl := xlogTable()
	t.xlog = *xl
	for c := int32(0); c < logTableSize; c++ {
		t.inc[c] = xlog(xl, c+1) - xlog(xl, c)
	}
	t.inc[0] -= sweepSymbol
	return t
})

// reset empties s but for the end-of-block symbol.
func (s *side) reset(t *splitTables) {
	clear(s.ll[:])
	clear(s.d[:])
	*s = side{ll: s.ll, d: s.d, t: t}
	s.ll[endOfBlock], s.tll, s.gain = 1, 1, -sweepSymbol
	s.fixed = int32(fixedLitLen[endOfBlock])
}

// add adds the tokens toks. It keeps the totals in locals, for speed.
func (s *side) add(toks []token) {
	ll, d, inc := &s.ll, &s.d, &s.t.inc
	gain, tll, td, extra, fixed, bytes := s.gain, s.tll, s.td, s.extra, s.fixed, s.bytes
	for _, t := range toks {
		if t < 256 { // a literal
			c := ll[t]
			if c < logTableSize {
				gain += inc[c]
			} else {
				gain += slowInc(c)
			}
			ll[t] = c + 1
			tll++
			fixed += int32(fixedLitLen[t])
			bytes++
			continue
		}
		l := t.length()
		lc := lengthCode[l]
		dc := distCode(t.dist())
		for _, c := range [2]*int32{&ll[257+int(lc)], &d[dc]} {
			if *c < logTableSize {
				gain += inc[*c]
			} else {
				gain += slowInc(*c)
			}
			*c++
		}
		tll++
		td++
		x := int32(lengthExtra[lc]) + int32(distExtra[dc])
		extra += x
		fixed += int32(fixedLitLen[257+int(lc)]) + 5 + x
		bytes += int32(l)
	}
	s.gain, s.tll, s.td, s.extra, s.fixed, s.bytes = gain, tll, td, extra, fixed, bytes
}

// slowInc is splitTables.inc for a count beyond the table.
func slowInc(c int32) float32 {
	return float32(float64(c+1)*math.Log2(float64(c+1)) - float64(c)*math.Log2(float64(c)))
}

// estimate returns the estimated size in bits of s as one block: the least
// of a stored block, a fixed-code block and a dynamic block whose data
// takes the entropy of its symbols.
func (s *side) estimate() float32 {
	stored := float32(8*s.bytes + storedOverhead)
	fixed := float32(s.fixed + 3)
	dyn := xlog(&s.t.xlog, s.tll) + xlog(&s.t.xlog, s.td) - s.gain + float32(s.extra) + sweepBase
	return min(stored, fixed, dyn)
}

// estimate estimates the size of a dynamic block for h as side.estimate
// does.
func (h *histogram) estimate() float32 {
	xl := xlogTable()
	var est float32 = headerBase + float32(h.extra)
	for _, counts := range [2][]int32{h.ll[:], h.d[:]} {
		var t int32
		for i, c := range counts {
			if c == 0 {
				continue
			}
			t += c
			est -= xlog(xl, c) - headerSymbol
			if i == 0 || counts[i-1] == 0 {
				est += headerRun
			}
		}
		est += xlog(xl, t)
	}
	return est
}

// sweep returns the split point k of toks[a:b] with the least estimated
// size of toks[a:k] and toks[k:b] as two blocks, and that size. Split
// points lie on a grid of every e.stride tokens; e.fwd[j] estimates the
// range from a to grid point j, e.bwd[j] the range from j to b. A pass adds
// the tokens one by one to compute either; a range split from a larger one
// keeps the pass that starts (or ends) where the larger one does.
func (e *encoder) sweep(a, b int, haveFwd, haveBwd bool) (int, float32) {
	st := splitTable()
	toks, stride := e.lazyToks, e.stride
	first, last := a/stride+1, (b-1)/stride // grid points inside (a, b)
	if first > last {
		return -1, 0
	}
	s := &e.side
	if !haveBwd {
		s.reset(st)
		s.add(toks[last*stride : b])
		for j := last; j >= first; j-- {
			e.bwd[j] = s.estimate()
			s.add(toks[max(a, (j-1)*stride) : j*stride])
		}
	}
	if !haveFwd {
		s.reset(st)
		s.add(toks[a : first*stride])
		for j := first; j <= last; j++ {
			e.fwd[j] = s.estimate()
			s.add(toks[j*stride : min(b, (j+1)*stride)])
		}
	}
	bestJ := first
	for j := first + 1; j <= last; j++ {
		if e.fwd[j]+e.bwd[j] < e.fwd[bestJ]+e.bwd[bestJ] {
			bestJ = j
		}
	}
	return bestJ * stride, e.fwd[bestJ] + e.bwd[bestJ]
}

// leaf is a range of lazy tokens that the splitter keeps as one block,
// with the sizes of its codings.
type leaf struct {
	a, b    int
	bits    int     // the least size (stored at an average padding)
	stored  bool    // whether storing it beats coding it by more than storedMargin
	fixed   int     // exact size with the fixed codes
	dynamic float32 // estimated size with its own code
}

// storedMargin is how many bits storing a range must save over coding it
// for its block to be stored without trying better parses.
const storedMargin = 64

// rangeBits returns the size of toks[a:b] as one block: the least of a
// stored block (at an average padding), the fixed codes and (estimated)
// its own codes.
func (e *encoder) rangeBits(a, b int) leaf {
	h := &e.hist
	h.count(e.lazyToks[a:b])
	stored := 8*int(e.lazyPos[b]-e.lazyPos[a]) + storedOverhead
	lf := leaf{a: a, b: b, fixed: h.fixedBits(), dynamic: h.estimate()}
	coded := min(lf.fixed, int(lf.dynamic))
	lf.bits, lf.stored = min(stored, coded), stored+storedMargin < coded
	return lf
}

// splitAll sets e.leaves to the ranges into which the lazy tokens are
// better split.
func (e *encoder) splitAll() {
	n := len(e.lazyToks)
	e.leaves = e.leaves[:0]
	e.stride = max(1, n/sweepPoints)
	e.fwd, e.bwd = resize(e.fwd, n/e.stride+1), resize(e.bwd, n/e.stride+1)
	e.split(e.rangeBits(0, n), false, false)
}

// split appends to e.leaves the ranges into which whole is better split,
// in order. haveFwd and haveBwd say which estimates of sweep are already
// known for whole's range.
func (e *encoder) split(whole leaf, haveFwd, haveBwd bool) {
	a, b := whole.a, whole.b
	if b-a >= minSplitTokens && len(e.leaves) < maxBlocks {
		if k, est := e.sweep(a, b, haveFwd, haveBwd); k >= 0 && est < float32(whole.bits) {
			left, right := e.rangeBits(a, k), e.rangeBits(k, b)
			if left.bits+right.bits < whole.bits {
				e.split(left, true, false)
				e.split(right, false, true)
				return
			}
		}
	}
	e.leaves = append(e.leaves, whole)
}
