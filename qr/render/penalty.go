package render

import "math/bits"

// The penalty rules of ISO/IEC 18004 §7.8.3, by which an encoder chooses
// the data mask, computed 64 modules at a time: each rule looks along the
// columns of a matrix, one word of every row at once, so that the rows of
// a symbol are looked at through its transpose. The rules count what
// gozxing's (and ZXing's) MaskUtil counts, so that both choose the same
// mask: modules outside the symbol count as light.

// Penalty weights (§7.8.3, Table 11).
const (
	penaltyRun     = 3  // N1: a run of five modules of one colour, +1 a module more
	penaltyBlock   = 3  // N2: a 2×2 block of one colour
	penaltyFinder  = 40 // N3: 1:1:3:1:1 dark-light-dark-light-dark, 4 light modules before or after
	penaltyBalance = 10 // N4: each 5% of dark modules away from half
)

// pad is the number of light rows a matrix keeps above and below its
// symbol, as many as the finder rule looks past the edge.
const pad = 4

// validBits returns the bits of word w that hold modules of a row of side
// modules.
func validBits(side, w int) uint64 {
	n := side - 64*w
	if n >= 64 {
		return ^uint64(0)
	}
	return 1<<n - 1
}

// runPenalty returns the N1 penalty of the columns of m, a padded matrix
// of side rows of words words: 3 + (k-5) for each run of k ≥ 5 modules of
// one colour. A run of k has k-4 places where five modules of its colour
// start, and one of them follows none: it counts 1 + (3-1) = 3, the others
// 1 each.
func runPenalty(m []uint64, side, words int) int {
	n := 0
	for w := range words {
		valid := validBits(side, w)
		var lastDark, lastLight uint64
		for i := pad*words + w; i+4*words < (pad+side)*words; i += words {
			r0, r1, r2, r3, r4 := m[i], m[i+words], m[i+2*words], m[i+3*words], m[i+4*words]
			dark := r0 & r1 & r2 & r3 & r4
			light := ^(r0 | r1 | r2 | r3 | r4) & valid
			n += bits.OnesCount64(dark) + bits.OnesCount64(light) +
				(penaltyRun-1)*(bits.OnesCount64(dark&^lastDark)+bits.OnesCount64(light&^lastLight))
			lastDark, lastLight = dark, light
		}
	}
	return n
}

// blockPenalty returns the N2 penalty of m: 3 for each 2×2 block of one
// colour (which counts an m×n block (m-1)(n-1) times, as the rule asks).
func blockPenalty(m []uint64, side, words int) int {
	n := 0
	for i := pad * words; i+words < (pad+side)*words; i += words {
		for w := range words {
			a, b := m[i+w], m[i+w+words]
			dark, light := a&b, ^(a|b)&validBits(side, w)
			// The next word's first column, to the right of this word's last.
			var nextDark, nextLight uint64
			if w+1 < words {
				a, b = m[i+w+1], m[i+w+1+words]
				nextDark, nextLight = a&b, ^(a|b)&validBits(side, w+1)
			}
			n += bits.OnesCount64(dark&(dark>>1|nextDark<<63)) +
				bits.OnesCount64(light&(light>>1|nextLight<<63))
		}
	}
	return penaltyBlock * n
}

// finderPenalty returns the N3 penalty of the columns of m: 40 for each
// place where dark, light, three dark, light, dark modules follow each
// other with four light modules before them or after them (or both,
// counted once); the pad rows stand for the light outside the symbol.
func finderPenalty(m []uint64, side, words int) int {
	n := 0
	for w := range words {
		for i := pad*words + w; i+6*words < (pad+side)*words; i += words {
			p := m[i] &^ m[i+words] & m[i+2*words] & m[i+3*words] & m[i+4*words] &^
				m[i+5*words] & m[i+6*words]
			if p == 0 {
				continue
			}
			before := m[i-words] | m[i-2*words] | m[i-3*words] | m[i-4*words]
			after := m[i+7*words] | m[i+8*words] | m[i+9*words] | m[i+10*words]
			n += bits.OnesCount64(p &^ (before & after))
		}
	}
	return penaltyFinder * n
}

// balancePenalty returns the N4 penalty of a symbol of total modules with
// dark ones: 10 for each whole 5% of the modules by which the dark ones
// are more or fewer than half.
func balancePenalty(dark, total int) int {
	return abs(2*dark-total) * 10 / total * penaltyBalance
}

// darkModules counts the dark modules of m.
func darkModules(m []uint64) int {
	n := 0
	for _, w := range m {
		n += bits.OnesCount64(w)
	}
	return n
}

// penalty returns the penalty of a symbol under the four rules, from m,
// its padded matrix, and mT, the transpose. It stops once the penalty
// reaches limit, returning what it has counted: a mask with as much as
// the best so far is not chosen.
func penalty(m, mT []uint64, side, words, limit int) int {
	p := balancePenalty(darkModules(m), side*side) + blockPenalty(m, side, words)
	if p >= limit {
		return p
	}
	p += runPenalty(m, side, words) + runPenalty(mT, side, words)
	if p >= limit {
		return p
	}
	return p + finderPenalty(m, side, words) + finderPenalty(mT, side, words)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
