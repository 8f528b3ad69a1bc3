package brotli

import (
	"errors"
	"fmt"
	"io"
)

var (
	// ErrTooLarge reports that the decompressed data would exceed the size
	// limit passed to Decode.
	ErrTooLarge = errors.New("brotli: decompressed data exceeds the size limit")
	// ErrTrailingData reports bytes after the end of the Brotli stream.
	ErrTrailingData = errors.New("brotli: data after the end of the stream")
	// ErrCorrupt reports a stream that breaks a rule of RFC 7932, ends
	// early, or needs a feature this package does not support (the large
	// window of RFC 9841). The errors Decode returns wrap it, with the rule
	// and the bit offset where decoding stopped; a stream that ends early
	// also wraps io.ErrUnexpectedEOF.
	ErrCorrupt = errors.New("brotli: invalid stream")
)

// errTableLimit reports a stream whose prefix codes need more decoding
// tables than the limits of Decode allow (see tableCap in decode.go): a
// limit on the cost of decoding, so it is an ErrTooLarge.
var errTableLimit = fmt.Errorf("%w: the prefix codes need too much table space", ErrTooLarge)

// fault names the rule of RFC 7932 that a stream breaks.
type fault uint8

const (
	faultTruncated      fault = iota + 1 // the stream ends early (§10)
	faultWindowBits                      // WBITS pattern 0010001, large window (§9.1)
	faultReserved                        // a reserved bit is set (§9.2)
	faultSkipBytes                       // MSKIPBYTES > 1 with a last byte of zero (§9.2)
	faultNibbles                         // MNIBBLES > 4 with a last nibble of zero (§9.2)
	faultPadding                         // bits up to a byte boundary are not zero (§9.2)
	faultSimpleCode                      // a simple prefix code symbol out of range or repeated (§3.4)
	faultCodeLengthCode                  // the code length code is incomplete or oversubscribed (§3.5)
	faultCode                            // a prefix code is incomplete or oversubscribed (§3.5)
	faultRepeat                          // a repeat runs past the alphabet (§3.5)
	faultContextMap                      // a zero run runs past the context map (§7.3)
	faultTrees                           // context map values are not all of 0..NTREES-1 (§7.3)
	faultBlockTypes                      // a declared block type is never used (§6)
	faultLength                          // an insert, copy or word runs past MLEN (§9.3)
	faultDistance                        // a distance is zero or negative (§4)
	faultDictionary                      // a dictionary reference with a bad length or transform (§8)
)

var faultText = [...]string{
	faultTruncated:      "stream ends early",
	faultWindowBits:     "invalid or large window size",
	faultReserved:       "reserved bit set",
	faultSkipBytes:      "metadata length with a zero last byte",
	faultNibbles:        "meta-block length with a zero last nibble",
	faultPadding:        "nonzero padding bits",
	faultSimpleCode:     "invalid simple prefix code",
	faultCodeLengthCode: "invalid code length code",
	faultCode:           "invalid prefix code",
	faultRepeat:         "code length repeat past the alphabet",
	faultContextMap:     "context map run past its end",
	faultTrees:          "context map does not use every prefix code",
	faultBlockTypes:     "declared block type never used",
	faultLength:         "command runs past the meta-block length",
	faultDistance:       "invalid distance",
	faultDictionary:     "invalid dictionary reference",
}

// corruptError is the error for a stream that breaks a rule: it says which
// and at which bit offset, and never holds data of the stream.
type corruptError struct {
	fault  fault
	offset int64
}

func (e *corruptError) Error() string {
	return fmt.Sprintf("%v: %s at bit %d", ErrCorrupt, faultText[e.fault], e.offset)
}

func (e *corruptError) Is(target error) bool {
	return target == ErrCorrupt || (e.fault == faultTruncated && target == io.ErrUnexpectedEOF)
}

// fail returns the error for fault at the reader's position. If the
// reader has gone past the end of the stream, the zero bits it read there
// caused the fault: the stream ends early.
func (br *bitReader) fail(f fault) error {
	if br.overrun() {
		f = faultTruncated
	}
	return &corruptError{fault: f, offset: br.offset()}
}
