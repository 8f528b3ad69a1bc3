package claim169

import (
	"bytes"
	"context"
	"crypto/elliptic"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// hostileCase is one attack: the QR text, the decoder it is shown to (the
// fixture's when nil), and the refusal Decode must give. Every hostile
// credential is built properly (signed by the trusted issuer unless the
// attack is about the signature) so that it is refused for the right reason.
type hostileCase struct {
	name  string
	text  string
	dec   *Decoder
	kind  error
	stage Stage
}

func hostileCases(tb testing.TB) []hostileCase {
	var cases []hostileCase
	for _, group := range []func(testing.TB) []hostileCase{
		hostileTextCases, hostileZlibCases, hostileCOSECases, hostileVerifyCases,
		hostileDecryptCases, hostileCWTCases, hostileClaim169Cases,
	} {
		cases = append(cases, group(tb)...)
	}
	return cases
}

func hostileTextCases(tb testing.TB) []hostileCase {
	good := qrText(hSigned(tb))
	dangling := good + "0"
	if len(dangling)%3 != 1 {
		dangling += "0"
	}
	return []hostileCase{
		{name: "oversized input", text: strings.Repeat("0", DefaultMaxTextLength+1), kind: ErrTooLarge, stage: StageInput},
		{name: "oversized input around a valid credential", text: good + strings.Repeat(" ", DefaultMaxTextLength), kind: ErrTooLarge, stage: StageInput},
		{name: "invalid base45: lower-case letter", text: good[:9] + "a" + good[10:], kind: ErrMalformed, stage: StageBase45},
		{name: "invalid base45: character outside the alphabet", text: good[:30] + "!" + good[31:], kind: ErrMalformed, stage: StageBase45},
		{name: "invalid base45: triple above 65535", text: "GGW" + good[3:], kind: ErrMalformed, stage: StageBase45},
		{name: "invalid base45: dangling character", text: dangling, kind: ErrMalformed, stage: StageBase45},
		{name: "invalid base45: newline inside", text: good[:21] + "\n" + good[21:], kind: ErrMalformed, stage: StageBase45},
		{name: "empty text", text: "", kind: ErrMalformed, stage: StageInput},
		{name: "only a newline", text: "\r\n", kind: ErrMalformed, stage: StageInput},
	}
}

func hostileZlibCases(tb testing.TB) []hostileCase {
	z := compress.Deflate(hSigned(tb))
	big := hostileIdentity()
	big.Photo = append([]byte{0xff, 0xd8, 0xff, 0xe0}, make([]byte, compress.DefaultMaxSize)...)
	enc, err := NewEncoder(EncoderOptions{Signer: hostileSigner})
	require.NoError(tb, err)
	bigText, err := enc.Encode(big, hostileClaims())
	require.NoError(tb, err)
	checksum := bytes.Clone(z)
	checksum[len(checksum)-1] ^= 1
	// A zlib header announcing a preset dictionary (FDICT), with a valid
	// FCHECK, then a dictionary identifier and the stream.
	flg := byte(0x20)
	for (0x7800|uint(flg))%31 != 0 {
		flg++
	}
	dict := ts.Cat([]byte{0x78, flg, 1, 2, 3, 4}, z[2:])
	return []hostileCase{
		{name: "decompression bomb", text: base45.EncodeToString(compress.Deflate(make([]byte, 1<<20))), kind: ErrTooLarge, stage: StageDecompress},
		{name: "decompression bomb signed by the issuer", text: bigText.Text, kind: ErrTooLarge, stage: StageDecompress},
		{name: "trailing bytes after the zlib stream", text: base45.EncodeToString(ts.Cat(z, []byte{0})), kind: ErrMalformed, stage: StageDecompress},
		{name: "second zlib stream after the first", text: base45.EncodeToString(ts.Cat(z, z)), kind: ErrMalformed, stage: StageDecompress},
		{name: "truncated zlib stream", text: base45.EncodeToString(z[:len(z)-5]), kind: ErrMalformed, stage: StageDecompress},
		{name: "zlib checksum changed", text: base45.EncodeToString(checksum), kind: ErrMalformed, stage: StageDecompress},
		{name: "zlib preset dictionary", text: base45.EncodeToString(dict), kind: ErrMalformed, stage: StageDecompress},
		{name: "raw DEFLATE without zlib framing", text: base45.EncodeToString(z[2 : len(z)-4]), kind: ErrMalformed, stage: StageDecompress},
	}
}

func hostileCOSECases(tb testing.TB) []hostileCase {
	payload := hCWT(hIdentityMap(tb))
	msg := hSign1(hProtected, hUnprotected, payload)
	sig := hSignature(hostileSigner, hProtected, payload)
	kid := ts.Bytes([]byte(hostileKid))
	withProt := func(prot []byte) string { return qrText(hSign1(prot, hUnprotected, payload)) }
	withUnprot := func(unprot []byte) string { return qrText(hSign1(hProtected, unprot, payload)) }
	array := func(items ...[]byte) string { return qrText(ts.Tag(cose.TagSign1, ts.Array(items...))) }
	cases := []hostileCase{
		{name: "trailing bytes after the COSE message", text: qrText(ts.Cat(msg, []byte{0}))},
		{name: "trailing bytes after the CWT-tagged COSE message", text: qrText(ts.Cat(cwt.AddTag(msg), []byte{0}))},
		{name: "trailing bytes inside the protected header", text: withProt(ts.Cat(hProtected, []byte{0}))},
		{name: "trailing bytes after the COSE_Encrypt0", text: qrText(ts.Cat(hEncrypt0(tb, hEncProt, msg), []byte{0}))},
		{name: "trailing bytes after the signed message inside the COSE_Encrypt0", text: qrText(hEncrypt0(tb, hEncProt, ts.Cat(msg, []byte{0})))},
		{name: "tag confusion: COSE_Sign1 under the COSE_Encrypt0 tag", text: qrText(ts.Tag(cose.TagEncrypt0, msg[1:]))},
		{name: "tag confusion: COSE_Encrypt0 under the COSE_Sign1 tag", text: qrText(ts.Tag(cose.TagSign1, hEncrypt0(tb, hEncProt, msg)[1:]))},
		{name: "tag confusion: CWT tag twice", text: qrText(cwt.AddTag(cwt.AddTag(msg)))},
		{name: "tag confusion: self-described CBOR tag around the message", text: qrText(ts.Tag(55799, msg))},
		{name: "absurd length: payload of 2^64-1 bytes", text: qrText(ts.Cat(msg[:1], ts.Head(4, 4), ts.Bytes(hProtected), hUnprotected, ts.Head(2, math.MaxUint64), payload))},
		{name: "absurd length: array of 2^64-1 elements", text: qrText(ts.Cat(msg[:1], ts.Head(4, math.MaxUint64), ts.Bytes(hProtected)))},
		{name: "absurd length: unprotected map of 2^32 pairs", text: withUnprot(ts.Cat(ts.Head(5, 1<<32), kid))},
		{name: "array of five elements", text: array(ts.Bytes(hProtected), hUnprotected, ts.Bytes(payload), ts.Bytes(sig), ts.Bytes(nil))},
		{name: "deep nesting in the unprotected header", text: withUnprot(ts.Map(ts.Int(99), ts.Nested(40)))},
		{name: "deep nesting in the protected header", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(99), ts.Nested(40)))},
		{name: "duplicate label in the protected header", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(1), ts.Int(-8)))},
		{name: "duplicate label in the protected header, encoded two ways", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), []byte{0x18, 0x01}, ts.Int(-8)))},
		{name: "duplicate label in the unprotected header", text: withUnprot(ts.Map(ts.Int(4), kid, ts.Int(4), kid))},
		{name: "label in both header buckets", text: withUnprot(ts.Map(ts.Int(1), ts.Int(-8)))},
		{name: "crit in the unprotected header", text: withUnprot(ts.Map(ts.Int(2), ts.Array(ts.Int(4)), ts.Int(4), kid))},
		{name: "empty crit", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(2), ts.Array()))},
		{name: "crit names an absent label", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(2), ts.Array(ts.Int(99))))},
		{name: "invalid UTF-8 in a protected header label", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Text("\xff\xfe"), ts.Int(0)))},
		{name: "detached payload", text: array(ts.Bytes(hProtected), hUnprotected, []byte{0xf6}, ts.Bytes(sig))},
		{name: "payload is a map, not a byte string", text: array(ts.Bytes(hProtected), hUnprotected, payload, ts.Bytes(sig))},
		{name: "protected header is a map, not a byte string", text: array(hProtected, hUnprotected, ts.Bytes(payload), ts.Bytes(sig))},
		{name: "unprotected header is null", text: array(ts.Bytes(hProtected), []byte{0xf6}, ts.Bytes(payload), ts.Bytes(sig))},
		{name: "bare CWT with no COSE", text: qrText(payload)},
		{name: "bare CWT under tag 61", text: qrText(cwt.AddTag(payload))},
		{name: "COSE_Encrypt0 inside COSE_Encrypt0", text: qrText(hEncrypt0(tb, hEncProt, hEncrypt0(tb, hEncProt, msg)))},
		{name: "not CBOR", text: qrText([]byte("Zanele Canary Okonkwo"))},
		{name: "truncated CBOR head", text: qrText([]byte{0xd2, 0x84, 0x58})},
	}
	for i := range cases {
		cases[i].kind, cases[i].stage = ErrMalformed, StageCOSE
	}
	return cases
}

