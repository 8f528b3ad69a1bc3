package keys

import (
	"bytes"
	"crypto"
	"encoding/hex"
	stdjson "encoding/json"
)

// ParsePublic reads a public key for signature verification, detecting its
// form from the bytes:
//
//   - PEM (the input holds a "-----BEGIN " line): see [ParsePublicPEM];
//   - a JSON object: a JWK, see [ParsePublicJWK];
//   - hex digits only, surrounding white space allowed: the hex form of the
//     binary forms below;
//   - binary: a raw key (see [ParsePublicRaw]) when its length is one of the
//     raw lengths, else DER (SPKI, PKCS #1 or a certificate).
//
// The key is checked: weak keys are refused with an error wrapping
// [cose.ErrWeakKey], unsupported ones with [ErrUnsupportedKey], private keys
// with [ErrPrivateKey]. Input over [MaxKeyFileSize] is refused.
func ParsePublic(data []byte) (Key, error) {
	return parseDetected(data, ParsePublicPEM, ParsePublicJWK, ParsePublicRaw, parsePublicDER)
}

// ParsePrivate reads a private key for signing, detecting its form from the
// bytes as [ParsePublic] does: PEM ([ParsePrivatePEM]), a JWK
// ([ParsePrivateJWK]), a raw Ed25519 key ([ParsePrivateRaw]), DER (PKCS #8,
// SEC 1 or PKCS #1), or the hex form of the raw key or DER. The returned
// signer is an ed25519.PrivateKey, *ecdsa.PrivateKey or *rsa.PrivateKey whose
// public half passed the same checks as ParsePublic's.
func ParsePrivate(data []byte) (crypto.Signer, error) {
	return parseDetected(data, ParsePrivatePEM, ParsePrivateJWK, ParsePrivateRaw, parsePrivateDER)
}

// parseDetected reads data, of at most MaxKeyFileSize bytes, with the reader
// of the form detect finds: pem, jwk, raw for binary of a raw key's length
// (see rawLength), der for other binary.
func parseDetected[K any](data []byte, pem, jwk, raw, der func([]byte) (K, error)) (K, error) {
	if len(data) > MaxKeyFileSize {
		var zero K
		return zero, errTooLarge
	}
	switch f, bin := detect(data); f {
	case formPEM:
		return pem(data)
	case formJSON:
		return jwk(data)
	default:
		if rawLength(len(bin)) {
			return raw(bin)
		}
		return der(bin)
	}
}

// form is the encoding detect recognised.
type form int

const (
	formBinary form = iota // raw key or DER
	formPEM
	formJSON
)

// detect tells PEM, JSON and binary apart, decoding hex into binary. A raw
// key starting with '{' or consisting of hex digits is possible but so rare
// that valid JSON or a hex string of a key length wins; a raw key of a raw
// length is never read as invalid JSON.
func detect(data []byte) (form, []byte) {
	if bytes.Contains(data, pemBegin) {
		return formPEM, nil
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' && (stdjson.Valid(trimmed) || !rawLength(len(data))) {
		return formJSON, nil
	}
	if len(trimmed) > 0 && len(trimmed)%2 == 0 {
		bin := make([]byte, len(trimmed)/2)
		if _, err := hex.Decode(bin, trimmed); err == nil {
			return formBinary, bin
		}
	}
	return formBinary, data
}

// rawLength reports whether n is the length of a raw key: an Ed25519 public
// key or seed (32), an Ed25519 seed and public key (64), or a compressed or
// uncompressed P-256, P-384 or P-521 point (33, 65, 49, 97, 67, 133).
func rawLength(n int) bool {
	switch n {
	case 32, 64, 33, 65, 49, 97, 67, 133:
		return true
	}
	return false
}
