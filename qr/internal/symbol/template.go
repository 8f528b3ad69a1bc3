package symbol

import (
	"sync"

	"github.com/idqr/claim169/qr"
)

// A symbol's modules are held as bit rows: bit x%64 of word x/64 of row y
// is the module at column x, set for a dark module, and each row takes the
// same number of 64-bit words. A version-40 symbol is 177 modules on a
// side, three words a row.

// WordsFor returns the words a row of side modules takes.
func WordsFor(side int) int { return (side + 63) / 64 }

// Template is what every symbol of a version shares: the function
// patterns, the modules that hold data, and the order the data bits are
// placed in (ISO/IEC 18004 §7.7 and §7.9).
type Template struct {
	Side, Words int
	// Function holds the dark modules of the finder, separator, timing and
	// alignment patterns, the dark module and the version information;
	// the format information is left light, for each mask to fill.
	Function []uint64
	// Region holds the modules that carry data (remainder bits included):
	// the modules a data mask inverts. RegionT is its transpose.
	Region, RegionT []uint64
	// Order lists the data modules in placement order, each as y<<8 | x:
	// the codewords' bits, most significant first, then the remainder
	// bits, which stay light before masking.
	Order []uint16
	// Codewords is the number of codewords the symbol holds, len(Order)/8.
	Codewords int
}

// templates holds the template of each version, built on first use.
var templates [qr.MaxVersion]struct {
	once sync.Once
	t    *Template
}

// TemplateOf returns the template of version v, 1..40, shared: it must
// not be modified.
func TemplateOf(v int) *Template {
	t := &templates[v-1]
	t.once.Do(func() { t.t = newTemplate(v) })
	return t.t
}

// Module kinds while a template is built.
const (
	moduleFree  = iota // a data module
	moduleLight        // a light function module
	moduleDark         // a dark function module
)

// grid is a version's modules while its template is built.
type grid struct {
	side  int
	kinds []uint8
}

func (g *grid) set(x, y int, dark bool) {
	k := uint8(moduleLight)
	if dark {
		k = moduleDark
	}
	g.kinds[y*g.side+x] = k
}

// newTemplate builds the template of version v.
func newTemplate(v int) *Template {
	side := 17 + 4*v
	g := &grid{side: side, kinds: make([]uint8, side*side)}
	// Finder patterns and their separators (§6.3.3): rings at Chebyshev
	// distance 0-1 and 3 from the centre are dark, 2 and 4 light.
	for _, c := range [][2]int{{3, 3}, {side - 4, 3}, {3, side - 4}} {
		for y := c[1] - 4; y <= c[1]+4; y++ {
			for x := c[0] - 4; x <= c[0]+4; x++ {
				if x >= 0 && y >= 0 && x < side && y < side {
					d := max(abs(x-c[0]), abs(y-c[1]))
					g.set(x, y, d != 2 && d != 4)
				}
			}
		}
	}
	// Timing patterns (§6.3.5).
	for i := 8; i < side-8; i++ {
		g.set(i, 6, i%2 == 0)
		g.set(6, i, i%2 == 0)
	}
	// Alignment patterns (§6.3.6), except where they would cover a finder.
	centres := AlignmentCentres(v)
	for _, cy := range centres {
		for _, cx := range centres {
			if cx == 6 && cy == 6 || cx == 6 && cy == side-7 || cx == side-7 && cy == 6 {
				continue // a finder pattern's place
			}
			for y := cy - 2; y <= cy+2; y++ {
				for x := cx - 2; x <= cx+2; x++ {
					g.set(x, y, max(abs(x-cx), abs(y-cy)) != 1)
				}
			}
		}
	}
	// Format information (§7.9.1), filled for each mask, and the dark
	// module beside it.
	for _, copies := range FormatPositions(side) {
		for _, p := range copies {
			g.set(p[0], p[1], false)
		}
	}
	g.set(8, side-8, true)
	// Version information (§7.10), for versions 7 and up.
	if v >= 7 {
		info := VersionInfo(v)
		for k := range 18 {
			dark := info>>k&1 != 0
			g.set(k/3, side-11+k%3, dark)
			g.set(side-11+k%3, k/3, dark)
		}
	}
	return g.template()
}

// template returns the template of the grid's function patterns, with the
// data modules in placement order (§7.7.3): upwards and downwards in turn
// in columns two modules wide, from the right, right module first,
// skipping the vertical timing pattern.
func (g *grid) template() *Template {
	side, words := g.side, WordsFor(g.side)
	t := &Template{
		Side: side, Words: words,
		Function: make([]uint64, side*words),
		Region:   make([]uint64, side*words),
		RegionT:  make([]uint64, side*words),
	}
	for y := range side {
		for x := range side {
			switch g.kinds[y*side+x] {
			case moduleDark:
				t.Function[y*words+x/64] |= 1 << (x % 64)
			case moduleFree:
				t.Region[y*words+x/64] |= 1 << (x % 64)
				t.RegionT[x*words+y/64] |= 1 << (y % 64)
			}
		}
	}
	up := true
	for right := side - 1; right > 0; right -= 2 {
		if right == 6 {
			right--
		}
		for i := range side {
			y := i
			if up {
				y = side - 1 - i
			}
			for x := right; x > right-2; x-- {
				if g.kinds[y*side+x] == moduleFree {
					t.Order = append(t.Order, uint16(y<<8|x))
				}
			}
		}
		up = !up
	}
	t.Codewords = len(t.Order) / 8
	return t
}

// AlignmentCentres returns the row and column coordinates of the centres
// of version v's alignment patterns (ISO/IEC 18004 Annex E): none for
// version 1; otherwise 6, then v/7+1 more spaced evenly from the far edge
// at an even step, except for version 32 whose step is 26.
func AlignmentCentres(v int) []int {
	if v == 1 {
		return nil
	}
	n := v/7 + 2
	step := 26
	if v != 32 {
		step = (4*v + 4 + 2*n - 3) / (2*n - 2) * 2 // (4v+4)/(2n-2) rounded up to even
	}
	centres := make([]int, n)
	centres[0] = 6
	for i := 1; i < n; i++ {
		centres[n-i] = 17 + 4*v - 7 - (i-1)*step
	}
	return centres
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