func hostileVerifyCases(tb testing.TB) []hostileCase {
	payload := hCWT(hIdentityMap(tb))
	sig := hSignature(hostileSigner, hProtected, payload)
	kid := ts.Bytes([]byte(hostileKid))
	withSig := func(prot, s []byte) string {
		return qrText(ts.Tag(cose.TagSign1, ts.Array(ts.Bytes(prot), hUnprotected, ts.Bytes(payload), ts.Bytes(s))))
	}
	withProt := func(prot, unprot []byte) string { return qrText(hSign1(prot, unprot, payload)) }
	changed := hostileIdentity()
	changed.FullName = "Zanele Canary Okonkwa"
	changedMap, err := changed.MarshalCBOR()
	require.NoError(tb, err)
	es256Msg, err := cose.Sign(nil, ts.ECDSAKey(elliptic.P256()), payload, cose.SignOptions{})
	require.NoError(tb, err)
	revoking := hostileDecoderWith(tb, DecoderOptions{Keys: toKeys(hostileSigner.Public()),
		StatusCheck: func(context.Context, Status) error { return errors.New("listed") }})
	cases := []hostileCase{
		{name: "alg only in the unprotected header", text: withProt(ts.Map(), ts.Map(ts.Int(1), ts.Int(-8), ts.Int(4), kid))},
		{name: "alg only in the unprotected header, empty protected bytes", text: withProt(nil, ts.Map(ts.Int(1), ts.Int(-8)))},
		{name: "no alg", text: withProt(ts.Map(ts.Int(4), kid), ts.Map())},
		{name: "alg as a text string", text: withProt(ts.Map(ts.Int(1), ts.Text("EdDSA")), hUnprotected)},
		{name: "unsupported alg", text: withProt(ts.Map(ts.Int(1), ts.Int(-999)), hUnprotected)},
		{name: "unknown critical header", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(2), ts.Array(ts.Int(99)), ts.Int(99), ts.Int(0)), hUnprotected)},
		{name: "critical text label", text: withProt(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(2), ts.Array(ts.Text("canary")), ts.Text("canary"), ts.Int(0)), hUnprotected)},
		{name: "algorithm mismatch: ES256 header over an Ed25519 signature", text: withProt(ts.Map(ts.Int(1), ts.Int(int64(cose.ES256))), hUnprotected)},
		{name: "algorithm mismatch: ES256 credential, Ed25519 key", text: qrText(es256Msg)},
		{name: "empty signature", text: withSig(hProtected, nil)},
		{name: "truncated signature", text: withSig(hProtected, sig[:len(sig)-1])},
		{name: "signature one byte longer", text: withSig(hProtected, ts.Cat(sig, []byte{0}))},
		{name: "zero signature", text: withSig(hProtected, make([]byte, len(sig)))},
		{name: "signature by another key", text: qrText(ts.Tag(cose.TagSign1, ts.Array(ts.Bytes(hProtected), hUnprotected, ts.Bytes(payload),
			ts.Bytes(hSignature(hostileOther, hProtected, payload)))))},
		{name: "payload changed after signing", text: qrText(ts.Tag(cose.TagSign1, ts.Array(ts.Bytes(hProtected), hUnprotected, ts.Bytes(hCWT(changedMap)), ts.Bytes(sig))))},
		{name: "protected header changed after signing", text: withSig(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(3), ts.Int(0)), sig)},
		{name: "COSE_Encrypt0 around an unsigned CWT", text: qrText(hEncrypt0(tb, hEncProt, payload))},
		{name: "COSE_Encrypt0 around an unsigned tagged CWT", text: qrText(hEncrypt0(tb, hEncProt, cwt.AddTag(payload)))},
		{name: "no key configured", text: qrText(hSigned(tb)), dec: hostileDecoderWith(tb, DecoderOptions{}), kind: ErrUnknownKey},
		{name: "refused by the status check", text: qrText(hSigned(tb)), dec: revoking, kind: ErrRevoked, stage: StageStatus},
	}
	for i := range cases {
		if cases[i].kind == nil {
			cases[i].kind = ErrVerification
		}
		if cases[i].stage == "" {
			cases[i].stage = StageVerify
		}
	}
	return cases
}

