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
	bits  uint // width of the root index; 0 for a code with one symbol
}

// decode reads one symbol.
func (c *prefixCode) decode(br *bitReader) int {
	if br.n < maxCodeLen {
		br.refill()
	}
	e := c.table[br.val&(1<<c.bits-1)]
	if e&entryLink != 0 {
		br.val >>= c.bits
		br.n -= c.bits
		sub := uint(e>>linkBitsShift) & 7
		e = c.table[uint(e&linkMask)+uint(br.val&(1<<sub-1))]
	}
	n := uint(e>>lenShift) & 15
	br.val >>= n
	br.n -= n
	return int(e & symbolMask)
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
// runs, however large the alphabet.
func (d *decoder) build(cl *codeLengths, dst *prefixCode) error {
	maxLen := maxCodeLen
	for cl.count[maxLen] == 0 {
		maxLen--
	}
	root := uint(min(maxLen, rootBits))
	size := tableSize(&cl.count, root, maxLen)
	if size > maxTableSize {
		return d.br.fail(faultCode) // not reached for a complete code
	}
	if err := d.charge(size); err != nil {
		return err
	}
	start := len(d.arena)
	d.arena = append(d.arena, make([]uint16, size)...)
	table := d.arena[start:]
	d.fill(cl, table, root, maxLen)
	*dst = prefixCode{table: table, bits: root}
	return nil
}

// tableSize returns the number of entries of the table with the given root
// width: the root and one second-level table for each root entry under
// which codes longer than root continue.
func tableSize(count *[maxCodeLen + 1]int, root uint, maxLen int) int {
	size := 1 << root
	left := *count
	for l := int(root) + 1; l <= maxLen; {
		if left[l] == 0 {
			l++
			continue
		}
		sub := subtableBits(&left, l, root)
		size += 1 << sub
		// The codes that fill this subtree, shortest first.
		slots := 1 << sub // at depth root+sub
		for k := l; slots > 0 && k <= maxLen; k++ {
			shift := int(root+sub) - k
			take := min(left[k], slots>>shift)
			left[k] -= take
			slots -= take << shift
		}
	}
	return size
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
// (RFC 7932 §3.2) in order of length, then symbol, and stores each code
// bit-reversed, since codes are read from their first bit on.
func (d *decoder) fill(cl *codeLengths, table []uint16, root uint, maxLen int) {
	byLen := d.sortRuns(cl, maxLen)
	left := cl.count
	next := 1 << root // where the next second-level table goes
	prefix, subStart, sub := -1, 0, uint(0)
	code := 0
	for l := 1; l <= maxLen; l++ {
		for _, r := range byLen[l] {
			for s := int(r.sym); s < int(r.sym+r.n); s++ {
				if uint(l) <= root {
					e := uint16(s) | uint16(l)<<lenShift
					for j := reverse(code, uint(l)); j < 1<<root; j += 1 << l {
						table[j] = e
					}
				} else {
					if p := code >> (l - int(root)); p != prefix {
						prefix, subStart = p, next
						sub = subtableBits(&left, l, root)
						next += 1 << sub
						table[reverse(p, root)] = entryLink | uint16(sub)<<linkBitsShift | uint16(subStart)
					}
					k := uint(l) - root
					e := uint16(s) | uint16(k)<<lenShift
					for j := reverse(code&(1<<k-1), k); j < 1<<sub; j += 1 << k {
						table[subStart+j] = e
					}
					left[l]--
				}
				code++
			}
		}
		code <<= 1
	}
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

// reverse returns the n low bits of x in reverse order.
func reverse(x int, n uint) int {
	return int(bits.Reverse16(uint16(x)) >> (16 - n))
}
