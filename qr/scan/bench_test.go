package scan

import (
	"image"
	"testing"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan/internal/degrade"
)

// benchImage times Image on img with its allocations, failing b unless it
// reads want, or, when want is "", unless it finds no code.
func benchImage(b *testing.B, img image.Image, want string) {
	b.ReportAllocs()
	for b.Loop() {
		got, err := Image(img)
		switch {
		case want == "" && err == nil:
			b.Fatal("found a code")
		case want != "" && (err != nil || got != want):
			b.Fatal("not read back", err)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	text := qrtest.Version20Text()
	c, err := render.New(text, render.Options{ModuleSize: 4})
	if err != nil {
		b.Fatal(err)
	}
	benchImage(b, c.Image(), text)
}

func BenchmarkScanPhoto(b *testing.B) {
	text := qrtest.Version20Text()
	img := reencodeJPEG(b, noise(scale(rotate(onCard(codeImage(b, text, render.Options{ModuleSize: 4}), 40), 7), 0.8), 15, qrtest.NewRand(1)), 60)
	benchImage(b, img, text)
}

// BenchmarkScanNotFound measures the reject path: every attempt on an
// image without a code.
func BenchmarkScanNotFound(b *testing.B) {
	img := image.NewGray(image.Rect(0, 0, 800, 600))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	benchImage(b, img, "")
}

// BenchmarkScanFinderTiles measures the reject path on an image built to
// make finder-pattern search expensive.
func BenchmarkScanFinderTiles(b *testing.B) {
	benchImage(b, finderTiles(1000, 2, 2), "")
}

// BenchmarkScanPhonePhoto measures a phone photo of a card: a version-20
// code at 25° of perspective, blurred, noisy and JPEG-compressed.
func BenchmarkScanPhonePhoto(b *testing.B) {
	var class degrade.Class
	for _, cl := range degrade.Classes() {
		if cl.Name == "perspective+photo" {
			class = cl
		}
	}
	s, err := class.Sample(corpusSeed, 0)
	if err != nil {
		b.Fatal(err)
	}
	benchImage(b, s.Image, s.Text)
}

// BenchmarkScanWorstCase measures the images that cost a scan the most,
// for BENCHMARKS.md: noise at the working size, which every binarization
// and finder search must reject; alignment tiles, which spend the grid and
// decode budget; and a 50-megapixel image read through At.
func BenchmarkScanWorstCase(b *testing.B) {
	for _, c := range []struct {
		name string
		img  image.Image
	}{
		{"noise", noiseImage(workSide)},
		{"alignment tiles", alignmentTiles()},
		{"16 megapixels", hugeImage{}},
	} {
		b.Run(c.name, func(b *testing.B) { benchImage(b, c.img, "") })
	}
}
