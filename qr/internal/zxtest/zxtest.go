// Package zxtest names this module's QR terms as github.com/makiuchi-d/gozxing
// does, for the tests of qr/render and qr/internal/symbol that compare the
// module's tables and symbols with gozxing's. Only tests import it.
package zxtest

import (
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/idqr/claim169/qr"
)

// Level is gozxing's name of a level; l must be L, M, Q or H.
func Level(l qr.Level) decoder.ErrorCorrectionLevel {
	return [...]decoder.ErrorCorrectionLevel{
		decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_M,
		decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H,
	}[l-qr.L]
}

// Version is gozxing's version v; it fails tb when gozxing has none.
func Version(tb testing.TB, v int) *decoder.Version {
	tb.Helper()
	ver, err := decoder.Version_GetVersionForNumber(v)
	if err != nil {
		tb.Fatalf("gozxing version %d: %v", v, err)
	}
	return ver
}
