package cose

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// sign1Cases lists every COSE_Sign1 example with the outcome this package
// gives it. Where that outcome departs from the example's label, note says
// why; the example is then still checked cryptographically.
var sign1Cases = []struct {
	file      string
	parseErr  error   // expected ParseSign1 error
	verifyErr []error // expected Verify errors; empty means success
	note      string
}{
	{file: "sign1-tests/sign-pass-01.json", verifyErr: []error{ErrVerification, ErrUnsupportedAlgorithm},
		note: "alg only in the unprotected header: refused by policy; the signature itself is checked below"},
	{file: "sign1-tests/sign-pass-02.json"},                                                               // external AAD
	{file: "sign1-tests/sign-pass-03.json"},                                                               // untagged
	{file: "sign1-tests/sign-fail-01.json", parseErr: ErrMalformed},                                       // tag 998
	{file: "sign1-tests/sign-fail-02.json", verifyErr: []error{ErrVerification}},                          // payload changed
	{file: "sign1-tests/sign-fail-03.json", verifyErr: []error{ErrVerification, ErrUnsupportedAlgorithm}}, // alg -999
	{file: "sign1-tests/sign-fail-04.json", verifyErr: []error{ErrVerification, ErrUnsupportedAlgorithm}}, // alg "unknown"
	{file: "sign1-tests/sign-fail-06.json", verifyErr: []error{ErrVerification}},                          // protected attribute added
	{file: "sign1-tests/sign-fail-07.json", verifyErr: []error{ErrVerification}},                          // protected attribute removed
	{file: "eddsa-examples/eddsa-sig-01.json"},
	{file: "eddsa-examples/eddsa-sig-02.json", verifyErr: []error{ErrVerification},
		note: "Ed448 is not implemented: the 114-byte signature is refused for an Ed25519 key"},
	{file: "ecdsa-examples/ecdsa-sig-01.json"},
	{file: "ecdsa-examples/ecdsa-sig-02.json"},
	{file: "ecdsa-examples/ecdsa-sig-03.json"},
	{file: "ecdsa-examples/ecdsa-sig-04.json", verifyErr: []error{ErrVerification, ErrAlgorithmMismatch},
		note: "ES512 with a P-256 key: hash and curve must agree; the signature itself is checked below"},
}

func TestSign1Vectors(t *testing.T) {
	for _, tc := range sign1Cases {
		t.Run(tc.file, func(t *testing.T) {
			v := loadVector(t, tc.file)
			if v.Fail {
				require.True(t, tc.parseErr != nil || len(tc.verifyErr) > 0, "a failing example must fail")
			}
			msg := requireParse(t, ParseSign1, ts.Unhex(t, v.Output.CBOR), tc.parseErr)
			if msg == nil {
				return
			}
			if !v.Fail {
				require.Equal(t, v.Input.Plaintext, string(msg.Payload))
			}
			aad := ts.Unhex(t, v.Input.Sign0.External)
			pub := v.Input.Sign0.Key.publicKey(t)
			if pub == nil { // Ed448: try the signature as an Ed25519 one.
				pub = testEd25519().Public()
			}
			requireErrors(t, msg.Verify(pub, aad), tc.verifyErr)
			if len(tc.verifyErr) == 0 {
				// The structure signed is the one the example published.
				tbs := sigStructure(msg.RawProtected, aad, msg.Payload)
				require.Equal(t, ts.Unhex(t, v.Intermediates.ToBeSignHex), tbs)
			}
		})
	}
}

// The two examples this package refuses by policy carry valid signatures:
// check them with the per-algorithm verifier so that the refusal is the
// policy's, not a broken verifier's.
func TestSign1VectorsRefusedByPolicy(t *testing.T) {
	t.Run("sign-pass-01 with the unprotected alg", func(t *testing.T) {
		v := loadVector(t, "sign1-tests/sign-pass-01.json")
		msg := requireParse(t, ParseSign1, ts.Unhex(t, v.Output.CBOR), nil)
		alg, ok := msg.Unprotected.Algorithm()
		require.True(t, ok)
		require.Equal(t, ES256, alg)
		// The protected bucket is h'A0', an empty map: RFC 9052 §4.4 puts a
		// zero-length byte string in the Sig_structure for an empty bucket.
		// Verify never reaches this case, since it requires a protected alg.
		require.Equal(t, []byte{0xa0}, msg.RawProtected)
		require.Zero(t, msg.Protected.Len())
		tbs := sigStructure(nil, nil, msg.Payload)
		require.Equal(t, ts.Unhex(t, v.Intermediates.ToBeSignHex), tbs)
		require.NoError(t, verifySignature(ES256, v.Input.Sign0.Key.publicKey(t), tbs, msg.Signature))
	})
	t.Run("ecdsa-sig-04 P-256 with SHA-512", func(t *testing.T) {
		v := loadVector(t, "ecdsa-examples/ecdsa-sig-04.json")
		msg := requireParse(t, ParseSign1, ts.Unhex(t, v.Output.CBOR), nil)
		pub := v.Input.Sign0.Key.publicKey(t)
		tbs := sigStructure(msg.RawProtected, nil, msg.Payload)
		require.ErrorIs(t, verifySignature(ES512, pub, tbs, msg.Signature), ErrAlgorithmMismatch)
		// ES256 fixes the curve but not the hash: the signature must not verify.
		require.ErrorIs(t, verifySignature(ES256, pub, tbs, msg.Signature), ErrVerification)
	})
}

