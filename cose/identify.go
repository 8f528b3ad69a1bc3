package cose

import "fmt"

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
	major, n, indefinite, size, err := readHead(data)
	if err != nil {
		return 0, err
	}
	if major == majorTag {
		return identifyTagged(n, data[size:])
	}
	if major == majorArray && !indefinite {
		switch n {
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
	if major, _, _, _, err := readHead(content); err != nil || major != majorArray {
		return 0, fmt.Errorf("%w: tagged content is not an array", ErrMalformed)
	}
	return t, nil
}
