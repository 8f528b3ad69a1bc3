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

// Encodings returns img in each format the standard library writes, by
// name: "PNG", "JPEG" at the quality given (0 means jpeg.DefaultQuality),
// and "GIF" (with its default palette).
func Encodings(tb testing.TB, img image.Image, jpegQuality int) map[string][]byte {
	tb.Helper()
	if jpegQuality == 0 {
		jpegQuality = jpeg.DefaultQuality
	}
	var pngBuf, jpegBuf, gifBuf bytes.Buffer
	err := png.Encode(&pngBuf, img)
	if err == nil {
		err = jpeg.Encode(&jpegBuf, img, &jpeg.Options{Quality: jpegQuality})
	}
	if err == nil {
		err = gif.Encode(&gifBuf, img, nil)
	}
	if err != nil {
		tb.Fatalf("encodings: %v", err)
	}
	return map[string][]byte{"PNG": pngBuf.Bytes(), "JPEG": jpegBuf.Bytes(), "GIF": gifBuf.Bytes()}
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
