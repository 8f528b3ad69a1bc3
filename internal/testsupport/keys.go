package testsupport

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"sync"
)

// generated holds the keys made so far in this test binary: generating them, RSA keys
// above all, is too slow to repeat in every test.
var generated struct {
	sync.Mutex
	ecdsa map[string]*ecdsa.PrivateKey
	rsa   map[int]*rsa.PrivateKey
}

// ECDSAKey returns this test binary's ECDSA key on curve, generated on first use. Tests
// that need a second, different key generate it themselves.
func ECDSAKey(curve elliptic.Curve) *ecdsa.PrivateKey {
	generated.Lock()
	defer generated.Unlock()
	name := curve.Params().Name
	if k, ok := generated.ecdsa[name]; ok {
		return k
	}
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		panic("testsupport: " + err.Error())
	}
	if generated.ecdsa == nil {
		generated.ecdsa = make(map[string]*ecdsa.PrivateKey)
	}
	generated.ecdsa[name] = k
	return k
}

// RSAKey returns this test binary's RSA key of bits bits, generated on first use.
func RSAKey(bits int) *rsa.PrivateKey {
	generated.Lock()
	defer generated.Unlock()
	if k, ok := generated.rsa[bits]; ok {
		return k
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic("testsupport: " + err.Error())
	}
	if generated.rsa == nil {
		generated.rsa = make(map[int]*rsa.PrivateKey)
	}
	generated.rsa[bits] = k
	return k
}
