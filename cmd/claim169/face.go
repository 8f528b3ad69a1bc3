package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr"
)

// Face fitting of encode --face.
const (
	// defaultFaceBytes is the budget of a --face picture without
	// --face-bytes and --max-version: what a card photo typically gets.
	defaultFaceBytes = 600
	// minFaceBytes is the smallest budget worth fitting a face into.
	minFaceBytes = 150
	// faceOverhead is what a face entry costs in the compressed credential
	// beyond the JPEG: its CBOR map and the zlib framing of incompressible
	// data, in bytes.
	faceOverhead = 24
	// faceTries bounds the fittings made to meet --max-version.
	faceTries = 4
)

// encodeWithFace fits the picture of --face into a JPEG and encodes rec
// with it as its face (key 62: format image, sub-format JPEG). Without
// --max-version the JPEG gets --face-bytes (600 by default); with it, at
// most the room the rest of the credential leaves in that QR version,
// shrunk again if the credential still does not fit.
func (f *encodeFlags) encodeWithFace(e *env, enc *claim169.Encoder, rec *record.Record) (*claim169.Encoded, error) {
	if rec.Identity.Has(claim169.FieldFace) {
		return nil, usagef("encode: the record already has a face; give it there or with --face, not both")
	}
	picture, err := readFile(e, f.face, photo.MaxInputBytes, "--face")
	if err != nil {
		return nil, err
	}
	budget := f.faceBytes
	if budget == 0 {
		budget = defaultFaceBytes
	}
	capacity := 0
	if f.maxVersion > 0 {
		level, _ := qr.ParseLevel(f.ecc) // checked by encoderOptions
		capacity = qr.MaxCharacters(f.maxVersion, level)
		rest, err := enc.Encode(rec.Identity, rec.Claims)
		if err != nil {
			return nil, err
		}
		room := (capacity-len(rest.Text))*2/3 - faceOverhead
		if f.faceBytes == 0 {
			budget = min(room, photo.MaxBudget)
		}
		budget = min(budget, room)
		if budget < minFaceBytes {
			return nil, &inputError{"face", fmt.Errorf("%w: the rest of the credential takes %d of the %d characters QR version %d holds at %s, leaving no room for a face",
				claim169.ErrTooLarge, len(rest.Text), capacity, f.maxVersion, level)}
		}
	}
	for try := 1; ; try++ {
		jpeg, err := photo.FitReader(bytes.NewReader(picture), photo.Options{MaxBytes: budget, Crop: true})
		if err != nil {
			return nil, &inputError{"face", err}
		}
		rec.Identity.Face = []biometrics.Biometric{{Data: jpeg,
			Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}}
		out, err := enc.Encode(rec.Identity, rec.Claims)
		var size *claim169.SizeError
		if err == nil || !errors.As(err, &size) || capacity == 0 || try == faceTries {
			return out, err
		}
		// Give the picture less by what the credential is over, and a margin.
		budget = min(budget, len(jpeg)) - (size.Characters-capacity)*2/3 - 16
		if budget < minFaceBytes {
			return nil, err
		}
	}
}
