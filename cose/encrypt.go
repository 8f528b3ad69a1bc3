package cose

import (
	cryptorand "crypto/rand"
	"errors"
	"fmt"
	"io"
)

// EncryptOptions configures [Encrypt]. The zero value writes tag 16, no kid
// and no external AAD.
type EncryptOptions struct {
	// KeyID is written as the kid header parameter when not empty.
	KeyID []byte
	// KeyIDUnprotected writes the kid in the unprotected header instead of
	// the protected one.
	KeyIDUnprotected bool
	// Untagged writes the bare array instead of CBOR tag 16.
	Untagged bool
	// ExternalAAD is the external additional authenticated data of the
	// Enc_structure; the recipient must supply the same bytes.
	ExternalAAD []byte
}

// errNilAEAD is returned when Encrypt is called without an AEAD.
var errNilAEAD = errors.New("cose: nil AEAD")

// Encrypt encrypts plaintext with aead and returns the encoded COSE_Encrypt0
// message (RFC 9052 §5.2): the algorithm in the protected header, a random
// 96-bit IV read from rand (nil selects crypto/rand.Reader) in the
// unprotected header, and the kid where opts says.
func Encrypt(rand io.Reader, aead AEAD, plaintext []byte, opts EncryptOptions) ([]byte, error) {
	if aead == nil {
		return nil, errNilAEAD
	}
	if rand == nil {
		rand = cryptorand.Reader
	}
	alg := aead.Algorithm()
	if !alg.IsAEAD() {
		return nil, fmt.Errorf("%w: not a content-encryption algorithm", ErrUnsupportedAlgorithm)
	}
	if aead.NonceSize() != IVSize {
		return nil, fmt.Errorf("%w: the AEAD nonce size is not %d", ErrAlgorithmMismatch, IVSize)
	}
	iv := make([]byte, IVSize)
	if _, err := io.ReadFull(rand, iv); err != nil {
		return nil, fmt.Errorf("cose: reading the IV: %w", err)
	}
	kid := len(opts.KeyID) > 0
	ph := newHeaderWriter(16 + len(opts.KeyID))
	ph.addInt(HeaderAlgorithm, int64(alg))
	if kid && !opts.KeyIDUnprotected {
		ph.addBytes(HeaderKeyID, opts.KeyID)
	}
	uh := newHeaderWriter(16 + len(opts.KeyID) + IVSize)
	if kid && opts.KeyIDUnprotected {
		uh.addBytes(HeaderKeyID, opts.KeyID)
	}
	uh.addBytes(HeaderIV, iv)
	protected, unprotected := ph.bytes(), uh.bytes()
	ciphertext, err := aead.Seal(nil, iv, plaintext, encStructure(protected, opts.ExternalAAD))
	if err != nil {
		return nil, fmt.Errorf("cose: encryption failed: %w", err)
	}
	return encodeMessage(TagEncrypt0, !opts.Untagged, protected, unprotected, ciphertext), nil
}
