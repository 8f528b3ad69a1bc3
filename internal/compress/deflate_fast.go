package compress

// Input longer than maxOptimized is no credential: it is parsed as zlib's
// level 9 does, on the fly, and written in blocks of fastBlockTokens
// symbols, each stored, fixed or dynamic, whichever is shortest.
const (
	fastChain       = 128     // hash chain positions searched per position
	fastBlockTokens = 1 << 14 // symbols per block
)

// fast encodes src with a lazy parse: the longest match at each position,
// unless the next position has a longer one.
func (e *encoder) fast(src []byte) {
	m := &e.m
	toks := e.lazyToks[:0]
	blockStart, n := 0, len(src)
	l, d := m.probe(src, 0)
	for i := 0; i < n; {
		if i-m.base >= rebaseAt { // positions are kept relative to base
			m.base = i
			clear(m.head)
		}
		switch {
		case l < minMatch || (l == minMatch && d > tooFar):
			toks = append(toks, token(src[i]))
			i++
		case i+1 < n && l < maxMatch:
			l2, d2 := m.probe(src, i+1) // enters i+1
			if l2 > l && (l2 > minMatch || d2 <= tooFar) {
				toks = append(toks, token(src[i])) // a literal, then the longer match
				i++
				l, d = l2, d2
				continue
			}
			toks = append(toks, matchToken(l, d))
			for j := i + 2; j < i+l; j++ {
				m.insert(src, j)
			}
			i += l
		default:
			toks = append(toks, matchToken(l, d))
			for j := i + 1; j < i+l; j++ {
				m.insert(src, j)
			}
			i += l
		}
		if len(toks) >= fastBlockTokens || i == n {
			e.fastBlock(src[blockStart:i], toks, i == n)
			toks, blockStart = toks[:0], i
		}
		if i < n {
			l, d = m.probe(src, i)
		}
	}
	e.lazyToks = toks
}

// fastBlock writes toks, the parse of p, as one block, or p stored.
func (e *encoder) fastBlock(p []byte, toks []token, final bool) {
	e.hist.count(toks)
	e.code.build(&e.hist, &e.hf)
	fixed, stored := e.hist.fixedBits(), storedBits(len(p), e.w.bitLen())
	switch {
	case stored <= min(fixed, e.code.bits):
		e.w.stored(p, final)
	case fixed <= e.code.bits:
		e.w.fixed(toks, final)
	default:
		e.w.dynamic(toks, &e.code, final)
	}
}
