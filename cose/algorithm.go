package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"fmt"
	"strconv"
	"strings"
)

// Algorithm is a COSE algorithm identifier from the IANA "COSE Algorithms"
// registry (RFC 9053 §2 and §4, RFC 8812 §2).
type Algorithm int64

// Signature algorithms.
const (
	EdDSA Algorithm = -8   // RFC 9053 §2.2, with Ed25519 keys
	ES256 Algorithm = -7   // RFC 9053 §2.1: ECDSA P-256 with SHA-256
	ES384 Algorithm = -35  // RFC 9053 §2.1: ECDSA P-384 with SHA-384
	ES512 Algorithm = -36  // RFC 9053 §2.1: ECDSA P-521 with SHA-512
	PS256 Algorithm = -37  // RFC 8230 §2: RSASSA-PSS with SHA-256
	PS384 Algorithm = -38  // RFC 8230 §2: RSASSA-PSS with SHA-384
	PS512 Algorithm = -39  // RFC 8230 §2: RSASSA-PSS with SHA-512
	RS256 Algorithm = -257 // RFC 8812 §2: RSASSA-PKCS1-v1_5 with SHA-256
)

// Content encryption (AEAD) algorithms.
const (
	A128GCM          Algorithm = 1  // RFC 9053 §4.1
	A192GCM          Algorithm = 2  // RFC 9053 §4.1
	A256GCM          Algorithm = 3  // RFC 9053 §4.1
	ChaCha20Poly1305 Algorithm = 24 // RFC 9053 §4.3
)

var algorithmNames = map[Algorithm]string{
	EdDSA: "EdDSA", ES256: "ES256", ES384: "ES384", ES512: "ES512",
	PS256: "PS256", PS384: "PS384", PS512: "PS512", RS256: "RS256",
	A128GCM: "A128GCM", A192GCM: "A192GCM", A256GCM: "A256GCM",
	ChaCha20Poly1305: "ChaCha20/Poly1305",
}

// String returns the registry name of a ("ES256", "A128GCM",
// "ChaCha20/Poly1305"), or "alg(N)" for an algorithm this package does not
// implement.
func (a Algorithm) String() string {
	if name, ok := algorithmNames[a]; ok {
		return name
	}
	return "alg(" + strconv.FormatInt(int64(a), 10) + ")"
}

// ParseAlgorithm returns the algorithm named name, case-insensitively. It
// accepts the registry names and "C20P" for ChaCha20/Poly1305.
func ParseAlgorithm(name string) (Algorithm, error) {
	if strings.EqualFold(name, "C20P") {
		return ChaCha20Poly1305, nil
	}
	for alg, n := range algorithmNames {
		if strings.EqualFold(name, n) {
			return alg, nil
		}
	}
	return 0, fmt.Errorf("%w: unknown algorithm name", ErrUnsupportedAlgorithm)
}

// IsSignature reports whether a is a signature algorithm this package
// implements.
func (a Algorithm) IsSignature() bool {
	switch a {
	case EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256:
		return true
	}
	return false
}

// IsAEAD reports whether a is a content-encryption algorithm this package
// implements.
func (a Algorithm) IsAEAD() bool {
	switch a {
	case A128GCM, A192GCM, A256GCM, ChaCha20Poly1305:
		return true
	}
	return false
}

// KeySize returns the key length in bytes of an AEAD algorithm, or 0.
func (a Algorithm) KeySize() int {
	switch a {
	case A128GCM:
		return 16
	case A192GCM:
		return 24
	case A256GCM, ChaCha20Poly1305:
		return 32
	}
	return 0
}

// Hash returns the hash function of a signature algorithm: SHA-256, -384 or
// -512 for ECDSA and RSA, 0 for EdDSA (which hashes internally) and for
// anything else.
func (a Algorithm) Hash() crypto.Hash {
	switch a {
	case ES256, PS256, RS256:
		return crypto.SHA256
	case ES384, PS384:
		return crypto.SHA384
	case ES512, PS512:
		return crypto.SHA512
	}
	return 0
}

// curve returns the curve an ECDSA algorithm requires.
func (a Algorithm) curve() elliptic.Curve {
	switch a {
	case ES256:
		return elliptic.P256()
	case ES384:
		return elliptic.P384()
	case ES512:
		return elliptic.P521()
	}
	return nil
}

// AlgorithmForKey returns the default signature algorithm for a public key:
// EdDSA for Ed25519, ES256/ES384/ES512 for P-256/P-384/P-521 and PS256 for
// RSA.
func AlgorithmForKey(pub crypto.PublicKey) (Algorithm, error) {
	switch k := pub.(type) {
	case ed25519.PublicKey:
		return EdDSA, nil
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return ES256, nil
		case elliptic.P384():
			return ES384, nil
		case elliptic.P521():
			return ES512, nil
		}
		return 0, fmt.Errorf("%w: unsupported elliptic curve", ErrUnsupportedAlgorithm)
	case *rsa.PublicKey:
		return PS256, nil
	}
	return 0, fmt.Errorf("%w: unsupported key type %T", ErrUnsupportedAlgorithm, pub)
}
