package brotli

import "math/bits"

// Prefix codes are decoded with a table indexed by the next bits of the
// stream (RFC 7932 §3.2 defines the codes; the tables are this package's).
// A root table covers the first rootBits bits (fewer when the longest code
// is shorter); the codes longer than that continue in second-level tables
// stored after the root, each covering the codes under one root entry.
const (
	maxCodeLen = 15 // the longest prefix code (RFC 7932 §3.5)
	rootBits   = 8

	// A table entry is either a symbol (bits 0-9) with the number of bits
	// its code takes from the stream (bits 10-13), or, with entryLink set, a
	// link to a second-level table: its offset from the start of the root
	// (bits 0-10) and its index width in bits (bits 11-13).
	entryLink     = 0x8000
	symbolMask    = 0x3ff
	lenShift      = 10
	linkMask      = 0x7ff
	linkBitsShift = 11
	maxTableSize  = linkMask + 1
)

// prefixCode is the decoding table of one prefix code.
type prefixCode struct {
	table []uint16
	mask  uint64 // 1<<bits - 1
	bits  uint   // width of the root index; 0 for a code with one symbol
}

// decode reads one symbol.
func (c *prefixCode) decode(br *bitReader) int {
	if br.n < maxCodeLen {
		br.refill()
	}
	return c.decodeLoaded(br)
}

// decodeLoaded reads one symbol when at least maxCodeLen bits are loaded.
func (c *prefixCode) decodeLoaded(br *bitReader) int {
	sym, n := c.next(br.val)
	br.val >>= n
	br.n -= n
	return sym
}

// next decodes the symbol at the start of the bits v (at least maxCodeLen
// of them) and returns it with the length of its code. The hot loops keep
// the bits in local variables and call it directly.
func (c *prefixCode) next(v uint64) (sym int, n uint) {
	e := c.table[v&c.mask]
	if e&entryLink == 0 {
		return int(e & symbolMask), uint(e>>lenShift) & 15
	}
	e = c.table[uint(e&linkMask)+uint(v>>(c.bits&63))&(1<<(e>>linkBitsShift&7)-1)]
	return int(e & symbolMask), c.bits + uint(e>>lenShift)&15
}

// run is a range of consecutive symbols whose codes have the same nonzero
// length.
type run struct {
	sym, n uint16
	len    uint8
}

// codeLengths describes a prefix code by runs of code lengths, in symbol
// order, and the number of codes of each length.
type codeLengths struct {
	runs  []run
	count [maxCodeLen + 1]int
}

func (cl *codeLengths) reset(runs []run) {
	cl.runs = runs[:0]
	cl.count = [maxCodeLen + 1]int{}
}

// add appends n symbols from sym on, with codes of length l > 0.
func (cl *codeLengths) add(sym, n, l int) {
	cl.count[l] += n
	if k := len(cl.runs) - 1; k >= 0 && int(cl.runs[k].len) == l && int(cl.runs[k].sym+cl.runs[k].n) == sym {
		cl.runs[k].n += uint16(n)
		return
	}
	cl.runs = append(cl.runs, run{sym: uint16(sym), n: uint16(n), len: uint8(l)})
}

// single makes the code with one symbol, which takes no bits.
func (d *decoder) single(sym int, dst *prefixCode) error {
	if err := d.charge(1); err != nil {
		return err
	}
	start := len(d.arena)
	d.arena = append(d.arena, uint16(sym))
	*dst = prefixCode{table: d.arena[start:]}
	return nil
}

// build makes the decoding table of a complete prefix code (its lengths
// satisfy the Kraft equality, which the caller has checked) and stores it
// in the table arena. It costs the size of the table plus the number of
// runs, however large the alphabet. The table is built in a region of
// maxTableSize entries, then the arena keeps only what it uses.
func (d *decoder) build(cl *codeLengths, dst *prefixCode) error {
	maxLen := maxCodeLen
	for cl.count[maxLen] == 0 {
		maxLen--
	}
	root := uint(min(maxLen, rootBits))
	start := len(d.arena)
	d.growArena()
	region := d.arena[start : start+maxTableSize]
	clear(region[:1<<root])
	size := d.fill(cl, region, root, maxLen)
	if size == 0 {
		return d.br.fail(faultCode) // not reached for a complete code
	}
	if err := d.charge(size); err != nil {
		return err
	}
	d.arena = d.arena[:start+size]
	*dst = prefixCode{table: region[:size:size], mask: 1<<root - 1, bits: root}
	return nil
}

