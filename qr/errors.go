package qr

import "errors"

// Errors for the decisions callers make. Messages never contain the text or
// image data.
var (
	// ErrNotAlphanumeric reports text with a character outside the QR
	// alphanumeric set while byte mode is not allowed. The message gives the
	// offset of the first such character, never the character.
	ErrNotAlphanumeric = errors.New("qr: character outside the QR alphanumeric set")
	// ErrNotUTF8 reports byte-mode text that is not valid UTF-8, which a
	// scan could not return unchanged.
	ErrNotUTF8 = errors.New("qr: text is not valid UTF-8")
	// ErrEmpty reports an empty text.
	ErrEmpty = errors.New("qr: empty text")
	// ErrTooLong reports text that does not fit in a version-40 code at the
	// chosen level.
	ErrTooLong = errors.New("qr: text too long for a QR code")
	// ErrLevel reports an error correction level other than L, M, Q and H.
	ErrLevel = errors.New("qr: invalid error correction level")
	// ErrModuleSize reports a module size outside 0..MaxModuleSize.
	ErrModuleSize = errors.New("qr: invalid module size")
	// ErrNotFound reports an image in which no QR code could be located and
	// decoded.
	ErrNotFound = errors.New("qr: no readable QR code in the image")
	// ErrImage reports input that is not a PNG, JPEG or GIF image the
	// standard library can decode.
	ErrImage = errors.New("qr: cannot decode the image")
	// ErrTooLarge reports an image over [MaxScanBytes] or [MaxScanPixels].
	ErrTooLarge = errors.New("qr: image too large")
)
