package scan

import "errors"

// Errors for the decisions callers make. Messages never contain the text or
// image data.
var (
	// ErrNotFound reports an image in which no QR code could be located and
	// decoded, an empty image included.
	ErrNotFound = errors.New("scan: no readable QR code in the image")
	// ErrImage reports input that is not a PNG, JPEG or GIF image the
	// standard library can decode, and a nil image.
	ErrImage = errors.New("scan: cannot decode the image")
	// ErrTooLarge reports an image over [MaxBytes] or [MaxPixels].
	ErrTooLarge = errors.New("scan: image too large")
)
