package brotlitest

// The extra bits of the insert and copy length codes (RFC 7932 §5); each
// code's base is the previous base plus 1 << the previous extra bits,
// starting from 0 for inserts and 2 for copies.
var (
	insertExtra = [24]uint{0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12, 14, 24}
	copyExtra   = [24]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 24}
)

// LengthCode is a length as a code and its extra bits.
type LengthCode struct {
	Code  int
	NBits uint
	Extra uint64
}

func lengthCode(n, base int, extra *[24]uint) LengthCode {
	for code, e := range extra {
		if n < base+1<<e || code == len(extra)-1 {
			return LengthCode{code, e, uint64(n - base)}
		}
		base += 1 << e
	}
	panic("unreachable")
}

// InsertLength returns the insert length code for n >= 0 literals.
func InsertLength(n int) LengthCode { return lengthCode(n, 0, &insertExtra) }

// CopyLength returns the copy length code for a copy of n >= 2 bytes.
func CopyLength(n int) LengthCode { return lengthCode(n, 2, &copyExtra) }

// CommandSymbol returns the insert-and-copy length symbol for the insert
// and copy length codes (the table of RFC 7932 §5). lastDistance asks for a
// symbol that reuses the last distance (insert code < 8 and copy code < 16
// only); ok is false if there is none.
func CommandSymbol(insert, copy int, lastDistance bool) (sym int, ok bool) {
	cells := [11]struct{ insert, copy int }{
		{0, 0}, {0, 8}, {0, 0}, {0, 8}, {8, 0}, {8, 8}, {0, 16}, {16, 0}, {8, 16}, {16, 8}, {16, 16},
	}
	for i, c := range cells {
		if (i < 2) != lastDistance {
			continue
		}
		if insert >= c.insert && insert < c.insert+8 && copy >= c.copy && copy < c.copy+8 {
			return i<<6 | (insert-c.insert)<<3 | (copy - c.copy), true
		}
	}
	return 0, false
}

// Command writes an insert-and-copy symbol with code c, then the extra bits
// of the insert and copy lengths.
func (w *Writer) Command(c *Code, sym int, insert, copy LengthCode) {
	w.Symbol(c, sym)
	w.Bits(insert.NBits, insert.Extra)
	w.Bits(copy.NBits, copy.Extra)
}

// DistanceCode returns the distance code and extra bits for a distance
// d >= 1 with NPOSTFIX 0 and NDIRECT 0 (RFC 7932 §4): the codes from 16 on.
func DistanceCode(d int) LengthCode {
	x := d + 3 // offset + extra + 4
	nbits := uint(0)
	for x>>(nbits+2) != 0 {
		nbits++
	}
	// x has nbits+2 bits: the top one, the low bit of hcode, the extra bits.
	hbit := x >> nbits & 1
	return LengthCode{16 + 2*(int(nbits)-1) + hbit, nbits, uint64(x - (2+hbit)<<nbits)}
}
