package record

import (
	"crypto"
	"encoding/base64"
	"io"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// KeyPair is a new signing key pair in the forms keygen writes.
type KeyPair struct {
	Algorithm  cose.Algorithm
	KeyID      string // the kid of the JWK
	PrivatePEM []byte // PKCS #8
	PublicPEM  []byte // SPKI
	JWK        []byte // the public key with its kid and alg
}

// GenerateKeyPair makes a key pair for the signature algorithm from rand.
// An empty kid means the key's RFC 7638 thumbprint.
func GenerateKeyPair(alg cose.Algorithm, kid string, rand io.Reader) (*KeyPair, error) {
	signer, err := keys.Generate(alg, rand)
	if err != nil {
		return nil, err
	}
	kp := &KeyPair{Algorithm: alg, KeyID: kid}
	if kp.PrivatePEM, err = keys.MarshalPrivatePEM(signer); err != nil {
		return nil, err
	}
	if kp.PublicPEM, err = keys.MarshalPublicPEM(signer.Public()); err != nil {
		return nil, err
	}
	if kp.KeyID == "" {
		tp, err := (&jose.JSONWebKey{Key: signer.Public()}).Thumbprint(crypto.SHA256)
		if err != nil {
			return nil, err
		}
		kp.KeyID = base64.RawURLEncoding.EncodeToString(tp)
	}
	if kp.JWK, err = keys.MarshalPublicJWK(keys.Key{KeyID: kp.KeyID, Algorithm: alg, Public: signer.Public()}); err != nil {
		return nil, err
	}
	return kp, nil
}
