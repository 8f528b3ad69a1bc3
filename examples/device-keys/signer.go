package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
)

// hsmKey stands for an ECDSA P-256 key inside an HSM: the private key is
// never exported, and every signature is counted, as a device's audit log
// would. It implements crypto.Signer.
//
// Like PKCS #11 tokens and cloud KMS services, its Sign receives a SHA-256
// digest and returns an ASN.1 DER signature; the cose package turns it into
// the raw r‖s form COSE requires (ES256, RFC 9053 §2.1). An RSA device is
// asked for RSA-PSS with a salt as long as the hash (RFC 8230 §2), an
// Ed25519 device for the whole message (crypto.Hash(0)).
//
// A real device plugs in the same way, since claim169.EncoderOptions.Signer
// is a crypto.Signer. With PKCS #11, through github.com/ThalesGroup/crypto11:
//
//	ctx, err := crypto11.Configure(&crypto11.Config{
//		Path: "/usr/lib/softhsm/libsofthsm2.so", TokenLabel: "issuer", Pin: pin})
//	signer, err := ctx.FindKeyPair(nil, []byte("issuer-es256"))
//	enc, err := claim169.NewEncoder(claim169.EncoderOptions{
//		Signer: signer, KeyID: []byte("issuer-es256")})
//
// With a cloud KMS, write a type whose Public returns the key's public half
// (fetched once, for example with AWS KMS GetPublicKey) and whose Sign sends
// the digest to the service's asymmetric-sign call (AWS KMS Sign with
// ECDSA_SHA_256 and MessageType DIGEST, Google Cloud KMS AsymmetricSign,
// Azure Key Vault sign with ES256) and returns the DER signature it answers.
// Take the hash from the algorithm the key is for rather than from opts.
type hsmKey struct {
	key        *ecdsa.PrivateKey
	signatures atomic.Int64
}

var _ crypto.Signer = (*hsmKey)(nil)

// newHSMKey generates the key "inside the device".
func newHSMKey() (*hsmKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("hsm: generating the key: %w", err)
	}
	return &hsmKey{key: key}, nil
}

// Public returns the public half of the device's key.
func (h *hsmKey) Public() crypto.PublicKey { return &h.key.PublicKey }

// Sign signs a SHA-256 digest and returns an ASN.1 DER ECDSA signature, as
// a PKCS #11 token or a cloud KMS does.
func (h *hsmKey) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if len(digest) != sha256.Size || (opts != nil && opts.HashFunc() != crypto.SHA256) {
		return nil, errors.New("hsm: this key signs SHA-256 digests only")
	}
	h.signatures.Add(1)
	return ecdsa.SignASN1(rand, h.key, digest)
}
