package imagedec

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/internal/magic"
	"github.com/idqr/claim169/internal/testsupport"
)

// defaultsConfig accepts every format under the package's own bounds.
func defaultsConfig() *Config {
	c := testConfig()
	c.MaxBytes, c.MaxPixels = MaxBytes, MaxPixels
	return c
}

// estimate returns the decoding time estimated for data.
func estimate(t testing.TB, data []byte) time.Duration {
	t.Helper()
	c := defaultsConfig()
	pic, err := inspect(magic.Detect(data), data, DefaultMaxScans)
	require.NoError(t, err)
	img, err := c.Decode(data)
	require.NoError(t, err)
	b := img.Bounds()
	return pic.decodeTime(b.Dx()*b.Dy(), len(data))
}

// TestWorstCasesAdmitted checks that the worst case of each shape is
// admitted by the default bounds, with its decoding estimated near the
// time bound (the cheap shapes aside), within the memory bound.
func TestWorstCasesAdmitted(t *testing.T) {
	cheap := map[string]bool{"PNG grey noise 12 MP": true, "GIF noise 64 colours 12 MP": true}
	cfg := defaultsConfig()
	imagetest.RunWorstCases(t, func(data []byte) error {
		_, err := cfg.Decode(data)
		return err
	}, func(t *testing.T, c imagetest.Encoded, err error, used uint64) {
		require.NoError(t, err)
		assert.LessOrEqual(t, used, uint64(DefaultMaxMemory)+uint64(len(c.Data))+1<<20)
		d := estimate(t, c.Data)
		assert.LessOrEqual(t, d, DefaultMaxDecodeTime)
		if !cheap[c.Name] {
			assert.Greater(t, d, DefaultMaxDecodeTime*85/100, "a worst case near the bound")
		}
	})
}

// TestDecodeTimeRefused checks that the same shapes a little larger, each
// within the byte, pixel, scan and memory bounds, are refused for the time
// their decoding would take, before a pixel is decoded.
func TestDecodeTimeRefused(t *testing.T) {
	testsupport.SkipUnderRace(t, "decodes the refused pictures with a larger bound, ten times slower")
	inputs := map[string][]byte{
		"16-bit RGBA PNG, Paeth, 16 MP":       imagetest.FilteredPNG(4000, 4000, 16, imagetest.RGBA, imagetest.FilterPaeth, false),
		"16-bit RGBA PNG, interlaced, 8.4 MP": imagetest.FilteredPNG(2896, 2896, 16, imagetest.RGBA, imagetest.FilterPaeth, true),
		"progressive JPEG, 32 scans, 16 MP":   imagetest.ProgressiveJPEG(4000, 4000, DefaultMaxScans),
		"baseline JPEG 4:4:4, 12 MP":          imagetest.DenseJPEG(4000, 3000),
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			c := defaultsConfig()
			var err error
			used := bytesPerRun(1, func() { _, err = c.Decode(data) })
			require.ErrorIs(t, err, errTooLarge)
			assert.Less(t, used, uint64(len(data))+64<<10, "nothing decoded")
			c.MaxDecodeTime = time.Second
			_, err = c.Decode(data)
			require.NoError(t, err, "within the other bounds")
		})
	}
}

// BenchmarkDecodeWorst decodes the worst case of each shape
// (imagetest.WorstCases) under the default bounds, and reports the
// estimate ("estimate-ms") beside the time it takes (ns/op; the CPU time
// is "cpu-ms"): each must take at most about its estimate, and at most
// DefaultMaxMemory (B/op).
func BenchmarkDecodeWorst(b *testing.B) {
	for _, c := range imagetest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			cfg := defaultsConfig()
			benchtest.LoopCPU(b, func() {
				if _, err := cfg.Decode(c.Data); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(estimate(b, c.Data).Milliseconds()), "estimate-ms")
		})
	}
}
