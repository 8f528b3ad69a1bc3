package record

import "github.com/idqr/claim169/qr"

// QRInfo is the JSON of the figures of the code that holds a text, as the
// command's qr prints them and the playground returns them.
type QRInfo struct {
	Version    int    `json:"version"`
	ECC        string `json:"ecc"`
	Modules    int    `json:"modules"`
	Characters int    `json:"characters"`
	Capacity   int    `json:"capacity"`
	Remaining  int    `json:"remaining"`
}

// NewQRInfo returns the figures of the layout.
func NewQRInfo(l qr.Layout) QRInfo {
	return QRInfo{Version: l.Version, ECC: l.Level.String(), Modules: l.Modules,
		Characters: l.Characters, Capacity: l.Capacity, Remaining: l.Remaining}
}
