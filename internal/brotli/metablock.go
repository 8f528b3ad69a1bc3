package brotli

import "slices"

// Block categories (RFC 7932 §2), in the order of the meta-block header.
const (
	catLiteral = iota
	catCommand
	catDistance
)

// blockCategory is the block state of one category: its block types, the
// codes for block switches, the current block and the types used so far.
type blockCategory struct {
	ntypes      int
	typeCode    prefixCode
	countCode   prefixCode
	btype, prev int
	left        int // elements left in the current block
	used        valueSet
	nused       int // number of types in used
}

// noSwitch is the block count of a category with one block type: larger
// than any meta-block, so the block never ends.
const noSwitch = 1 << 30

// readCategory reads NBLTYPES for one category and, if there are several
// types, the codes for block switches and the first block count (RFC 7932
// §9.2).
func (d *decoder) readCategory(c *blockCategory) error {
	c.ntypes = d.readCount()
	c.btype, c.prev = 0, 1
	c.used = valueSet{1}
	c.nused = 1
	c.left = noSwitch
	if c.ntypes < 2 {
		return nil
	}
	if err := d.readCode(c.ntypes+2, &c.typeCode); err != nil {
		return err
	}
	if err := d.readCode(numBlockCountCodes, &c.countCode); err != nil {
		return err
	}
	c.left = d.readBlockCount(&c.countCode)
	return nil
}

// readCount reads a value in 1..256 with the variable-length code of
// NBLTYPES and NTREES (RFC 7932 §9.2).
func (d *decoder) readCount() int {
	br := &d.br
	if br.bit() == 0 {
		return 1
	}
	n := br.bits(3)
	if n == 0 {
		return 2
	}
	return 1<<n + 1 + int(br.bits(uint(n)))
}

// readBlockCount reads a block count (RFC 7932 §6).
func (d *decoder) readBlockCount(c *prefixCode) int {
	bc := blockCountCodes[c.decode(&d.br)]
	return int(bc.base + d.br.bits(uint(bc.extra)))
}

// switchBlock reads a block-switch command (RFC 7932 §6): the new block
// type and its count.
func (d *decoder) switchBlock(c *blockCategory) {
	t := c.typeCode.decode(&d.br)
	switch t {
	case 0:
		t = c.prev
	case 1:
		t = c.btype + 1
		if t == c.ntypes {
			t = 0
		}
	default:
		t -= 2
	}
	c.prev, c.btype = c.btype, t
	if !c.used.has(t) {
		c.used.add(uint8(t))
		c.nused++
	}
	c.left = d.readBlockCount(&c.countCode)
}

// readHeader reads the rest of the header of a compressed meta-block, from
// NBLTYPESL on (RFC 7932 §9.2), building every prefix code.
func (d *decoder) readHeader() error {
	br := &d.br
	d.arena = d.arena[:0]
	for i := range d.cats {
		if err := d.readCategory(&d.cats[i]); err != nil {
			return err
		}
	}
	d.npostfix = uint(br.bits(2))
	d.ndirect = int(br.bits(4)) << d.npostfix
	nlit := d.cats[catLiteral].ntypes
	for i := range nlit {
		d.modes[i] = uint8(br.bits(2))
	}
	ntreesL, err := d.readMap(&d.litMap, nlit*64)
	if err != nil {
		return err
	}
	ntreesD, err := d.readMap(&d.distMap, d.cats[catDistance].ntypes*4)
	if err != nil {
		return err
	}
	if err := d.readCodes(&d.litCodes, ntreesL, numLiterals); err != nil {
		return err
	}
	if err := d.readCodes(&d.cmdCodes, d.cats[catCommand].ntypes, numCommandCodes); err != nil {
		return err
	}
	return d.readCodes(&d.distCodes, ntreesD, 16+d.ndirect+48<<d.npostfix)
}

// readMap reads NTREES and the context map of size entries.
func (d *decoder) readMap(m *[]uint8, size int) (int, error) {
	ntrees := d.readCount()
	*m = append((*m)[:0], make([]uint8, size)...)
	if ntrees < 2 {
		return ntrees, nil // all zero
	}
	return ntrees, d.readContextMap(*m, ntrees)
}

// readCodes reads n prefix codes over an alphabet of the given size.
func (d *decoder) readCodes(codes *[]prefixCode, n, alphabet int) error {
	// Every code is overwritten: no need to clear them.
	*codes = slices.Grow((*codes)[:0], n)[:n]
	for i := range *codes {
		if err := d.readCode(alphabet, &(*codes)[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkBlockTypes checks, at the end of a meta-block, that every declared
// block type was used: the types of a category must be exactly
// 0..NBLTYPES-1 (RFC 7932 §6).
func (d *decoder) checkBlockTypes() error {
	for i := range d.cats {
		if d.cats[i].nused != d.cats[i].ntypes {
			return d.br.fail(faultBlockTypes)
		}
	}
	return nil
}
