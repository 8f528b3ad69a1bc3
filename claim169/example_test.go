package claim169_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"errors"
	"fmt"
	"image"
	"image/color"
	"log"
	"time"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
)

// The issuer's key. A real issuer loads its key from a file, an HSM or a
// KMS (any crypto.Signer); this one is fixed so that the output is too.
var issuerKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

// issued is when the examples' credentials were issued, and their clock.
var issued = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// issue returns the QR text of a credential for Jane Doe.
func issue() string {
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: issuerKey, KeyID: []byte("issuer-2026")})
	if err != nil {
		log.Fatal(err)
	}
	out, err := enc.Encode(
		&claim169.Identity{ID: "3918592438", FullName: "Jane Doe", DateOfBirth: "19880102", Gender: claim169.GenderFemale},
		&cwt.Claims{Issuer: "https://id.example.org", IssuedAt: cwt.NewNumericDate(issued),
			ExpiresAt: cwt.NewNumericDate(issued.AddDate(5, 0, 0))},
	)
	if err != nil {
		log.Fatal(err)
	}
	return out.Text
}

func ExampleEncoder_Encode() {
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{
		Signer: issuerKey,             // Ed25519: the algorithm is EdDSA
		KeyID:  []byte("issuer-2026"), // written in the protected header
	})
	if err != nil {
		log.Fatal(err)
	}
	id := &claim169.Identity{
		ID:          "3918592438",
		FullName:    "Jane Doe",
		DateOfBirth: "19880102",
		Gender:      claim169.GenderFemale,
	}
	claims := &cwt.Claims{
		Issuer:    "https://id.example.org",
		IssuedAt:  cwt.NewNumericDate(issued),
		ExpiresAt: cwt.NewNumericDate(issued.AddDate(5, 0, 0)),
	}
	out, err := enc.Encode(id, claims)
	if err != nil {
		log.Fatal(err)
	}
	// out.Text is what the QR code holds; out.Stages every stage's bytes.
	fmt.Println("characters:", len(out.Text))
	fmt.Println("COSE_Sign1 bytes:", len(out.Stages.COSE))
	fmt.Println("warnings:", len(out.Warnings))
	// Output:
	// characters: 260
	// COSE_Sign1 bytes: 162
	// warnings: 0
}

func ExampleDecoder_Decode() {
	text := issue()

	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{issuerKey.Public()},
		Now:  func() time.Time { return issued.AddDate(1, 0, 0) },
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := dec.Decode(text)
	switch {
	case errors.Is(err, claim169.ErrExpired), errors.Is(err, claim169.ErrNotYetValid):
		fmt.Println("outside its validity:", err)
	case errors.Is(err, claim169.ErrUnknownKey):
		fmt.Println("no key for this issuer or kid:", err)
	case errors.Is(err, claim169.ErrVerification):
		fmt.Println("forged or tampered:", err)
	case errors.Is(err, claim169.ErrMalformed), errors.Is(err, claim169.ErrTooLarge):
		fmt.Println("not a credential:", err)
	case err != nil:
		fmt.Println("refused:", err)
	default:
		fmt.Println(res.Verification, res.Algorithm, string(res.KeyID))
		fmt.Println(res.Identity.FullName, res.Identity.DateOfBirth, res.Identity.Gender)
		fmt.Println("issuer:", res.Claims.Issuer, "expires:", res.Claims.ExpiresAt)
	}

	// The same credential ten years later.
	late, _ := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{issuerKey.Public()},
		Now:  func() time.Time { return issued.AddDate(10, 0, 0) },
	})
	_, err = late.Decode(text)
	fmt.Println(errors.Is(err, claim169.ErrExpired))
	var e *claim169.Error
	if errors.As(err, &e) {
		fmt.Println("stage:", e.Stage)
	}
	// Output:
	// verified EdDSA issuer-2026
	// Jane Doe 19880102 female
	// issuer: https://id.example.org expires: 2031-01-01T00:00:00Z
	// true
	// stage: validity
}

func ExampleDecoder_Inspect() {
	// Inspect reads a credential without any check: for debugging, never
	// for trusting what it says.
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := dec.Inspect(issue())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Verification, res.Algorithm, string(res.KeyID), res.Identity.ID)
	// Output:
	// skipped EdDSA issuer-2026 3918592438
}

// portrait draws a 300×400 stand-in for a photograph.
func portrait() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	for y := range 400 {
		for x := range 300 {
			dx, dy := float64(x-150)/95, float64(y-190)/130
			c := color.RGBA{uint8(190 - y/8), 205, 228, 0xff}
			if dx*dx+dy*dy < 1 {
				c = color.RGBA{222, 184, 152, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// A face photo fitted to a byte budget (package biometrics/photo) and
// encoded as the face biometric (key 62), which specification 1.2.2 prefers
// to the photo of keys 16 and 17.
func Example_facePhoto() {
	jpeg, err := photo.Fit(portrait(), photo.Options{MaxBytes: 500, Crop: true})
	if err != nil {
		log.Fatal(err)
	}
	id := &claim169.Identity{
		ID: "3918592438",
		Face: []biometrics.Biometric{{
			Data:      jpeg,
			Format:    biometrics.FormatImage.Ptr(),
			SubFormat: biometrics.ImageJPEG.Ptr(),
		}},
	}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{
		Signer: issuerKey,
		Budget: claim169.Budget{MaxVersion: 25}, // the card prints up to version 25 at level M
	})
	if err != nil {
		log.Fatal(err)
	}
	out, err := enc.Encode(id, &cwt.Claims{Issuer: "https://id.example.org"})
	if err != nil {
		log.Fatal(err)
	}
	dec, _ := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{issuerKey.Public()}})
	res, err := dec.Decode(out.Text)
	if err != nil {
		log.Fatal(err)
	}
	face := res.Identity.Face[0]
	fmt.Println("photo within budget:", len(jpeg) <= 500)
	fmt.Println("face decoded:", bytes.Equal(face.Data, jpeg), *face.Format, face.SubFormat.Name(*face.Format))
	// Output:
	// photo within budget: true
	// face decoded: true image JPEG
}
