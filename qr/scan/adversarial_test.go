package scan

import (
	"image"
	"testing"

	"github.com/makiuchi-d/gozxing"

	"github.com/idqr/claim169/qr/render"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// finderTiles returns a side×side image tiled with finder-pattern-like
// squares of the given module size, which would make gozxing's own search
// weigh millions of triples.
func finderTiles(side, module, gap int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, side, side))
	for i := range g.Pix {
		g.Pix[i] = 0xff
	}
	tile := 7*module + gap
	for ty := 0; ty+tile <= side; ty += tile {
		for tx := 0; tx+tile <= side; tx += tile {
			for y := range 7 * module {
				for x := range 7 * module {
					mx, my := x/module, y/module
					ring := mx == 0 || my == 0 || mx == 6 || my == 6
					core := mx >= 2 && mx <= 4 && my >= 2 && my <= 4
					if ring || core {
						g.Pix[(ty+y)*g.Stride+tx+x] = 0
					}
				}
			}
		}
	}
	return g
}

// TestFinderTilesBounded checks that the finder search gives up on an image
// full of finder-like squares instead of weighing every triple.
func TestFinderTilesBounded(t *testing.T) {
	g := finderTiles(600, 2, 2)
	bitmap, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(luminance(g)))
	require.NoError(t, err)
	m, err := bitmap.GetBlackMatrix()
	require.NoError(t, err)
	_, ok := locate(m)
	assert.False(t, ok, "more than maxFinderCenters candidates")

	text, err := Image(g)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Empty(t, text)
}

// TestLocateFindsThree checks the finder search on a clean code.
func TestLocateFindsThree(t *testing.T) {
	g := toGray(codeImage(t, "LOCATE", render.Options{ModuleSize: 4}))
	bitmap, err := gozxing.NewBinaryBitmap(gozxing.NewHybridBinarizer(luminance(g)))
	require.NoError(t, err)
	m, err := bitmap.GetBlackMatrix()
	require.NoError(t, err)
	f, ok := locate(m)
	require.True(t, ok)
	assert.Len(t, f.GetPossibleCenters(), 3)
	assert.Len(t, triples(f.GetPossibleCenters(), tripleTolerance), 1)
}

func TestCandidateDimensions(t *testing.T) {
	tests := []struct {
		name     string
		estimate float64
		want     []int
	}{
		{"exact version 1", 21, []int{21, 25, 29}},
		{"between", 79, []int{77, 81, 73, 85}},
		{"largest", 177.4, []int{177, 173, 169, 165, 161}},
		{"off the scale", 400, nil},
		{"not a number", nan(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, candidateDimensions(tt.estimate))
		})
	}
}

func nan() float64 {
	zero := 0.0
	return zero / zero
}
