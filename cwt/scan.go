package cwt

import "github.com/idqr/claim169/internal/cborscan"

// Parse slices the claims map with internal/cborscan after strictcbor has
// found it well-formed and within its limits (RFC 8949 §3), so that it sees
// every item exactly as received: decoding into cbor.RawMessage would
// silently strip a leading self-described CBOR tag (55799) from a value and
// so change the bytes kept raw.

// CBOR major types and the initial bytes of the floating-point encodings
// (RFC 8949 §3.1, §3.3).
const (
	majorUint   = cborscan.MajorUint
	majorNegInt = cborscan.MajorNegInt
	majorBytes  = cborscan.MajorBytes
	majorText   = cborscan.MajorText
	majorArray  = cborscan.MajorArray
	majorMap    = cborscan.MajorMap
	majorTag    = cborscan.MajorTag

	float16Head = 0xf9
	float32Head = 0xfa
	float64Head = 0xfb
)

// majorType returns the major type of the item that starts data, or 0xff
// for empty data.
func majorType(data []byte) byte {
	if len(data) == 0 {
		return 0xff
	}
	return data[0] >> 5
}

// items returns the elements of the well-formed array or map that is data
// (keys and values alternating for a map), each as a sub-slice of data.
func items(data []byte) [][]byte {
	out, _ := cborscan.Items(data) // data is well-formed: strictcbor.Valid passed
	return out
}
