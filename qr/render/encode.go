package render

import (
	"fmt"
	"math"
	"sync"

	"github.com/idqr/claim169/qr"
)

// scratch holds the buffers of one encoding, reused through scratchPool:
// the codewords, a block being divided, the symbol before masking and its
// transpose, and the symbol under one mask and its transpose, padded for
// the penalty rules.
type scratch struct {
	codewords []byte
	block     []byte
	base      []uint64
	baseT     []uint64
	m, mT     []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// resize returns buf with length n, cleared, reusing its array when it is
// large enough.
func resize[T byte | uint64](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// encode draws text in the code layout describes, which qr.Plan or
// qr.PlanUTF8 computed for it (ISO/IEC 18004 §7): the data codewords in
// exactly the plan's segments (qr.DataCodewords), the Reed-Solomon
// codewords of each block, interleaved, placed around the function
// patterns, under the data mask of least penalty.
func encode(text string, layout qr.Layout) (*Code, error) {
	data, err := qr.DataCodewords(text, layout)
	if err != nil {
		return nil, err
	}
	t := templateFor(layout.Version)
	bs := blocksOf(layout.Version, layout.Level, t.codewords)
	if len(data) != bs.data {
		// Unreachable: Table 9 and qr's capacities agree (TestBlockTableMatchesGozxing).
		return nil, fmt.Errorf("render: %d data codewords, version %d holds %d at level %v",
			len(data), layout.Version, bs.data, layout.Level)
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.interleave(data, bs, t.codewords)
	s.place(t)
	mask := s.bestMask(t, layout.Level)
	s.applyMask(t, layout.Level, mask)
	c := &Code{layout: layout, mask: mask, side: t.side, words: t.words, bits: make([]uint64, t.side*t.words)}
	copy(c.bits, s.m[pad*t.words:])
	return c, nil
}

// interleave writes the codewords of the symbol into s.codewords: the data
// codewords split into blocks, each block's error correction codewords
// (§7.5.2), and the blocks interleaved, the first data codeword of each
// block, then the second, and so on, then the error correction codewords
// in the same way (§7.6).
func (s *scratch) interleave(data []byte, bs blocks, total int) {
	s.codewords = resize(s.codewords, total)
	p := productsFor(bs.ec)
	offset := 0
	for b := range bs.count {
		n := bs.dataOf(b)
		block := data[offset : offset+n]
		for i, c := range block[:bs.shortData] {
			s.codewords[i*bs.count+b] = c
		}
		if n > bs.shortData {
			// The long blocks' last codewords follow all the others.
			s.codewords[bs.shortData*bs.count+b-bs.short] = block[n-1]
		}
		s.block = resize(s.block, n+bs.ec)
		copy(s.block, block)
		p.remainder(s.block)
		for i, c := range s.block[n:] {
			s.codewords[bs.data+i*bs.count+b] = c
		}
		offset += n
	}
}

// place writes the function patterns and the codewords' bits into s.base,
// then its transpose into s.baseT.
func (s *scratch) place(t *template) {
	words := t.words
	s.base = resize(s.base, t.side*words)
	copy(s.base, t.function)
	for i, c := range s.codewords {
		for j, pos := range t.order[8*i : 8*i+8] {
			x, y := int(pos&0xff), int(pos>>8)
			s.base[y*words+x/64] |= uint64(c>>(7-j)&1) << (x % 64)
		}
	}
	s.baseT = resize(s.baseT, t.side*words)
	transpose(s.baseT, s.base, t.side, words)
}

// bestMask returns the data mask whose symbol has the least penalty, the
// lowest-numbered of equal ones (§7.8.3), as gozxing chooses.
func (s *scratch) bestMask(t *template, l qr.Level) int {
	best, least := 0, math.MaxInt
	for mask := range maskPatterns {
		s.applyMask(t, l, mask)
		if p := penalty(s.m, s.mT, t.side, t.words, least); p < least {
			best, least = mask, p
		}
	}
	return best
}

// applyMask writes into s.m the symbol under the given data mask, with
// its format information, and into s.mT the transpose, both padded with
// light rows.
func (s *scratch) applyMask(t *template, l qr.Level, mask int) {
	words := t.words
	n := (t.side + 2*pad) * words
	s.m, s.mT = resize(s.m, n), resize(s.mT, n)
	m, mT := s.m[pad*words:], s.mT[pad*words:]
	rows := masks()
	for y := range t.side {
		pat, patT := &rows.rows[mask][y%maskPeriod], &rows.cols[mask][y%maskPeriod]
		for w := range words {
			i := y*words + w
			m[i] = s.base[i] ^ pat[w]&t.region[i]
			mT[i] = s.baseT[i] ^ patT[w]&t.regionT[i]
		}
	}
	info := formatInfo(l, mask)
	for _, copies := range formatPositions(t.side) {
		for k, p := range copies {
			bit := uint64(info >> k & 1)
			x, y := p[0], p[1]
			m[y*words+x/64] |= bit << (x % 64)
			mT[x*words+y/64] |= bit << (y % 64)
		}
	}
}
