package testsupport

import "bytes"

// Canonical reports whether data encodes again unchanged: decoded by unmarshal into a
// generic value, then encoded by marshal. With the core deterministic encoding of RFC
// 8949 §4.2.1 as marshal (strictcbor's), it reports whether data is in that encoding, as
// the fuzz targets that check "accepted canonical input re-encodes to the same bytes" ask.
func Canonical(data []byte, unmarshal func([]byte, any) error, marshal func(any) ([]byte, error)) bool {
	var v any
	if unmarshal(data, &v) != nil {
		return false
	}
	again, err := marshal(v)
	return err == nil && bytes.Equal(again, data)
}
