package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"sync"

	"github.com/idqr/claim169/internal/imagewrite"
)

// The PNG writer is specialised for QR codes: image/png's encoder reads a
// paletted image pixel by pixel, which made it half the cost of issuing a
// card in batch. Here each module row is packed into one 1-bit scanline
// (PNG colour type 0, bit depth 1, filter type None) straight from the
// module bits, a module's pixels at a time, and the scanline is repeated
// for the module's height; the zlib writer and every buffer are pooled.

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// pngBuffers holds the buffers of one PNG, reused through pngPool: the zlib
// writer at the fastest level (on these rows nine times as fast as the
// default level for a file about a third larger: 3.7 KB against 2.7 KB for
// a version-20 code at 8-pixel modules; BenchmarkWritePNG), since batch
// issuance writes millions; the compressed data; a scanline; the repeated
// scanlines of a module row; and the file.
type pngBuffers struct {
	zw   *zlib.Writer
	idat bytes.Buffer
	row  []byte
	same []byte
	out  []byte
}

var pngPool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return &pngBuffers{zw: zw}
}}

// writePNG writes the PNG of c into b.out.
func (b *pngBuffers) writePNG(c *Code) {
	n, s := c.Size(), c.moduleSize
	width := n * s
	rowLen := 1 + (width+7)/8 // filter byte, then the packed pixels

	b.idat.Reset()
	b.zw.Reset(&b.idat)
	b.row = resize(b.row, rowLen)
	// The pixel rows of a module row are equal: after the first, each is
	// written with filter type Up (2) as zeros, which deflate packs cheaply.
	b.same = resize(b.same, (s-1)*rowLen)
	for i := 0; i < len(b.same); i += rowLen {
		b.same[i] = 2
	}
	for y := range n {
		b.scanline(c, y-QuietZone)
		_, _ = b.zw.Write(b.row)  // writes to a bytes.Buffer cannot fail
		_, _ = b.zw.Write(b.same) // the module row's other pixel rows
	}
	_ = b.zw.Close()
	b.zw.Reset(nil)

	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(width))
	ihdr[8], ihdr[9] = 1, 0 // bit depth 1, colour type 0 (grayscale)
	// compression 0, filter 0, interlace 0

	b.out = append(b.out[:0], pngSignature...)
	b.out = imagewrite.AppendPNGChunk(b.out, "IHDR", ihdr[:])
	b.out = imagewrite.AppendPNGChunk(b.out, "IDAT", b.idat.Bytes())
	b.out = imagewrite.AppendPNGChunk(b.out, "IEND", nil)
}

// scanline packs row y of the symbol (quiet zone excluded; a row outside
// the symbol is all light) into b.row, after its filter byte 0: one bit a
// pixel, most significant first, 1 for white in 1-bit grayscale.
func (b *pngBuffers) scanline(c *Code, y int) {
	row := b.row
	row[0] = 0
	s := uint(c.moduleSize)
	ones := uint64(1)<<s - 1 // the pixels of a light module
	var acc uint64           // pending pixels, the last one lowest
	var pending uint         // how many, fewer than 8 between modules
	out := 1
	for x := -QuietZone; x < c.side+QuietZone; x++ {
		acc <<= s
		if y < 0 || y >= c.side || x < 0 || x >= c.side || c.bits[y*c.words+x/64]>>(x%64)&1 == 0 {
			acc |= ones
		}
		pending += s
		for pending >= 8 {
			pending -= 8
			row[out] = byte(acc >> pending)
			out++
		}
	}
	if pending > 0 {
		// The last byte's unused low bits: zero, as the PNG specification
		// leaves them.
		row[out] = byte(acc << (8 - pending))
	}
}
