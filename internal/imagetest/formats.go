package imagetest

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// formats are the names of the formats the standard library writes, as
// Encode takes them.
var formats = []string{"PNG", "JPEG", "GIF"}

// Encode returns img as the standard library writes it in format: "PNG",
// "JPEG" at the quality given (0 means jpeg.DefaultQuality), or "GIF"
// (with its default palette).
func Encode(tb testing.TB, img image.Image, format string, jpegQuality int) []byte {
	tb.Helper()
	if jpegQuality == 0 {
		jpegQuality = jpeg.DefaultQuality
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "PNG":
		err = png.Encode(&buf, img)
	case "JPEG":
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality})
	case "GIF":
		err = gif.Encode(&buf, img, nil)
	default:
		tb.Fatalf("encode: no format %q", format)
	}
	if err != nil {
		tb.Fatalf("encode %s: %v", format, err)
	}
	return buf.Bytes()
}

// Encodings returns img in each format Encode writes, by name.
func Encodings(tb testing.TB, img image.Image, jpegQuality int) map[string][]byte {
	tb.Helper()
	out := make(map[string][]byte, len(formats))
	for _, f := range formats {
		out[f] = Encode(tb, img, f, jpegQuality)
	}
	return out
}

// The WebP files of testdata/webp at the module root (its SOURCE says
// where they come from).
const (
	WebPLossy    = "blue-purple-pink.lossy.webp"
	WebPLossless = "gopher-doc.with-alpha.lossless.webp" // with an alpha channel
)

// WebP returns both WebP files, by name: "WebP lossy" and "WebP lossless".
func WebP(tb testing.TB) map[string][]byte {
	tb.Helper()
	return map[string][]byte{"WebP lossy": WebPFile(tb, WebPLossy), "WebP lossless": WebPFile(tb, WebPLossless)}
}

// WebPFile returns a file of testdata/webp at the module root, found from
// this source file's place, whichever package's test asks.
func WebPFile(tb testing.TB, name string) []byte {
	tb.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("webp: no source path")
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "testdata", "webp", name))
	if err != nil {
		tb.Fatalf("webp: %v", err)
	}
	return data
}