func hostileDecryptCases(tb testing.TB) []hostileCase {
	msg := hSigned(tb)
	iv := func(b []byte) []byte { return ts.Map(ts.Int(5), ts.Bytes(b)) }
	altered := hEncrypt0(tb, hEncProt, msg)
	altered[len(altered)-1] ^= 1 // the last byte of the AEAD tag
	noAEAD := hostileDecoderWith(tb, DecoderOptions{Keys: toKeys(hostileSigner.Public())})
	cases := []hostileCase{
		{name: "encrypted, no decryption key", text: qrText(hEncrypt0(tb, hEncProt, msg)), dec: noAEAD},
		{name: "ciphertext changed", text: qrText(altered)},
		{name: "encryption header changed after encryption", text: qrText(hEncrypt0Raw(tb, ts.Map(ts.Int(1), ts.Int(3), ts.Int(4), ts.Bytes([]byte("k"))), hEncProt, iv(hostileIV), msg))},
		{name: "encryption algorithm A128GCM, key for A256GCM", text: qrText(hEncrypt0Raw(tb, ts.Map(ts.Int(1), ts.Int(1)), ts.Map(ts.Int(1), ts.Int(1)), iv(hostileIV), msg))},
		{name: "encryption alg only in the unprotected header", text: qrText(hEncrypt0Raw(tb, ts.Map(), ts.Map(), ts.Map(ts.Int(1), ts.Int(3), ts.Int(5), ts.Bytes(hostileIV)), msg))},
		{name: "IV of the wrong length", text: qrText(hEncrypt0Raw(tb, hEncProt, hEncProt, iv(hostileIV[:8]), msg))},
		{name: "no IV", text: qrText(hEncrypt0Raw(tb, hEncProt, hEncProt, ts.Map(), msg))},
		{name: "unknown critical header in the COSE_Encrypt0", text: qrText(hEncrypt0(tb, ts.Map(ts.Int(1), ts.Int(3), ts.Int(2), ts.Array(ts.Int(99)), ts.Int(99), ts.Int(0)), msg))},
	}
	for i := range cases {
		cases[i].kind, cases[i].stage = ErrDecryption, StageDecrypt
	}
	return cases
}

