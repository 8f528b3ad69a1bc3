package keys

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// PEM block types (RFC 7468 §10, §11 and §13; OpenSSL's names for SEC 1 and
// PKCS #1 keys).
const (
	pemCertificate      = "CERTIFICATE"
	pemPublicKey        = "PUBLIC KEY"
	pemRSAPublicKey     = "RSA PUBLIC KEY"
	pemPrivateKey       = "PRIVATE KEY"
	pemECPrivateKey     = "EC PRIVATE KEY"
	pemRSAPrivateKey    = "RSA PRIVATE KEY"
	pemEncryptedPrivate = "ENCRYPTED PRIVATE KEY"
	pemECParameters     = "EC PARAMETERS"
)

// pemBegin starts every PEM block.
var pemBegin = []byte("-----BEGIN ")

// ParsePublicPEM reads a public key from PEM: one "PUBLIC KEY" (SPKI, RFC
// 5280) or "RSA PUBLIC KEY" (PKCS #1) block, or a chain of "CERTIFICATE"
// blocks, leaf first, whose leaf key is used and which are returned in
// Key.Certificates (not validated: that is the verifier's job). Text outside
// the blocks is ignored and "EC PARAMETERS" blocks are skipped. A private key
// block is refused with [ErrPrivateKey].
func ParsePublicPEM(data []byte) (Key, error) {
	blocks, err := pemBlocks(data)
	if err != nil {
		return Key{}, err
	}
	var pub crypto.PublicKey
	var certs []*x509.Certificate
	for _, b := range blocks {
		switch b.Type {
		case pemCertificate:
			cert, err := parseCertificate(b.Bytes)
			if err != nil {
				return Key{}, err
			}
			certs = append(certs, cert)
		case pemPublicKey, pemRSAPublicKey:
			if pub != nil {
				return Key{}, errSeveralKeys
			}
			if pub, err = parsePublicBlock(b.Type, b.Bytes); err != nil {
				return Key{}, err
			}
		case pemPrivateKey, pemECPrivateKey, pemRSAPrivateKey, pemEncryptedPrivate:
			return Key{}, ErrPrivateKey
		default:
			return Key{}, errPEMType
		}
	}
	return publicFromBlocks(pub, certs)
}

// publicFromBlocks makes the key of ParsePublicPEM from either one public
// key or one certificate chain.
func publicFromBlocks(pub crypto.PublicKey, certs []*x509.Certificate) (Key, error) {
	if len(certs) > MaxCertificates {
		return Key{}, fmt.Errorf("%w: over %d certificates", ErrInvalidKey, MaxCertificates)
	}
	if len(certs) > 0 {
		if pub != nil {
			return Key{}, errSeveralKeys
		}
		leaf := certs[0]
		if leaf.PublicKey == nil { // an algorithm crypto/x509 does not know
			if err := spkiError(leaf.RawSubjectPublicKeyInfo); err != nil {
				return Key{}, err
			}
			return Key{}, errMalformed("certificate")
		}
		pub = leaf.PublicKey
	}
	if err := checkPublic(pub); err != nil {
		return Key{}, err
	}
	return Key{Public: pub, Certificates: certs}, nil
}

// ParsePrivatePEM reads a private key for signing from PEM: one "PRIVATE KEY"
// (PKCS #8, RFC 5208), "EC PRIVATE KEY" (SEC 1, RFC 5915) or "RSA PRIVATE
// KEY" (PKCS #1, RFC 8017) block. Text outside the block is ignored and "EC
// PARAMETERS" blocks are skipped; any other block is an error. Encrypted keys
// are not supported.
func ParsePrivatePEM(data []byte) (crypto.Signer, error) {
	blocks, err := pemBlocks(data)
	if err != nil {
		return nil, err
	}
	if len(blocks) > 1 {
		return nil, errSeveralKeys
	}
	b := blocks[0]
	switch b.Type {
	case pemPrivateKey:
		return keyPKCS8.parseKey(b.Bytes)
	case pemECPrivateKey:
		return keySEC1.parseKey(b.Bytes)
	case pemRSAPrivateKey:
		return keyPKCS1.parseKey(b.Bytes)
	case pemEncryptedPrivate:
		return nil, errEncrypted
	case pemPublicKey, pemRSAPublicKey, pemCertificate:
		return nil, errPublicNotPrivate
	}
	return nil, errPEMType
}

var (
	errSeveralKeys = fmt.Errorf("%w: more than one key", ErrInvalidKey)
	errPEMType     = fmt.Errorf("%w: PEM block type", ErrUnsupportedKey)
	errEncrypted   = fmt.Errorf("%w: encrypted private key", ErrUnsupportedKey)
)

// pemBlocks decodes the PEM blocks of data, at least one and at most
// [MaxPEMBlocks], without the "EC PARAMETERS" blocks that `openssl ecparam
// -genkey` writes before the key. Every BEGIN line must start a well-formed
// block: encoding/pem would skip a broken one silently.
func pemBlocks(data []byte) ([]*pem.Block, error) {
	if len(data) > MaxKeyFileSize {
		return nil, errTooLarge
	}
	begins := bytes.Count(data, pemBegin)
	if begins > MaxPEMBlocks {
		return nil, fmt.Errorf("%w: over %d PEM blocks", ErrInvalidKey, MaxPEMBlocks)
	}
	var blocks []*pem.Block
	decoded := 0
	for b, rest := pem.Decode(data); b != nil; b, rest = pem.Decode(rest) {
		decoded++
		if _, ok := b.Headers["Proc-Type"]; ok { // RFC 1421 encryption
			return nil, errEncrypted
		}
		if b.Type != pemECParameters {
			blocks = append(blocks, b)
		}
	}
	if decoded != begins {
		return nil, fmt.Errorf("%w: malformed PEM block", ErrInvalidKey)
	}
	if len(blocks) == 0 {
		return nil, fmt.Errorf("%w: no PEM key block", ErrInvalidKey)
	}
	return blocks, nil
}

// errTooLarge refuses key input over MaxKeyFileSize.
var errTooLarge = fmt.Errorf("%w: input over %d bytes", ErrInvalidKey, MaxKeyFileSize)
