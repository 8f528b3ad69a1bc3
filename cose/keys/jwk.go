package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	stdjson "encoding/json"
	"fmt"
	"math/big"
	"slices"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/json"

	"github.com/idqr/claim169/cose"
)

// jwkFields are the members of a JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2)
// read before go-jose parses the key, to classify it and to refuse it with a
// typed error. Member names are matched case-sensitively and duplicates are
// refused, as go-jose does.
type jwkFields struct {
	Kty    string   `json:"kty"`
	Crv    string   `json:"crv"`
	Kid    string   `json:"kid"`
	Alg    string   `json:"alg"`
	Use    string   `json:"use"`
	KeyOps []string `json:"key_ops"`
	X      string   `json:"x"`
	Y      string   `json:"y"`
	N      string   `json:"n"`
	X5c    []string `json:"x5c"`

	// Private members: their presence is what matters.
	D  *string `json:"d"`
	P  *string `json:"p"`
	Q  *string `json:"q"`
	DP *string `json:"dp"`
	DQ *string `json:"dq"`
	QI *string `json:"qi"`
	K  *string `json:"k"`
}

// readJWK reads the members of a JWK. The standard library checks the JSON
// first, as it bounds nesting depth.
func readJWK(data []byte) (*jwkFields, error) {
	if len(data) > MaxKeyFileSize {
		return nil, errTooLarge
	}
	if !stdjson.Valid(data) {
		return nil, errJWKSyntax
	}
	var f jwkFields
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, errJWKSyntax
	}
	return &f, nil
}

var errJWKSyntax = fmt.Errorf("%w: malformed JWK", ErrInvalidKey)

// hasPrivate reports whether the JWK carries private or symmetric key
// material.
func (f *jwkFields) hasPrivate() bool {
	for _, m := range []*string{f.D, f.P, f.Q, f.DP, f.DQ, f.QI, f.K} {
		if m != nil {
			return true
		}
	}
	return false
}

// checkType refuses key types and curves other than OKP/Ed25519, EC/P-256,
// P-384, P-521 and RSA.
func (f *jwkFields) checkType() error {
	switch f.Kty {
	case "OKP":
		switch f.Crv {
		case "Ed25519":
			return nil
		case "X25519", "X448":
			return errKeyAgreement
		}
		return fmt.Errorf("%w: OKP curve other than Ed25519", ErrUnsupportedKey)
	case "EC":
		if _, ok := jwkCurves[f.Crv]; ok {
			return nil
		}
		if f.Crv == "secp256k1" {
			return fmt.Errorf("%w: elliptic curve secp256k1", ErrUnsupportedKey)
		}
		return fmt.Errorf("%w: elliptic curve other than P-256, P-384 or P-521", ErrUnsupportedKey)
	case "RSA":
		return nil
	case "oct":
		return fmt.Errorf("%w: a symmetric (oct) key cannot sign or verify", ErrUnsupportedKey)
	case "":
		return fmt.Errorf("%w: JWK without kty", ErrInvalidKey)
	}
	return fmt.Errorf("%w: unknown JWK key type", ErrUnsupportedKey)
}

// jwkCurves are the JWK curve names of RFC 7518 §6.2.1.1.
var jwkCurves = map[string]elliptic.Curve{
	"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521(),
}

// checkUse refuses a JWK whose "use" (RFC 7517 §4.2) is not "sig" or whose
// "key_ops" (§4.3) lack op ("verify" or "sign").
func (f *jwkFields) checkUse(op string) error {
	if f.Use != "" && f.Use != "sig" {
		return fmt.Errorf("%w: JWK use is not sig", ErrUnsupportedKey)
	}
	if f.KeyOps != nil && !slices.Contains(f.KeyOps, op) {
		return fmt.Errorf("%w: JWK key_ops lack %s", ErrUnsupportedKey, op)
	}
	return nil
}

// checkStrength refuses, with the package's typed errors, the weak keys that
// go-jose would refuse with untyped ones: an RSA modulus out of range, an EC
// point off its curve, an Ed25519 key of small order. Members that do not
// decode are left for go-jose to refuse.
func (f *jwkFields) checkStrength() error {
	switch f.Kty {
	case "RSA":
		if n, err := base64.RawURLEncoding.DecodeString(f.N); err == nil && len(n) > 0 {
			return rsaSizeError(new(big.Int).SetBytes(n).BitLen())
		}
	case "OKP":
		if x, err := base64.RawURLEncoding.DecodeString(f.X); err == nil && len(x) == ed25519.PublicKeySize {
			return cose.CheckKey(cose.EdDSA, ed25519.PublicKey(x))
		}
	case "EC":
		x, errX := base64.RawURLEncoding.DecodeString(f.X)
		y, errY := base64.RawURLEncoding.DecodeString(f.Y)
		curve, ok := jwkCurves[f.Crv]
		if !ok {
			return nil
		}
		size := (curve.Params().BitSize + 7) / 8
		if errX == nil && errY == nil && len(x) == size && len(y) == size {
			if _, err := ecdsa.ParseUncompressedPublicKey(curve, append(append([]byte{4}, x...), y...)); err != nil {
				return errOffCurve
			}
		}
	}
	return nil
}

