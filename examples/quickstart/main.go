// Command quickstart issues a Claim 169 credential, prints its QR text, and
// verifies it back: the whole SDK in one page.
//
//	go run ./examples/quickstart
package main

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
)

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	// The issuer's signing key. In production it lives in an HSM or a KMS:
	// any crypto.Signer will do.
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}

	// 1. Issue: identity + CWT claims -> signed QR text.
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
			Data:      []byte{0xff, 0xd8, 0xff, 0xe0}, // a (very small) JPEG
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
	fmt.Fprintf(w, "QR text (%d characters, print it as an alphanumeric QR code):\n%s\n\n", len(text), text)

	// 2. Verify: QR text -> verified identity. A verifier holds the issuer's
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
	fmt.Fprintf(w, "Verification: %s (%v, kid %q)\nIdentity:\n%s\n", res.Verification, res.Algorithm, res.KeyID, out)
	return nil
}
