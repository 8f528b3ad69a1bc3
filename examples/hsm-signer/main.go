// Command hsm-signer issues a Claim 169 credential with a signing key that
// never leaves its device, then verifies it.
//
// The device is simulated by hsmKey: an ECDSA P-256 key held in an
// unexported field, reachable only through the two methods of
// crypto.Signer. Like PKCS #11 tokens and cloud KMS services, its Sign
// receives a SHA-256 digest and returns an ASN.1 DER signature; the cose
// package turns it into the raw r‖s form COSE requires (ES256, RFC 9053
// §2.1). An RSA device is asked for RSA-PSS with a salt as long as the hash
// (RFC 8230 §2), an Ed25519 device for the whole message (crypto.Hash(0)).
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
//
// Usage:
//
//	go run ./examples/hsm-signer
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
	"os"
	"sync/atomic"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hsm-signer:", err)
		os.Exit(1)
	}
}

// hsmKey stands for an ECDSA P-256 key inside an HSM: the private key is
// never exported, and every signature is counted, as a device's audit log
// would.
type hsmKey struct {
	key        *ecdsa.PrivateKey
	signatures atomic.Int64
}

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

// run issues a credential with the device's key, verifies it with the
// public key alone, and shows that another key does not verify it.
func run(w io.Writer) error {
	device, err := newHSMKey()
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: device, KeyID: []byte("hsm-es256-1")})
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
	fmt.Fprintf(w, "issued with the device's key (%d signature)\n", device.signatures.Load())

	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{device.Public()}})
	if err != nil {
		return err
	}
	res, err := dec.Decode(encoded.Text)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "verification: %s\nalgorithm: %v\nkid: %s\nid: %s\nfullName: %s\nissuer: %s\n",
		res.Verification, res.Algorithm, res.KeyID, res.Identity.ID, res.Identity.FullName, res.Claims.Issuer)

	other, err := newHSMKey()
	if err != nil {
		return err
	}
	dec, err = claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{other.Public()}})
	if err != nil {
		return err
	}
	if _, err := dec.Decode(encoded.Text); !errors.Is(err, claim169.ErrVerification) {
		return fmt.Errorf("another key: want a verification error, got %v", err)
	}
	fmt.Fprintln(w, "another key: verification failed, as it should")
	return nil
}
