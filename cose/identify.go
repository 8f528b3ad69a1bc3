package cose

import (
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
)

// MessageType is a kind of COSE message this package reads.
type MessageType int

// Message types recognised by [Identify].
const (
	TypeSign1    MessageType = iota + 1 // COSE_Sign1, tag 18
	TypeEncrypt0                        // COSE_Encrypt0, tag 16
)

// String returns "COSE_Sign1", "COSE_Encrypt0", or "MessageType(N)".
func (t MessageType) String() string {
	switch t {
	case TypeSign1:
		return "COSE_Sign1"
	case TypeEncrypt0:
		return "COSE_Encrypt0"
	}
	return fmt.Sprintf("MessageType(%d)", int(t))
}

// Identify tells a COSE_Sign1 from a COSE_Encrypt0 message by looking at its
// first bytes only: tag 18 or 16 followed by an array, or, untagged, a
// definite-length array of 4 (Sign1) or 3 (Encrypt0) elements. Anything else
// (another tag such as the CWT tag 61, a bare CWT claims map, an untagged
// indefinite-length array, data that is not CBOR) is [ErrMalformed]. The
// message is not parsed: [ParseSign1] or [ParseEncrypt0] still checks it.
func Identify(data []byte) (MessageType, error) {
	h, err := readHead(data)
	if err != nil {
		return 0, err
	}
	if h.Major == cborscan.MajorTag {
		return identifyTagged(h.Arg, data[h.Len:])
	}
	if h.Major == cborscan.MajorArray && !h.Indefinite() {
		switch h.Arg {
		case 4:
			return TypeSign1, nil
		case 3:
			return TypeEncrypt0, nil
		}
	}
	return 0, fmt.Errorf("%w: not a COSE_Sign1 or COSE_Encrypt0 message", ErrMalformed)
}

// identifyTagged identifies a message under tag number tag with content
// starting at content.
func identifyTagged(tag uint64, content []byte) (MessageType, error) {
	var t MessageType
	switch tag {
	case TagSign1:
		t = TypeSign1
	case TagEncrypt0:
		t = TypeEncrypt0
	default:
		return 0, fmt.Errorf("%w: unexpected CBOR tag", ErrMalformed)
	}
	if h, err := readHead(content); err != nil || h.Major != cborscan.MajorArray {
		return 0, fmt.Errorf("%w: tagged content is not an array", ErrMalformed)
	}
	return t, nil
}

// readHead reads the head of the CBOR item at the start of data (RFC 8949
// §3), failing with ErrMalformed where cborscan.ReadHead fails.
func readHead(data []byte) (cborscan.Head, error) {
	h, ok := cborscan.ReadHead(data)
	switch {
	case ok:
		return h, nil
	case len(data) == 0:
		return h, fmt.Errorf("%w: empty input", ErrMalformed)
	case data[0]&0x1f >= 24 && data[0]&0x1f <= 27:
		return h, fmt.Errorf("%w: truncated CBOR head", ErrMalformed)
	}
	return h, fmt.Errorf("%w: invalid CBOR head", ErrMalformed)
}
