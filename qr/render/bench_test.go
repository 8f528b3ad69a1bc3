package render

import (
	"bytes"
	"io"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
)

// version20Text fills a version-20 code at level M.
func version20Text() string { return qrtest.RandomText(qrtest.NewRand(20), qr.MaxCharacters(20, qr.M)) }

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
