// Package imagetest holds the inputs the tests of the image readers share:
// hostile ones (a PNG header that declares any size, a valid blank PNG of
// any size, depth, colour type and interlacing, a few kilobytes for
// megapixels, a valid progressive JPEG of any number of scans, an endless
// reader of zeros and an image that has bounds but no pixels) and ordinary
// ones (a picture in each format the standard library writes, the WebP
// files of testdata/webp, a white PNG). Only tests import it.
package imagetest

import (
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
)

// PNGHeader returns the signature and IHDR chunk of an 8-bit grey PNG of
// the given size, with a valid CRC, and no image data.
func PNGHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// Zeros is a reader of endless zero bytes.
type Zeros struct{}

// Read fills p with zeros.
func (Zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// BoundsOnly is an image that has bounds and no pixels: it tests a pixel
// limit without allocating the pixels.
type BoundsOnly struct{ R image.Rectangle }

// ColorModel returns the grey model.
func (b BoundsOnly) ColorModel() color.Model { return color.GrayModel }

// Bounds returns b.R.
func (b BoundsOnly) Bounds() image.Rectangle { return b.R }

// At returns black.
func (b BoundsOnly) At(int, int) color.Color { return color.Gray{} }
