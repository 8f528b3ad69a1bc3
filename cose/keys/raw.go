package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"fmt"

	"github.com/idqr/claim169/cose"
)

// ParsePublicRaw reads a raw public key, told apart by its length and first
// byte: 32 bytes are an Ed25519 public key (RFC 8032 §5.1.5); 65, 97 or 133
// bytes starting with 0x04 are an uncompressed P-256, P-384 or P-521 point
// and 33, 49 or 67 bytes starting with 0x02 or 0x03 a compressed one (SEC 1
// §2.3.3). A point off its curve or an Ed25519 key of small order is refused
// with an error wrapping [cose.ErrWeakKey].
func ParsePublicRaw(data []byte) (Key, error) {
	var pub crypto.PublicKey
	if len(data) == ed25519.PublicKeySize {
		pub = ed25519.PublicKey(bytes.Clone(data))
	} else {
		p, err := parsePoint(data)
		if err != nil {
			return Key{}, err
		}
		pub = p
	}
	if err := checkPublic(pub); err != nil {
		return Key{}, err
	}
	return Key{Public: pub}, nil
}

// parsePoint reads an uncompressed or compressed point on P-256, P-384 or
// P-521.
func parsePoint(data []byte) (*ecdsa.PublicKey, error) {
	if len(data) == 0 {
		return nil, errRawLength
	}
	for _, curve := range []elliptic.Curve{elliptic.P256(), elliptic.P384(), elliptic.P521()} {
		size := (curve.Params().BitSize + 7) / 8
		switch {
		case len(data) == 1+2*size && data[0] == 4:
			pub, err := ecdsa.ParseUncompressedPublicKey(curve, data)
			if err != nil {
				return nil, errOffCurve
			}
			return pub, nil
		case len(data) == 1+size && (data[0] == 2 || data[0] == 3):
			x, y := elliptic.UnmarshalCompressed(curve, data)
			if x == nil {
				return nil, errOffCurve
			}
			point := make([]byte, 1+2*size)
			point[0] = 4
			x.FillBytes(point[1 : 1+size])
			y.FillBytes(point[1+size:])
			return ecdsa.ParseUncompressedPublicKey(curve, point)
		}
	}
	return nil, errRawLength
}

// ParsePrivateRaw reads a raw Ed25519 private key: the 32-byte seed of RFC
// 8032 §5.1.5, or the 64 bytes of seed and public key that crypto/ed25519 and
// NaCl use, whose public half must match the seed. Raw ECDSA scalars are not
// read (32 bytes would be ambiguous); use PEM, DER or a JWK.
func ParsePrivateRaw(data []byte) (crypto.Signer, error) {
	switch len(data) {
	case ed25519.SeedSize:
		return signerOf(ed25519.NewKeyFromSeed(data))
	case ed25519.PrivateKeySize:
		key := ed25519.NewKeyFromSeed(data[:ed25519.SeedSize])
		if !bytes.Equal(key[ed25519.SeedSize:], data[ed25519.SeedSize:]) {
			return nil, fmt.Errorf("%w: the Ed25519 public key does not match the seed", ErrInvalidKey)
		}
		return signerOf(key)
	}
	return nil, errRawLength
}

var (
	errRawLength = fmt.Errorf("%w: unrecognised key form or raw key length", ErrUnsupportedKey)
	errOffCurve  = fmt.Errorf("%w: the point is not on its curve", cose.ErrWeakKey)
)
