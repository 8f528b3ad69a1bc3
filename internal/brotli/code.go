package brotli

import "math/bits"

// kraftTotal is the sum of 32768 >> length over the lengths of a complete
// prefix code (RFC 7932 §3.5).
const kraftTotal = 1 << maxCodeLen

// codeLengthOrder is the order in which the code lengths of the code
// length code are stored (RFC 7932 §3.5).
var codeLengthOrder = [numCodeLengthCodes]uint8{1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15}

// codeLengthCodeLength decodes the fixed variable-length code of RFC 7932
// §3.5 for the code lengths 0..5 of the code length code; the index is the
// next four bits, first bit lowest. It returns the length and the number of
// bits its code takes.
func codeLengthCodeLength(next4 uint32) (length, n uint) {
	switch {
	case next4&3 == 0:
		return 0, 2
	case next4&3 == 2:
		return 3, 2
	case next4&3 == 1:
		return 4, 2
	case next4&4 == 0:
		return 2, 3
	case next4&8 == 0:
		return 1, 4
	default:
		return 5, 4
	}
}

// readCode reads a prefix code over an alphabet of the given size (RFC
// 7932 §3.4, §3.5) and builds its table.
func (d *decoder) readCode(alphabet int, dst *prefixCode) error {
	hskip := d.br.bits(2)
	if hskip == 1 {
		return d.readSimpleCode(alphabet, dst)
	}
	var clc prefixCode
	if err := d.readCodeLengthCode(hskip, &clc); err != nil {
		return err
	}
	d.lengths.reset(d.runs)
	if err := d.readCodeLengths(alphabet, &clc); err != nil {
		return err
	}
	d.runs = d.lengths.runs
	return d.build(&d.lengths, dst)
}

// readSimpleCode reads a simple prefix code of one to four symbols (RFC 7932
// §3.4).
func (d *decoder) readSimpleCode(alphabet int, dst *prefixCode) error {
	br := &d.br
	nsym := int(br.bits(2)) + 1
	width := uint(bits.Len(uint(alphabet - 1)))
	var syms [4]int
	for i := range nsym {
		s := int(br.bits(width))
		if s >= alphabet {
			return br.fail(faultSimpleCode)
		}
		for _, prev := range syms[:i] {
			if s == prev {
				return br.fail(faultSimpleCode)
			}
		}
		syms[i] = s
	}
	if nsym == 1 {
		return d.single(syms[0], dst)
	}
	lens := [4]int{1, 1}
	switch {
	case nsym == 3:
		lens = [4]int{1, 2, 2}
	case nsym == 4 && br.bit() == 0:
		lens = [4]int{2, 2, 2, 2}
	case nsym == 4:
		lens = [4]int{1, 2, 3, 3}
	}
	// Codes of the same length go to the symbols in increasing order:
	// sort by symbol, each symbol keeping its length.
	for i := 1; i < nsym; i++ {
		for j := i; j > 0 && syms[j] < syms[j-1]; j-- {
			syms[j], syms[j-1] = syms[j-1], syms[j]
			lens[j], lens[j-1] = lens[j-1], lens[j]
		}
	}
	d.lengths.reset(d.runs)
	for i := range nsym {
		d.lengths.add(syms[i], 1, lens[i])
	}
	d.runs = d.lengths.runs
	return d.build(&d.lengths, dst)
}

// readCodeLengthCode reads the code lengths of the code length code, after
// HSKIP, and builds it in d.clTable.
func (d *decoder) readCodeLengthCode(hskip uint32, dst *prefixCode) error {
	br := &d.br
	var lengths [numCodeLengthCodes]int
	space, nonzero, last := 32, 0, 0
	for i := int(hskip); i < numCodeLengthCodes && space > 0; i++ {
		if br.n < 4 {
			br.refill()
		}
		l, n := codeLengthCodeLength(uint32(br.val & 15))
		br.val >>= n
		br.n -= n
		if l != 0 {
			sym := int(codeLengthOrder[i])
			lengths[sym] = int(l)
			space -= 32 >> l
			nonzero++
			last = sym
		}
	}
	if nonzero == 1 {
		// One code length symbol: its code takes no bits.
		d.clTable[0] = uint16(last)
		*dst = prefixCode{table: d.clTable[:1]}
		return nil
	}
	if space != 0 {
		return br.fail(faultCodeLengthCode)
	}
	var cl codeLengths
	cl.reset(d.clRuns[:0])
	for sym, l := range lengths {
		if l != 0 {
			cl.add(sym, 1, l)
		}
	}
	root := uint(5) // the longest code of the code length code
	for cl.count[root] == 0 {
		root--
	}
	table := d.clTable[:1<<root]
	d.fill(&cl, table, root, int(root))
	*dst = prefixCode{table: table, mask: 1<<root - 1, bits: root}
	return nil
}

// readCodeLengths reads the code lengths of a complex prefix code with the
// code length code clc, until their Kraft sum is complete (RFC 7932 §3.5).
// Each step takes at least one bit from the stream, except when clc has a
// single symbol, which is handled at once.
func (d *decoder) readCodeLengths(alphabet int, clc *prefixCode) error {
	br, cl := &d.br, &d.lengths
	if clc.bits == 0 && clc.table[0] < 16 {
		// Every length is the same literal length l: 1<<l codes fill the
		// Kraft sum, if the alphabet holds them; l == 0 never does.
		l := int(clc.table[0])
		if l == 0 || 1<<l > alphabet {
			return br.fail(faultCode)
		}
		cl.add(0, 1<<l, l)
		return nil
	}
	space, sym := kraftTotal, 0
	prev := 8 // the length that code 16 repeats before any nonzero length
	repeat, repeatLen := 0, 0
	for sym < alphabet && space > 0 {
		s := clc.decode(br)
		if s < 16 {
			repeat = 0
			if s != 0 {
				cl.add(sym, 1, s)
				space -= kraftTotal >> s
				prev = s
			}
			sym++
			continue
		}
		extra, l := uint(2), prev // 16: repeat the previous nonzero length
		if s == 17 {
			extra, l = 3, 0 // 17: repeat a zero length
		}
		if repeatLen != l {
			repeat, repeatLen = 0, l
		}
		old := repeat
		if repeat > 0 {
			repeat = (repeat - 2) << extra
		}
		repeat += int(br.bits(extra)) + 3
		n := repeat - old
		if n > alphabet-sym {
			return br.fail(faultRepeat)
		}
		if l != 0 {
			cl.add(sym, n, l)
			space -= n << (maxCodeLen - l)
		}
		sym += n
	}
	if space != 0 {
		return br.fail(faultCode)
	}
	return nil
}
