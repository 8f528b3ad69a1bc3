package qr

import (
	"strings"
	"testing"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzPlan checks the layout of any text: figures that agree with each
// other and with the tables, the smallest version for the bits, no more
// bits than one segment takes, and, for short texts, the bits of the best
// segmentation found by brute force.
func FuzzPlan(f *testing.F) {
	for _, text := range qrtest.RoundTripTexts() {
		f.Add(text, uint8(M))
	}
	f.Add("", uint8(0))
	f.Add("lower case", uint8(L))
	f.Add(qrtest.BoundaryText(MaxCharacters(40, H)+1), uint8(H))
	f.Add("AB"+strings.Repeat("1", 21), uint8(M))
	f.Add("1A2B33C444D5555E66666F7777777", uint8(Q))
	f.Fuzz(func(t *testing.T, text string, level uint8) {
		l := Level(level % 6)
		p, err := Plan(text, l)
		if err != nil {
			assert.Equal(t, Layout{}, p)
			return
		}
		require.GreaterOrEqual(t, p.Version, MinVersion)
		require.LessOrEqual(t, p.Version, MaxVersion)
		l = p.Level
		assert.Equal(t, 17+4*p.Version, p.Modules)
		assert.Equal(t, len(text), p.Characters)
		assert.Equal(t, p.Characters+p.Remaining, p.Capacity)
		assert.GreaterOrEqual(t, p.Remaining, 0)
		assert.Equal(t, 8*dataCodewords[p.Version-1][l.index()], p.CapacityBits)
		assert.LessOrEqual(t, p.Bits, p.CapacityBits)
		class := sizeClass(p.Version)
		if p.Version > classFirst[class] {
			assert.Greater(t, p.Bits, dataBits(p.Version-1, l), "smallest version of the class")
		}
		for c := range class {
			final := segmentation(text, c, nil)
			assert.Greater(t, final[final.cheapest()].bits(), dataBits(classLast[c], l), "no smaller class")
		}
		switch p.Mode {
		case ModeNumeric:
			assert.Equal(t, capacity(ModeNumeric, p.Version, l), p.Capacity)
		case ModeAlphanumeric:
			assert.GreaterOrEqual(t, p.Capacity, MaxCharacters(p.Version, l))
		}
		assert.Equal(t, p.Mode == ModeMixed, p.Segments > 1)
		assert.LessOrEqual(t, p.Bits, segmentCost(text, ModeAlphanumeric, class))
		if len(text) <= 12 {
			assert.Equal(t, bruteForceBits(text, class), p.Bits)
		}
	})
}