// joseAlgorithms maps the JWS "alg" names (RFC 7518 §3.1, RFC 8037 §3.1, RFC
// 9864 §2.2 for "Ed25519") to the COSE algorithms this SDK signs with.
var joseAlgorithms = map[string]cose.Algorithm{
	"EdDSA": cose.EdDSA, "Ed25519": cose.EdDSA,
	"ES256": cose.ES256, "ES384": cose.ES384, "ES512": cose.ES512,
	"PS256": cose.PS256, "PS384": cose.PS384, "PS512": cose.PS512,
	"RS256": cose.RS256,
}

// ParsePublicJWK reads a public JWK (RFC 7517; key types of RFC 7518 §6 and
// RFC 8037 §2) with go-jose: kty "OKP" with crv "Ed25519", "EC" with
// "P-256", "P-384" or "P-521", or "RSA". The key's "kid", "alg" and "x5c"
// are returned in the Key; an "alg" must name a signature algorithm the key
// can make. A key whose "use" is not "sig" or whose "key_ops" lack "verify"
// is refused with [ErrUnsupportedKey], one with private members with
// [ErrPrivateKey], a weak one with an error wrapping [cose.ErrWeakKey].
func ParsePublicJWK(data []byte) (Key, error) {
	f, err := readJWK(data)
	if err != nil {
		return Key{}, err
	}
	return parsePublicJWK(data, f)
}

// parsePublicJWK does ParsePublicJWK's work on members already read.
func parsePublicJWK(data []byte, f *jwkFields) (Key, error) {
	if err := f.checkType(); err != nil {
		return Key{}, err
	}
	if f.hasPrivate() {
		return Key{}, ErrPrivateKey
	}
	if err := f.checkUse("verify"); err != nil {
		return Key{}, err
	}
	alg, ok := joseAlgorithms[f.Alg]
	if !ok && f.Alg != "" {
		return Key{}, fmt.Errorf("%w: JWK alg is not a supported signature algorithm", ErrUnsupportedKey)
	}
	if err := f.checkStrength(); err != nil {
		return Key{}, err
	}
	if len(f.X5c) > MaxCertificates {
		return Key{}, fmt.Errorf("%w: over %d certificates", ErrInvalidKey, MaxCertificates)
	}
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(data); err != nil {
		return Key{}, errJWKSyntax
	}
	if err := checkPublic(jwk.Key); err != nil {
		return Key{}, err
	}
	if alg != 0 {
		if err := cose.CheckKey(alg, jwk.Key); err != nil {
			return Key{}, err
		}
	}
	return Key{KeyID: jwk.KeyID, Algorithm: alg, Public: jwk.Key, Certificates: jwk.Certificates}, nil
}

// ParsePrivateJWK reads a private JWK with go-jose, of the key types
// [ParsePublicJWK] reads. A key whose "use" is not "sig" or whose "key_ops"
// lack "sign" is refused with [ErrUnsupportedKey]; an EC key whose "d" does
// not match its "x" and "y" with [ErrInvalidKey]. The JWK's "kid" and "alg"
// are not returned.
func ParsePrivateJWK(data []byte) (crypto.Signer, error) {
	f, err := readJWK(data)
	if err != nil {
		return nil, err
	}
	if err := f.checkType(); err != nil {
		return nil, err
	}
	if f.D == nil {
		return nil, errPublicNotPrivate
	}
	if err := f.checkUse("sign"); err != nil {
		return nil, err
	}
	if err := f.checkStrength(); err != nil {
		return nil, err
	}
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(data); err != nil {
		return nil, errJWKSyntax
	}
	switch k := jwk.Key.(type) {
	case *ecdsa.PrivateKey:
		return rebuildECDSA(k)
	case *rsa.PrivateKey:
		k.Precompute()
	}
	return signerOf(jwk.Key)
}

// rebuildECDSA derives an ECDSA key from its private scalar alone and checks
// that the public point given with it matches (go-jose does not).
func rebuildECDSA(k *ecdsa.PrivateKey) (crypto.Signer, error) {
	d, err := k.Bytes()
	if err != nil {
		return nil, errJWKSyntax
	}
	key, err := ecdsa.ParseRawPrivateKey(k.Curve, d)
	if err != nil {
		return nil, errJWKSyntax
	}
	if !key.PublicKey.Equal(&k.PublicKey) {
		return nil, fmt.Errorf("%w: the EC public key does not match the private key", ErrInvalidKey)
	}
	return signerOf(key)
}
