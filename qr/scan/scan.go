package qr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"sync"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// Limits on the images Scan, ScanReader and ScanFile accept.
const (
	// MaxScanBytes bounds the encoded image ScanReader and ScanFile read:
	// 32 MiB, above any phone photo or 600 dpi card scan.
	MaxScanBytes = 32 << 20
	// MaxScanPixels bounds the width times the height of a scanned image,
	// checked from the image header before decoding: 50 megapixels.
	MaxScanPixels = 50_000_000
)

// ScanFile reads the QR text in the PNG, JPEG or GIF image file at path; see
// [ScanReader].
func ScanFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("qr: %w", err)
	}
	defer f.Close()
	return ScanReader(f)
}

// ScanReader reads the QR text in a PNG, JPEG or GIF image, such as a photo
// or a scan of a card. It reads at most [MaxScanBytes] and checks the
// dimensions in the image header against [MaxScanPixels] before decoding;
// over either limit it returns [ErrTooLarge]. Input that is not an image of
// these formats returns [ErrImage]. The rest is as for [Scan].
func ScanReader(r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxScanBytes+1))
	if err != nil {
		return "", fmt.Errorf("qr: reading image: %w", err)
	}
	if len(data) > MaxScanBytes {
		return "", fmt.Errorf("%w: over %d bytes", ErrTooLarge, MaxScanBytes)
	}
	img, err := decodeImage(data)
	if err != nil {
		return "", err
	}
	return Scan(img)
}

// decodeImage decodes a PNG, JPEG or GIF image after checking its header's
// dimensions. The decoders are called directly, so that nothing is
// registered with package image.
func decodeImage(data []byte) (image.Image, error) {
	var (
		config func(io.Reader) (image.Config, error)
		decode func(io.Reader) (image.Image, error)
	)
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		config, decode = png.DecodeConfig, png.Decode
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		config, decode = jpeg.DecodeConfig, jpeg.Decode
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		config, decode = gif.DecodeConfig, gif.Decode
	default:
		return nil, fmt.Errorf("%w: not a PNG, JPEG or GIF image", ErrImage)
	}
	c, err := config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImage, err)
	}
	if err := checkPixels(c.Width, c.Height); err != nil {
		return nil, err
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrImage, err)
	}
	return img, nil
}

// checkPixels returns ErrTooLarge when w×h exceeds MaxScanPixels and
// ErrNotFound when the image is empty.
func checkPixels(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: empty image", ErrNotFound)
	}
	if w > MaxScanPixels/h {
		return fmt.Errorf("%w: over %d pixels", ErrTooLarge, MaxScanPixels)
	}
	return nil
}

// Scan reads the text of the QR code in img with github.com/makiuchi-d/gozxing
// and returns it exactly as encoded: nothing is trimmed, spaces included, and
// byte-mode segments are read as UTF-8.
//
// Scan tries several ways in turn and returns the first text read:
// gozxing's hybrid binarizer, its global-histogram binarizer, and a global
// threshold chosen by Otsu's method (for blurred images), each followed by
// a search for finder patterns on every third row (what gozxing's
// TRY_HARDER hint does) and gozxing's detector; a search over the
// dimensions near the detector's estimate, trying several triples of finder
// patterns (for large versions at two or three pixels per module, where the
// estimate is off, and for data that happens to contain a finder-like
// shape); the PURE_BARCODE pass for a clean, upright code; the inverted
// image (a light code on a dark ground); the image turned by 90, 180 and 270
// degrees; and the image at half and at double size. Every read passes the
// code's Reed-Solomon check, so a returned text is the one encoded.
//
// Scan is safe for concurrent use.
//
// It returns [ErrNotFound] when no attempt reads a code and [ErrTooLarge]
// for an image over [MaxScanPixels].
func Scan(img image.Image) (string, error) {
	if img == nil {
		return "", fmt.Errorf("%w: nil image", ErrImage)
	}
	b := img.Bounds()
	if err := checkPixels(b.Dx(), b.Dy()); err != nil {
		return "", err
	}
	gray := toGray(img)
	for _, try := range attempts(gray) {
		if text, ok := try(); ok {
			return text, nil
		}
	}
	return "", ErrNotFound
}

