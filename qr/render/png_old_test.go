package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"sync"
	"testing"

	"github.com/idqr/claim169/internal/imagewrite"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/stretchr/testify/require"
)

// The PNG writer as it was before the module bits (commit e680d2d), kept
// as the baseline of BenchmarkWritePNGRatio and as an oracle: it packs the
// pixels one at a time from a [][]bool of modules, quiet zone included,
// as Code then held them.

var oldPNGWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return w
}}

// oldModules returns c's modules as the old Code held them.
func oldModules(c *Code) [][]bool {
	dark := make([][]bool, c.Size())
	for y := range dark {
		dark[y] = make([]bool, c.Size())
		for x := range dark[y] {
			dark[y][x] = c.Dark(x, y)
		}
	}
	return dark
}

// oldEncodePNG returns the PNG of modules dark at s pixels a module.
func oldEncodePNG(dark [][]bool, s int) []byte {
	n := len(dark)
	width := n * s
	rowLen := 1 + (width+7)/8 // filter byte, then the packed pixels

	var idat bytes.Buffer
	zw := oldPNGWriters.Get().(*zlib.Writer)
	zw.Reset(&idat)
	row := make([]byte, rowLen)
	// The pixel rows of a module row are equal: after the first, each is
	// written with filter type Up (2) as zeros, which deflate packs cheaply.
	same := make([]byte, rowLen)
	same[0] = 2
	for y := range n {
		clear(row)
		// 1 is white in 1-bit grayscale: set the bits of light modules.
		for x := range width {
			if !dark[y][x/s] {
				row[1+x/8] |= 0x80 >> (x % 8)
			}
		}
		_, _ = zw.Write(row) // writes to a bytes.Buffer cannot fail
		for range s - 1 {
			_, _ = zw.Write(same)
		}
	}
	_ = zw.Close()
	zw.Reset(nil)
	oldPNGWriters.Put(zw)

	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(width))
	ihdr[8], ihdr[9] = 1, 0 // bit depth 1, colour type 0 (grayscale)

	out := make([]byte, 0, len(pngSignature)+3*12+len(ihdr)+idat.Len())
	out = append(out, pngSignature...)
	out = imagewrite.AppendPNGChunk(out, "IHDR", ihdr[:])
	out = imagewrite.AppendPNGChunk(out, "IDAT", idat.Bytes())
	return imagewrite.AppendPNGChunk(out, "IEND", nil)
}

// TestPNGMatchesOldWriter decodes the PNG of both writers with image/png,
// for codes of several versions at every module size (the large versions
// at a few, their images being tens of megapixels at the largest): the
// pixels are the same, and so are the bytes of the files, which both
// writers compress alike.
func TestPNGMatchesOldWriter(t *testing.T) {
	r := qrtest.NewRand(43)
	every := make([]int, MaxModuleSize)
	for i := range every {
		every[i] = i + 1
	}
	for _, tt := range []struct {
		version int
		sizes   []int
	}{
		{1, every},
		{7, every},
		{20, []int{1, 2, 3, 5, 8, 13, 32}},
		{40, []int{1, 3, 8}},
	} {
		text := qrtest.RandomText(r, qr.MaxCharacters(tt.version, qr.L))
		for _, size := range tt.sizes {
			t.Run(fmt.Sprintf("version %d size %d", tt.version, size), func(t *testing.T) {
				c, err := New(text, Options{Level: qr.L, ModuleSize: size})
				require.NoError(t, err)
				var buf bytes.Buffer
				require.NoError(t, c.WritePNG(&buf))
				old := oldEncodePNG(oldModules(c), size)
				require.Equal(t, old, buf.Bytes(), "the same file")
				got, err := png.Decode(&buf)
				require.NoError(t, err)
				want, err := png.Decode(bytes.NewReader(old))
				require.NoError(t, err)
				require.Equal(t, want.(*image.Gray).Pix, got.(*image.Gray).Pix)
			})
		}
	}
}
