package testsupport

import (
	"encoding/hex"
	"strings"
	"testing"
)

// MustHex decodes a hex constant of a test, spaces allowed; it panics on bad hex.
func MustHex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic("testsupport: bad hex constant: " + err.Error())
	}
	return b
}

// Unhex decodes hex, spaces allowed, failing tb on bad hex.
func Unhex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		tb.Fatalf("bad hex: %v", err)
	}
	return b
}
