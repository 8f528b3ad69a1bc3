package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// TestOptimizeHuffmanSamePixels checks that the rewritten JPEG is smaller
// and decodes to exactly the pixels of the encoder's own output.
func TestOptimizeHuffmanSamePixels(t *testing.T) {
	sizes := []image.Point{{1, 1}, {7, 9}, {8, 8}, {17, 33}, {64, 48}, {101, 77}, {300, 200}}
	for _, size := range sizes {
		for _, gray := range []bool{false, true} {
			for _, q := range []int{1, 30, 75, 100} {
				t.Run(fmt.Sprintf("%v gray=%v q=%d", size, gray, q), func(t *testing.T) {
					img := imagetest.Portrait(size.X, size.Y, 1)
					var src image.Image = img
					if gray {
						src = toGrayImage(img)
					}
					var buf bytes.Buffer
					require.NoError(t, jpeg.Encode(&buf, src, &jpeg.Options{Quality: q}))
					opt, err := optimizeHuffman(buf.Bytes())
					require.NoError(t, err)
					assert.Less(t, len(opt), buf.Len())
					want, err := jpeg.Decode(bytes.NewReader(buf.Bytes()))
					require.NoError(t, err)
					got, err := jpeg.Decode(bytes.NewReader(opt))
					require.NoError(t, err)
					assert.Equal(t, want, got)
				})
			}
		}
	}
}

func TestOptimizeHuffmanRejects(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, imagetest.Portrait(16, 16, 2), nil))
	good := buf.Bytes()
	tests := map[string][]byte{
		"empty":          nil,
		"not JPEG":       []byte("\x89PNG\r\n\x1a\n"),
		"truncated":      good[:len(good)/2],
		"no EOI":         good[:len(good)-2],
		"trailing bytes": append(append([]byte{}, good...), 0),
		"APP0 segment":   append([]byte{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02}, good[2:]...),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := optimizeHuffman(in)
			require.ErrorIs(t, err, errJPEGLayout)
			assert.Nil(t, out)
		})
	}
}

// TestOptimalCode checks the code built for skewed frequencies: lengths of
// at most 16 bits, a prefix code, and no code of all one bits.
func TestOptimalCode(t *testing.T) {
	fib := [256]int{}
	a, b := 1, 1
	for i := range 40 {
		fib[i] = a
		a, b = b, a+b
	}
	uniform := [256]int{}
	for i := range uniform {
		uniform[i] = 1000
	}
	single := [256]int{}
	single[0] = 5
	r := rand.New(rand.NewPCG(1, 2))
	random := [256]int{}
	for i := range random {
		random[i] = r.IntN(100)
	}
	for name, freq := range map[string][256]int{"fibonacci": fib, "uniform": uniform, "single": single, "random": random} {
		t.Run(name, func(t *testing.T) {
			h, err := optimalCode(&freq)
			require.NoError(t, err)
			kraft := 0.0
			for s, f := range freq {
				if f == 0 {
					continue
				}
				l := h.size[s]
				require.True(t, l >= 1 && l <= 16, "symbol %d length %d", s, l)
				require.NotEqual(t, uint32(1)<<l-1, h.code[s], "all-ones code")
				kraft += 1 / float64(uint32(1)<<l)
				for s2, f2 := range freq {
					if f2 == 0 || s2 == s || h.size[s2] < l {
						continue
					}
					require.NotEqual(t, h.code[s], h.code[s2]>>(h.size[s2]-l), "prefix of another code")
				}
			}
			assert.Less(t, kraft, 1.0)
		})
	}
}
