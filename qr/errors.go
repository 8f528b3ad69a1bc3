package qr

import "errors"

// Errors for the decisions callers make. Messages never contain the text.
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
	// ErrUnsupportedMode reports data codewords with a segment of a mode
	// ParseDataCodewords does not read (Kanji, Hanzi, an ECI other than
	// UTF-8, structured append, FNC1).
	ErrUnsupportedMode = errors.New("qr: unsupported segment mode")
	// ErrMalformedData reports data codewords whose bit stream runs past
	// the data or holds a value its mode does not define.
	ErrMalformedData = errors.New("qr: malformed data bit stream")
)
