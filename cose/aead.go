package cose

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// IVSize is the length in bytes of the IV of every content-encryption
// algorithm this package implements (RFC 9053 §4.1 and §4.3: 96 bits).
const IVSize = 12

// AEAD is an authenticated cipher with a key for one COSE content-encryption
// algorithm. It is shaped so that a key held in an HSM or KMS can implement
// it: the key never has to leave the device. Seal and Open follow
// crypto/cipher.AEAD, but return an error instead of panicking on a wrong
// nonce size, and Open must return an error, never partial plaintext, when
// authentication fails.
type AEAD interface {
	// Algorithm returns the COSE algorithm the key is for.
	Algorithm() Algorithm
	// NonceSize returns the nonce length Seal and Open require.
	NonceSize() int
	// Seal encrypts and authenticates plaintext and additionalData, and
	// appends the ciphertext and tag to dst.
	Seal(dst, nonce, plaintext, additionalData []byte) ([]byte, error)
	// Open authenticates and decrypts ciphertext and additionalData, and
	// appends the plaintext to dst.
	Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
}

// errNonceSize reports a nonce of the wrong length passed to an AEAD.
var errNonceSize = errors.New("cose: nonce of the wrong length")

// NewAEAD returns an [AEAD] for alg (A128GCM, A192GCM, A256GCM or
// ChaCha20Poly1305) with key, whose length must be alg.KeySize(). The key is
// copied.
func NewAEAD(alg Algorithm, key []byte) (AEAD, error) {
	if !alg.IsAEAD() {
		return nil, fmt.Errorf("%w: not a content-encryption algorithm", ErrUnsupportedAlgorithm)
	}
	if len(key) != alg.KeySize() {
		return nil, fmt.Errorf("%w: %v requires a %d-byte key", ErrAlgorithmMismatch, alg, alg.KeySize())
	}
	var (
		c   cipher.AEAD
		err error
	)
	if alg == ChaCha20Poly1305 {
		c, err = chacha20poly1305.New(key)
	} else {
		var block cipher.Block
		if block, err = aes.NewCipher(key); err == nil {
			c, err = cipher.NewGCM(block) // 96-bit nonce, 128-bit tag (RFC 9053 §4.1)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("cose: creating the %v cipher: %w", alg, err)
	}
	return &stdAEAD{alg: alg, aead: c}, nil
}

// stdAEAD is an [AEAD] on a crypto/cipher.AEAD.
type stdAEAD struct {
	alg  Algorithm
	aead cipher.AEAD
}

func (a *stdAEAD) Algorithm() Algorithm { return a.alg }

func (a *stdAEAD) NonceSize() int { return a.aead.NonceSize() }

func (a *stdAEAD) Seal(dst, nonce, plaintext, additionalData []byte) ([]byte, error) {
	if len(nonce) != a.aead.NonceSize() {
		return nil, errNonceSize
	}
	return a.aead.Seal(dst, nonce, plaintext, additionalData), nil
}

func (a *stdAEAD) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if len(nonce) != a.aead.NonceSize() {
		return nil, errNonceSize
	}
	plaintext, err := a.aead.Open(dst, nonce, ciphertext, additionalData)
	if err != nil {
		return nil, ErrDecryption
	}
	return plaintext, nil
}
