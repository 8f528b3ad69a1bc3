package scan

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"

	"github.com/makiuchi-d/gozxing"

	"github.com/idqr/claim169/internal/imagedec"
	"github.com/idqr/claim169/internal/magic"
)

// Limits on the images Image, Reader and File accept: those of the
// module's one bounded image decoder, which biometrics/photo shares.
// Within them, and the decoder's bounds on memory (128 MiB estimated from
// the header) and JPEG scans (32), any image is decoded and scanned in
// under a second of CPU and 256 MiB.
const (
	// MaxBytes bounds the encoded image Reader and File read: 16 MiB, above
	// any phone photo or a card scanned at 600 dpi.
	MaxBytes = imagedec.MaxBytes
	// MaxPixels bounds the width times the height of a scanned image,
	// checked from the image header before decoding: 16 megapixels, a
	// 4608×3456 phone photo or an A4 page at 300 dpi.
	MaxPixels = imagedec.MaxPixels
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
// a scan of a card. It reads at most [MaxBytes] and checks the header
// before decoding: the dimensions against [MaxPixels], and the memory and
// CPU time decoding would take (see the package documentation); over any
// limit it returns [ErrTooLarge]. Input that is not an image of these
// formats returns [ErrImage]. The rest is as for [Image].
func Reader(r io.Reader) (string, error) {
	img, err := images.Read(r)
	if err != nil {
		return "", err
	}
	return Image(img)
}

// Image reads the text of the QR code in img and returns it exactly as
// encoded: nothing is trimmed, spaces included, and byte-mode segments are
// read as UTF-8.
//
// Image tries several ways in turn, cheapest and likeliest first, and
// returns the first text read: gozxing's detector on the hybrid
// binarization; the local grid (see the package documentation) on the
// finder patterns of the hybrid and of two adaptive binarizations; the
// detector on the global-histogram and Otsu binarizations and the local
// grid on Otsu's; a search over the dimensions near the detector's
// estimate with several triples of finder patterns (for large versions at
// two or three pixels per module, and for data that happens to contain a
// finder-like shape); the PURE_BARCODE pass for a clean, upright code; the
// negative image (a light code on a dark ground); the image turned by a
// quarter; and the image at half and at double size. Every read passes the
// code's Reed-Solomon check, so a returned text is the one encoded.
//
// An image over 3 megapixels is first shrunk by a whole factor to at most
// that, which leaves the modules of a card's code in a 12-megapixel phone
// photo four or more pixels wide. The work of one call is bounded: at most
// 24 local grids and 96 decodes, a fixed list of binarizations of the
// shrunk image, and a total of pixels made and grey levels read past
// which no further attempt starts.
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
	text, _, err := scanImage(img)
	return text, err
}

// scanImage reads img, whose size is checked, and returns what the scan
// cost.
func scanImage(img image.Image) (string, budget, error) {
	s := newScanner(toGray(img))
	for _, try := range s.attempts() {
		if s.budget.spent() {
			break
		}
		if text, ok := s.guard(try); ok {
			return text, s.budget, nil
		}
	}
	return "", s.budget, ErrNotFound
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