func hostileCWTCases(tb testing.TB) []hostileCase {
	id := hIdentityMap(tb)
	iss := ts.Text(hostileIss)
	claims := func(kv ...[]byte) string { return qrText(hSign1(hProtected, hUnprotected, ts.Map(kv...))) }
	withID := func(v []byte) string { return qrText(hSign1(hProtected, hUnprotected, hCWT(v))) }
	ints := ts.Cat(ts.Head(4, 1025), make([]byte, 1025))
	cases := []hostileCase{
		{name: "trailing bytes after the CWT map", text: qrText(hSign1(hProtected, hUnprotected, ts.Cat(hCWT(id), []byte{0})))},
		{name: "deep nesting in claim 169", text: withID(ts.Map(ts.Int(1), ts.Text("x"), ts.Int(30), ts.Nested(40)))},
		{name: "deep tag nesting in claim 169", text: withID(ts.Map(ts.Int(30), ts.Cat(bytes.Repeat([]byte{0xd8, 0x64}, 100), []byte{0})))},
		{name: "absurd length: claim 169 map of 2^40 pairs", text: withID(ts.Cat(ts.Head(5, 1<<40), ts.Int(1)))},
		{name: "absurd length: text of 2^64-1 bytes in claim 169", text: withID(ts.Map(ts.Int(4), ts.Cat(ts.Head(3, math.MaxUint64), []byte("Zanele"))))},
		{name: "array over the element limit in claim 169", text: withID(ts.Map(ts.Int(30), ints))},
		{name: "duplicate claim 169", text: claims(ts.Int(1), iss, ts.Int(169), id, ts.Int(169), id)},
		{name: "duplicate claim 169, encoded two ways", text: claims(ts.Int(169), id, []byte{0x19, 0x00, 0xa9}, id)},
		{name: "duplicate iss", text: claims(ts.Int(1), iss, ts.Int(1), iss, ts.Int(169), id)},
		{name: "claims set is an array", text: qrText(hSign1(hProtected, hUnprotected, ts.Array(ts.Int(169), id)))},
		{name: "payload is a signed message", text: qrText(hSign1(hProtected, hUnprotected, hSigned(tb)))},
		{name: "wrong type: iss", text: claims(ts.Int(1), ts.Int(1), ts.Int(169), id)},
		{name: "wrong type: sub", text: claims(ts.Int(2), ts.Int(2), ts.Int(169), id)},
		{name: "wrong type: aud", text: claims(ts.Int(3), ts.Int(3), ts.Int(169), id)},
		{name: "wrong type: exp", text: claims(ts.Int(4), ts.Text("tomorrow"), ts.Int(169), id)},
		{name: "wrong type: nbf", text: claims(ts.Int(5), ts.Text("yesterday"), ts.Int(169), id)},
		{name: "wrong type: iat", text: claims(ts.Int(6), ts.Bytes([]byte{1}), ts.Int(169), id)},
		{name: "wrong type: cti", text: claims(ts.Int(7), ts.Text("cti"), ts.Int(169), id)},
		{name: "wrong type: exp is NaN", text: claims(ts.Int(4), []byte{0xf9, 0x7e, 0x00}, ts.Int(169), id)},
		{name: "wrong type: claim label is a byte string", text: claims(ts.Bytes([]byte{1}), iss, ts.Int(169), id)},
		{name: "invalid UTF-8 in iss", text: claims(ts.Int(1), ts.Text("\xff"), ts.Int(169), id)},
		{name: "invalid UTF-8 in a claim label", text: claims(ts.Text("\xc3\x28"), ts.Int(1), ts.Int(169), id)},
	}
	for i := range cases {
		cases[i].kind, cases[i].stage = ErrMalformed, StageCWT
	}
	return append(cases,
		hostileCase{name: "expired", text: claims(ts.Int(4), ts.Int(hostileNow-1), ts.Int(169), id), kind: ErrExpired, stage: StageValidity},
		hostileCase{name: "not yet valid", text: claims(ts.Int(5), ts.Int(hostileNow+3600), ts.Int(169), id), kind: ErrNotYetValid, stage: StageValidity},
	)
}

