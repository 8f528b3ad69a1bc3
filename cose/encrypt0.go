package cose

import "fmt"

// Encrypt0 is a COSE_Encrypt0 message (RFC 9052 §5.2) as received: content
// encrypted with a key the recipient already holds.
type Encrypt0 struct {
	// Tagged reports whether the message carried CBOR tag 16.
	Tagged bool
	// RawProtected is the content of the protected-header byte string exactly
	// as received: the bytes the AEAD authenticates.
	RawProtected []byte
	// Protected is the parsed protected header bucket.
	Protected Headers
	// Unprotected is the unprotected header bucket (it usually holds the IV).
	Unprotected Headers
	// Ciphertext is the encrypted content followed by the AEAD tag.
	Ciphertext []byte
}

// ParseEncrypt0 parses a COSE_Encrypt0 message: CBOR tag 16 or no tag around
// the array [protected: bstr, unprotected: map, ciphertext: bstr]. Any other
// tag, any other array length, a detached (null) ciphertext, duplicate header
// labels, a label in both buckets and bytes after the message are refused
// with [ErrMalformed]. It does not decrypt.
func ParseEncrypt0(data []byte) (*Encrypt0, error) {
	var rest [1][]byte // ciphertext
	m, err := parseMessage(data, TagEncrypt0, rest[:])
	if err != nil {
		return nil, err
	}
	return m.encrypt0(rest[0])
}

// encrypt0 completes a COSE_Encrypt0 from its buckets and its ciphertext
// element, undecoded.
func (m *message) encrypt0(ciphertext []byte) (*Encrypt0, error) {
	ciphertext, err := decodeContent(ciphertext, "ciphertext")
	if err != nil {
		return nil, err
	}
	return &Encrypt0{
		Tagged:       m.tagged,
		RawProtected: m.rawProtected,
		Protected:    m.protected,
		Unprotected:  m.unprotected,
		Ciphertext:   ciphertext,
	}, nil
}

// Algorithm returns the content-encryption algorithm of the message, taken
// only from the protected header. An alg parameter found only in the
// unprotected header, a missing one, or one this package does not implement
// is an error wrapping [ErrUnsupportedAlgorithm].
func (m *Encrypt0) Algorithm() (Algorithm, error) {
	return protectedAlgorithm(&m.Protected, &m.Unprotected, Algorithm.IsAEAD)
}

// KeyID returns the kid of the message, from the protected header first,
// then from the unprotected header, or nil.
func (m *Encrypt0) KeyID() []byte { return keyID(&m.Protected, &m.Unprotected) }

// Decrypt authenticates and decrypts m with aead, whose algorithm must be
// the one in the protected header ([ErrAlgorithmMismatch] otherwise). The
// additional authenticated data is the Enc_structure of RFC 9052 §5.3 built
// from the protected header bytes as received and externalAAD (nil for
// none). The IV comes from the IV header parameter and must be exactly
// [IVSize] bytes; a Partial IV is not supported (it needs a context IV this
// package does not have); a critical header parameter this package does not
// process is refused. Every failure returns nil and matches [ErrDecryption]:
// a wrong key or a changed byte never yields plaintext.
func (m *Encrypt0) Decrypt(aead AEAD, externalAAD []byte) ([]byte, error) {
	if aead == nil {
		return nil, fmt.Errorf("%w: nil AEAD", ErrDecryption)
	}
	alg, err := m.Algorithm()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecryption, err)
	}
	if aead.Algorithm() != alg {
		return nil, fmt.Errorf("%w: %w", ErrDecryption, ErrAlgorithmMismatch)
	}
	if err := checkUnderstood(&m.Protected, understoodByEncrypt0); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDecryption, err)
	}
	iv, err := m.iv()
	if err != nil {
		return nil, err
	}
	if aead.NonceSize() != IVSize {
		return nil, fmt.Errorf("%w: the AEAD nonce size is not %d", ErrDecryption, IVSize)
	}
	plaintext, err := aead.Open(nil, iv, m.Ciphertext, encStructure(m.RawProtected, externalAAD))
	if err != nil {
		return nil, fmt.Errorf("%w: authentication failed", ErrDecryption)
	}
	if plaintext == nil {
		plaintext = []byte{}
	}
	return plaintext, nil
}

// iv returns the IV of the message from either bucket (a label is never in
// both).
func (m *Encrypt0) iv() ([]byte, error) {
	if m.Protected.PartialIV() != nil || m.Unprotected.PartialIV() != nil {
		return nil, fmt.Errorf("%w: Partial IV without a context IV is not supported", ErrDecryption)
	}
	iv := m.Protected.IV()
	if iv == nil {
		iv = m.Unprotected.IV()
	}
	if iv == nil {
		return nil, fmt.Errorf("%w: no IV", ErrDecryption)
	}
	if len(iv) != IVSize {
		return nil, fmt.Errorf("%w: IV of the wrong length", ErrDecryption)
	}
	return iv, nil
}

// understoodByEncrypt0 reports whether a crit label names a header parameter
// that [Encrypt0.Decrypt] processes.
func understoodByEncrypt0(l HeaderLabel) bool {
	switch l {
	case HeaderAlgorithm, HeaderCritical, HeaderContentType, HeaderKeyID, HeaderIV:
		return true
	}
	return false
}
