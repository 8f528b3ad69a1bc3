package scan

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"sync"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/idqr/claim169/internal/imagedec"
	"github.com/idqr/claim169/internal/magic"
)

// Limits on the images Image, Reader and File accept.
const (
	// MaxBytes bounds the encoded image Reader and File read: 32 MiB, above
	// any phone photo or 600 dpi card scan.
	MaxBytes = 32 << 20
	// MaxPixels bounds the width times the height of a scanned image,
	// checked from the image header before decoding: 50 megapixels.
	MaxPixels = 50_000_000
)

// images reads the images Reader and File accept.
var images = imagedec.Config{
	Prefix:      "scan",
	MaxBytes:    MaxBytes,
	MaxPixels:   MaxPixels,
	Formats:     []magic.Type{magic.PNG, magic.JPEG, magic.GIF},
	ErrFormat:   ErrImage,
	ErrTooLarge: ErrTooLarge,
	ErrEmpty:    ErrNotFound,
}

// File reads the QR text in the PNG, JPEG or GIF image file at path; see
// [Reader].
func File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("scan: %w", err)
	}
	defer f.Close()
	return Reader(f)
}

// Reader reads the QR text in a PNG, JPEG or GIF image, such as a photo or
// a scan of a card. It reads at most [MaxBytes] and checks the dimensions
// in the image header against [MaxPixels] before decoding; over either
// limit it returns [ErrTooLarge]. Input that is not an image of these
// formats returns [ErrImage]. The rest is as for [Image].
func Reader(r io.Reader) (string, error) {
	img, err := images.Read(r)
	if err != nil {
		return "", err
	}
	return Image(img)
}

// Image reads the text of the QR code in img with github.com/makiuchi-d/gozxing
// and returns it exactly as encoded: nothing is trimmed, spaces included, and
// byte-mode segments are read as UTF-8.
//
// Image tries several ways in turn and returns the first text read:
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
// Image is safe for concurrent use.
//
// It returns [ErrNotFound] when no attempt reads a code and [ErrTooLarge]
// for an image over [MaxPixels].
func Image(img image.Image) (string, error) {
	if img == nil {
		return "", fmt.Errorf("%w: nil image", ErrImage)
	}
	b := img.Bounds()
	if err := images.CheckSize(b.Dx(), b.Dy()); err != nil {
		return "", err
	}
	s := &scanner{gray: toGray(img)}
	for _, try := range s.attempts() {
		if text, ok := try(); ok {
			return text, nil
		}
	}
	return "", ErrNotFound
}

// Sizes at which Image also tries a rescaled image: a smaller side of at
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
	readLocal                  // finder patterns, then the local grid on the grey image
)

// scanner holds the state of one scan: the grey image and the budget.
type scanner struct {
	gray   *image.Gray
	budget budget
}

// attempts lists, cheapest and likeliest first, the reads Image tries.
func (s *scanner) attempts() []func() (string, bool) {
	gray := s.gray
	hybrid := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewHybridBinarizer(luminance(g)) }
	global := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewGlobalHistgramBinarizer(luminance(g)) }
	inverted := func(g *image.Gray) gozxing.Binarizer { return gozxing.NewHybridBinarizer(luminance(g).Invert()) }
	// try reads the binarization of the image g returns; a local read
	// samples the grey image sample returns.
	try := func(bin func(*image.Gray) gozxing.Binarizer, g func() *image.Gray, mode readMode, sample func() *image.Gray) func() (string, bool) {
		return func() (string, bool) {
			var src *image.Gray
			if sample != nil {
				src = sample()
			}
			return s.read(bin(g()), mode, src)
		}
	}
	same := func() *image.Gray { return gray }
	otsu := sync.OnceValue(func() *image.Gray { return binarize(gray) })
	negative := sync.OnceValue(func() *image.Gray { return invertGray(gray) })
	// local reads the local grid of gray at the finder patterns of an
	// adaptive binarization.
	local := func(a adaptiveWindow) func() (string, bool) {
		return func() (string, bool) {
			return s.guard(func() (string, bool) {
				return decodeLocal(adaptive(gray, a), gray, hints(), &s.budget)
			})
		}
	}
	list := []func() (string, bool){
		try(hybrid, same, readDetect, nil),
		try(hybrid, same, readLocal, same),
		local(adaptiveWindows[0]),
		local(adaptiveWindows[1]),
		try(global, same, readDetect, nil),
		try(hybrid, otsu, readDetect, nil),
		try(hybrid, otsu, readLocal, same),
		try(hybrid, same, readGrid, nil),
		try(hybrid, otsu, readGrid, nil),
		try(hybrid, same, readPure, nil),
		try(inverted, same, readDetect, nil),
		try(hybrid, negative, readLocal, negative),
		try(hybrid, func() *image.Gray { return rotate90(gray) }, readDetect, nil),
		try(hybrid, func() *image.Gray { return rotate180(gray) }, readDetect, nil),
		try(hybrid, func() *image.Gray { return rotate90(rotate180(gray)) }, readDetect, nil),
	}
	w, h := gray.Rect.Dx(), gray.Rect.Dy()
	if min(w, h) >= minHalveSide {
		half := sync.OnceValue(func() *image.Gray { return resize(gray, 1, 2) })
		list = append(list, try(hybrid, half, readDetect, nil), try(global, half, readDetect, nil))
	}
	if max(w, h) <= maxDoubleSide {
		double := sync.OnceValue(func() *image.Gray { return resize(gray, 2, 1) })
		list = append(list, try(hybrid, double, readDetect, nil), try(hybrid, double, readGrid, nil),
			try(hybrid, double, readLocal, double))
	}
	return list
}

// read runs one attempt on a binarized image, guarded; a local read
// samples the grey image sample.
func (s *scanner) read(bin gozxing.Binarizer, mode readMode, sample *image.Gray) (string, bool) {
	return s.guard(func() (string, bool) { return s.readBinarized(bin, mode, sample) })
}

// guard runs one attempt. A panic inside gozxing, which a hostile image
// must not turn into a crash, counts as a failed attempt.
func (s *scanner) guard(attempt func() (string, bool)) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	return attempt()
}

// hints are the decoding hints of every attempt.
func hints() map[gozxing.DecodeHintType]any {
	return map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_TRY_HARDER:    true,
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8",
	}
}

// readBinarized runs one attempt on a binarized image.
func (s *scanner) readBinarized(bin gozxing.Binarizer, mode readMode, sample *image.Gray) (string, bool) {
	bitmap, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return "", false
	}
	hints := hints()
	switch mode {
	case readPure:
		// The pure pass reads the code's corners, not its finder
		// patterns, so it has no search to bound.
		if !s.budget.decode() {
			return "", false
		}
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
	switch mode {
	case readGrid:
		return decodeGrid(m, hints, &s.budget)
	case readLocal:
		return decodeLocal(m, sample, hints, &s.budget)
	}
	return decodeDetected(m, hints, &s.budget)
}

// luminance wraps the pixels of g, whose bounds start at the origin and
// whose stride is its width, as a gozxing luminance source.
func luminance(g *image.Gray) gozxing.LuminanceSource {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, h, 0, 0, w, h, false)
	if err != nil {
		// Unreachable: the rectangle is the whole buffer.
		panic(errors.New("scan: luminance source does not fit its buffer"))
	}
	return src
}
