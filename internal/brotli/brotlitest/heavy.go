package brotlitest

// Streams whose meta-block headers cost as much as possible: many prefix
// codes and large context maps, each described in a few bits.

// uniformLengths returns code lengths for an alphabet of the given size in
// which the first 1<<l symbols have length l: a complete code that a code
// length code of one symbol describes in no bits at all.
func uniformLengths(alphabet, l int) []uint8 {
	lens := make([]uint8, alphabet)
	for i := range 1 << l {
		lens[i] = uint8(l)
	}
	return lens
}

// ManyCommandCodes returns a stream that starts with padding bytes of
// metadata (which raise the input size, hence the table budget of a
// decoder that grows with it), then has the given number of meta-blocks,
// each declaring ntypes >= 2 insert-and-copy block types with a code of
// their own, 512 symbols of nine bits (a 704-symbol alphabet) described in
// about four bytes, and using every type once: a command of one literal and
// a copy of two bytes from the last distance.
func ManyCommandCodes(ntypes, blocks, padding int) []byte {
	var w Writer
	w.WindowBits(16)
	if padding > 0 {
		w.Metadata(false, make([]byte, padding))
	}
	w.Uncompressed([]byte("abcd"))
	for b := range blocks {
		manyCommandCodes(&w, ntypes, b == blocks-1)
	}
	return w.Bytes()
}

func manyCommandCodes(w *Writer, ntypes int, last bool) {
	w.CompressedHeader(last, 3*ntypes)
	w.Count(1) // NBLTYPESL
	w.Count(ntypes)
	w.SimpleCode(ntypes+2, false, 1) // next type: no bits
	w.SimpleCode(26, false, 0)       // counts 1..4, two extra bits
	w.Bits(2, 0)                     // first count: 1
	w.Count(1)                       // NBLTYPESD
	w.Bits(2, 0)                     // NPOSTFIX
	w.Bits(4, 0)                     // NDIRECT
	w.Bits(2, 0)                     // mode
	w.Count(1)                       // NTREESL
	w.Count(1)                       // NTREESD
	w.SimpleCode(256, false, 'x')
	codes := make([]*Code, ntypes)
	for i := range codes {
		codes[i] = w.ComplexCode(uniformLengths(704, 9))
	}
	w.SimpleCode(64, false, 0)
	sym, _ := CommandSymbol(1, 0, true) // insert 1, copy 2, last distance
	for i := range ntypes {
		if i > 0 {
			w.Bits(2, 0) // block switch: next type, count 1
		}
		w.Symbol(codes[i], sym)
	}
}

// ManyLiteralCodes returns a stream with one meta-block of n literals that
// declares ntrees >= 2 literal codes of 256 symbols of eight bits, chosen
// by a context map (LSB6 mode) that gives context c the code c % ntrees.
func ManyLiteralCodes(ntrees, n int) []byte {
	var w Writer
	w.WindowBits(16)
	w.CompressedHeader(true, n)
	w.OneTypeEach(0, 0, 0) // LSB6
	w.Count(ntrees)
	w.Bits(1, 0) // RLEMAX 0
	syms := make([]int, ntrees)
	for i := range syms {
		syms[i] = i
	}
	mc := w.UniformCode(ntrees, syms...)
	for c := range 64 {
		w.Symbol(mc, c%ntrees)
	}
	w.Bits(1, 0) // no IMTF
	w.Count(1)   // NTREESD
	codes := make([]*Code, ntrees)
	for i := range codes {
		codes[i] = w.ComplexCode(uniformLengths(256, 8))
	}
	w.insertOnly(n)
	prev := byte(0)
	for i := range n {
		b := byte(i*37 + 11)
		w.Symbol(codes[int(prev&63)%ntrees], int(b))
		prev = b
	}
	return w.Bytes()
}

// BigContextMap returns a stream of meta-blocks that each declare ntypes
// literal block types, so a literal context map of 64*ntypes entries, all
// given by one symbol that takes no bits under the inverse move-to-front
// transform (the values cycle through 0..ntrees-1), and use every type
// once with one literal each.
func BigContextMap(ntypes, ntrees, blocks int) []byte {
	var w Writer
	w.WindowBits(16)
	for b := range blocks {
		bigContextMap(&w, ntypes, ntrees, b == blocks-1)
	}
	return w.Bytes()
}

func bigContextMap(w *Writer, ntypes, ntrees int, last bool) {
	w.CompressedHeader(last, ntypes)
	w.Count(ntypes)
	w.SimpleCode(ntypes+2, false, 1) // next type
	w.SimpleCode(26, false, 0)       // counts 1..4
	w.Bits(2, 0)                     // first count: 1
	w.Count(1)                       // NBLTYPESI
	w.Count(1)                       // NBLTYPESD
	w.Bits(2, 0)
	w.Bits(4, 0)
	for range ntypes {
		w.Bits(2, 0)
	}
	w.Count(ntrees)
	w.Bits(1, 0)                          // RLEMAX 0
	w.SimpleCode(ntrees, false, ntrees-1) // always index ntrees-1
	w.Bits(1, 1)                          // IMTF
	w.Count(1)                            // NTREESD
	for range ntrees {
		w.SimpleCode(256, false, 'x')
	}
	w.insertOnly(ntypes)
	for range ntypes - 1 {
		w.Bits(2, 0) // block switch before each further literal
	}
}
