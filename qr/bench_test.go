package qr

import (
	"bytes"
	"image"
	"io"
	"testing"
)

// version20Text fills a version-20 code at level M.
func version20Text() string { return randomText(newRand(20), MaxCharacters(20, M)) }

func BenchmarkPlan(b *testing.B) {
	text := version20Text()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanMixed plans a version-20 text with runs of digits, which
// the shortest encoding writes in many segments.
func BenchmarkPlanMixed(b *testing.B) {
	text := runsText(newRand(21), 1500, 1, 30, false)
	p, err := Plan(text, M)
	if err != nil || p.Mode != ModeMixed {
		b.Fatal("not a mixed text", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanReject(b *testing.B) {
	text := version20Text() + "lower case"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(text, M); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkNew encodes a version-20 code: segments, data stream,
// Reed-Solomon blocks and the eight masks.
func BenchmarkNew(b *testing.B) {
	text := version20Text()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderPNG(b *testing.B) {
	text := version20Text()
	b.ReportAllocs()
	for b.Loop() {
		c, err := New(text, Options{ModuleSize: 4})
		if err != nil {
			b.Fatal(err)
		}
		if err := c.WritePNG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWritePNG writes the PNG of a version-20 code at the default
// module size (8 pixels), as batch issuance does for every card.
func BenchmarkWritePNG(b *testing.B) {
	c, err := New(version20Text(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := c.WritePNG(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "png-bytes")
}

func BenchmarkWriteSVG(b *testing.B) {
	c, err := New(version20Text(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.WriteSVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScan(b *testing.B) {
	text := version20Text()
	c, err := New(text, Options{ModuleSize: 4})
	if err != nil {
		b.Fatal(err)
	}
	img := c.Image()
	b.ReportAllocs()
	for b.Loop() {
		got, err := Scan(img)
		if err != nil || got != text {
			b.Fatal("not read back", err)
		}
	}
}

func BenchmarkScanPhoto(b *testing.B) {
	text := version20Text()
	img := reencodeJPEG(b, noise(scale(rotate(onCard(render(b, text, Options{ModuleSize: 4}), 40), 7), 0.8), 15, newRand(1)), 60)
	b.ReportAllocs()
	for b.Loop() {
		got, err := Scan(img)
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
		if _, err := Scan(img); err == nil {
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
		if _, err := Scan(img); err == nil {
			b.Fatal("found a code")
		}
	}
}
