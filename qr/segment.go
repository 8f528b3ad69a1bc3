package qr

import "slices"

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

// cost is the length of an encoding of a prefix of the text: its bits
// (mode indicators, character counts and data), then, to break ties
// towards fewer segments, its number of segments.
type cost struct{ bits, segments int }

// unreachable is the cost of a state no encoding of the prefix ends in:
// more bits than any symbol holds, far from overflowing an int.
var unreachable = cost{bits: 1 << 30}

func (c cost) less(d cost) bool {
	return c.bits < d.bits || c.bits == d.bits && c.segments < d.segments
}

// grown is the cost after adding bits to the current segment.
func (c cost) grown(bits int) cost {
	if c.bits >= unreachable.bits {
		return unreachable
	}
	return cost{c.bits + bits, c.segments}
}

// opened is the cost after a new segment of the given bits.
func (c cost) opened(bits int) cost { return cost{c.bits + bits, c.segments + 1} }

// cheaper returns the cheaper of two ways to reach a state, the first on a
// tie, with its back pointer.
func cheaper(a cost, pa uint8, b cost, pb uint8) (cost, uint8) {
	if b.less(a) {
		return b, pb
	}
	return a, pa
}

// costs holds, for each state, the cost of the cheapest encoding of a
// prefix of the text that ends in that state.
type costs [numStates]cost

// cheapest returns the state of least cost, the first of equal ones.
func (c *costs) cheapest() int {
	best := 0
	for s := 1; s < numStates; s++ {
		if c[s].less(c[best]) {
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
	numericHeader := modeIndicatorBits + numericCountBits[class]
	alnumHeader := modeIndicatorBits + alnumCountBits[class]
	cur := costs{unreachable, unreachable, unreachable, unreachable, unreachable}
	for i := 0; i < len(text); i++ {
		// A new segment follows the cheapest encoding of the prefix.
		best, from := cost{}, uint8(fromStart|newSegment)
		if i > 0 {
			b := cur.cheapest()
			best, from = cur[b], uint8(b)|newSegment
		}
		var next costs
		var prev [numStates]uint8
		// An alphanumeric segment grows, or one begins.
		next[alnum0], prev[alnum0] = cur[alnum1].grown(alnumPairBits-alnumSingleBits), alnum1
		next[alnum1], prev[alnum1] = cheaper(
			cur[alnum0].grown(alnumSingleBits), alnum0,
			best.opened(alnumHeader+alnumSingleBits), from)
		// So does a numeric one, for a digit.
		next[numeric1], next[numeric2], next[numeric0] = unreachable, unreachable, unreachable
		if isDigit(text[i]) {
			next[numeric2], prev[numeric2] = cur[numeric1].grown(numericPairBits-numericSingleBits), numeric1
			next[numeric0], prev[numeric0] = cur[numeric2].grown(numericTripleBits-numericPairBits), numeric2
			next[numeric1], prev[numeric1] = cheaper(
				cur[numeric0].grown(numericSingleBits), numeric0,
				best.opened(numericHeader+numericSingleBits), from)
		}
		if back != nil {
			copy(back[i*numStates:], prev[:])
		}
		cur = next
	}
	return cur
}

// optimalSegments returns the segments of the cheapest encoding of text in
// the given size class, the one [segmentation] costs.
func optimalSegments(text string, class int) []segment {
	back := make([]uint8, len(text)*numStates)
	final := segmentation(text, class, back)
	var segs []segment
	s, end := final.cheapest(), len(text)
	for i := len(text) - 1; i >= 0; i-- {
		p := back[i*numStates+s]
		if p&newSegment != 0 {
			segs = append(segs, segment{mode: stateMode(s), start: i, end: end})
			end = i
		}
		s = int(p &^ newSegment)
	}
	slices.Reverse(segs)
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
		if c.bits > free {
			continue
		}
		var n int
		switch s {
		case alnum0:
			n = alnumChars(free - c.bits)
		case alnum1:
			// The segment's last character took 6 bits; paired with the
			// first new one it takes 11.
			n = alnumChars(free-c.bits+alnumSingleBits) - 1
		default:
			n = alnumChars(free - c.bits - modeIndicatorBits - alnumCountBits[class])
		}
		most = max(most, n)
	}
	return most
}
