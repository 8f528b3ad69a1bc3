package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/idqr/claim169/cose"
)

// aesDevice stands for an AES-256-GCM key inside a device, generated inside
// it and held in an unexported cipher.AEAD, with a count of its operations.
// It implements cose.AEAD.
//
// A real HSM, secure element or KMS implements cose.AEAD the same way:
// Algorithm names the algorithm the key is for (A256GCM here), NonceSize is
// 12, Seal and Open send the nonce, the data and the additional
// authenticated data (the COSE Enc_structure, RFC 9052 §5.3) to the device.
// Open must return an error, and no plaintext, when the tag does not verify.
// With PKCS #11 that is C_EncryptInit/C_Encrypt and C_DecryptInit/C_Decrypt
// with CKM_AES_GCM and a CK_GCM_PARAMS holding the nonce, the AAD and a
// 128-bit tag.
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
