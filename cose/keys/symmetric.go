package keys

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// ParseSymmetricKey reads a content-encryption key (for A128GCM, A192GCM,
// A256GCM or ChaCha20/Poly1305) of 16, 24 or 32 bytes: either 32, 48 or 64
// hex digits (either case) with white space allowed around them, or a JWK
// {"kty":"oct","k":…} (RFC 7518 §6.4; "alg" and "use" are not checked).
// Errors wrap [ErrInvalidKey] (or [ErrUnsupportedKey] for a JWK of another
// type) and never include the input.
func ParseSymmetricKey(data []byte) ([]byte, error) {
	if len(data) > MaxKeyFileSize {
		return nil, errTooLarge
	}
	text := bytes.TrimSpace(data)
	if len(text) > 0 && text[0] == '{' {
		return parseOctJWK(text)
	}
	switch len(text) {
	case 32, 48, 64:
	default:
		return nil, fmt.Errorf("%w: a symmetric key is 32, 48 or 64 hex digits", ErrInvalidKey)
	}
	key := make([]byte, len(text)/2)
	if _, err := hex.Decode(key, text); err != nil { // err names the bad byte: not returned
		clear(key)
		return nil, fmt.Errorf("%w: the symmetric key is not hex", ErrInvalidKey)
	}
	return key, nil
}

// parseOctJWK reads the key of a symmetric JWK.
func parseOctJWK(data []byte) ([]byte, error) {
	f, err := readJWK(data)
	if err != nil {
		return nil, err
	}
	if f.Kty != "oct" {
		return nil, fmt.Errorf("%w: not a symmetric (oct) JWK", ErrUnsupportedKey)
	}
	if f.K == nil {
		return nil, fmt.Errorf("%w: symmetric JWK without k", ErrInvalidKey)
	}
	key, err := base64.RawURLEncoding.DecodeString(*f.K)
	if err != nil {
		return nil, fmt.Errorf("%w: the symmetric JWK's k is not base64url", ErrInvalidKey)
	}
	switch len(key) {
	case 16, 24, 32:
		return key, nil
	}
	clear(key)
	return nil, fmt.Errorf("%w: a symmetric key is 16, 24 or 32 bytes", ErrInvalidKey)
}
