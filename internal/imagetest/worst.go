package imagetest

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"sync"
)

// Encoded is an encoded image and what it is.
type Encoded struct {
	Name string
	Data []byte
}

// Sizes of the worst cases, for the default bounds of internal/imagedec
// (which this package cannot import: its tests import this one): 16 MiB,
// 16 megapixels, 128 MiB of decoding memory, 32 JPEG scans and 400 ms of
// estimated decoding time.
const (
	// worstBytes is imagedec.MaxBytes.
	worstBytes = 16 << 20
	// A 12-megapixel picture, 4000×3000, is halved by qr/scan to its
	// largest working image (3 megapixels): the costliest to scan.
	photoW, photoH = 4000, 3000
)

// WorstCases returns the encoded images that cost a reader the most under
// the default bounds of the image decoder, one of each shape, each sized
// to be admitted with its estimated decoding time near the bound of 400
// ms (or, for the cheap ones, at 12 megapixels, the costliest size to
// scan):
//
//   - 12 megapixels of grey noise as a PNG: 12 MB of image data, the most
//     for a scanner's binarizations and finder search to reject;
//   - 12 megapixels of colour noise as a JPEG at quality 80: 8 MB of
//     entropy-coded data;
//   - a baseline JPEG of 7.8 megapixels in three full-resolution
//     components whose every coefficient is coded (DenseJPEG);
//   - a progressive JPEG of 6.7 megapixels in 32 scans whose every
//     coefficient is coded with noise (ProgressiveNoiseJPEG);
//   - a blank progressive JPEG of 11.6 megapixels in 32 scans: 32 passes
//     over every block (ProgressiveJPEG);
//   - a 16-bit RGBA PNG of 10.2 megapixels with the Paeth filter on every
//     row: 8 bytes a pixel to unfilter;
//   - the same interlaced, at 7 megapixels;
//   - 12 megapixels of noise in 64 colours as a GIF: 12 MB of LZW data.
//
// They are built once, in a few seconds, and shared; callers must not
// modify the bytes.
func WorstCases() []Encoded { return worstCases() }

var worstCases = sync.OnceValue(func() []Encoded {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []Encoded{
		{"PNG grey noise 12 MP", encodePNG(noiseGray(r, photoW, photoH))},
		{"JPEG colour noise 12 MP", encodeJPEG(noiseRGBA(r, photoW, photoH), 80)},
		{"JPEG every coefficient 4:4:4 7.8 MP", DenseJPEG(2800, 2800)},
		{"JPEG progressive noise 32 scans 6.7 MP", ProgressiveNoiseJPEG(2580, 2580, 32, 7, r)},
		{"JPEG progressive 32 scans 11.6 MP", ProgressiveJPEG(3400, 3400, 32)},
		{"PNG RGBA 16-bit Paeth 10.2 MP", FilteredPNG(3200, 3200, 16, RGBA, FilterPaeth, false)},
		{"PNG RGBA 16-bit interlaced Paeth 7 MP", FilteredPNG(2650, 2650, 16, RGBA, FilterPaeth, true)},
		{"GIF noise 64 colours 12 MP", encodeGIF(noisePaletted(r, 64, photoW, photoH))},
	}
	for _, c := range cases {
		if len(c.Data) > worstBytes {
			panic("imagetest: " + c.Name + " is over the byte bound")
		}
	}
	return cases
})

func noiseGray(r *rand.Rand, w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = byte(r.IntN(256))
	}
	return g
}

func noiseRGBA(r *rand.Rand, w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(r.IntN(256))
	}
	return m
}

func noisePaletted(r *rand.Rand, colours, w, h int) *image.Paletted {
	pal := make(color.Palette, colours)
	for i := range pal {
		pal[i] = color.Gray{Y: uint8(i * 255 / (colours - 1))}
	}
	p := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	for i := range p.Pix {
		p.Pix[i] = uint8(r.IntN(colours))
	}
	return p
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func encodeJPEG(img image.Image, quality int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func encodeGIF(p *image.Paletted) []byte {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, p, &gif.Options{NumColors: len(p.Palette)}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
