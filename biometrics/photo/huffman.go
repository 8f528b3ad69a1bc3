package photo

import "github.com/idqr/claim169/internal/imagewrite"

// huffTable decodes one Huffman table as T.81 §F.2.2.3 describes.
type huffTable struct {
	mincode, maxcode [17]int // by code length; maxcode -1 when none
	valptr           [17]int
	vals             []byte
}

// newHuffTable builds a decoder from the 16 code counts and the symbols of
// a DHT segment (T.81 Annex C).
func newHuffTable(counts, vals []byte) (*huffTable, error) {
	t := &huffTable{vals: vals}
	code, k := 0, 0
	for l := 1; l <= 16; l++ {
		n := int(counts[l-1])
		t.valptr[l], t.mincode[l], t.maxcode[l] = k, code, -1
		if n > 0 {
			t.maxcode[l] = code + n - 1
		}
		code += n
		k += n
		if code > 1<<l {
			return nil, errJPEGLayout
		}
		code <<= 1
	}
	return t, nil
}

func (t *huffTable) decode(br *bitReader) (byte, error) {
	code := 0
	for l := 1; l <= 16; l++ {
		b, err := br.bit()
		if err != nil {
			return 0, err
		}
		code = code<<1 | b
		if t.maxcode[l] >= 0 && code <= t.maxcode[l] && code >= t.mincode[l] {
			return t.vals[t.valptr[l]+code-t.mincode[l]], nil
		}
	}
	return 0, errJPEGLayout
}

// huffCode is an optimal code for one table: the DHT counts and symbols,
// and each symbol's code and length.
type huffCode struct {
	counts [16]byte
	vals   []byte
	code   [256]uint32
	size   [256]int
}

// maxCodeLength bounds the code lengths the construction may reach before
// they are cut to JPEG's 16 (libjpeg's MAX_CLEN).
const maxCodeLength = 32

// optimalCode builds the Huffman code for the symbol frequencies freq, with
// code lengths limited to 16 bits and no code of all one bits, by the
// procedure of T.81 Annex K.2 (Figures K.1 to K.4).
func optimalCode(freq *[256]int) (*huffCode, error) {
	var f [257]int
	copy(f[:], freq[:])
	f[256] = 1 // reserves the all-ones code point
	var size [257]int
	var others [257]int
	for i := range others {
		others[i] = -1
	}
	for {
		c1, c2 := leastTwo(&f)
		if c2 < 0 {
			break
		}
		f[c1] += f[c2]
		f[c2] = 0
		for c := c1; ; c = others[c] {
			size[c]++
			if others[c] < 0 {
				others[c] = c2
				break
			}
		}
		for c := c2; c >= 0; c = others[c] {
			size[c]++
		}
	}
	var bits [maxCodeLength + 1]int
	for _, s := range size {
		if s > maxCodeLength {
			return nil, errJPEGLayout
		}
		if s > 0 {
			bits[s]++
		}
	}
	limitLengths(&bits)
	// The symbols go in order of their first code lengths; the limited
	// counts then give the final lengths along that order.
	h := &huffCode{}
	for l := 1; l <= 16; l++ {
		h.counts[l-1] = byte(bits[l])
	}
	for l := 1; l <= maxCodeLength; l++ {
		for s := range 256 {
			if size[s] == l {
				h.vals = append(h.vals, byte(s))
			}
		}
	}
	h.assign()
	return h, nil
}

// leastTwo returns the symbols of the two smallest non-zero frequencies,
// the later symbol on a tie as libjpeg does; c2 is -1 when one is left.
func leastTwo(f *[257]int) (c1, c2 int) {
	c1, c2 = -1, -1
	for i, v := range f {
		if v > 0 && (c1 < 0 || v <= f[c1]) {
			c1 = i
		}
	}
	for i, v := range f {
		if v > 0 && i != c1 && (c2 < 0 || v <= f[c2]) {
			c2 = i
		}
	}
	return c1, c2
}

// limitLengths moves codes longer than 16 bits up the tree (Figure K.3) and
// then drops the reserved code point from the longest length.
func limitLengths(bits *[maxCodeLength + 1]int) {
	for i := maxCodeLength; i > 16; i-- {
		for bits[i] > 0 {
			j := i - 2
			for bits[j] == 0 {
				j--
			}
			bits[i] -= 2
			bits[i-1]++
			bits[j+1] += 2
			bits[j]--
		}
	}
	i := 16
	for bits[i] == 0 {
		i--
	}
	bits[i]--
}

// assign gives each symbol its canonical code (T.81 Annex C).
func (h *huffCode) assign() {
	code, k := uint32(0), 0
	for l := 1; l <= 16; l++ {
		for range int(h.counts[l-1]) {
			s := h.vals[k]
			h.code[s], h.size[s] = code, l
			code++
			k++
		}
		code <<= 1
	}
}

// write assembles the optimized file: SOI, the quantization tables the
// frame uses, the frame header, the new Huffman tables, the scan header,
// the re-encoded scan and EOI.
func (f *jpegFile) write(codes [4]*huffCode, symbols []jpegSymbol) []byte {
	out := []byte{0xff, markerSOI}
	var dqt []byte
	for id := range byte(4) {
		for _, c := range f.comps {
			if c.tq == id {
				dqt = append(dqt, f.dqt[id]...)
				break
			}
		}
	}
	out = imagewrite.AppendJPEGSegment(out, markerDQT, dqt)
	out = imagewrite.AppendJPEGSegment(out, markerSOF0, f.sof)
	var dht []byte
	for i, h := range codes {
		if h == nil {
			continue
		}
		class, id := byte(i%2), byte(i/2)
		dht = append(dht, class<<4|id)
		dht = append(dht, h.counts[:]...)
		dht = append(dht, h.vals...)
	}
	out = imagewrite.AppendJPEGSegment(out, markerDHT, dht)
	out = imagewrite.AppendJPEGSegment(out, markerSOS, f.sos)
	bw := imagewrite.NewBitWriter(out)
	for _, s := range symbols {
		h := codes[s.table]
		bw.Write(h.code[s.value], h.size[s.value])
		bw.Write(uint32(s.extra), int(s.nbits))
	}
	return append(bw.Bytes(), 0xff, markerEOI)
}
