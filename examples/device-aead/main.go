// Command device-aead encrypts a Claim 169 credential with a content key
// that never leaves its device, then decrypts and verifies it.
//
// The device is simulated by aesDevice: an AES-256-GCM key generated inside
// it and held in an unexported cipher.AEAD, reachable only through the four
// methods of cose.AEAD, with a count of its operations. A real HSM, secure
// element or KMS implements cose.AEAD the same way: Algorithm names the
// algorithm the key is for (A256GCM here), NonceSize is 12, Seal and Open
// send the nonce, the data and the additional authenticated data (the COSE
// Enc_structure, RFC 9052 §5.3) to the device. Open must return an error,
// and no plaintext, when the tag does not verify. With PKCS #11 that is
// C_EncryptInit/C_Encrypt and C_DecryptInit/C_Decrypt with CKM_AES_GCM and a
// CK_GCM_PARAMS holding the nonce, the AAD and a 128-bit tag.
//
// The encoder signs, then encrypts the signed message in a COSE_Encrypt0
// (claim169.EncoderOptions.Encryption); the decoder decrypts with the device
// (DecoderOptions.DecryptionKeys), then verifies the signature inside.
//
// Usage:
//
//	go run ./examples/device-aead
package main

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "device-aead:", err)
		os.Exit(1)
	}
}

// aesDevice stands for an AES-256-GCM key inside a device. It implements
// cose.AEAD.
type aesDevice struct {
	aead         cipher.AEAD
	seals, opens atomic.Int64
}

var _ cose.AEAD = (*aesDevice)(nil)

// errDevice is the device's refusal; it says nothing about the data.
var errDevice = errors.New("device: operation refused")

// newAESDevice generates a key "inside the device"; the key bytes are
// cleared once the cipher holds them.
func newAESDevice() (*aesDevice, error) {
	key := make([]byte, cose.A256GCM.KeySize())
	defer clear(key)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("device: generating the key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("device: %w", err)
	}
	aead, err := cipher.NewGCM(block) // 96-bit nonce, 128-bit tag
	if err != nil {
		return nil, fmt.Errorf("device: %w", err)
	}
	return &aesDevice{aead: aead}, nil
}

// Algorithm returns the algorithm the device's key is for.
func (d *aesDevice) Algorithm() cose.Algorithm { return cose.A256GCM }

// NonceSize returns the nonce length the device requires (cose.IVSize).
func (d *aesDevice) NonceSize() int { return d.aead.NonceSize() }

// Seal encrypts and authenticates plaintext and additionalData.
func (d *aesDevice) Seal(dst, nonce, plaintext, additionalData []byte) ([]byte, error) {
	if len(nonce) != d.aead.NonceSize() {
		return nil, errDevice
	}
	d.seals.Add(1)
	return d.aead.Seal(dst, nonce, plaintext, additionalData), nil
}

// Open authenticates and decrypts ciphertext and additionalData; it returns
// no plaintext when the tag does not verify.
func (d *aesDevice) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if len(nonce) != d.aead.NonceSize() {
		return nil, errDevice
	}
	d.opens.Add(1)
	plaintext, err := d.aead.Open(dst, nonce, ciphertext, additionalData)
	if err != nil {
		return nil, errDevice
	}
	return plaintext, nil
}

// run issues an encrypted credential, decodes it with the device, and shows
// that a decoder without the device cannot read it.
func run(w io.Writer) error {
	device, err := newAESDevice()
	if err != nil {
		return err
	}
	pub, issuer, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{
		Signer: issuer, KeyID: []byte("issuer-ed25519"),
		Encryption: device, EncryptionKeyID: []byte("device-aes-1"),
	})
	if err != nil {
		return err
	}
	now := time.Now()
	id := &claim169.Identity{ID: "3918592438", FullName: "Janardhan BS", Nationality: "IN"}
	encoded, err := enc.Encode(id, &cwt.Claims{
		Issuer: "https://id.example.org", IssuedAt: cwt.NewNumericDate(now), ExpiresAt: cwt.NewNumericDate(now.AddDate(1, 0, 0)),
	})
	if err != nil {
		return err
	}

	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{pub}, DecryptionKeys: []cose.AEAD{device},
	})
	if err != nil {
		return err
	}
	res, err := dec.Decode(encoded.Text)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "encryption: %v (kid %s)\nverification: %s\nalgorithm: %v\nid: %s\nfullName: %s\n",
		res.EncryptionAlgorithm, res.Encrypt0.Protected.KeyID(), res.Verification, res.Algorithm,
		res.Identity.ID, res.Identity.FullName)
	fmt.Fprintf(w, "device operations: %d seal, %d open\n", device.seals.Load(), device.opens.Load())

	dec, err = claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{pub}})
	if err != nil {
		return err
	}
	if _, err := dec.Decode(encoded.Text); !errors.Is(err, claim169.ErrDecryption) {
		return fmt.Errorf("without the device: want a decryption error, got %v", err)
	}
	fmt.Fprintln(w, "without the device: decryption failed, as it should")
	return nil
}
