package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"math/rand/v2"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
)

// keySet holds the issuers' keys. Every signature is deterministic:
// Ed25519 is, ECDSA signs by RFC 6979, and RSA-PSS takes its salt from a
// seeded generator.
type keySet struct {
	ed   ed25519.PrivateKey
	p256 *ecdsa.PrivateKey
	p384 *ecdsa.PrivateKey
	rsa  *rsa.PrivateKey
	salt io.Reader
	cert []byte // a certificate of ed, issued by another Ed25519 key
}

func newKeySet(rsaPath string) (*keySet, error) {
	r := rand.New(rand.NewPCG(9052, 9053))
	ks := &keySet{ed: ed25519.NewKeyFromSeed(randomBytes(r, ed25519.SeedSize)), salt: rand.NewChaCha8([32]byte{'p', 's', 's'})}
	var err error
	if ks.p256, err = ecdsa.ParseRawPrivateKey(elliptic.P256(), randomBytes(r, 32)); err != nil {
		return nil, err
	}
	if ks.p384, err = ecdsa.ParseRawPrivateKey(elliptic.P384(), randomBytes(r, 48)); err != nil {
		return nil, err
	}
	k, err := keys.LoadPrivateFile(rsaPath)
	if err != nil {
		return nil, err
	}
	var ok bool
	if ks.rsa, ok = k.(*rsa.PrivateKey); !ok {
		return nil, errors.New("not an RSA key: " + rsaPath)
	}
	ca := ed25519.NewKeyFromSeed(randomBytes(r, ed25519.SeedSize))
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(169), Subject: pkix.Name{CommonName: "Claim 169 issuer", Organization: []string{"Example Identity Authority"}},
		NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(2000000000, 0), KeyUsage: x509.KeyUsageDigitalSignature,
	}
	parent := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Example Root"}}
	ks.cert, err = x509.CreateCertificate(nil, tmpl, parent, ks.ed.Public(), ca)
	return ks, err
}

// options returns encoder options with a random key, headers and envelope,
// and the words that describe them.
func (ks *keySet) options(r *rand.Rand) (claim169.EncoderOptions, []string, error) {
	var o claim169.EncoderOptions
	var what []string
	switch k := r.IntN(20); {
	case k < 11:
		o.Signer, what = ks.ed, []string{"ed25519"}
	case k < 15:
		o.Signer, what = rfc6979{ks.p256}, []string{"es256"}
	case k < 17:
		o.Signer, what = rfc6979{ks.p384}, []string{"es384"}
	default:
		o.Signer, what = seededPSS{ks.rsa, ks.salt}, []string{"ps256"}
	}
	if r.IntN(4) > 0 {
		o.KeyID = []byte("key-" + digits(r, 1+r.IntN(6)))
		if r.IntN(3) == 0 {
			o.KeyID = randomBytes(r, 8+r.IntN(25))
		}
		o.KeyIDUnprotected = r.IntN(3) == 0
	}
	if what[0] == "ed25519" && r.IntN(25) == 0 {
		o.CertificateChain, what = [][]byte{ks.cert}, append(what, "x5chain")
	}
	o.CWTTag, o.Untagged = r.IntN(3) == 0, r.IntN(5) == 0
	if o.CWTTag {
		what = append(what, "tag61")
	}
	if r.IntN(8) == 0 {
		aead, how, err := aeadKey(r)
		if err != nil {
			return o, nil, err
		}
		o.Encryption, o.Rand, what = aead, rand.NewChaCha8([32]byte{byte(r.Uint32()), 1}), append(what, how)
		if r.IntN(2) == 0 {
			o.EncryptionKeyID = []byte("enc-" + digits(r, 2))
		}
	}
	return o, what, nil
}

// rfc6979 signs with ECDSA deterministically (RFC 6979).
type rfc6979 struct{ k *ecdsa.PrivateKey }

func (s rfc6979) Public() crypto.PublicKey { return s.k.Public() }

func (s rfc6979) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return s.k.Sign(nil, digest, opts)
}

// seededPSS signs with RSA-PSS, with salts from a seeded generator.
type seededPSS struct {
	k    *rsa.PrivateKey
	salt io.Reader
}

func (s seededPSS) Public() crypto.PublicKey { return s.k.Public() }

func (s seededPSS) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return s.k.Sign(s.salt, digest, opts)
}
