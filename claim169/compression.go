package claim169

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/compress"
)

// Compression names how a credential's COSE message is compressed before
// Base45. Specification 1.2.2 allows zlib and Brotli; a verifier tells them
// apart by the zlib magic number before decompressing.
type Compression string

// The compressions of a credential.
const (
	// CompressionZlib is zlib (RFC 1950), the encoder's default and the only
	// compression of specifications 1.0.0 to 1.2.0.
	CompressionZlib Compression = "zlib"
	// CompressionBrotli is Brotli (RFC 7932), allowed since specification
	// 1.2.1.
	CompressionBrotli Compression = "brotli"
	// CompressionNone is an uncompressed COSE message, which no version of
	// the specification allows: the decoder reads one only with
	// DecoderOptions.AllowUncompressed, and the encoder never writes one.
	CompressionNone Compression = "none"
)

// Warnings about the compression of a decoded credential.
const (
	warnBrotli       = "claim169: the credential is compressed with Brotli (specification 1.2.2); verifiers of specification 1.2.0 and earlier read only zlib"
	warnUncompressed = "claim169: the COSE message is not compressed; the specification requires zlib or Brotli"
)

// decompress decompresses raw, the bytes of the QR text, as specification
// 1.2.2 says: zlib when they start with the zlib magic number, Brotli otherwise
// (refused with ZlibOnly). Bytes that are not zlib, fail as Brotli (or are
// refused by ZlibOnly) and are a COSE message are used as they are with
// AllowUncompressed, and refused with ErrUncompressed without it. The
// result's Compression is set. A malformed stream's error carries a hint
// at what may be wrong with text.
func (d *Decoder) decompress(text string, raw []byte, res *Result) ([]byte, error) {
	data, method, err := compress.Decompress(raw, d.maxInflated, compress.DecompressOptions{ZlibOnly: d.zlibOnly})
	if err == nil {
		res.Compression = CompressionZlib
		if method == compress.MethodBrotli {
			res.Compression = CompressionBrotli
			res.Warnings = append(res.Warnings, warnBrotli)
		}
		return data, nil
	}
	switch {
	case method == compress.MethodZlib && errors.Is(err, compress.ErrTooLarge):
		return nil, stageErr(StageDecompress, ErrTooLarge, err)
	case method == compress.MethodZlib:
		return nil, stageErr(StageDecompress, ErrMalformed, withHint(text, err))
	case d.allowUncompressed && looksLikeCOSE(raw):
		res.Compression = CompressionNone
		res.Warnings = append(res.Warnings, warnUncompressed)
		return raw, nil
	case errors.Is(err, compress.ErrNotZlib):
		return nil, stageErr(StageDecompress, ErrMalformed, withHint(text, ErrNotZlib))
	case looksLikeCOSE(raw):
		return nil, stageErr(StageDecompress, ErrMalformed, ErrUncompressed)
	case errors.Is(err, compress.ErrTooLarge):
		return nil, stageErr(StageDecompress, ErrTooLarge, err)
	}
	return nil, stageErr(StageDecompress, ErrMalformed, withHint(text, fmt.Errorf("brotli: %w", err)))
}

// looksLikeCOSE reports whether data is an uncompressed Claim 169 COSE
// message: exactly one well-formed CBOR data item that starts with the CWT
// tag 61, the COSE_Sign1 or COSE_Encrypt0 tag (18, 16), or an array of four
// or three items (an untagged COSE_Sign1 or COSE_Encrypt0). None of these
// first bytes is the zlib magic number, and a Brotli stream that failed to
// decode is no such item but by a contrivance.
func looksLikeCOSE(data []byte) bool {
	if len(data) < 2 {
		return false
	}
	switch data[0] {
	case 0xd8: // a tag with a one-byte number
		if data[1] != 61 {
			return false
		}
	case 0xd2, 0xd0, 0x84, 0x83: // tag 18, tag 16, array(4), array(3)
	default:
		return false
	}
	n, ok := cborscan.Len(data)
	return ok && n == len(data)
}
