package photo

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"
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
	img := photoLike(4000, 3000, 8)
	var err error
	used := allocated(func() { _, err = Fit(img, Options{MaxBytes: 600}) })
	require.NoError(t, err)
	assert.Less(t, used, uint64(2*4000*3000))
}

// BenchmarkFitReaderWorst fits the costliest pictures the bounds admit:
// 16 megapixels of 16-bit RGBA PNG, of progressive JPEG in 32 scans, and of
// noise as a JPEG (the most entropy-coded data per pixel). Each must take
// under a second (ns/op) and 256 MiB (B/op counts all allocations, not
// the peak).
func BenchmarkFitReaderWorst(b *testing.B) {
	noise := image.NewGray(image.Rect(0, 0, 4000, 4000))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = byte(r.IntN(256))
	}
	var buf bytes.Buffer
	require.NoError(b, jpeg.Encode(&buf, noise, &jpeg.Options{Quality: 75}))
	for name, data := range map[string][]byte{
		"PNG RGBA 16-bit":       imagetest.BlankPNG(4000, 4000, 16, imagetest.RGBA, false),
		"JPEG progressive 32":   imagetest.ProgressiveJPEG(4000, 4000, 32),
		"JPEG of noise, 11 MiB": buf.Bytes(),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := FitReader(bytes.NewReader(data), Options{MaxBytes: 600}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
