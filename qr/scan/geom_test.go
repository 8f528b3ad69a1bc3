package scan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFitProjective(t *testing.T) {
	want := projective{3.1, 0.4, 20, -0.3, 2.9, 35, 0.002, -0.001}
	var ms []match
	for _, p := range []point{{3.5, 3.5}, {53.5, 3.5}, {3.5, 53.5}, {50.5, 50.5}, {28.5, 28.5}} {
		ms = append(ms, match{module: p, pixel: want.at(p), weight: 1})
	}
	for _, n := range []int{4, 5} {
		got, ok := fitProjective(ms[:n], 0)
		require.True(t, ok)
		for _, p := range []point{{0, 0}, {57, 57}, {10, 40}} {
			g, w := got.at(p), want.at(p)
			assert.InDelta(t, w.x, g.x, 1e-6)
			assert.InDelta(t, w.y, g.y, 1e-6)
		}
	}
	affine, ok := fitProjective(ms[:3], projectiveRidge)
	require.True(t, ok)
	assert.Zero(t, affine[6])
	for _, m := range ms[:3] {
		g := affine.at(m.module)
		assert.InDelta(t, m.pixel.x, g.x, 1e-6)
		assert.InDelta(t, m.pixel.y, g.y, 1e-6)
	}
	line := []match{{point{0, 0}, point{0, 0}, 1}, {point{1, 1}, point{2, 2}, 1}, {point{2, 2}, point{4, 4}, 1}}
	_, ok = fitProjective(line, 0)
	assert.False(t, ok)
}
