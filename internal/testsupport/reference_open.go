package testsupport

import (
	"crypto"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// Opening says what Open expects of a credential and holds its keys.
type Opening struct {
	Alg    int64            // the signature algorithm the protected header must name
	Public crypto.PublicKey // the key the signature must verify with
	EncAlg int64            // the content-encryption algorithm; 0: not encrypted
	EncKey []byte           // the content-encryption key
}

// Open reads QR text written by anyone: Base45, zlib, tag 61 if present, the COSE_Encrypt0
// when o.EncAlg is set (its protected alg must be o.EncAlg, its IV 12 bytes), then the
// COSE_Sign1, whose protected alg must be o.Alg and whose signature must verify with
// o.Public. It returns the CWT claims set, each value as encoded, and fails tb otherwise.
func Open(tb testing.TB, text string, o Opening) map[int64]cbor.RawMessage {
	tb.Helper()
	msg := refUntag(tb, Unwrap(tb, text), tagCWT)
	if o.EncAlg != 0 {
		msg = refDecrypt(tb, refUntag(tb, msg, tagEncrypt0), o.EncAlg, o.EncKey)
	}
	var s1 struct {
		_           struct{} `cbor:",toarray"`
		Protected   []byte
		Unprotected map[int64]cbor.RawMessage
		Payload     []byte
		Signature   []byte
	}
	check(tb, cbor.Unmarshal(refUntag(tb, msg, tagSign1), &s1), "COSE_Sign1")
	if alg := refAlg(tb, s1.Protected); alg != o.Alg {
		tb.Fatalf("reference: COSE_Sign1 algorithm %d, want %d", alg, o.Alg)
	}
	toBeSigned := refMarshal(tb, []any{"Signature1", s1.Protected, []byte{}, s1.Payload})
	check(tb, refVerify(o.Alg, o.Public, toBeSigned, s1.Signature), "signature")
	var claims map[int64]cbor.RawMessage
	check(tb, cbor.Unmarshal(s1.Payload, &claims), "CWT")
	return claims
}

// refDecrypt opens the COSE_Encrypt0 msg.
func refDecrypt(tb testing.TB, msg []byte, alg int64, key []byte) []byte {
	tb.Helper()
	var e0 struct {
		_           struct{} `cbor:",toarray"`
		Protected   []byte
		Unprotected map[int64]cbor.RawMessage
		Ciphertext  []byte
	}
	check(tb, cbor.Unmarshal(msg, &e0), "COSE_Encrypt0")
	if got := refAlg(tb, e0.Protected); got != alg {
		tb.Fatalf("reference: COSE_Encrypt0 algorithm %d, want %d", got, alg)
	}
	var iv []byte
	check(tb, cbor.Unmarshal(e0.Unprotected[5], &iv), "IV")
	if len(iv) != 12 {
		tb.Fatalf("reference: IV of %d bytes", len(iv))
	}
	aad := refMarshal(tb, []any{"Encrypt0", e0.Protected, []byte{}})
	plaintext, err := refAEAD(tb, alg, key).Open(nil, iv, e0.Ciphertext, aad)
	check(tb, err, "decryption")
	return plaintext
}

// refAlg returns the alg (label 1) of a protected header.
func refAlg(tb testing.TB, protected []byte) int64 {
	tb.Helper()
	var h struct {
		Alg int64 `cbor:"1,keyasint"`
	}
	check(tb, cbor.Unmarshal(protected, &h), "protected header")
	return h.Alg
}

// refUntag removes tag number from data if data starts with it.
func refUntag(tb testing.TB, data []byte, number uint64) []byte {
	tb.Helper()
	if len(data) == 0 || data[0]>>5 != 6 {
		return data
	}
	var tag cbor.RawTag
	check(tb, cbor.Unmarshal(data, &tag), "tag")
	if tag.Number != number {
		return data
	}
	return tag.Content
}
