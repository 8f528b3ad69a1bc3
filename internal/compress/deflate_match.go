package compress

import (
	"encoding/binary"
	"math/bits"
)

// match is a match a parse may choose at a position: for every length
// above the previous match's up to length, dist is the nearest distance.
type match struct {
	length, dist uint16
}

// Match finder limits.
const (
	maxHashBits = 15      // the hash table has at most 32768 heads
	maxChain    = 4096    // positions a search visits along a chain, at most
	minChain    = 64      // the same once the budget is spent
	chainBudget = 64      // positions all searches visit, per input byte, before minChain applies
	goodMatch   = 32      // a match this long quarters the rest of the chain
	rebaseAt    = 1 << 30 // positions are kept relative to a base below this
)

// matcher lists the matches at every position of the input with hash chains
// over 3-byte prefixes. Its tables are sized to the input, so that a short
// input clears only a short table.
type matcher struct {
	head     []int32 // hash → 1 + the latest position with it (relative to base), 0 for none
	prev     []int32 // position & mask → 1 + the previous position with the same hash
	hbits    uint
	mask     int
	base     int
	maxChain int
	budget   int     // positions the searches may still visit
	first    []int32 // first[i] is the index in pairs of position i's first match
	pairs    []match
}

// reset prepares m for an input of n bytes.
func (m *matcher) reset(n int) {
	m.hbits = uint(min(max(bits.Len(uint(n))+1, 8), maxHashBits))
	m.head = resize(m.head, 1<<m.hbits)
	clear(m.head)
	size := min(1<<bits.Len(uint(max(n-1, 1))), windowSize)
	m.prev = resize(m.prev, size)
	m.mask = size - 1
	m.base = 0
	// A position searches up to maxChain earlier ones with its hash, as
	// zlib's level 9 does, as long as the input's budget lasts: the
	// budget bounds the work on input that repeats itself all over.
	m.maxChain, m.budget = maxChain, chainBudget*max(n, 1<<10)
	if n > maxOptimized {
		m.maxChain = fastChain
	}
}

// resize returns s with length n, reusing its memory when it is enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// scan lists the matches of every position of src and enters the
// positions in the hash chains. Inside a match of the longest length,
// positions are entered but not searched: a parse takes such a match whole.
func (m *matcher) scan(src []byte) {
	n := len(src)
	first := resize(m.first, n+1)
	m.pairs = m.pairs[:0]
	head, prev, mask, shift := m.head, m.prev, m.mask, 32-m.hbits
	skipTo := 0
	for i := range n {
		first[i] = int32(len(m.pairs))
		if i+minMatch > n {
			continue
		}
		h := hash3(src, i, shift)
		if head[h] != 0 && i >= skipTo {
			if l := m.find(src, i, h, min(maxMatch, n-i)); l == maxMatch {
				skipTo = i + l
			}
		}
		prev[i&mask] = head[h]
		head[h] = int32(i - m.base + 1)
	}
	first[n] = int32(len(m.pairs))
	m.first = first
}

// hash3 returns the hash of the three bytes at src[i:], in the top
// 32-shift bits of a multiplicative hash.
func hash3(src []byte, i int, shift uint) uint32 {
	return (uint32(src[i]) | uint32(src[i+1])<<8 | uint32(src[i+2])<<16) * 0x1e35a7bd >> shift
}

// find walks the hash chain of position i, appends each match longer than
// the ones before and returns the longest length (0 for none).
func (m *matcher) find(src []byte, i int, h uint32, limit int) int {
	best := minMatch - 1
	chain := m.maxChain
	if m.budget <= 0 {
		chain = min(chain, minChain)
	}
	defer func(start int) { m.budget -= start - chain }(chain)
	for cand := m.head[h]; cand > 0 && chain > 0; chain-- {
		p := int(cand) - 1 + m.base
		d := i - p
		if d > windowSize {
			break
		}
		if src[p+best] == src[i+best] {
			if l := matchLen(src, p, i, limit); l > best {
				best = l
				m.pairs = append(m.pairs, match{uint16(l), uint16(d)})
				if l >= limit {
					break
				}
				if l >= goodMatch && chain > m.maxChain/4 {
					chain = m.maxChain / 4
				}
			}
		}
		next := m.prev[p&m.mask]
		if next >= cand {
			break
		}
		cand = next
	}
	if best < minMatch {
		return 0
	}
	return best
}

// matchLen returns how many bytes, up to limit, src[p:] and src[i:] have in
// common.
func matchLen(src []byte, p, i, limit int) int {
	n := 0
	for n+8 <= limit {
		x := binary.LittleEndian.Uint64(src[p+n:]) ^ binary.LittleEndian.Uint64(src[i+n:])
		if x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		n += 8
	}
	for n < limit && src[p+n] == src[i+n] {
		n++
	}
	return n
}

// insert enters position i in the hash chains.
func (m *matcher) insert(src []byte, i int) {
	if i+minMatch <= len(src) {
		h := hash3(src, i, 32-m.hbits)
		m.prev[i&m.mask] = m.head[h]
		m.head[h] = int32(i - m.base + 1)
	}
}

// probe returns the longest match at position i (0 for none) and enters i
// in the hash chains.
func (m *matcher) probe(src []byte, i int) (length, dist int) {
	if i+minMatch > len(src) {
		return 0, 0
	}
	h := hash3(src, i, 32-m.hbits)
	mark := len(m.pairs)
	if m.head[h] != 0 {
		if length = m.find(src, i, h, min(maxMatch, len(src)-i)); length > 0 {
			dist = int(m.pairs[len(m.pairs)-1].dist)
		}
	}
	m.pairs = m.pairs[:mark]
	m.prev[i&m.mask] = m.head[h]
	m.head[h] = int32(i - m.base + 1)
	return length, dist
}

// at returns the matches of position i, by increasing length and distance.
func (m *matcher) at(i int) []match {
	return m.pairs[m.first[i]:m.first[i+1]]
}
