package compress

import (
	"errors"

	"github.com/idqr/claim169/internal/brotli"
)

// Method is the compression method of a Claim 169 payload: specification
// 1.2.2 allows zlib and Brotli.
type Method uint8

// The compression methods of Claim 169 (specification 1.2.2).
const (
	// MethodZlib is zlib (RFC 1950) with DEFLATE (RFC 1951).
	MethodZlib Method = iota + 1
	// MethodBrotli is Brotli (RFC 7932).
	MethodBrotli
)

// String returns "zlib" or "brotli".
func (m Method) String() string {
	switch m {
	case MethodZlib:
		return "zlib"
	case MethodBrotli:
		return "brotli"
	}
	return "unknown"
}

// zlibCMF is the only first byte of a zlib stream that Sniff recognises:
// DEFLATE with a 32 KiB window (the "zlib magic number" of the
// specification).
const zlibCMF = 0x78

// Sniff returns the method that specification 1.2.2 says a verifier must
// assume before decompressing src: MethodZlib if src starts with a valid
// zlib header with the magic number (CMF 0x78 and a check value that makes
// CMF*256 + FLG a multiple of 31), MethodBrotli otherwise.
//
// A zlib stream with a smaller window (CMF 0x08 to 0x68) is therefore
// taken for Brotli, as the specification says; Inflate still reads it.
func Sniff(src []byte) Method {
	if len(src) >= headerLen && src[0] == zlibCMF && (uint(src[0])<<8|uint(src[1]))%31 == 0 {
		return MethodZlib
	}
	return MethodBrotli
}

// DecompressOptions configures Decompress. The zero value accepts both
// methods.
type DecompressOptions struct {
	// ZlibOnly refuses Brotli, for verifiers that follow specification
	// 1.2.1 and earlier: data that does not start with the zlib magic
	// number is refused with ErrNotZlib.
	ZlibOnly bool
}

// ErrNotZlib reports data that Sniff takes for Brotli when
// DecompressOptions.ZlibOnly refuses anything but zlib.
var ErrNotZlib = errors.New("compress: not zlib data, and only zlib is accepted")

// Decompress decompresses a Claim 169 payload compressed with zlib or
// Brotli, deciding which with Sniff before decompressing, as
// specification 1.2.2 requires, and returns the data with the method used.
// maxSize bounds the size of the result; DefaultMaxSize applies when
// maxSize <= 0.
//
// Zlib data is decompressed by Inflate, Brotli data by
// internal/brotli.Decode, whose cost is bounded by the input and maxSize
// whatever window the stream declares. The errors of either satisfy
// errors.Is with ErrTooLarge, ErrTrailingData or ErrCorrupt (Brotli errors
// also with the sentinels of internal/brotli). On error the data is nil;
// the method is the one Sniff chose.
func Decompress(src []byte, maxSize int, opts DecompressOptions) ([]byte, Method, error) {
	method := Sniff(src)
	switch {
	case method == MethodZlib:
		out, err := Inflate(src, maxSize)
		return out, method, err
	case opts.ZlibOnly:
		return nil, method, ErrNotZlib
	}
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	out, err := brotli.Decode(src, maxSize)
	if err != nil {
		return nil, method, brotliErr(err)
	}
	return out, method, nil
}

// brotliErr maps an error of internal/brotli to the sentinels of this
// package: ErrTooLarge itself for an output beyond the limit, otherwise an
// error that matches both packages' sentinels and keeps the message.
func brotliErr(err error) error {
	if err == brotli.ErrTooLarge {
		return ErrTooLarge
	}
	return &brotliError{err}
}

// brotliError is an error of internal/brotli seen through this package.
type brotliError struct{ err error }

func (e *brotliError) Error() string { return "compress: " + e.err.Error() }

func (e *brotliError) Unwrap() error { return e.err }

// Is matches the sentinel of this package that corresponds to the one of
// internal/brotli that the error wraps.
func (e *brotliError) Is(target error) bool {
	switch target {
	case ErrTooLarge:
		return errors.Is(e.err, brotli.ErrTooLarge)
	case ErrTrailingData:
		return errors.Is(e.err, brotli.ErrTrailingData)
	case ErrCorrupt:
		return errors.Is(e.err, brotli.ErrCorrupt)
	}
	return false
}
