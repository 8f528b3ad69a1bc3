package qr

// segment is a run of the text written in one mode: text[start:end].
type segment struct {
	mode       Mode
	start, end int
}

// The states of the segmentation programme after a character: the mode of
// the segment that holds it and that segment's length so far, modulo 3 for
// a numeric segment and modulo 2 for an alphanumeric one, which is all the
// cost of the next character depends on.
const (
	numeric1  = iota // numeric segment, length ≡ 1 (mod 3)
	numeric2         // numeric segment, length ≡ 2 (mod 3)
	numeric0         // numeric segment, length ≡ 0 (mod 3)
	alnum1           // alphanumeric segment, odd length
	alnum0           // alphanumeric segment, even length
	numStates        // number of states
)

// stateMode returns the mode of the segment in state s.
func stateMode(s int) Mode {
	if s < alnum1 {
		return ModeNumeric
	}
	return ModeAlphanumeric
}

// Back pointers of the programme, one byte per character and state: the
// state before the character, or fromStart for the first character, with
// the newSegment bit set when the character begins a segment.
const (
	fromStart  = numStates
	newSegment = 1 << 3
)

// cost is the length of an encoding of a prefix of the text, packed into
// one integer so that the programme compares two costs in one instruction:
// its bits (mode indicators, character counts and data) above
// segmentCountBits, then, to break ties towards fewer segments, its number
// of segments, which never reaches 1<<segmentCountBits (a text holds at
// most 7089 characters).
type cost int64

// segmentCountBits is the width of a cost's segment count.
const segmentCountBits = 16

// bits returns the bits of the encoding.
func (c cost) bits() int { return int(c >> segmentCountBits) }

// segments returns the number of segments of the encoding.
func (c cost) segments() int { return int(c & (1<<segmentCountBits - 1)) }

// unreachable is the cost of a state no encoding of the prefix ends in: 2^30
// bits, more than any symbol holds. Growing it by the bits of every
// character of the longest text (at most 11 each) keeps it above every
// version's room and far from overflowing.
const unreachable = cost(1<<30) << segmentCountBits

// opened is the cost after a new segment of the given bits.
func (c cost) opened(bits int) cost { return c + cost(bits)<<segmentCountBits + 1 }

// costs holds, for each state, the cost of the cheapest encoding of a
// prefix of the text that ends in that state.
type costs [numStates]cost

// cheapest returns the state of least cost, the first of equal ones.
func (c *costs) cheapest() int {
	best := 0
	for s := 1; s < numStates; s++ {
		if c[s] < c[best] {
			best = s
		}
	}
	return best
}

// segmentation is the dynamic programme that finds the shortest encoding
// of text, which must be in the alphanumeric set, as numeric and
// alphanumeric segments, with the character count indicators of the given
// size class. It returns the cost of the cheapest encoding of the whole
// text ending in each state. The costs are exact: each character adds the
// bits it adds to its segment's data (a numeric segment of n digits takes
// 10·⌊n/3⌋ bits plus 4 or 7 for a remainder of 1 or 2, an alphanumeric one
// 11·⌊n/2⌋ plus 6 for an odd n), and each segment its mode indicator and
// count indicator.
//
// The programme does not bound a segment's length by its count indicator:
// in every size class a segment one character over the bound takes more
// bits than the largest version of the class holds, so no encoding that
// fits the class has one (checked by TestSegmentLengthNeverBinds).
//
// When back is not nil it must hold numStates entries per character of
// text, and receives the programme's back pointers. Without it the
// programme allocates nothing; its work is linear in the text.
func segmentation(text string, class int, back []uint8) costs {
	// The cost of a character that opens a segment, header included, and of
	// one that grows a segment in each state.
	openNumeric := cost(0).opened(modeIndicatorBits + numericCountBits[class] + numericSingleBits)
	openAlnum := cost(0).opened(modeIndicatorBits + alnumCountBits[class] + alnumSingleBits)
	const (
		toNumeric2 = cost(numericPairBits-numericSingleBits) << segmentCountBits
		toNumeric0 = cost(numericTripleBits-numericPairBits) << segmentCountBits
		toNumeric1 = cost(numericSingleBits) << segmentCountBits
		toAlnum0   = cost(alnumPairBits-alnumSingleBits) << segmentCountBits
		toAlnum1   = cost(alnumSingleBits) << segmentCountBits
	)
	// The costs of the states, in scalars that stay in registers.
	n1, n2, n0, a1, a0 := unreachable, unreachable, unreachable, unreachable, unreachable
	for i := 0; i < len(text); i++ {
		// A new segment follows the cheapest encoding of the prefix, the
		// first of equal ones in state order.
		best, from := cost(0), uint8(fromStart)
		if i > 0 {
			best, from = n1, numeric1
			if n2 < best {
				best, from = n2, numeric2
			}
			if n0 < best {
				best, from = n0, numeric0
			}
			if a1 < best {
				best, from = a1, alnum1
			}
			if a0 < best {
				best, from = a0, alnum0
			}
		}
		from |= newSegment
		// An alphanumeric segment grows, or one begins.
		na0, na1, pa1 := a1+toAlnum0, a0+toAlnum1, uint8(alnum0)
		if o := best + openAlnum; o < na1 {
			na1, pa1 = o, from
		}
		// So does a numeric one, for a digit.
		nn1, nn2, nn0 := unreachable, unreachable, unreachable
		var pn1, pn2, pn0 uint8
		if isDigit(text[i]) {
			nn2, pn2 = n1+toNumeric2, numeric1
			nn0, pn0 = n2+toNumeric0, numeric2
			nn1, pn1 = n0+toNumeric1, numeric0
			if o := best + openNumeric; o < nn1 {
				nn1, pn1 = o, from
			}
		}
		if back != nil {
			p := back[i*numStates : (i+1)*numStates : (i+1)*numStates]
			p[numeric1], p[numeric2], p[numeric0], p[alnum1], p[alnum0] = pn1, pn2, pn0, pa1, alnum1
		}
		n1, n2, n0, a1, a0 = nn1, nn2, nn0, na1, na0
	}
	return costs{numeric1: n1, numeric2: n2, numeric0: n0, alnum1: a1, alnum0: a0}
}

// optimalSegments returns the segments of the cheapest encoding of text in
// the given size class, the one [segmentation] costs.
func optimalSegments(text string, class int) []segment {
	back := make([]uint8, len(text)*numStates)
	final := segmentation(text, class, back)
	s, end := final.cheapest(), len(text)
	segs := make([]segment, final[s].segments())
	k := len(segs)
	for i := len(text) - 1; i >= 0; i-- {
		p := back[i*numStates+s]
		if p&newSegment != 0 {
			k--
			segs[k] = segment{mode: stateMode(s), start: i, end: end}
			end = i
		}
		s = int(p &^ newSegment)
	}
	return segs
}

// appendable returns how many characters outside the numeric set (letters,
// space or punctuation) can follow a text whose encodings end at the given
// costs while the whole still fits in free data bits: the most over every
// state the text's encoding may end in. Such characters go into an
// alphanumeric segment, the text's last one or a new one.
func appendable(final *costs, free, class int) int {
	most := 0
	for s, c := range final {
		if c.bits() > free {
			continue
		}
		var n int
		switch s {
		case alnum0:
			n = alnumChars(free - c.bits())
		case alnum1:
			// The segment's last character took 6 bits; paired with the
			// first new one it takes 11.
			n = alnumChars(free-c.bits()+alnumSingleBits) - 1
		default:
			n = alnumChars(free - c.bits() - modeIndicatorBits - alnumCountBits[class])
		}
		most = max(most, n)
	}
	return most
}
