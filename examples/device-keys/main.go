// Command device-keys issues a Claim 169 credential whose signing key and
// content key never leave their devices, then decrypts and verifies it.
//
// The signing device is simulated by hsmKey (signer.go): an ECDSA P-256 key
// reachable only through the two methods of crypto.Signer, which
// claim169.EncoderOptions.Signer takes. The content-key device is simulated
// by aesDevice (aead.go): an AES-256-GCM key reachable only through the four
// methods of cose.AEAD, which EncoderOptions.Encryption and
// DecoderOptions.DecryptionKeys take. Each file says how a real HSM, secure
// element or cloud KMS implements its interface.
//
// The encoder signs with the signing device, then encrypts the signed
// message in a COSE_Encrypt0 with the content-key device; the decoder
// decrypts with the content-key device, then verifies the signature inside
// with the signing device's public key.
//
// Usage:
//
//	go run ./examples/device-keys
package main

import (
	"crypto"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "device-keys:", err)
		os.Exit(1)
	}
}

// run issues an encrypted credential with both devices, decodes it with
// them, and shows that a decoder without the content-key device cannot read
// it and that another signing key does not verify it.
func run(w io.Writer) error {
	signer, err := newHSMKey()
	if err != nil {
		return err
	}
	device, err := newAESDevice()
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{
		Signer: signer, KeyID: []byte("hsm-es256-1"),
		Encryption: device, EncryptionKeyID: []byte("device-aes-1"),
	})
	if err != nil {
		return err
	}
	now := time.Now()
	id := &claim169.Identity{ID: "3918592438", FullName: "Janardhan BS", DateOfBirth: "19840418", Gender: claim169.GenderMale}
	encoded, err := enc.Encode(id, &cwt.Claims{
		Issuer:    "https://id.example.org",
		IssuedAt:  cwt.NewNumericDate(now),
		ExpiresAt: cwt.NewNumericDate(now.AddDate(1, 0, 0)),
	})
	if err != nil {
		return err
	}

	res, err := decode(encoded.Text, signer.Public(), device)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "encryption: %v (kid %s)\nverification: %s\nalgorithm: %v\nkid: %s\nid: %s\nfullName: %s\nissuer: %s\n",
		res.EncryptionAlgorithm, res.Encrypt0.Protected.KeyID(), res.Verification, res.Algorithm,
		res.KeyID, res.Identity.ID, res.Identity.FullName, res.Claims.Issuer)
	fmt.Fprintf(w, "device operations: %d signature, %d seal, %d open\n",
		signer.signatures.Load(), device.seals.Load(), device.opens.Load())

	if _, err := decode(encoded.Text, signer.Public()); !errors.Is(err, claim169.ErrDecryption) {
		return fmt.Errorf("without the content-key device: want a decryption error, got %v", err)
	}
	fmt.Fprintln(w, "without the content-key device: decryption failed, as it should")

	other, err := newHSMKey()
	if err != nil {
		return err
	}
	if _, err := decode(encoded.Text, other.Public(), device); !errors.Is(err, claim169.ErrVerification) {
		return fmt.Errorf("another signing key: want a verification error, got %v", err)
	}
	fmt.Fprintln(w, "another signing key: verification failed, as it should")
	return nil
}

// decode decodes text, verifying with pub and decrypting with devices.
func decode(text string, pub crypto.PublicKey, devices ...cose.AEAD) (*claim169.Result, error) {
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{pub}, DecryptionKeys: devices,
	})
	if err != nil {
		return nil, err
	}
	return dec.Decode(text)
}
