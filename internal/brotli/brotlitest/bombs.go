package brotlitest

// Streams that cost a decoder as much as possible for their size. Each
// returns a valid stream unless it says otherwise.

// LongCopies returns a stream with the given window (WBITS) and total
// bytes of output: meta-blocks of mlen bytes, each one literal then one
// copy at distance 1, every prefix code with a single symbol, so that each
// meta-block takes a few bytes however long it is. This is the shape of a
// decompression bomb: the 106-byte stream with a 4 MiB window and the
// 54-byte stream with a 16 MiB window are of this kind.
func LongCopies(wbits, total, mlen int) []byte {
	var w Writer
	w.WindowBits(wbits)
	for total > 0 {
		n := min(mlen, total)
		total -= n
		w.CompressedHeader(total == 0, n)
		w.TrivialHeader(0, 0, 0)
		lit := w.SimpleCode(256, false, 'A')
		insert, copy := InsertLength(1), CopyLength(max(n-1, 2))
		sym, _ := CommandSymbol(insert.Code, copy.Code, false)
		cmd := w.SimpleCode(704, false, sym)
		dist := DistanceCode(1)
		dc := w.SimpleCode(64, false, dist.Code)
		w.Command(cmd, sym, insert, copy)
		w.Symbol(lit, 'A')
		if n > 1 {
			w.Symbol(dc, dist.Code)
			w.Bits(dist.NBits, dist.Extra)
		}
	}
	return w.Bytes()
}

// ShortCopies returns a stream of about n >= 6 bytes (n rounded down to
// even): four stored bytes, then one
// meta-block of commands that each copy two bytes from the last distance
// (4) and take no bits at all: the most commands per byte of output.
func ShortCopies(n int) []byte {
	var w Writer
	w.WindowBits(16)
	w.Uncompressed([]byte("abcd"))
	w.CompressedHeader(true, (n-4)&^1)
	w.TrivialHeader(0, 0, 0)
	w.SimpleCode(256, false, 0)
	sym, _ := CommandSymbol(0, 0, true) // insert 0, copy 2, last distance
	w.SimpleCode(704, false, sym)
	w.SimpleCode(64, false, 0)
	return w.Bytes()
}

// Literals returns a stream of n literals that take no bits: one command
// inserts them all with a literal code of one symbol.
func Literals(n int) []byte {
	var w Writer
	w.WindowBits(16)
	w.CompressedHeader(true, n)
	w.TrivialHeader(0, 0, 0)
	w.SimpleCode(256, false, 'x')
	insert := InsertLength(n)
	sym, _ := CommandSymbol(insert.Code, 0, false)
	cmd := w.SimpleCode(704, false, sym)
	w.SimpleCode(64, false, 16)
	w.Command(cmd, sym, insert, CopyLength(2))
	return w.Bytes()
}

// OneBitLiterals returns a stream of n literals of one bit each, through a
// UTF8-mode literal code of two symbols.
func OneBitLiterals(n int) []byte {
	var w Writer
	w.WindowBits(16)
	w.CompressedHeader(true, n)
	w.TrivialHeader(0, 0, 2)
	lit := w.SimpleCode(256, false, 'a', 'b')
	insert := InsertLength(n)
	sym, _ := CommandSymbol(insert.Code, 0, false)
	cmd := w.SimpleCode(704, false, sym)
	w.SimpleCode(64, false, 16)
	w.Command(cmd, sym, insert, CopyLength(2))
	for i := range n {
		w.Symbol(lit, int("ab"[i*7%3&1]))
	}
	return w.Bytes()
}

// TinyMetaBlocks returns a stream of k meta-blocks of one literal each:
// the most meta-block headers per byte of output.
func TinyMetaBlocks(k int) []byte {
	var w Writer
	w.WindowBits(16)
	for i := range k {
		w.CompressedHeader(i == k-1, 1)
		w.TrivialHeader(0, 0, 0)
		w.SimpleCode(256, false, 'x')
		insert := InsertLength(1)
		sym, _ := CommandSymbol(insert.Code, 0, false)
		cmd := w.SimpleCode(704, false, sym)
		w.SimpleCode(64, false, 16)
		w.Command(cmd, sym, insert, CopyLength(2))
	}
	return w.Bytes()
}
