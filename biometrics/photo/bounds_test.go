package photo

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/internal/testsupport"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 { return testsupport.BytesPerRun(1, f) }

// TestFitReaderRefusesCostlyInputs checks that the pictures whose decoding
// would cost most are refused from their headers, before a pixel is
// decoded: a progressive JPEG of 2000 scans, a blank PNG declaring 64
// megapixels, and a 16-bit interlaced PNG (16 bytes a pixel while it
// decodes) of 9 megapixels.
func TestFitReaderRefusesCostlyInputs(t *testing.T) {
	inputs := map[string][]byte{
		"2000 scans":            imagetest.ProgressiveJPEG(1000, 1000, 2000),
		"64 megapixels":         imagetest.BlankPNG(8000, 8000, 8, imagetest.Gray, false),
		"16-bit interlaced PNG": imagetest.BlankPNG(3000, 3000, 16, imagetest.RGBA, true),
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			var out []byte
			var err error
			used := allocated(func() { out, err = FitReader(bytes.NewReader(data), Options{MaxBytes: 600}) })
			require.ErrorIs(t, err, ErrTooLarge)
			assert.Nil(t, out)
			// Reading the input takes up to three times its size.
			assert.Less(t, used, 3*uint64(len(data))+64<<10, "nothing decoded")
		})
	}
}

// TestFitShrinksFirst checks that a large picture is shrunk before the
// Catmull-Rom filter: fitting 12 megapixels allocates under 2 bytes a
// pixel, where the filter over the source alone takes over 3.
func TestFitShrinksFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("a 12-megapixel picture")
	}
	img := imagetest.Portrait(4000, 3000, 8)
	var err error
	used := allocated(func() { _, err = Fit(img, Options{MaxBytes: 600}) })
	require.NoError(t, err)
	assert.Less(t, used, uint64(2*4000*3000))
}

// TestFitReaderCost fits the worst image of each shape the decoder admits
// (imagetest.WorstCases) and checks the rule of 256 MiB and a second by
// what is done, not by timing: each is admitted and fitted, allocating at
// most 256 MiB in all, reading and decoding included. The decoding time is
// bounded by the decoder's estimate (internal/imagedec's
// TestWorstCasesAdmitted); fitting a picture shrinks it first
// (TestFitShrinksFirst). The CPU time is logged for BENCHMARKS.md.
func TestFitReaderCost(t *testing.T) {
	var out []byte
	imagetest.RunWorstCases(t, func(data []byte) (err error) {
		out, err = FitReader(bytes.NewReader(data), Options{MaxBytes: 600})
		return err
	}, func(t *testing.T, _ imagetest.Encoded, err error, used uint64) {
		require.NoError(t, err)
		assert.LessOrEqual(t, len(out), 600)
		assert.LessOrEqual(t, used, uint64(256<<20))
	})
}

// BenchmarkFitReaderWorst fits the worst image of each shape the decoder
// admits (imagetest.WorstCases), and reports its CPU time ("cpu-ms", the
// garbage collector's included) beside the wall time (ns/op) and all it
// allocates (B/op): each must stay under a second and 256 MiB.
func BenchmarkFitReaderWorst(b *testing.B) {
	imagetest.BenchWorstCases(b, func(b *testing.B, data []byte) {
		if _, err := FitReader(bytes.NewReader(data), Options{MaxBytes: 600}); err != nil {
			b.Fatal(err)
		}
	})
}
