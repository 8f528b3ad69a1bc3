package testsupport

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"math/big"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

// refHash maps the ECDSA and RSA algorithms to their hash (RFC 9053 §2.1, RFC 8230 §2,
// RFC 8812 §2).
var refHash = map[int64]crypto.Hash{
	AlgES256: crypto.SHA256, AlgES384: crypto.SHA384, AlgES512: crypto.SHA512,
	AlgPS256: crypto.SHA256, AlgPS384: crypto.SHA384, AlgPS512: crypto.SHA512,
	AlgRS256: crypto.SHA256,
}

func refDigest(alg int64, data []byte) (crypto.Hash, []byte) {
	hash := refHash[alg]
	h := hash.New()
	h.Write(data)
	return hash, h.Sum(nil)
}

// refSign signs toBeSigned with key under alg; ECDSA as raw r‖s (RFC 9053 §2.1).
func refSign(tb testing.TB, alg int64, key crypto.Signer, toBeSigned []byte) []byte {
	tb.Helper()
	if k, ok := key.(ed25519.PrivateKey); ok && alg == AlgEdDSA {
		return ed25519.Sign(k, toBeSigned)
	}
	if _, ok := refHash[alg]; !ok {
		tb.Fatalf("reference: algorithm %d", alg)
	}
	hash, digest := refDigest(alg, toBeSigned)
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rand.Reader, k, digest)
		check(tb, err, "ECDSA")
		size := (k.Curve.Params().BitSize + 7) / 8
		sig := make([]byte, 2*size)
		r.FillBytes(sig[:size])
		s.FillBytes(sig[size:])
		return sig
	case *rsa.PrivateKey:
		var sig []byte
		var err error
		if alg == AlgRS256 {
			sig, err = rsa.SignPKCS1v15(rand.Reader, k, hash, digest)
		} else {
			sig, err = rsa.SignPSS(rand.Reader, k, hash, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
		check(tb, err, "RSA")
		return sig
	}
	tb.Fatalf("reference: key type %T for algorithm %d", key, alg)
	return nil
}

// refVerify checks sig over toBeSigned with pub under alg.
func refVerify(alg int64, pub crypto.PublicKey, toBeSigned, sig []byte) error {
	if alg == AlgEdDSA {
		k, ok := pub.(ed25519.PublicKey)
		if !ok || !ed25519.Verify(k, toBeSigned, sig) {
			return errors.New("bad EdDSA signature")
		}
		return nil
	}
	if _, ok := refHash[alg]; !ok {
		return errors.New("unknown algorithm")
	}
	hash, digest := refDigest(alg, toBeSigned)
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return errors.New("ECDSA signature of the wrong length")
		}
		r, s := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
		if !ecdsa.Verify(k, digest, r, s) {
			return errors.New("bad ECDSA signature")
		}
		return nil
	case *rsa.PublicKey:
		if alg == AlgRS256 {
			return rsa.VerifyPKCS1v15(k, hash, digest, sig)
		}
		return rsa.VerifyPSS(k, hash, digest, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	}
	return errors.New("unknown key type")
}

// refAEAD returns the cipher of a content-encryption algorithm (RFC 9053 §4.1, §4.3).
func refAEAD(tb testing.TB, alg int64, key []byte) cipher.AEAD {
	tb.Helper()
	if alg == AlgChaCha20Poly1305 {
		c, err := chacha20poly1305.New(key)
		check(tb, err, "ChaCha20/Poly1305")
		return c
	}
	if want := map[int64]int{AlgA128GCM: 16, AlgA192GCM: 24, AlgA256GCM: 32}[alg]; want != len(key) {
		tb.Fatalf("reference: a %d-byte key for algorithm %d", len(key), alg)
	}
	block, err := aes.NewCipher(key)
	check(tb, err, "AES")
	c, err := cipher.NewGCM(block)
	check(tb, err, "AES-GCM")
	return c
}
