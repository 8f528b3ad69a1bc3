package brotlitest

// ndbits is NDBITS of RFC 7932 §8: log2 of the number of static
// dictionary words of each length.
var ndbits = [25]int{0, 0, 0, 0, 10, 10, 11, 11, 10, 10, 10, 10, 10, 9, 9, 8, 7, 7, 8, 7, 7, 6, 6, 5, 5}

// DictionaryStream returns a stream that decodes to the static dictionary
// of RFC 7932 (Appendix A): a 16 MiB window and one meta-block per word
// length, 4 to 24, in which each command copies one word. Its distance lies
// just beyond the output produced so far, which makes it a reference to
// word number distance - (output so far + 1) of that length, with
// transform 0, the identity (RFC 7932 §8).
func DictionaryStream() []byte {
	var w Writer
	w.WindowBits(24)
	produced := 0
	for length := 4; length <= 24; length++ {
		words := 1 << ndbits[length]
		w.CompressedHeader(length == 24, words*length)
		w.TrivialHeader(0, 0, 0)
		// The distance codes this meta-block needs.
		var syms []int
		seen := map[int]bool{}
		for i := range words {
			c := DistanceCode(produced + i*length + 1 + i).Code
			if !seen[c] {
				seen[c] = true
				syms = append(syms, c)
			}
		}
		copyLen := CopyLength(length)
		cmd, _ := CommandSymbol(0, copyLen.Code, false)
		w.SimpleCode(256, false, 0) // literals: none used
		cmdCode := w.SimpleCode(704, false, cmd)
		distCode := w.UniformCode(16+48, syms...) // NPOSTFIX 0, NDIRECT 0
		for i := range words {
			w.Command(cmdCode, cmd, InsertLength(0), copyLen)
			d := DistanceCode(produced + 1 + i)
			w.Symbol(distCode, d.Code)
			w.Bits(d.NBits, d.Extra)
			produced += length
		}
	}
	return w.Bytes()
}
