package trust

import (
	"crypto"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/idqr/claim169/cose/keys"
)

// Multicodec codes of the public keys a did:key or a publicKeyMultibase
// may hold (the multicodec table, "key" tag), as unsigned varints.
const (
	multicodecEd25519 = 0xed   // ed25519-pub: 32 bytes
	multicodecP256    = 0x1200 // p256-pub: a 33-byte compressed point
	multicodecP384    = 0x1201 // p384-pub: a 49-byte compressed point
)

// multicodecSizes are the lengths of the keys of each multicodec code.
var multicodecSizes = map[uint64]int{multicodecEd25519: 32, multicodecP256: 33, multicodecP384: 49}

// maxMultibaseKey bounds a multibase key's text before it is decoded: a
// P-384 key with its prefix takes 71 base58 characters.
const maxMultibaseKey = 128

// errMultibase is the cause of a multibase key that cannot be read.
var errMultibase = errors.New("not a base58btc multibase Ed25519, P-256 or P-384 public key")

// parseMultikey reads a public key in multibase form, as did:key and
// publicKeyMultibase hold it: 'z' (base58btc), then the multicodec varint
// of the key type, then the key: Ed25519 (0xed), P-256 (0x1200) or P-384
// (0x1201) as a compressed point. The point must be on its curve.
func parseMultikey(s string) (crypto.PublicKey, error) {
	if len(s) < 2 || len(s) > maxMultibaseKey || s[0] != 'z' {
		return nil, errMultibase
	}
	raw, ok := decodeBase58(s[1:])
	if !ok {
		return nil, errMultibase
	}
	code, n := readUvarint(raw)
	if n == 0 {
		return nil, errMultibase
	}
	key := raw[n:]
	size, ok := multicodecSizes[code]
	if !ok {
		return nil, fmt.Errorf("%w (multicodec 0x%x)", errMultibase, code)
	}
	if len(key) != size || (code != multicodecEd25519 && key[0] != 2 && key[0] != 3) {
		return nil, errMultibase
	}
	k, err := keys.ParsePublicRaw(key) // told apart by length: 32, 33 and 49 bytes
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errMultibase, err)
	}
	return k.Public, nil
}

// readUvarint reads an unsigned varint of at most three bytes (the
// multicodec codes of keys), returning its value and length, or a length of
// 0 when b does not start with one.
func readUvarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 3; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			if i > 0 && b[i] == 0 {
				return 0, 0 // not minimal
			}
			return v, i + 1
		}
	}
	return 0, 0
}

// base58Alphabet is the Bitcoin base58 alphabet of base58btc.
const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// decodeBase58 decodes base58btc text; each leading '1' is a zero byte.
// Its input is bounded by the caller (maxMultibaseKey), so the quadratic
// big-integer arithmetic stays small.
func decodeBase58(s string) ([]byte, bool) {
	n := new(big.Int)
	radix := big.NewInt(58)
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(base58Alphabet, s[i])
		if d < 0 {
			return nil, false
		}
		n.Mul(n, radix)
		n.Add(n, big.NewInt(int64(d)))
	}
	return append(make([]byte, zeros), n.Bytes()...), true
}
