package compress

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

var (
	// ErrTooLarge reports that inflated data exceeds the size bound.
	ErrTooLarge = errors.New("compress: inflated data exceeds the size limit")
	// ErrTrailingData reports bytes after the end of the zlib stream.
	ErrTrailingData = errors.New("compress: data after the end of the zlib stream")
	// ErrCorrupt reports a stream that is not valid zlib: a bad header, a
	// preset dictionary, invalid DEFLATE data, a checksum mismatch or a
	// truncated stream. The errors Inflate returns wrap it together with the
	// cause (zlib.ErrHeader, zlib.ErrDictionary, zlib.ErrChecksum,
	// io.ErrUnexpectedEOF or a flate.CorruptInputError).
	ErrCorrupt = errors.New("compress: invalid zlib data")
)

// Prebuilt so that the reject paths do not allocate.
var (
	errHeader     = fmt.Errorf("%w: %w", ErrCorrupt, zlib.ErrHeader)
	errDictionary = fmt.Errorf("%w: %w", ErrCorrupt, zlib.ErrDictionary)
	errChecksum   = fmt.Errorf("%w: %w", ErrCorrupt, zlib.ErrChecksum)
	errTruncated  = fmt.Errorf("%w: %w", ErrCorrupt, io.ErrUnexpectedEOF)
)

// corrupt wraps an error of the DEFLATE decoder in ErrCorrupt.
func corrupt(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errTruncated
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}
