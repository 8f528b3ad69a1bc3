package testsupport

import (
	"crypto"
	"crypto/rand"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// The reference implementation writes and reads credentials with fxamacker/cbor (its own
// options), crypto/*, golang.org/x/crypto, compress/zlib and github.com/dasio/base45 only:
// it shares no code with this module's base45, cwt, cose and compress packages, so that a
// test can check the SDK against it in both directions.

// COSE algorithm numbers (IANA "COSE Algorithms") the reference implements.
const (
	AlgEdDSA            int64 = -8   // RFC 9053 §2.2
	AlgES256            int64 = -7   // RFC 9053 §2.1
	AlgES384            int64 = -35  // RFC 9053 §2.1
	AlgES512            int64 = -36  // RFC 9053 §2.1
	AlgPS256            int64 = -37  // RFC 8230 §2
	AlgPS384            int64 = -38  // RFC 8230 §2
	AlgPS512            int64 = -39  // RFC 8230 §2
	AlgRS256            int64 = -257 // RFC 8812 §2
	AlgA128GCM          int64 = 1    // RFC 9053 §4.1
	AlgA192GCM          int64 = 2    // RFC 9053 §4.1
	AlgA256GCM          int64 = 3    // RFC 9053 §4.1
	AlgChaCha20Poly1305 int64 = 24   // RFC 9053 §4.3
)

// CBOR tag numbers of the messages (RFC 9052 §2, RFC 8392 §6).
const (
	tagEncrypt0 = 16
	tagSign1    = 18
	tagCWT      = 61
)

// Credential is what Issue writes: a COSE_Sign1 over Claims, inside a COSE_Encrypt0 when
// EncAlg is set, tagged as asked, compressed with zlib and encoded in Base45.
type Credential struct {
	// Claims is the CWT claims set, encoded with fxamacker/cbor's core deterministic
	// options: a map[int64]any or a struct with keyasint fields.
	Claims any
	Alg    int64         // signature algorithm, AlgEdDSA … AlgRS256
	Key    crypto.Signer // ed25519.PrivateKey, *ecdsa.PrivateKey or *rsa.PrivateKey
	EncAlg int64         // content-encryption algorithm, AlgA128GCM … AlgChaCha20Poly1305; 0: none
	EncKey []byte        // the content-encryption key
	// Untagged leaves out the COSE tags 18 and 16; CWTTag adds tag 61 outermost.
	Untagged, CWTTag bool
	// CorruptSignature flips the last bit of the signature.
	CorruptSignature bool
}

// Issue writes c as QR text.
func Issue(tb testing.TB, c Credential) string {
	tb.Helper()
	payload := refMarshal(tb, c.Claims)
	protected := refMarshal(tb, map[int64]int64{1: c.Alg})
	sig := refSign(tb, c.Alg, c.Key, refMarshal(tb, []any{"Signature1", protected, []byte{}, payload}))
	if c.CorruptSignature {
		sig[len(sig)-1] ^= 1
	}
	msg := refMarshal(tb, []any{protected, map[int64]any{}, payload, sig})
	if !c.Untagged {
		msg = refTag(tb, tagSign1, msg)
	}
	if c.EncAlg != 0 {
		protected := refMarshal(tb, map[int64]int64{1: c.EncAlg})
		iv := make([]byte, 12)
		_, err := rand.Read(iv)
		check(tb, err, "IV")
		aad := refMarshal(tb, []any{"Encrypt0", protected, []byte{}})
		ct := refAEAD(tb, c.EncAlg, c.EncKey).Seal(nil, iv, msg, aad)
		msg = refMarshal(tb, []any{protected, map[int64][]byte{5: iv}, ct})
		if !c.Untagged {
			msg = refTag(tb, tagEncrypt0, msg)
		}
	}
	if c.CWTTag {
		msg = refTag(tb, tagCWT, msg)
	}
	return Wrap(tb, msg)
}

// refMode is the reference's CBOR encoding: core deterministic (RFC 8949 §4.2.1).
var refMode = func() cbor.EncMode {
	mode, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic(err)
	}
	return mode
}()

func refMarshal(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := refMode.Marshal(v)
	check(tb, err, "CBOR")
	return b
}

func refTag(tb testing.TB, number uint64, msg []byte) []byte {
	tb.Helper()
	return refMarshal(tb, cbor.Tag{Number: number, Content: cbor.RawMessage(msg)})
}

// check fails tb when err is not nil.
func check(tb testing.TB, err error, what string) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("reference: %s: %v", what, err)
	}
}
