package keys

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idqr/claim169/cose"
)

// MarshalPrivatePEM writes key as a PKCS #8 "PRIVATE KEY" PEM block (RFC
// 5208, RFC 7468 §10), after checking it as [ParsePrivate] does.
func MarshalPrivatePEM(key crypto.Signer) ([]byte, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if _, err := signerOf(key); err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedKey, key)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPrivateKey, Bytes: der}), nil
}

// MarshalPublicPEM writes pub as a SubjectPublicKeyInfo "PUBLIC KEY" PEM
// block (RFC 5280, RFC 7468 §13), after checking it as [ParsePublic] does. A
// private key (a crypto.Signer) is accepted and its public half written.
func MarshalPublicPEM(pub crypto.PublicKey) ([]byte, error) {
	pub, err := publicOf(pub)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedKey, pub)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPublicKey, Bytes: der}), nil
}

// MarshalPublicJWK writes k as a public JWK (RFC 7517, RFC 7518 §6, RFC 8037
// §2), compact and without a final newline: "kty" and its members, "kid"
// when KeyID is set, "use": "sig", "alg" (k.Algorithm, or the key's default
// algorithm of [cose.AlgorithmForKey] when it is 0) and "x5c" when
// Certificates are set, whose leaf must hold the key. An Ed25519 key is
// written {"use":"sig","kty":"OKP","kid":…,"crv":"Ed25519","alg":"EdDSA",
// "x":…}. A private key in k.Public is accepted and only its public half
// written.
func MarshalPublicJWK(k Key) ([]byte, error) {
	pub, err := publicOf(k.Public)
	if err != nil {
		return nil, err
	}
	alg := k.Algorithm
	if alg == 0 {
		if alg, err = cose.AlgorithmForKey(pub); err != nil {
			return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedKey, pub)
		}
	}
	if err := cose.CheckKey(alg, pub); err != nil {
		return nil, err
	}
	if len(k.Certificates) > 0 {
		leaf, ok := k.Certificates[0].PublicKey.(interface{ Equal(crypto.PublicKey) bool })
		if !ok || !leaf.Equal(pub) {
			return nil, fmt.Errorf("%w: the leaf certificate does not hold the key", ErrInvalidKey)
		}
	}
	jwk := jose.JSONWebKey{Key: pub, KeyID: k.KeyID, Algorithm: alg.String(), Use: "sig", Certificates: k.Certificates}
	out, err := jwk.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("%w: key type %T", ErrUnsupportedKey, pub)
	}
	return out, nil
}

// publicOf returns the checked public key of pub, or of the private key pub
// holds.
func publicOf(pub crypto.PublicKey) (crypto.PublicKey, error) {
	if s, ok := pub.(crypto.Signer); ok {
		pub = s.Public()
	}
	if pub == nil {
		return nil, fmt.Errorf("%w: nil key", ErrInvalidKey)
	}
	if err := checkPublic(pub); err != nil {
		return nil, err
	}
	return pub, nil
}
