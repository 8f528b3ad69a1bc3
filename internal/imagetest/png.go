package imagetest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/png"

	"github.com/idqr/claim169/internal/imagewrite"
)

// PNG colour types (ISO/IEC 15948 §11.2.2).
const (
	Gray      = 0
	RGB       = 2
	Paletted  = 3
	GrayAlpha = 4
	RGBA      = 6
)

// BlankPNG returns a valid PNG of the given size, bit depth and colour
// type, optionally Adam7-interlaced, whose pixels are all zero: its image
// data compresses about a thousandfold, so a small file declares a large
// picture. A paletted PNG gets a one-entry palette.
func BlankPNG(w, h int, depth, colorType byte, interlaced bool) []byte {
	return FilteredPNG(w, h, depth, colorType, FilterNone, interlaced)
}

// PNG row filters (ISO/IEC 15948 §9.2).
const (
	FilterNone  = 0
	FilterPaeth = 4
)

// FilteredPNG is BlankPNG with every row's filter type set to filter:
// still all zero pixels and as small, but with FilterPaeth the slowest
// picture of its size to decode (image/png computes the Paeth predictor
// for every byte).
func FilteredPNG(w, h int, depth, colorType, filter byte, interlaced bool) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, colorType
	if interlaced {
		ihdr[12] = 1
	}
	out := []byte("\x89PNG\r\n\x1a\n")
	out = imagewrite.AppendPNGChunk(out, "IHDR", ihdr)
	if colorType == Paletted {
		out = imagewrite.AppendPNGChunk(out, "PLTE", []byte{0, 0, 0})
	}
	bits := int(depth) * map[byte]int{Gray: 1, RGB: 3, Paletted: 1, GrayAlpha: 2, RGBA: 4}[colorType]
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	for _, p := range passes(w, h, interlaced) {
		row := make([]byte, 1+(p[0]*bits+7)/8) // the filter byte, then the row's bytes
		row[0] = filter
		for range p[1] {
			_, _ = zw.Write(row)
		}
	}
	_ = zw.Close()
	out = imagewrite.AppendPNGChunk(out, "IDAT", z.Bytes())
	return imagewrite.AppendPNGChunk(out, "IEND", nil)
}

// passes returns the width and height of each pass of the image data: one
// for a plain PNG, seven for Adam7 (§8.2), empty ones left out.
func passes(w, h int, interlaced bool) [][2]int {
	if !interlaced {
		return [][2]int{{w, h}}
	}
	var out [][2]int
	for _, p := range [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		pw, ph := (w-p[0]+p[2]-1)/p[2], (h-p[1]+p[3]-1)/p[3]
		if pw > 0 && ph > 0 {
			out = append(out, [2]int{pw, ph})
		}
	}
	return out
}

// WhitePNG returns a white w×h grey picture as image/png encodes it: an
// ordinary valid image with no code in it.
func WhitePNG(w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // writing to a bytes.Buffer does not fail
	}
	return buf.Bytes()
}
