package testsupport

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"strconv"
	"sync"
)

// generated holds the keys made so far in this test binary, by name: generating them, RSA
// keys above all, is too slow to repeat in every test.
var generated struct {
	sync.Mutex
	keys map[string]crypto.Signer
}

// generatedKey returns the key name, made by gen on first use.
func generatedKey(name string, gen func() (crypto.Signer, error)) crypto.Signer {
	generated.Lock()
	defer generated.Unlock()
	if k, ok := generated.keys[name]; ok {
		return k
	}
	k, err := gen()
	if err != nil {
		panic("testsupport: " + name + ": " + err.Error())
	}
	if generated.keys == nil {
		generated.keys = make(map[string]crypto.Signer)
	}
	generated.keys[name] = k
	return k
}

// ECDSAKey returns this test binary's ECDSA key on curve, generated on first use. Tests
// that need a second, different key generate it themselves.
func ECDSAKey(curve elliptic.Curve) *ecdsa.PrivateKey {
	return generatedKey(curve.Params().Name, func() (crypto.Signer, error) {
		return ecdsa.GenerateKey(curve, rand.Reader)
	}).(*ecdsa.PrivateKey)
}

// RSAKey returns this test binary's RSA key of bits bits, generated on first use.
func RSAKey(bits int) *rsa.PrivateKey {
	return generatedKey("RSA-"+strconv.Itoa(bits), func() (crypto.Signer, error) {
		return rsa.GenerateKey(rand.Reader, bits)
	}).(*rsa.PrivateKey)
}

// Ed25519Key returns the Ed25519 key of the all-zero seed: the same on every run, and
// Ed25519 signatures are deterministic, so that what a test signs with it never changes.
func Ed25519Key() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) }

// NewEd25519Key returns a new Ed25519 key, another on every call: Ed25519 keys are cheap to
// make, so tests that need one key or several distinct keys take them from here alike.
func NewEd25519Key() ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("testsupport: Ed25519 key: " + err.Error())
	}
	return k
}
