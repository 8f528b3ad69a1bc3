package cwt

import (
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// tagHead is the shortest encoding of tag 61 (RFC 8949 §3.4).
var tagHead = [2]byte{0xd8, byte(Tag)}

// Untag strips one outer CWT tag 61 (RFC 8392 §6) from data, the encoded
// COSE message of a CWT. It reports whether the tag was present. Data that
// does not start with tag 61 is returned unchanged, without further checks.
// When the tag is present, the whole item must be one well-formed CBOR item
// within the strictcbor limits, with nothing after it; otherwise the error
// wraps [ErrMalformed]. The returned slice aliases data.
//
// Only one tag is stripped: 61(61(x)) yields 61(x), which the COSE layer
// then rejects.
func Untag(data []byte) (inner []byte, tagged bool, err error) {
	number, inner, ok := cborscan.ReadTag(data)
	if !ok || number != Tag {
		return data, false, nil
	}
	if err := strictcbor.Valid(data); err != nil {
		return nil, false, malformedError("tag 61 does not wrap exactly one valid cbor item")
	}
	return inner, true, nil
}

// AddTag returns coseMsg, an encoded COSE message, wrapped in the CWT tag 61
// (RFC 8392 §6). It does not check coseMsg and does not modify it.
func AddTag(coseMsg []byte) []byte {
	out := make([]byte, 0, len(tagHead)+len(coseMsg))
	out = append(out, tagHead[:]...)
	return append(out, coseMsg...)
}
