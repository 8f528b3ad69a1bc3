package symbol

import "errors"

// Errors of [Decode].
var (
	// ErrSize reports a side that no version has.
	ErrSize = errors.New("qr: not the side of a QR symbol")
	// ErrFormatInfo reports format information too damaged to read.
	ErrFormatInfo = errors.New("qr: format information unreadable")
	// ErrVersionInfo reports version information too damaged to read, or
	// naming a version of another size.
	ErrVersionInfo = errors.New("qr: version information unreadable")
	// ErrBlock reports a block with more errors than its error correction
	// codewords correct.
	ErrBlock = errors.New("qr: block beyond error correction")
)