// coseSign is the CBOR array of a COSE_Sign message (RFC 9052 §4.1), read
// only by the tests.
type coseSign struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected cbor.RawMessage
	Payload     []byte
	Signatures  []coseSignature
}

type coseSignature struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected cbor.RawMessage
	Signature   []byte
}

// TestSignVectors checks the per-algorithm verifier against the COSE_Sign
// (multi-signer) examples: the test builds the COSE_Sign Sig_structure
// ["Signature", body_protected, sign_protected, external_aad, payload]
// with the generic CBOR encoder, independently of this package's
// hand-written Sig_structure.
func TestSignVectors(t *testing.T) {
	cases := []struct {
		file    string
		wantErr []error
	}{
		{file: "ecdsa-examples/ecdsa-01.json"},
		{file: "ecdsa-examples/ecdsa-02.json"},
		{file: "ecdsa-examples/ecdsa-03.json"},
		{file: "ecdsa-examples/ecdsa-04.json", wantErr: []error{ErrVerification, ErrAlgorithmMismatch}}, // P-256 with ES512
		{file: "eddsa-examples/eddsa-01.json"},
		{file: "eddsa-examples/eddsa-02.json", wantErr: []error{ErrVerification}}, // Ed448: not implemented
		{file: "rsa-pss-examples/rsa-pss-01.json"},
		{file: "rsa-pss-examples/rsa-pss-02.json"},
		{file: "rsa-pss-examples/rsa-pss-03.json"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			v := loadVector(t, tc.file)
			var tag cbor.Tag
			require.NoError(t, strictcbor.Unmarshal(ts.Unhex(t, v.Output.CBOR), &tag))
			require.EqualValues(t, 98, tag.Number)
			var msg coseSign
			require.NoError(t, strictcbor.Unmarshal(mustMarshal(t, tag.Content), &msg))
			require.Len(t, msg.Signatures, len(v.Input.Sign.Signers))
			for i, s := range msg.Signatures {
				signer := v.Input.Sign.Signers[i]
				tbs := mustMarshal(t, []any{"Signature", msg.Protected, s.Protected, ts.Unhex(t, signer.External), msg.Payload})
				require.Equal(t, ts.Unhex(t, v.Intermediates.Signers[i].ToBeSignHex), tbs)
				h, err := parseHeaders(s.Protected, true)
				require.NoError(t, err)
				alg, ok := h.Algorithm()
				require.True(t, ok)
				pub := signer.Key.publicKey(t)
				if pub == nil { // Ed448
					pub = testEd25519().Public()
				}
				requireErrors(t, verifySignature(alg, pub, tbs, s.Signature), tc.wantErr)
				if len(tc.wantErr) == 0 {
					tampered := append([]byte(nil), s.Signature...)
					tampered[len(tampered)/2] ^= 1
					assert.ErrorIs(t, verifySignature(alg, pub, tbs, tampered), ErrVerification)
				}
			}
		})
	}
}

// TestRFC8032 runs the Ed25519 test vectors of RFC 8032 §7.1 (TEST 1, 2, 3
// and SHA(abc); TEST 1024 is left out) through the EdDSA signer and verifier
// this package uses.
func TestRFC8032(t *testing.T) {
	cases := []struct {
		name, seed, pub, msg, sig string
	}{
		{
			name: "TEST 1",
			seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
			pub:  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
			msg:  "",
			sig:  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
		},
		{
			name: "TEST 2",
			seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
			pub:  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
			msg:  "72",
			sig:  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
		},
		{
			name: "TEST 3",
			seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
			pub:  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
			msg:  "af82",
			sig:  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
		},
		{
			name: "TEST SHA(abc)",
			seed: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
			pub:  "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
			msg:  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
			sig:  "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key := ed25519.NewKeyFromSeed(ts.Unhex(t, tc.seed))
			pub := ts.Unhex(t, tc.pub)
			require.Equal(t, ed25519.PublicKey(pub), key.Public())
			msg, want := ts.Unhex(t, tc.msg), ts.Unhex(t, tc.sig)

			sig, err := signRaw(rand.Reader, key, EdDSA, msg)
			require.NoError(t, err)
			require.Equal(t, want, sig)
			require.NoError(t, verifySignature(EdDSA, ed25519.PublicKey(pub), msg, sig))

			bad := append([]byte(nil), sig...)
			bad[0] ^= 1
			require.ErrorIs(t, verifySignature(EdDSA, ed25519.PublicKey(pub), msg, bad), ErrVerification)
			require.ErrorIs(t, verifySignature(EdDSA, ed25519.PublicKey(pub), append(msg, 0), sig), ErrVerification)
		})
	}
}
