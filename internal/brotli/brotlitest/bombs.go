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
	w.insertOnly(n)
	return w.Bytes()
}

// OneBitLiterals returns a stream of n literals of one bit each, 'a' or
// 'b', from a literal code of two symbols; with contextual, two such codes
// alternate by the context of each literal (LSB6 mode, even and odd
// contexts).
func OneBitLiterals(n int, contextual bool) []byte {
	var w Writer
	w.WindowBits(16)
	w.CompressedHeader(true, n)
	w.OneTypeEach(0, 0, 0) // LSB6
	lits := make([]*Code, 1)
	if contextual {
		w.Count(2)
		w.Bits(1, 0) // RLEMAX 0
		mc := w.SimpleCode(2, false, 0, 1)
		for c := range 64 {
			w.Symbol(mc, c&1)
		}
		w.Bits(1, 0) // no IMTF
		lits = append(lits, nil)
	} else {
		w.Count(1)
	}
	w.Count(1) // NTREESD
	for i := range lits {
		lits[i] = w.SimpleCode(256, false, 'a', 'b')
	}
	w.insertOnly(n)
	prev := 0
	for i := range n {
		b := int("ab"[i*7%3&1])
		w.Symbol(lits[(prev&63&1)%len(lits)], b)
		prev = b
	}
	return w.Bytes()
}

// insertOnly writes, after the literal codes, an insert-and-copy code and
// a distance code of one symbol each, then the one command of a meta-block
// of n literals: it inserts them all (the copy that follows is ignored).
// The caller writes the literals.
func (w *Writer) insertOnly(n int) {
	insert := InsertLength(n)
	sym, _ := CommandSymbol(insert.Code, 0, false)
	cmd := w.SimpleCode(704, false, sym)
	w.SimpleCode(64, false, 16)
	w.Command(cmd, sym, insert, CopyLength(2))
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
		w.insertOnly(1)
	}
	return w.Bytes()
}

// MaxQRInput is the most bytes a Claim 169 QR code carries with the
// default limit of the SDK's Decoder: 8,192 characters of Base45 text.
const MaxQRInput = 8192 / 3 * 2

// Case is a named stream.
type Case struct {
	Name   string
	Stream []byte
}

// WorstCases returns the costliest streams known for a decoder with a
// 64 KiB output limit, each of at most MaxQRInput bytes: the most output
// for the least input, the most commands, literals and meta-blocks per
// byte, and the most prefix-code tables (the last is refused by a decoder
// that bounds them, after building as many as it allows).
func WorstCases() []Case {
	const limit = 64 << 10
	return []Case{
		{"one-copy", LongCopies(24, limit, limit)},
		{"copies-in-small-blocks", LongCopies(24, limit, 120)},
		{"two-byte-copies", ShortCopies(limit)},
		{"free-literals", Literals(limit)},
		{"one-bit-literals", OneBitLiterals(43000, false)},
		{"one-bit-literals-by-context", OneBitLiterals(43000, true)},
		{"tiny-meta-blocks", TinyMetaBlocks(620)},
		{"big-context-maps", BigContextMap(256, 256, 10)},
		{"command-codes", ManyCommandCodes(20, 1, 0)},
		{"command-codes-over-budget", ManyCommandCodes(20, 3, 5000)},
		{"16MiB-window-16MiB", LongCopies(24, 16<<20, 16<<20)},
		{"4MiB-window-8MiB", LongCopies(22, 8<<20, 1<<20)},
	}
}
