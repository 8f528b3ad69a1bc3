package compress

import (
	"math"
	"slices"
	"sync"
)

// Parsing limits.
const (
	tooFar  = 4096 // a 3-byte match farther back than this rarely pays
	maxIter = 2    // optimal parses per block, each costed by the one before
)

// logTableSize bounds the integers whose base-2 logarithms are tabulated.
const logTableSize = 4096

// log2Table holds log2(n) for n below logTableSize (log2(0) is taken as 0).
var log2Table = sync.OnceValue(func() *[logTableSize]float32 {
	var t [logTableSize]float32
	for n := 1; n < logTableSize; n++ {
		t[n] = float32(math.Log2(float64(n)))
	}
	return &t
})

// xlogTable holds n·log2(n) for n below logTableSize (0 for 0).
var xlogTable = sync.OnceValue(func() *[logTableSize]float32 {
	var t [logTableSize]float32
	for n := 1; n < logTableSize; n++ {
		t[n] = float32(float64(n) * math.Log2(float64(n)))
	}
	return &t
})

// xlog returns n·log2(n) from the table xl, 0 for 0.
func xlog(xl *[logTableSize]float32, n int32) float32 {
	if n < logTableSize {
		return xl[n]
	}
	return float32(float64(n) * math.Log2(float64(n)))
}

// log2 returns log2(n) for n ≥ 1 from the table lt, 0 for 0.
func log2(lt *[logTableSize]float32, n int32) float32 {
	if n < logTableSize {
		return lt[n]
	}
	return float32(math.Log2(float64(n)))
}

// costModel is the cost in bits of each choice of a parse: a literal, a
// length (its symbol and extra bits) and a distance symbol (with its extra
// bits).
type costModel struct {
	lit  [256]float32
	len  [maxMatch + 1]float32
	dist [numDist]float32
}

// fromLengths sets the costs of the codes with the given lengths (the fixed
// codes, or a block's code).
func (c *costModel) fromLengths(ll *[numLitLen]uint8, d *[numDist]uint8) {
	for s := range c.lit {
		c.lit[s] = float32(ll[s])
	}
	for l := minMatch; l <= maxMatch; l++ {
		lc := lengthCode[l]
		c.len[l] = float32(ll[257+int(lc)]) + float32(lengthExtra[lc])
	}
	for s := range c.dist {
		c.dist[s] = float32(d[s]) + float32(distExtra[s])
	}
}

// fromHistogram sets the costs to the information content of each symbol
// in h, a symbol h never saw costing as if seen once.
func (c *costModel) fromHistogram(h *histogram) {
	lt := log2Table()
	var tll, td int32
	for _, f := range h.ll {
		tll += f
	}
	for _, f := range h.d {
		td += f
	}
	var ll [numLitLen]float32
	logT := log2(lt, tll)
	for s, f := range h.ll {
		ll[s] = logT - log2(lt, max(f, 1))
	}
	for s := range c.lit {
		c.lit[s] = ll[s]
	}
	for l := minMatch; l <= maxMatch; l++ {
		lc := lengthCode[l]
		c.len[l] = ll[257+int(lc)] + float32(lengthExtra[lc])
	}
	logT = log2(lt, max(td, 1))
	for s, f := range h.d {
		c.dist[s] = logT - log2(lt, max(f, 1)) + float32(distExtra[s])
	}
}

// lazy parses src as zlib's level 9 does: the longest match at each
// position, unless the next position has a longer one. It sets e.lazyToks
// and e.lazyPos, the position of each token and then len(src). The
// matcher lists the longest match of each position last.
func (e *encoder) lazy(src []byte) {
	n := len(src)
	toks, pos := slices.Grow(e.lazyToks[:0], n), slices.Grow(e.lazyPos[:0], n+1)
	first, pairs := e.m.first[:n+1], e.m.pairs
	for i := 0; i < n; {
		if first[i] == first[i+1] {
			toks, pos = append(toks, token(src[i])), append(pos, int32(i))
			i++
			continue
		}
		m := pairs[first[i+1]-1]
		l := int(m.length)
		if l == minMatch && m.dist > tooFar {
			l = 0
		} else if i+1 < n && l < maxMatch && first[i+1] != first[i+2] {
			if m2 := pairs[first[i+2]-1]; int(m2.length) > l && (m2.length > minMatch || m2.dist <= tooFar) {
				l = 0 // a literal, then the longer match
			}
		}
		pos = append(pos, int32(i))
		if l == 0 {
			toks = append(toks, token(src[i]))
			i++
		} else {
			toks = append(toks, matchToken(l, int(m.dist)))
			i += l
		}
	}
	e.lazyToks, e.lazyPos = toks, append(pos, int32(n))
}

// optimal appends to out the parse of src[start:end] of least cost under
// cm, among the matches the matcher listed: a shortest path from start to
// end where each position leads on by a literal or by any length of a
// listed match.
func (e *encoder) optimal(src []byte, start, end int, cm *costModel, out []token) []token {
	n := end - start
	cost := resize(e.cost, n+1)
	back := resize(e.back, n+1)
	e.cost, e.back = cost, back
	cost[0] = 0
	for k := 1; k <= n; k++ {
		cost[k] = math.MaxFloat32
	}
	for k := range n {
		c := cost[k]
		if v := c + cm.lit[src[start+k]]; v < cost[k+1] {
			cost[k+1], back[k+1] = v, token(src[start+k])
		}
		lo := minMatch
		for _, m := range e.m.at(start + k) {
			hi := min(int(m.length), n-k)
			if hi < lo {
				break
			}
			dc := c + cm.dist[distCode(uint32(m.dist))]
			to, via := cost[k+lo:k+hi+1], back[k+lo:k+hi+1]
			for j, lc := range cm.len[lo : hi+1] {
				if v := dc + lc; v < to[j] {
					to[j], via[j] = v, matchToken(lo+j, int(m.dist))
				}
			}
			lo = hi + 1
		}
	}
	// Walk back from the end, then reverse the tokens.
	first := len(out)
	for k := n; k > 0; {
		t := back[k]
		out = append(out, t)
		if t.isMatch() {
			k -= t.length()
		} else {
			k--
		}
	}
	for i, j := first, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
