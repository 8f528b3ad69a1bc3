package strictcbor

import (
	"encoding/hex"
	"strings"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// unhex is testsupport.Unhex: hex, spaces allowed.
var unhex = ts.Unhex

// deepArray is n nested one-element arrays around 0: n levels of nesting.
func deepArray(n int) string { return strings.Repeat("81", n) + "00" }

// deepMap is n nested one-pair maps {0: {0: ... 0}}.
func deepMap(n int) string { return strings.Repeat("a100", n) + "00" }

// array is an array header for n elements (n < 65536) followed by n zeros.
func array(n int) string {
	return "99" + hex.EncodeToString([]byte{byte(n >> 8), byte(n)}) + strings.Repeat("00", n)
}

// indefiniteArray is an indefinite-length array of n zeros.
func indefiniteArray(n int) string { return "9f" + strings.Repeat("00", n) + "ff" }

// pairs is a map header for n pairs (n < 65536) of distinct keys 0..n-1
// with the value 0, in the shortest encoding.
func pairs(n int, indefinite bool) string {
	var b strings.Builder
	if indefinite {
		b.WriteString("bf")
	} else {
		b.WriteString("b9" + hex.EncodeToString([]byte{byte(n >> 8), byte(n)}))
	}
	for i := range n {
		switch {
		case i < 24:
			b.WriteString(hex.EncodeToString([]byte{byte(i)}))
		case i < 256:
			b.WriteString("18" + hex.EncodeToString([]byte{byte(i)}))
		default:
			b.WriteString("19" + hex.EncodeToString([]byte{byte(i >> 8), byte(i)}))
		}
		b.WriteString("00")
	}
	if indefinite {
		b.WriteString("ff")
	}
	return b.String()
}

// errorAs returns a target for require.ErrorAs of the error type E.
func errorAs[E error]() any {
	var e E
	return &e
}
