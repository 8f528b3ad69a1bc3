package scan

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/render"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxScanAlloc bounds the bytes one scan allocates, the working image
// included and the caller's image not: what the rule of 256 MiB a scan
// leaves for the decoded image and the caller.
const maxScanAlloc = 160 << 20

// workSide is the side of the largest square working image.
const workSide = 1773

// noiseImage returns a side×side image of random grey levels, which gives
// the finder search the most to reject.
func noiseImage(side int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range g.Pix {
		g.Pix[i] = uint8(r.IntN(256))
	}
	return g
}

// alignmentTiles returns three finder patterns at the corners of a symbol
// of version 40 whose inside is tiled with alignment patterns, at 3 pixels
// a module: every triple of finder patterns and every dimension tried
// finds an alignment pattern wherever it looks, so the local grids run to
// their end, and no decode succeeds.
func alignmentTiles() *image.Gray {
	const d, quiet, px = 177, 4, 3
	dark := make([]bool, d*d)
	for y := range d {
		for x := range d {
			mx, my := x%6, y%6
			if mx < 5 && my < 5 {
				dark[y*d+x] = mx == 0 || my == 0 || mx == 4 || my == 4 || (mx == 2 && my == 2)
			}
		}
	}
	for _, c := range [][2]int{{0, 0}, {d - 7, 0}, {0, d - 7}} {
		for y := -1; y < 8; y++ {
			for x := -1; x < 8; x++ {
				mx, my := c[0]+x, c[1]+y
				if mx < 0 || my < 0 || mx >= d || my >= d {
					continue
				}
				ring := x == 0 || y == 0 || x == 6 || y == 6
				core := x >= 2 && x <= 4 && y >= 2 && y <= 4
				dark[my*d+mx] = x >= 0 && y >= 0 && x <= 6 && y <= 6 && (ring || core)
			}
		}
	}
	side := (d + 2*quiet) * px
	g := image.NewGray(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			mx, my := x/px-quiet, y/px-quiet
			if mx < 0 || my < 0 || mx >= d || my >= d || !dark[my*d+mx] {
				g.Pix[y*side+x] = 0xff
			}
		}
	}
	return g
}

// alignmentTilesInNoise returns alignmentTiles in a field of noise at the
// working size: the work of the binarizations and finder searches that
// noise costs, and of the local grids, in one image.
func alignmentTilesInNoise() *image.Gray {
	g, a := noiseImage(workSide), alignmentTiles()
	for y := range a.Rect.Dy() {
		copy(g.Pix[(y+100)*g.Stride+100:], a.Pix[y*a.Stride:(y+1)*a.Stride])
	}
	return g
}

// hugeImage is an image of MaxPixels of noise that only has At: the slow
// path of the conversion to grey, which reads one pixel a block.
type hugeImage struct{}

func (hugeImage) ColorModel() color.Model { return color.GrayModel }
func (hugeImage) Bounds() image.Rectangle { return image.Rect(0, 0, 4000, 4000) }
func (hugeImage) At(x, y int) color.Color {
	return color.Gray{Y: uint8((x*7919 + y*104729) >> 3)}
}

// TestScanCost scans the worst images there are for each part of the work
// and checks what the scan did against the bounds: pixels made, grids
// built, grey levels read, decodes, bytes allocated.
func TestScanCost(t *testing.T) {
	cases := map[string]image.Image{
		"noise at the working size":  noiseImage(workSide),
		"finder tiles":               finderTiles(workSide, 2, 2),
		"alignment tiles":            alignmentTiles(),
		"alignment tiles in noise":   alignmentTilesInNoise(),
		"16 megapixels through At":   hugeImage{},
		"a code at the working size": toGray(codeImage(t, qrtest.Version20Text(), render.Options{ModuleSize: 16})),
	}
	for name, img := range cases {
		t.Run(name, func(t *testing.T) {
			var cost budget
			cpu, allocated := testsupport.Cost(func() { _, cost, _ = scanImage(img) })
			assert.LessOrEqual(t, cost.grids, maxGrids)
			assert.LessOrEqual(t, cost.decodes, maxDecodes)
			assert.LessOrEqual(t, cost.pixels, int64(maxPixelPasses*maxWorkPixels))
			assert.LessOrEqual(t, cost.samples, int64(maxScanSamples))
			assert.LessOrEqual(t, cost.pixels+cost.samples, int64(maxWork+maxAttemptWork))
			assert.LessOrEqual(t, allocated, uint64(maxScanAlloc))
			// The CPU time is for BENCHMARKS.md, not a check: it
			// depends on the machine and its load.
			t.Logf("grids %d, decodes %d, pixels %.1f working images, samples %.1f M, allocated %d MiB, CPU %v",
				cost.grids, cost.decodes, float64(cost.pixels)/maxWorkPixels, float64(cost.samples)/1e6,
				allocated>>20, cpu.Round(time.Millisecond))
		})
	}
}

// TestAlignmentTilesSpendBudget checks that the adversarial image does
// make the scan spend most of its grid and decode budget, so that
// TestScanCost measures a worst case, not an easy one.
func TestAlignmentTilesSpendBudget(t *testing.T) {
	text, cost, err := scanImage(alignmentTiles())
	require.ErrorIs(t, err, ErrNotFound)
	assert.Empty(t, text)
	assert.GreaterOrEqual(t, cost.grids, maxGrids/2)
	assert.GreaterOrEqual(t, cost.decodes, maxDecodes/2)
}

// TestShrinkFactor checks the working size.
func TestShrinkFactor(t *testing.T) {
	for _, tt := range []struct{ w, h, want int }{
		{2048, 1536, 1}, {2049, 1536, 2}, {1773, 1773, 1}, {1774, 1774, 2},
		{4000, 3000, 2}, {4032, 3024, 2}, {4608, 3456, 3}, {4000, 4000, 3}, {7071, 7071, 4}, {50_000_000, 1, 16},
	} {
		f := shrinkFactor(tt.w, tt.h)
		assert.Equal(t, tt.want, f, "%d×%d", tt.w, tt.h)
		assert.LessOrEqual(t, (tt.w/f)*(tt.h/f), maxWorkPixels)
	}
}
