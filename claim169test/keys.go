package claim169test

import (
	"crypto"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

//go:embed keys/*.pem
var keyFiles embed.FS

// algorithms are the algorithms the kit has test keys for.
var algorithms = []cose.Algorithm{cose.EdDSA, cose.ES256, cose.ES384, cose.ES512, cose.PS256, cose.PS384, cose.PS512}

// Algorithms returns the signature algorithms the kit has a test key for:
// EdDSA (Ed25519), ES256, ES384, ES512 (P-256, P-384, P-521), PS256, PS384
// and PS512 (RSA of 2048, 3072 and 4096 bits).
func Algorithms() []cose.Algorithm { return slices.Clone(algorithms) }

// keyName returns the file of alg's test key, or of its other key.
func keyName(alg cose.Algorithm, other bool) string {
	if !slices.Contains(algorithms, alg) {
		panic(fmt.Sprintf("claim169test: no test key for %v", alg))
	}
	name := "keys/" + strings.ToLower(alg.String())
	if other {
		name += "-other"
	}
	return name + ".pem"
}

// parsedKeys holds the test keys, parsed on first use.
var parsedKeys = sync.OnceValue(func() map[string]crypto.Signer {
	out := map[string]crypto.Signer{}
	for _, alg := range algorithms {
		for _, other := range []bool{false, true} {
			name := keyName(alg, other)
			k, err := keys.ParsePrivatePEM(keyFile(name))
			if err != nil {
				panic("claim169test: " + name + ": " + err.Error())
			}
			out[name] = k
		}
	}
	return out
})

// keyFile returns an embedded key file.
func keyFile(name string) []byte {
	data, err := keyFiles.ReadFile(name)
	if err != nil {
		panic("claim169test: " + err.Error())
	}
	return data
}

// Signer returns a signer over the test key of alg whose signatures are
// deterministic (see the package documentation): the same message signed
// twice gives the same bytes, on every run. It panics for an algorithm not
// in [Algorithms].
//
// The key is published: never trust what it signs outside tests.
func Signer(alg cose.Algorithm) crypto.Signer {
	return deterministic{parsedKeys()[keyName(alg, false)]}
}

// otherSigner returns a signer over the other test key of alg.
func otherSigner(alg cose.Algorithm) crypto.Signer {
	return deterministic{parsedKeys()[keyName(alg, true)]}
}

// PrivateKeyPEM returns the test key of alg as a PKCS #8 PEM file (a note
// that it is a test key before the block), for a service that loads its
// signing key from a file. It panics for an algorithm not in [Algorithms].
// Only EdDSA signatures are deterministic whoever signs: with a key loaded
// from this file, ECDSA and RSA-PSS signatures are random unless the
// service signs with [Signer].
func PrivateKeyPEM(alg cose.Algorithm) []byte { return keyFile(keyName(alg, false)) }

// PublicKeyPEM returns the public half of alg's test key as an SPKI PEM
// block, for a verifier that loads its keys from a file. It panics for an
// algorithm not in [Algorithms].
func PublicKeyPEM(alg cose.Algorithm) []byte {
	data, err := keys.MarshalPublicPEM(Signer(alg).Public())
	if err != nil {
		panic("claim169test: " + err.Error())
	}
	return data
}
