package testsupport

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"io"
)

// HSM returns a signer that stands for key inside a hardware security module or a cloud
// KMS: it offers only Public and Sign, and signs as they do.
//
//   - ECDSA: ASN.1 DER signatures, of a digest whose hash opts must name (most KMS wrappers
//     read the digest algorithm from opts.HashFunc()).
//   - RSA: RSA-PSS with a salt as long as the hash (RFC 8230 §2), or PKCS #1 v1.5 with
//     SHA-256 only (RS256); opts must name the hash of the digest.
//   - Ed25519: the whole message, with opts naming no hash (pure EdDSA).
//
// Sign refuses any other request with an error. key must be an *ecdsa.PrivateKey, an
// *rsa.PrivateKey or an ed25519.PrivateKey.
func HSM(key crypto.Signer) crypto.Signer {
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		return hsmECDSA{k}
	case *rsa.PrivateKey:
		return hsmRSA{k}
	case ed25519.PrivateKey:
		return hsmEd25519{k}
	}
	panic("testsupport: HSM of an unsupported key type")
}

// errHSM reports a request the HSM refuses.
var errHSM = errors.New("hsm: request refused")

// digestOK reports whether opts names the hash of digest.
func digestOK(digest []byte, opts crypto.SignerOpts) bool {
	return opts != nil && opts.HashFunc() != 0 && opts.HashFunc().Size() == len(digest)
}

type hsmECDSA struct{ key *ecdsa.PrivateKey }

func (h hsmECDSA) Public() crypto.PublicKey { return &h.key.PublicKey }

func (h hsmECDSA) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if !digestOK(digest, opts) {
		return nil, errHSM
	}
	return ecdsa.SignASN1(r, h.key, digest)
}

type hsmRSA struct{ key *rsa.PrivateKey }

func (h hsmRSA) Public() crypto.PublicKey { return &h.key.PublicKey }

func (h hsmRSA) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if !digestOK(digest, opts) {
		return nil, errHSM
	}
	pss, ok := opts.(*rsa.PSSOptions)
	if !ok {
		if opts.HashFunc() != crypto.SHA256 {
			return nil, errHSM
		}
		return rsa.SignPKCS1v15(r, h.key, crypto.SHA256, digest)
	}
	if pss.SaltLength != rsa.PSSSaltLengthEqualsHash && pss.SaltLength != len(digest) {
		return nil, errHSM
	}
	return rsa.SignPSS(r, h.key, pss.Hash, digest, &rsa.PSSOptions{SaltLength: len(digest), Hash: pss.Hash})
}

type hsmEd25519 struct{ key ed25519.PrivateKey }

func (h hsmEd25519) Public() crypto.PublicKey { return h.key.Public() }

func (h hsmEd25519) Sign(_ io.Reader, message []byte, opts crypto.SignerOpts) ([]byte, error) {
	if opts == nil || opts.HashFunc() != 0 {
		return nil, errHSM
	}
	return ed25519.Sign(h.key, message), nil
}
