package scan

import (
	"image"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/render"
)

// version20Text fills a version-20 code at level M.
func version20Text() string { return qrtest.RandomText(qrtest.NewRand(20), qr.MaxCharacters(20, qr.M)) }

func BenchmarkScan(b *testing.B) {
	text := version20Text()
	c, err := render.New(text, render.Options{ModuleSize: 4})
	if err != nil {
		b.Fatal(err)
	}
	img := c.Image()
	b.ReportAllocs()
	for b.Loop() {
		got, err := Image(img)
		if err != nil || got != text {
			b.Fatal("not read back", err)
		}
	}
}

func BenchmarkScanPhoto(b *testing.B) {
	text := version20Text()
	img := reencodeJPEG(b, noise(scale(rotate(onCard(codeImage(b, text, render.Options{ModuleSize: 4}), 40), 7), 0.8), 15, qrtest.NewRand(1)), 60)
	b.ReportAllocs()
	for b.Loop() {
		got, err := Image(img)
		if err != nil || got != text {
			b.Fatal("not read back", err)
		}
	}
}

// BenchmarkScanNotFound measures the reject path: every attempt on an
// image without a code.
func BenchmarkScanNotFound(b *testing.B) {
	img := image.NewGray(image.Rect(0, 0, 800, 600))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Image(img); err == nil {
			b.Fatal("found a code")
		}
	}
}

// BenchmarkScanFinderTiles measures the reject path on an image built to
// make finder-pattern search expensive.
func BenchmarkScanFinderTiles(b *testing.B) {
	img := finderTiles(1000, 2, 2)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Image(img); err == nil {
			b.Fatal("found a code")
		}
	}
}
