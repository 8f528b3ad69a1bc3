package render

import (
	"fmt"
	"math"
	"sync"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/symbol"
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
	t := symbol.TemplateOf(layout.Version)
	bs := symbol.BlocksOf(layout.Version, layout.Level, t.Codewords)
	if len(data) != bs.Data {
		// Unreachable: Table 9 and qr's capacities agree (TestBlockTableMatchesGozxing).
		return nil, fmt.Errorf("render: %d data codewords, version %d holds %d at level %v",
			len(data), layout.Version, bs.Data, layout.Level)
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.interleave(data, bs, t.Codewords)
	s.place(t)
	mask := s.bestMask(t, layout.Level)
	s.applyMask(t, layout.Level, mask)
	c := &Code{layout: layout, mask: mask, side: t.Side, words: t.Words, bits: make([]uint64, t.Side*t.Words)}
	copy(c.bits, s.m[pad*t.Words:])
	return c, nil
}

// interleave writes the codewords of the symbol into s.codewords: the data
// codewords split into blocks, each block's error correction codewords
// (§7.5.2), and the blocks interleaved, the first data codeword of each
// block, then the second, and so on, then the error correction codewords
// in the same way (§7.6).
func (s *scratch) interleave(data []byte, bs symbol.Blocks, total int) {
	s.codewords = resize(s.codewords, total)
	enc := symbol.ECEncoderFor(bs.EC)
	offset := 0
	for b := range bs.Count {
		n := bs.DataOf(b)
		block := data[offset : offset+n]
		for i, c := range block[:bs.ShortData] {
			s.codewords[i*bs.Count+b] = c
		}
		if n > bs.ShortData {
			// The long blocks' last codewords follow all the others.
			s.codewords[bs.ShortData*bs.Count+b-bs.Short] = block[n-1]
		}
		s.block = resize(s.block, n+bs.EC)
		copy(s.block, block)
		enc.Remainder(s.block)
		for i, c := range s.block[n:] {
			s.codewords[bs.Data+i*bs.Count+b] = c
		}
		offset += n
	}
}

// place writes the function patterns and the codewords' bits into s.base,
// then its transpose into s.baseT.
func (s *scratch) place(t *symbol.Template) {
	words := t.Words
	s.base = resize(s.base, t.Side*words)
	copy(s.base, t.Function)
	for i, c := range s.codewords {
		for j, pos := range t.Order[8*i : 8*i+8] {
			x, y := int(pos&0xff), int(pos>>8)
			s.base[y*words+x/64] |= uint64(c>>(7-j)&1) << (x % 64)
		}
	}
	s.baseT = resize(s.baseT, t.Side*words)
	transpose(s.baseT, s.base, t.Side, words)
}

// bestMask returns the data mask whose symbol has the least penalty, the
// lowest-numbered of equal ones (§7.8.3), as gozxing chooses.
func (s *scratch) bestMask(t *symbol.Template, l qr.Level) int {
	best, least := 0, math.MaxInt
	for mask := range symbol.MaskPatterns {
		s.applyMask(t, l, mask)
		if p := penalty(s.m, s.mT, t.Side, t.Words, least); p < least {
			best, least = mask, p
		}
	}
	return best
}

// applyMask writes into s.m the symbol under the given data mask, with
// its format information, and into s.mT the transpose, both padded with
// light rows.
func (s *scratch) applyMask(t *symbol.Template, l qr.Level, mask int) {
	words := t.Words
	n := (t.Side + 2*pad) * words
	s.m, s.mT = resize(s.m, n), resize(s.mT, n)
	m, mT := s.m[pad*words:], s.mT[pad*words:]
	rows := masks()
	for y := range t.Side {
		pat, patT := &rows.rows[mask][y%maskPeriod], &rows.cols[mask][y%maskPeriod]
		for w := range words {
			i := y*words + w
			m[i] = s.base[i] ^ pat[w]&t.Region[i]
			mT[i] = s.baseT[i] ^ patT[w]&t.RegionT[i]
		}
	}
	info := symbol.FormatInfo(l, mask)
	for _, copies := range symbol.FormatPositions(t.Side) {
		for k, p := range copies {
			bit := uint64(info >> k & 1)
			x, y := p[0], p[1]
			m[y*words+x/64] |= bit << (x % 64)
			mT[x*words+y/64] |= bit << (y % 64)
		}
	}
}
