package cose

import (
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
			msg, err := ParseSign1(ts.Unhex(t, v.Output.CBOR))
			if tc.parseErr != nil {
				require.ErrorIs(t, err, tc.parseErr)
				require.Nil(t, msg)
				return
			}
			require.NoError(t, err)
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
		msg, err := ParseSign1(ts.Unhex(t, v.Output.CBOR))
		require.NoError(t, err)
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
		msg, err := ParseSign1(ts.Unhex(t, v.Output.CBOR))
		require.NoError(t, err)
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
