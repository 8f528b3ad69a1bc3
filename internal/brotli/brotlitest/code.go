package brotlitest

import "math/bits"

// Code is a prefix code that a Writer has described: it writes symbols.
type Code struct {
	lens  []uint8  // code length of each symbol
	codes []uint16 // canonical code of each symbol
}

// Symbol writes the code of sym, first bit first. A code with one symbol
// writes nothing.
func (w *Writer) Symbol(c *Code, sym int) {
	n := uint(c.lens[sym])
	w.Bits(n, uint64(bits.Reverse16(c.codes[sym])>>(16-n)))
}

// Len returns the length of the code of sym.
func (c *Code) Len(sym int) int { return int(c.lens[sym]) }

// newCode assigns the canonical codes for the lengths (RFC 7932 §3.2).
func newCode(lens []uint8) *Code {
	var count, next [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	code := uint16(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	c := &Code{lens: lens, codes: make([]uint16, len(lens))}
	for s, l := range lens {
		if l != 0 {
			c.codes[s] = next[l]
			next[l]++
		}
	}
	return c
}

// SimpleCode writes a simple prefix code (RFC 7932 §3.4) of the one to four
// symbols given, in that order; four symbols have lengths 2, 2, 2, 2 unless
// skewed is set (1, 2, 3, 3). Invalid codes, with symbols repeated or
// beyond the alphabet, are written as asked.
func (w *Writer) SimpleCode(alphabet int, skewed bool, syms ...int) *Code {
	w.Bits(2, 1)
	w.Bits(2, uint64(len(syms)-1))
	width := uint(bits.Len(uint(alphabet - 1)))
	for _, s := range syms {
		w.Bits(width, uint64(s))
	}
	pattern := [][]uint8{{0}, {1, 1}, {1, 2, 2}, {2, 2, 2, 2}}[len(syms)-1]
	if len(syms) == 4 {
		w.Bits(1, b2u(skewed))
		if skewed {
			pattern = []uint8{1, 2, 3, 3}
		}
	}
	size := alphabet // symbols beyond the alphabet are written too
	for _, s := range syms {
		size = max(size, s+1)
	}
	lens := make([]uint8, size)
	for i, s := range syms {
		lens[s] = pattern[i]
	}
	return newCode(lens)
}

// UniformCode writes a prefix code in which the given symbols (distinct,
// at least one) have lengths that differ by at most one: a simple code for
// up to four, a complex one for more.
func (w *Writer) UniformCode(alphabet int, syms ...int) *Code {
	if len(syms) <= 4 {
		return w.SimpleCode(alphabet, false, syms...)
	}
	lens := make([]uint8, alphabet)
	m := bits.Len(uint(len(syms) - 1)) // 2^m >= len(syms)
	short := 1<<m - len(syms)          // leaves at depth m-1
	for i, s := range syms {
		lens[s] = uint8(m)
		if i < short {
			lens[s] = uint8(m - 1)
		}
	}
	return w.ComplexCode(lens)
}

// ComplexCode writes a complex prefix code (RFC 7932 §3.5) with the given
// code lengths, one per symbol of the alphabet; the lengths must form a
// complete code with at least two symbols. Runs of three or more zero
// lengths are written with code 17.
func (w *Writer) ComplexCode(lens []uint8) *Code {
	var seq []lengthSymbol
	last := len(lens) - 1
	for lens[last] == 0 {
		last--
	}
	for i := 0; i <= last; {
		if lens[i] != 0 {
			seq = append(seq, lengthSymbol{lens[i], 0})
			i++
			continue
		}
		j := i
		for j <= last && lens[j] == 0 {
			j++
		}
		seq = append(seq, zeroRun(j-i)...)
		i = j
	}
	// The code length code: uniform over the code length symbols used.
	var used []int
	var seen [18]bool
	for _, it := range seq {
		if !seen[it.sym] {
			seen[it.sym] = true
			used = append(used, int(it.sym))
		}
	}
	clLens := make([]uint8, 18)
	if len(used) > 1 {
		m := bits.Len(uint(len(used) - 1))
		for i, s := range used {
			clLens[s] = uint8(m)
			if i < 1<<m-len(used) {
				clLens[s] = uint8(m - 1)
			}
		}
	} else {
		clLens[used[0]] = 1 // alone: its code takes no bits
	}
	w.CodeLengthCode(0, clLens)
	clc := newCode(clLens)
	if len(used) == 1 {
		clc.lens[used[0]] = 0
	}
	for _, it := range seq {
		w.Symbol(clc, int(it.sym))
		switch it.sym {
		case 16:
			w.Bits(2, uint64(it.extra))
		case 17:
			w.Bits(3, uint64(it.extra))
		}
	}
	return newCode(lens)
}

// lengthSymbol is a symbol of the code length alphabet with its extra bits.
type lengthSymbol struct{ sym, extra uint8 }

// zeroRun returns the sequence of code length symbols for n zero lengths:
// literal zeros for n < 3, else codes 17 whose repeat counts combine to n
// (RFC 7932 §3.5: each further 17 makes the count 8*(count-2) + 3..10).
func zeroRun(n int) []lengthSymbol {
	var out []lengthSymbol
	if n < 3 {
		return make([]lengthSymbol, n)
	}
	// With x = count-3, a further 17 with extra e makes x' = 8(x+1) + e:
	// peel the extras off from the last.
	var extras []uint8
	for x := n - 3; ; x = x>>3 - 1 {
		extras = append(extras, uint8(x&7))
		if x>>3 == 0 {
			break
		}
	}
	for i := len(extras) - 1; i >= 0; i-- {
		out = append(out, lengthSymbol{17, extras[i]})
	}
	return out
}

// codeLengthCodeBits are the codes of the code lengths 0..5 of the code
// length code (RFC 7932 §3.5), as written (first bit lowest), with their
// lengths.
var codeLengthCodeBits = [6]struct{ v, n uint8 }{{0, 2}, {7, 4}, {3, 3}, {2, 2}, {1, 2}, {15, 4}}

// codeLengthOrder is the order of the code length code lengths.
var codeLengthOrder = [18]int{1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15}

// CodeLengthCode writes HSKIP and the code lengths (0..5) of the code
// length code, in the order of RFC 7932 §3.5, omitting the trailing zeros
// when two or more lengths are nonzero.
func (w *Writer) CodeLengthCode(hskip int, clLens []uint8) {
	w.Bits(2, uint64(hskip))
	nonzero, last := 0, 0
	for i, s := range codeLengthOrder {
		if clLens[s] != 0 {
			nonzero++
			last = i
		}
	}
	if nonzero < 2 {
		last = len(codeLengthOrder) - 1
	}
	for _, s := range codeLengthOrder[hskip : last+1] {
		c := codeLengthCodeBits[clLens[s]]
		w.Bits(uint(c.n), uint64(c.v))
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
