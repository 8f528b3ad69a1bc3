package render

import (
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/skip2/go-qrcode"

	"github.com/idqr/claim169/qr"
)

// zxLevel is gozxing's name of a level; l must be L, M, Q or H, as in every
// planned layout.
func zxLevel(l qr.Level) decoder.ErrorCorrectionLevel {
	return [...]decoder.ErrorCorrectionLevel{
		decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_M,
		decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H,
	}[l-qr.L]
}

// recovery is go-qrcode's name of a level; l must be L, M, Q or H.
func recovery(l qr.Level) qrcode.RecoveryLevel {
	return [...]qrcode.RecoveryLevel{qrcode.Low, qrcode.Medium, qrcode.High, qrcode.Highest}[l-qr.L]
}