// growArena makes room for one more table. The arena doubles, but not
// beyond what the limit of a meta-block needs.
func (d *decoder) growArena() {
	need := len(d.arena) + maxTableSize
	if need <= cap(d.arena) {
		return
	}
	size := max(need, min(2*cap(d.arena), tableCap(d.maxSize)+maxTableSize))
	d.arena = append(make([]uint16, 0, size), d.arena...)
}

// subtableBits returns the index width of the second-level table that
// starts with a code of length l: the depth below the root at which the
// codes left, shortest first, fill the subtree.
func subtableBits(left *[maxCodeLen + 1]int, l int, root uint) uint {
	free := 1 << (l - int(root))
	for ; l < maxCodeLen; l++ {
		free -= left[l]
		if free <= 0 {
			break
		}
		free <<= 1
	}
	return uint(l) - root
}

// fill writes the entries of the table: it assigns the canonical codes
// (RFC 7932 §3.2) in order of length, then symbol. Codes are read from
// their first bit on, so a code indexes the table bit-reversed. It returns
// the size of the table, root and second-level tables, or 0 if they would
// not fit in table (not reached for a complete code).
func (d *decoder) fill(cl *codeLengths, table []uint16, root uint, maxLen int) int {
	byLen := d.sortRuns(cl, maxLen)
	code := 0
	for l := 1; l <= min(maxLen, int(root)); l++ {
		step := 1 << l
		for _, r := range byLen[l] {
			e := uint16(r.sym) | uint16(l)<<lenShift
			for range r.n {
				j := int(bits.Reverse16(uint16(code)) >> (16 - l))
				if l == int(root) { // one entry each
					table[j] = e
				} else {
					for ; j < len(table) && j < 1<<root; j += step {
						table[j] = e
					}
				}
				code++
				e++
			}
		}
		code <<= 1
	}
	if maxLen > int(root) {
		return fillLong(byLen, &cl.count, table, root, maxLen, code)
	}
	return 1 << root
}

// fillLong writes the second-level tables and their links in the root for
// the codes longer than root, the first of which is code, and returns the
// size of the whole table, or 0 if it does not fit.
func fillLong(byLen *[maxCodeLen + 1][]run, count *[maxCodeLen + 1]int, table []uint16, root uint, maxLen, code int) int {
	left := *count // codes of each length not yet placed
	next := 1 << root
	rootIdx, start, sub := -1, 0, uint(0)
	rootMask := 1<<root - 1
	for l := int(root) + 1; l <= maxLen; l++ {
		k := uint(l) - root
		for _, r := range byLen[l] {
			e := uint16(r.sym) | uint16(k)<<lenShift
			for range r.n {
				rev := int(bits.Reverse16(uint16(code)) >> (16 - l))
				if ri := rev & rootMask; ri != rootIdx {
					rootIdx, start = ri, next
					sub = subtableBits(&left, l, root)
					next += 1 << sub
					if next > len(table) {
						return 0
					}
					clear(table[start:next])
					table[ri] = entryLink | uint16(sub)<<linkBitsShift | uint16(start)
				}
				j := start + rev>>root
				if k == sub { // one entry each
					table[j] = e
				} else {
					for end := min(start+1<<sub, len(table)); j < end; j += 1 << k {
						table[j] = e
					}
				}
				left[l]--
				code++
				e++
			}
		}
		code <<= 1
	}
	return next
}

// sortRuns groups the runs by code length, keeping symbol order within a
// length.
func (d *decoder) sortRuns(cl *codeLengths, maxLen int) *[maxCodeLen + 1][]run {
	var n [maxCodeLen + 1]int
	for _, r := range cl.runs {
		n[r.len]++
	}
	d.sorted = append(d.sorted[:0], make([]run, len(cl.runs))...)
	var byLen [maxCodeLen + 1][]run
	at := 0
	for l := 1; l <= maxLen; l++ {
		byLen[l] = d.sorted[at : at : at+n[l]]
		at += n[l]
	}
	for _, r := range cl.runs {
		byLen[r.len] = append(byLen[r.len], r)
	}
	d.byLen = byLen
	return &d.byLen
}
