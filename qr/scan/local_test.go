package scan

import (
	"image"
	"image/color"
	"testing"

	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan/internal/degrade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// truthModules returns the modules of the code that holds s's text,
// quiet zone excluded.
func truthModules(t *testing.T, s degrade.Sample) (dark []bool, d int) {
	t.Helper()
	c, err := render.New(s.Text, render.Options{Level: s.Level, ModuleSize: 1})
	require.NoError(t, err)
	img := c.Image()
	d = c.Layout().Modules
	dark = make([]bool, d*d)
	for y := range d {
		for x := range d {
			q := render.QuietZone
			dark[y*d+x] = color.GrayModel.Convert(img.At(img.Bounds().Min.X+x+q, img.Bounds().Min.Y+y+q)).(color.Gray).Y < 128
		}
	}
	return dark, d
}

// localGrid builds the local grid of a sample at its true dimension, from
// the best triple of finder patterns of its hybrid binarization.
func localGrid(t *testing.T, g *image.Gray, d int) *grid {
	t.Helper()
	m := hybrid(g)
	require.NotNil(t, m)
	f, ok := locate(m)
	require.True(t, ok)
	cands := localCandidates(located{m, f}, g, &budget{})
	require.NotEmpty(t, cands)
	gr, ok := newGrid(g, cands[0].f, d, &budget{})
	require.True(t, ok)
	return gr
}

// TestLocalGridSamplesEveryModule checks that the local grid puts every
// module of a distorted code where it is: the sampled symbol equals the
// rendered one, module for module, where one transform drifts.
func TestLocalGridSamplesEveryModule(t *testing.T) {
	want := map[string]bool{"perspective-steep": true, "barrel": true, "pincushion": true, "wave": true}
	for _, cl := range degrade.Classes() {
		if !want[cl.Name] {
			continue
		}
		t.Run(cl.Name, func(t *testing.T) {
			s, err := cl.Sample(corpusSeed, 0)
			require.NoError(t, err)
			truth, d := truthModules(t, s)
			gr := localGrid(t, s.Image, d)
			bits := moduleThresholds[0].apply(gr.sample(s.Image, &budget{}), d)
			wrong := 0
			for y := range d {
				for x := range d {
					if bits.Get(x, y) != truth[y*d+x] {
						wrong++
					}
				}
			}
			// One transform for the whole symbol gets thousands wrong.
			assert.LessOrEqual(t, wrong, d*d/200, "modules sampled wrong, of %d", d*d)
		})
	}
}

// TestReadVersion reads the version information of codes of several
// versions, flat and in perspective, before any grid is built.
func TestReadVersion(t *testing.T) {
	for _, name := range []string{"rotation", "perspective-steep", "barrel"} {
		for _, cl := range degrade.Classes() {
			if cl.Name != name {
				continue
			}
			for i := range 3 {
				s, err := cl.Sample(corpusSeed, i)
				require.NoError(t, err)
				m := hybrid(s.Image)
				f, ok := locate(m)
				require.True(t, ok)
				cands := localCandidates(located{m, f}, s.Image, &budget{})
				require.NotEmpty(t, cands, "%s %d", name, i)
				c := cands[0]
				estimate := candidateDimensions(c.dim)[0]
				tr, ok := fitProjective(seedMatches(c.f, estimate), projectiveRidge)
				require.True(t, ok)
				got, ok := readVersion(s.Image, c.f, &tr, estimate)
				require.True(t, ok, "%s %d", name, i)
				assert.Equal(t, 17+4*s.Version, got, "%s %d", name, i)
			}
		}
	}
}

// TestModuleThresholdsUnderGlare thresholds a symbol of alternating modules
// whose right half is washed out to nearly white: the local thresholds keep
// them apart where a global one cannot. They are checked a window away
// from the glare's edge, which is sharp here and soft in a photo.
func TestModuleThresholdsUnderGlare(t *testing.T) {
	const d = 25
	vals := make([]float64, d*d)
	for y := range d {
		for x := range d {
			dark, light := 40.0, 220.0
			if x >= d/2 {
				dark, light = 230, 255 // glare: 25 levels apart
			}
			vals[y*d+x] = light
			if (x+y)%2 == 0 {
				vals[y*d+x] = dark
			}
		}
	}
	for _, th := range moduleThresholds {
		bits := th.apply(vals, d)
		for y := range d {
			for x := range d {
				if x > d/2-th.window && x < d/2+th.window {
					continue
				}
				require.Equal(t, (x+y)%2 == 0, bits.Get(x, y), "%v at %d,%d", th, x, y)
			}
		}
	}
}

// TestEdgePoint checks the perspective split of a side: the point halfway
// in modules lies nearer the end with the smaller modules.
func TestEdgePoint(t *testing.T) {
	a, b := point{0, 0}, point{100, 0}
	assert.InDelta(t, 50, edgePoint(a, b, 2, 2, 25, 50).x, 1e-9)
	near := edgePoint(a, b, 3, 1, 25, 50) // large modules at a
	assert.Greater(t, near.x, 50.0)
	// The module size at a, the slope of the map there, is sa·(n/d)·… :
	// doubling the sizes at both ends changes nothing.
	assert.InDelta(t, near.x, edgePoint(a, b, 6, 2, 25, 50).x, 1e-9)
}

// TestRefineFollowsRipples checks that refining the sampling of a rippled
// card, whose rows of modules curve between alignment patterns, puts the
// modules right.
func TestRefineFollowsRipples(t *testing.T) {
	for _, cl := range degrade.Classes() {
		if cl.Name != "wave" {
			continue
		}
		s, err := cl.Sample(corpusSeed, 1)
		require.NoError(t, err)
		truth, d := truthModules(t, s)
		gr := localGrid(t, s.Image, d)
		wrong := func(vals []float64) int {
			bits := moduleThresholds[0].apply(vals, d)
			n := 0
			for y := range d {
				for x := range d {
					if bits.Get(x, y) != truth[y*d+x] {
						n++
					}
				}
			}
			return n
		}
		vals := gr.sample(s.Image, &budget{})
		before := wrong(vals)
		require.Positive(t, before, "the sample no longer needs refining")
		r := refine(s.Image, gr, moduleThresholds[0].apply(vals, d), refinement{}, &budget{})
		assert.LessOrEqual(t, wrong(r.vals), before/10, "modules wrong after refining, %d before", before)
	}
}
