package qr

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzPlan checks the layout of any text: figures that agree with each
// other and with the tables, the smallest version for the bits, no more
// bits than one segment takes, and, for short texts, the bits of the best
// segmentation found by brute force.
func FuzzPlan(f *testing.F) {
	for _, text := range roundTripTexts {
		f.Add(text, uint8(M))
	}
	f.Add("", uint8(0))
	f.Add("lower case", uint8(L))
	f.Add(boundaryText(MaxCharacters(40, H)+1), uint8(H))
	f.Add("AB"+strings.Repeat("1", 21), uint8(M))
	f.Add("1A2B33C444D5555E66666F7777777", uint8(Q))
	f.Fuzz(func(t *testing.T, text string, level uint8) {
		l := Level(level % 6)
		p, err := Plan(text, l)
		if err != nil {
			assert.Equal(t, Layout{}, p)
			return
		}
		require.GreaterOrEqual(t, p.Version, MinVersion)
		require.LessOrEqual(t, p.Version, MaxVersion)
		l = p.Level
		assert.Equal(t, 17+4*p.Version, p.Modules)
		assert.Equal(t, len(text), p.Characters)
		assert.Equal(t, p.Characters+p.Remaining, p.Capacity)
		assert.GreaterOrEqual(t, p.Remaining, 0)
		assert.Equal(t, 8*dataCodewords[p.Version-1][l.index()], p.CapacityBits)
		assert.LessOrEqual(t, p.Bits, p.CapacityBits)
		class := sizeClass(p.Version)
		if p.Version > classFirst[class] {
			assert.Greater(t, p.Bits, dataBits(p.Version-1, l), "smallest version of the class")
		}
		for c := range class {
			final := segmentation(text, c, nil)
			assert.Greater(t, final[final.cheapest()].bits, dataBits(classLast[c], l), "no smaller class")
		}
		switch p.Mode {
		case ModeNumeric:
			assert.Equal(t, capacity(ModeNumeric, p.Version, l), p.Capacity)
		case ModeAlphanumeric:
			assert.GreaterOrEqual(t, p.Capacity, MaxCharacters(p.Version, l))
		}
		assert.Equal(t, p.Mode == ModeMixed, p.Segments > 1)
		assert.LessOrEqual(t, p.Bits, segmentCost(text, ModeAlphanumeric, class))
		if len(text) <= 12 {
			assert.Equal(t, bruteForceBits(text, class), p.Bits)
		}
	})
}

// FuzzRoundTrip checks that whatever New encodes, Scan reads back exactly,
// and gozxing's reader too when the text is in the alphanumeric set.
func FuzzRoundTrip(f *testing.F) {
	for _, text := range roundTripTexts {
		f.Add(text, uint8(M))
	}
	f.Add("Grüße, ça va?", uint8(H))
	f.Add("%%", uint8(L))
	f.Add("\x00\x01 tab\there", uint8(Q))
	f.Add("AB"+strings.Repeat("1", 21)+"CD"+strings.Repeat("0", 30), uint8(L))
	f.Fuzz(func(t *testing.T, text string, level uint8) {
		if len(text) > 600 {
			return // large versions are covered by the unit tests
		}
		c, err := New(text, Options{Level: Level(level % 5), ModuleSize: 2, AllowByteMode: true})
		if err != nil {
			assert.Nil(t, c)
			return
		}
		got, err := Scan(c.Image())
		require.NoError(t, err)
		require.Equal(t, text, got)
		if c.Layout().Mode != ModeByte {
			// gozxing's reader guesses the charset of byte mode; numeric
			// and alphanumeric segments it reads exactly.
			got, err = gozxingRead(c.Image())
			require.NoError(t, err)
			require.Equal(t, text, got)
		}
	})
}

// fuzzMaxPixels bounds the images the fuzz targets scan, to keep them fast.
const fuzzMaxPixels = 1 << 18

// FuzzScanReader feeds arbitrary bytes to the image decoders and the reader.
func FuzzScanReader(f *testing.F) {
	c, err := New("FUZZ 169", Options{ModuleSize: 2})
	if err != nil {
		f.Fatal(err)
	}
	var pngBuf, jpegBuf, gifBuf bytes.Buffer
	if err := c.WritePNG(&pngBuf); err != nil {
		f.Fatal(err)
	}
	if err := jpeg.Encode(&jpegBuf, c.Image(), nil); err != nil {
		f.Fatal(err)
	}
	if err := gif.Encode(&gifBuf, c.Image(), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(pngBuf.Bytes())
	f.Add(jpegBuf.Bytes())
	f.Add(gifBuf.Bytes())
	f.Add(pngHeader(100_000, 100_000))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := decodeImage(data)
		if err != nil {
			text, err2 := ScanReader(bytes.NewReader(data))
			assert.Empty(t, text)
			for _, sentinel := range []error{ErrImage, ErrTooLarge, ErrNotFound} {
				require.Equal(t, errors.Is(err, sentinel), errors.Is(err2, sentinel))
			}
			return
		}
		if b := img.Bounds(); b.Dx()*b.Dy() > fuzzMaxPixels {
			return // a few bytes of header can declare megapixels: too slow to fuzz
		}
		text, err := ScanReader(bytes.NewReader(data))
		if err != nil {
			assert.Empty(t, text)
		}
	})
}

// FuzzScan feeds arbitrary grey pixels to the reader: no panic, and an
// error means no text.
func FuzzScan(f *testing.F) {
	c, err := New("FUZZ", Options{ModuleSize: 1})
	if err != nil {
		f.Fatal(err)
	}
	g := toGray(c.Image())
	f.Add(uint8(g.Rect.Dx()), g.Pix)
	f.Add(uint8(14), finderTiles(28, 1, 0).Pix)
	f.Fuzz(func(t *testing.T, width uint8, pix []byte) {
		if len(pix) > fuzzMaxPixels {
			return
		}
		w := int(width)%64 + 1
		h := len(pix) / w
		img := &image.Gray{Pix: pix[:w*h], Stride: w, Rect: image.Rect(0, 0, w, h)}
		text, err := Scan(img)
		if err != nil {
			assert.Empty(t, text)
		}
	})
}
