// Command quickstart issues a Claim 169 credential with a face photo,
// draws its QR code, and verifies it back: the whole SDK in one page.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -png card.png -portrait portrait.jpg
//
// It draws a portrait (standing in for the photo taken at the counter),
// fits it into a 500-byte JPEG with photo.Fit, signs the identity with an
// Ed25519 key, prints the QR text and draws the QR code in the terminal,
// then verifies the text with the public key. -png also writes the code as
// a PNG; -portrait writes the portrait it drew, to try the claim169
// command's photo and encode --face with.
package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"log"
	"os"
	"time"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

func main() {
	pngPath := flag.String("png", "", "also write the QR code as a PNG `FILE`")
	portrait := flag.String("portrait", "", "also write the drawn portrait as a JPEG `FILE`")
	flag.Parse()
	if err := run(os.Stdout, *pngPath, *portrait); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer, pngPath, portraitPath string) error {
	// The issuer's signing key. In production it lives in an HSM or a KMS:
	// any crypto.Signer will do.
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}

	// 1. A face photo, fitted into the few hundred bytes a QR code can spare.
	portrait := drawPortrait(360, 480)
	if portraitPath != "" {
		if err := writeJPEG(portraitPath, portrait); err != nil {
			return err
		}
	}
	face, err := photo.Fit(portrait, photo.Options{MaxBytes: 500})
	if err != nil {
		return err
	}

	// 2. Issue: identity + CWT claims -> signed QR text.
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: priv, KeyID: []byte("issuer-2026-01")})
	if err != nil {
		return err
	}
	id := &claim169.Identity{
		ID:          "3918592438",
		FullName:    "Janardhan BS",
		DateOfBirth: "19840418",
		Gender:      claim169.GenderMale,
		Nationality: "IN",
		Face: []biometrics.Biometric{{
			Data:      face,
			Format:    biometrics.FormatImage.Ptr(),
			SubFormat: biometrics.ImageJPEG.Ptr(),
		}},
	}
	now := time.Now()
	claims := &cwt.Claims{
		Issuer:    "https://id.example.org",
		IssuedAt:  cwt.NewNumericDate(now),
		ExpiresAt: cwt.NewNumericDate(now.AddDate(5, 0, 0)),
	}
	encoded, err := enc.Encode(id, claims)
	if err != nil {
		return err
	}
	text := encoded.Text
	fmt.Fprintf(w, "QR text (%d characters, with a %d-byte face JPEG):\n%s\n\n", len(text), len(face), text)

	// 3. Draw the QR code: in the terminal here, as a PNG for a card printer.
	code, err := render.New(text, render.Options{Level: qr.M})
	if err != nil {
		return err
	}
	layout := code.Layout()
	fmt.Fprintf(w, "QR code, version %d at level %v (%d modules a side):\n%s\n", layout.Version, layout.Level, layout.Modules, code.Terminal(true))
	if pngPath != "" {
		var b bytes.Buffer
		if err := code.WritePNG(&b); err != nil {
			return err
		}
		if err := os.WriteFile(pngPath, b.Bytes(), 0o644); err != nil {
			return err
		}
	}

	// 4. Verify: QR text -> verified identity. A verifier holds the issuer's
	// public key (or a JWKS, or a trust anchor for certificate chains).
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{pub}})
	if err != nil {
		return err
	}
	res, err := dec.Decode(text)
	if err != nil {
		return err
	}
	out, err := json.MarshalIndent(res.Identity, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Verification: %s (%v, kid %q, trusted as %s)\nIdentity:\n%s\n", res.Verification, res.Algorithm, res.KeyID, res.Trust, out)
	return nil
}

// writeJPEG writes img to path as a JPEG of quality 90.
func writeJPEG(path string, img *image.RGBA) error {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