// Sizes at which Scan also tries a rescaled image: a smaller side of at
// least minHalveSide pixels is halved (averaging away noise and blur), a
// larger side of at most maxDoubleSide pixels is doubled (small codes).
const (
	minHalveSide  = 200
	maxDoubleSide = 1000
)

// How one attempt reads a binarized image.
type readMode int

const (
	readDetect readMode = iota // gozxing's best finder patterns and dimension
	readGrid                   // finder patterns, then each plausible dimension
	readPure                   // the PURE_BARCODE pass for clean, upright codes
)

// attempts lists, cheapest and likeliest first, the reads Scan tries.
func attempts(gray *image.Gray) []func() (string, bool) {
	hybrid := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewHybridBinarizer(luminance(g)) }
	global := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewGlobalHistgramBinarizer(luminance(g)) }
	inverted := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewHybridBinarizer(luminance(g).Invert()) }
	try := func(bin func(*image.Gray) gozxing.Binarizer, g func() *image.Gray, mode readMode) func() (string, bool) {
		return func() (string, bool) { return read(bin(g()), mode) }
	}
	same := func() *image.Gray { return gray }
	otsu := sync.OnceValue(func() *image.Gray { return binarize(gray) })
	list := []func() (string, bool){
		try(hybrid, same, readDetect),
		try(global, same, readDetect),
		try(hybrid, otsu, readDetect),
		try(hybrid, same, readGrid),
		try(hybrid, otsu, readGrid),
		try(hybrid, same, readPure),
		try(inverted, same, readDetect),
		try(hybrid, func() *image.Gray { return rotate90(gray) }, readDetect),
		try(hybrid, func() *image.Gray { return rotate180(gray) }, readDetect),
		try(hybrid, func() *image.Gray { return rotate90(rotate180(gray)) }, readDetect),
	}
	w, h := gray.Rect.Dx(), gray.Rect.Dy()
	if min(w, h) >= minHalveSide {
		half := sync.OnceValue(func() *image.Gray { return resize(gray, 1, 2) })
		list = append(list, try(hybrid, half, readDetect), try(global, half, readDetect))
	}
	if max(w, h) <= maxDoubleSide {
		double := sync.OnceValue(func() *image.Gray { return resize(gray, 2, 1) })
		list = append(list, try(hybrid, double, readDetect), try(hybrid, double, readGrid))
	}
	return list
}

// read runs one attempt on a binarized image. A panic inside gozxing, which
// a hostile image must not turn into a crash, counts as a failed attempt.
func read(bin gozxing.Binarizer, mode readMode) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	bitmap, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return "", false
	}
	hints := map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_TRY_HARDER:    true,
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8",
	}
	switch mode {
	case readPure:
		// The pure pass reads the code's corners, not its finder
		// patterns, so it has no search to bound.
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
		result, err := zxqr.NewQRCodeReader().Decode(bitmap, hints)
		if err != nil || result == nil {
			return "", false
		}
		return result.GetText(), true
	}
	m, err := bitmap.GetBlackMatrix()
	if err != nil {
		return "", false
	}
	if mode == readGrid {
		return decodeGrid(m, hints)
	}
	return decodeDetected(m, hints)
}

// luminance wraps the pixels of g, whose bounds start at the origin and
// whose stride is its width, as a gozxing luminance source.
func luminance(g *image.Gray) gozxing.LuminanceSource {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, h, 0, 0, w, h, false)
	if err != nil {
		// Unreachable: the rectangle is the whole buffer.
		panic(errors.New("qr: luminance source does not fit its buffer"))
	}
	return src
}
