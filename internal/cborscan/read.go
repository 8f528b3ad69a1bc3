package cborscan

import (
	"unicode/utf8"

	"github.com/idqr/claim169/internal/strictcbor"
)

// The Read functions decode raw, meant to be exactly one data item, into a
// Go value. Each first requires the major type of its Go type: a tag in
// front, which strictcbor.Unmarshal would skip, is refused, so that no tag
// is dropped silently, and so is null, which strictcbor.Unmarshal would
// decode as the zero value. Past that check, each accepts exactly what
// strictcbor.Unmarshal into its Go type accepts (FuzzRead holds them to
// it): a definite-length item is read by hand from its head, and where the
// head cannot decide, for an indefinite-length string, the item is left to
// strictcbor.Unmarshal.

// ReadText decodes a text string, which must be valid UTF-8.
func ReadText(raw []byte) (string, bool) {
	if MajorType(raw) != MajorText {
		return "", false
	}
	if b, ok := Text(raw); ok {
		if !utf8.Valid(b) {
			return "", false
		}
		return string(b), true
	}
	if !startsIndefinite(raw) {
		return "", false // truncated, or bytes after the string
	}
	var s string
	return s, strictcbor.Unmarshal(raw, &s) == nil
}

// ReadBytes decodes a byte string. The content of a definite-length string
// is a sub-slice of raw, capped at its length so that appending to it
// cannot overwrite what follows; the chunks of an indefinite-length string
// are joined in a new slice. The result is never nil when ok is true.
func ReadBytes(raw []byte) ([]byte, bool) {
	if MajorType(raw) != MajorBytes {
		return nil, false
	}
	if b, ok := Bytes(raw); ok {
		return b[:len(b):len(b)], true
	}
	if !startsIndefinite(raw) {
		return nil, false // truncated, or bytes after the string
	}
	var b []byte
	if strictcbor.Unmarshal(raw, &b) != nil {
		return nil, false
	}
	if b == nil {
		b = []byte{}
	}
	return b, true
}

// ReadInt decodes an integer (major type 0 or 1) that fits in an int64. The
// head always decides: raw must be exactly one integer head.
func ReadInt(raw []byte) (int64, bool) {
	h, ok := ReadHead(raw)
	if !ok || h.Len != len(raw) {
		return 0, false
	}
	return h.Int()
}

// ReadTag returns the number of the tag that starts raw and the item it
// encloses: the rest of raw after the tag's head, capped. It reads the head
// only. A self-described CBOR tag (55799) is returned like any other, never
// skipped, and the content is not checked: the caller decodes it in turn,
// after strictcbor.Valid has accepted the whole item.
func ReadTag(raw []byte) (number uint64, content []byte, ok bool) {
	h, ok := ReadHead(raw)
	if !ok || h.Major != MajorTag {
		return 0, nil, false
	}
	return h.Arg, raw[h.Len:len(raw):len(raw)], true
}

// startsIndefinite reports whether raw starts with the head of an
// indefinite-length item.
func startsIndefinite(raw []byte) bool {
	return len(raw) > 0 && raw[0]&0x1f == InfoIndefinite
}

// Describe names the CBOR type of the item that starts raw, for a warning
// or an error message. It never shows the value.
func Describe(raw []byte) string {
	switch MajorType(raw) {
	case MajorUint, MajorNegInt:
		return "an integer"
	case MajorBytes:
		return "a byte string"
	case MajorText:
		return "a text string"
	case MajorArray:
		return "an array"
	case MajorMap:
		return "a map"
	case MajorTag:
		return "a tagged item"
	case MajorSimple:
		return "a simple value or float"
	}
	return "empty"
}
