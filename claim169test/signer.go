package claim169test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"io"
	"math/rand/v2"
)

// deterministic is a signer whose signatures depend on the key and the
// digest only: it ignores the reader it is given.
//
//   - Ed25519 (RFC 8032) is deterministic by nature.
//   - ECDSA draws its nonce as RFC 6979 §3.2 says, from an HMAC_DRBG keyed
//     with the private key and the digest: crypto/ecdsa does so when Sign
//     is given no reader (Go 1.24 and later), and the package's tests check
//     it against RFC 6979's vectors A.2.5–A.2.7.
//   - RSA-PSS reads its salt from a reader (crypto/rsa reads exactly the
//     salt length from it): here a ChaCha8 stream seeded with a hash of the
//     digest, so that the salt is fixed per message.
type deterministic struct{ key crypto.Signer }

func (d deterministic) Public() crypto.PublicKey { return d.key.Public() }

// Sign signs digest as the key's own Sign does, without randomness.
func (d deterministic) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	switch k := d.key.(type) {
	case ed25519.PrivateKey:
		return k.Sign(nil, digest, opts)
	case *ecdsa.PrivateKey:
		return k.Sign(nil, digest, opts) // RFC 6979
	case *rsa.PrivateKey:
		if pss, ok := opts.(*rsa.PSSOptions); ok {
			return rsa.SignPSS(saltStream(digest), k, pss.Hash, digest, pss)
		}
		return k.Sign(nil, digest, opts) // PKCS #1 v1.5 is deterministic
	}
	return nil, errors.New("claim169test: not a test key")
}

// saltStream returns the salt source of an RSA-PSS signature of digest.
func saltStream(digest []byte) io.Reader {
	return rand.NewChaCha8(sha256.Sum256(append([]byte("claim169test RSA-PSS salt\x00"), digest...)))
}

// Rand returns a new deterministic stream of bytes, the same on every call
// and every run: a ChaCha8 stream with a fixed seed. Give it to an encoder
// that encrypts (claim169.EncoderOptions.Rand) to make its IVs, and so its
// credentials, the same on every run; use a fresh one per credential. It
// is for tests only: a fixed IV stream under one key breaks AES-GCM.
func Rand() io.Reader {
	return rand.NewChaCha8(sha256.Sum256([]byte("claim169test Rand")))
}
