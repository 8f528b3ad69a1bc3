package brotli

import "github.com/idqr/claim169/internal/brotli/brotlitest"

// withMetadata returns a stream of a metadata block holding meta, then a
// last meta-block storing data (as a stored block and an empty last one).
func withMetadata(meta []byte, data string) []byte {
	var w brotlitest.Writer
	w.WindowBits(16)
	w.Metadata(false, meta)
	w.Uncompressed([]byte(data))
	w.LastEmpty()
	return w.Bytes()
}

// stored returns a stream of uncompressed meta-blocks, then an empty last
// one.
func stored(parts ...string) []byte {
	var w brotlitest.Writer
	w.WindowBits(22)
	for _, p := range parts {
		w.Uncompressed([]byte(p))
	}
	w.LastEmpty()
	return w.Bytes()
}

// codes are the prefix codes of a meta-block with one of each.
type codes struct{ lit, cmd, dist *brotlitest.Code }

// block writes the header of a compressed meta-block of mlen bytes with
// one block type per category, NPOSTFIX and NDIRECT 0, and one code per
// category over the symbols given (uniform codes).
func block(w *brotlitest.Writer, last bool, mlen int, lits, cmds, dists []int) codes {
	w.CompressedHeader(last, mlen)
	w.TrivialHeader(0, 0, 0)
	return codes{
		w.UniformCode(256, lits...),
		w.UniformCode(704, cmds...),
		w.UniformCode(64, dists...),
	}
}

// writeCommand writes an insert-and-copy command and its literals; dist > 0 is
// written with its distance code, dist 0 means the last distance (the
// symbol must say so).
func writeCommand(w *brotlitest.Writer, c codes, literals string, copyLen, dist int) {
	ins, cp := brotlitest.InsertLength(len(literals)), brotlitest.CopyLength(max(copyLen, 2))
	sym, ok := brotlitest.CommandSymbol(ins.Code, cp.Code, dist == 0)
	if !ok {
		panic("no such command symbol")
	}
	w.Command(c.cmd, sym, ins, cp)
	for _, b := range []byte(literals) {
		w.Symbol(c.lit, int(b))
	}
	if dist > 0 {
		dc := brotlitest.DistanceCode(dist)
		w.Symbol(c.dist, dc.Code)
		w.Bits(dc.NBits, dc.Extra)
	}
}

// commandSym returns the command symbol writeCommand writes.
func commandSym(insert, copyLen int, last bool) int {
	sym, ok := brotlitest.CommandSymbol(brotlitest.InsertLength(insert).Code, brotlitest.CopyLength(copyLen).Code, last)
	if !ok {
		panic("no such command symbol")
	}
	return sym
}