func hostileClaim169Cases(tb testing.TB) []hostileCase {
	withID := func(v []byte) string { return qrText(hSign1(hProtected, hUnprotected, hCWT(v))) }
	name := ts.Text("Zanele Canary Okonkwo")
	data := ts.Bytes([]byte("FMR\x00canary"))
	cases := []hostileCase{
		{name: "no claim 169", text: qrText(hSign1(hProtected, hUnprotected, ts.Map(ts.Int(1), ts.Text(hostileIss))))},
		{name: "claim 169 is an integer", text: withID(ts.Int(169))},
		{name: "claim 169 is a text string", text: withID(name)},
		{name: "claim 169 is null", text: withID([]byte{0xf6})},
		{name: "claim 169 byte string holds an array", text: withID(ts.Bytes(ts.Array(name)))},
		{name: "claim 169 under a tag other than 24", text: withID(ts.Tag(25, ts.Bytes(ts.Map(ts.Int(4), name))))},
		{name: "trailing bytes after the claim 169 map", text: withID(ts.Bytes(ts.Cat(hIdentityMap(tb), []byte{0})))},
		{name: "trailing bytes after the claim 169 map under tag 24", text: withID(ts.Tag(24, ts.Bytes(ts.Cat(hIdentityMap(tb), []byte{0}))))},
		{name: "claim 169 under a self-described tag and tag 24", text: withID(ts.Tag(55799, ts.Tag(24, ts.Bytes(hIdentityMap(tb)))))},
		{name: "duplicate key in claim 169", text: withID(ts.Map(ts.Int(4), name, ts.Int(4), name))},
		{name: "duplicate key in claim 169, encoded two ways", text: withID(ts.Map(ts.Int(4), name, []byte{0x18, 0x04}, name))},
		{name: "duplicate key in a biometric entry", text: withID(ts.Map(ts.Int(50), ts.Array(ts.Map(ts.Int(0), data, ts.Int(0), data))))},
		{name: "duplicate key in an unknown value", text: withID(ts.Map(ts.Int(30), ts.Map(ts.Int(1), name, ts.Int(1), name)))},
		{name: "invalid UTF-8 in the full name", text: withID(ts.Map(ts.Int(4), ts.Text("Zanele\xff")))},
		{name: "invalid UTF-8 in an unknown key", text: withID(ts.Map(ts.Int(30), ts.Text("\xc3\x28")))},
		{name: "invalid UTF-8 in a biometric issuer", text: withID(ts.Map(ts.Int(50), ts.Array(ts.Map(ts.Int(0), data, ts.Int(3), ts.Text("\xff")))))},
		{name: "identity map with a text key", text: withID(ts.Map(ts.Text("fullName"), name))},
		{name: "identity map with a key beyond int64", text: withID(ts.Map(ts.Head(0, math.MaxUint64), name))},
	}
	for i := range cases {
		cases[i].kind, cases[i].stage = ErrMalformed, StageClaim169
	}
	return cases
}
