package cose

import (
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// encrypt0Cases lists every COSE_Encrypt0 example with the outcome this
// package gives it; note explains a departure from the example's label.
var encrypt0Cases = []struct {
	file     string
	parseErr error
	wantErr  []error
	note     string
	// aadErratum marks an example whose published AAD_hex is wrong.
	aadErratum bool
}{
	{file: "aes-gcm-examples/aes-gcm-enc-01.json"},
	{file: "aes-gcm-examples/aes-gcm-enc-02.json"},
	{file: "aes-gcm-examples/aes-gcm-enc-03.json"},
	{file: "aes-gcm-examples/aes-gcm-enc-04.json", wantErr: []error{ErrDecryption}}, // tag changed
	{file: "chacha-poly-examples/chacha-poly-enc-01.json", aadErratum: true,
		note: `AAD_hex spells the context "Encrypt1"; the ciphertext authenticates under "Encrypt0"`},
	{file: "encrypted-tests/aes-gcm-01.json"},
	{file: "encrypted-tests/enc-pass-01.json", wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm},
		note: "alg only in the unprotected header: refused by policy; decrypted below"},
	{file: "encrypted-tests/enc-pass-02.json"}, // external AAD
	{file: "encrypted-tests/enc-pass-03.json", wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm},
		note: "untagged, alg only in the unprotected header: refused by policy; decrypted below"},
	{file: "encrypted-tests/enc-fail-01.json", parseErr: ErrMalformed},                                   // tag 995
	{file: "encrypted-tests/enc-fail-02.json", wantErr: []error{ErrDecryption}},                          // tag changed
	{file: "encrypted-tests/enc-fail-03.json", wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm}}, // alg -999
	{file: "encrypted-tests/enc-fail-04.json", wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm}}, // alg "Unknown"
	{file: "encrypted-tests/enc-fail-06.json", wantErr: []error{ErrDecryption}},                          // protected attribute added
	{file: "encrypted-tests/enc-fail-07.json", wantErr: []error{ErrDecryption}},                          // protected attribute removed
}

func TestEncrypt0Vectors(t *testing.T) {
	for _, tc := range encrypt0Cases {
		t.Run(tc.file, func(t *testing.T) {
			v := loadVector(t, tc.file)
			if v.Fail {
				require.True(t, tc.parseErr != nil || len(tc.wantErr) > 0, "a failing example must fail")
			}
			enc := v.Input.Encrypted
			aead, err := NewAEAD(enc.aeadAlgorithm(t), b64(t, enc.Recipients[0].Key.K))
			require.NoError(t, err)
			require.Equal(t, ts.Unhex(t, v.Intermediates.CEKHex), b64(t, enc.Recipients[0].Key.K))
			msg := requireParse(t, ParseEncrypt0, ts.Unhex(t, v.Output.CBOR), tc.parseErr)
			if msg == nil {
				return
			}
			aad := ts.Unhex(t, enc.External)
			plaintext, err := msg.Decrypt(aead, aad)
			requireErrors(t, err, tc.wantErr)
			if len(tc.wantErr) > 0 {
				require.Nil(t, plaintext)
				return
			}
			require.Equal(t, v.Input.Plaintext, string(plaintext))
			if !tc.aadErratum {
				require.Equal(t, ts.Unhex(t, v.Intermediates.AADHex), encStructure(msg.RawProtected, aad))
			}
		})
	}
}

// enc-pass-01 and enc-pass-03 are refused only because their alg is
// unprotected: decrypt them by hand to show the AEAD and Enc_structure code
// agree with the examples.
func TestEncrypt0VectorsRefusedByPolicy(t *testing.T) {
	for _, file := range []string{"encrypted-tests/enc-pass-01.json", "encrypted-tests/enc-pass-03.json"} {
		t.Run(file, func(t *testing.T) {
			v := loadVector(t, file)
			msg := requireParse(t, ParseEncrypt0, ts.Unhex(t, v.Output.CBOR), nil)
			alg, ok := msg.Unprotected.Algorithm()
			require.True(t, ok)
			aead, err := NewAEAD(alg, b64(t, v.Input.Encrypted.Recipients[0].Key.K))
			require.NoError(t, err)
			// An empty protected bucket (h'' or h'A0') enters the
			// Enc_structure as a zero-length byte string (RFC 9052 §5.3).
			require.Zero(t, msg.Protected.Len())
			aad := encStructure(nil, nil)
			require.Equal(t, ts.Unhex(t, v.Intermediates.AADHex), aad)
			plaintext, err := aead.Open(nil, msg.Unprotected.IV(), msg.Ciphertext, aad)
			require.NoError(t, err)
			require.Equal(t, v.Input.Plaintext, string(plaintext))
		})
	}
}

// coseEncrypt is the CBOR array of a COSE_Encrypt message (RFC 9052 §5.1),
// read only by the tests; the recipients use direct key agreement, so the
// content layer is decrypted with the vector's key.
type coseEncrypt struct {
	_           struct{} `cbor:",toarray"`
	Protected   []byte
	Unprotected map[int64]cbor.RawMessage
	Ciphertext  []byte
	Recipients  []cbor.RawMessage
}

func TestEncryptVectors(t *testing.T) {
	cases := []struct {
		file    string
		wantErr bool
	}{
		{file: "aes-gcm-examples/aes-gcm-01.json"},
		{file: "aes-gcm-examples/aes-gcm-02.json"},
		{file: "aes-gcm-examples/aes-gcm-03.json"},
		{file: "aes-gcm-examples/aes-gcm-04.json", wantErr: true}, // tag changed
		{file: "aes-gcm-examples/aes-gcm-05.json"},                // Partial IV with an unsent IV
		{file: "chacha-poly-examples/chacha-poly-01.json"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			v := loadVector(t, tc.file)
			require.Equal(t, tc.wantErr, v.Fail)
			env := v.Input.Enveloped
			var tag cbor.Tag
			require.NoError(t, strictcbor.Unmarshal(ts.Unhex(t, v.Output.CBOR), &tag))
			require.EqualValues(t, 96, tag.Number)
			var msg coseEncrypt
			require.NoError(t, strictcbor.Unmarshal(mustMarshal(t, tag.Content), &msg))
			aad := mustMarshal(t, []any{"Encrypt", msg.Protected, ts.Unhex(t, env.External)})
			require.Equal(t, ts.Unhex(t, v.Intermediates.AADHex), aad)

			var iv []byte
			if env.Unsent.IVHex != "" {
				// aes-gcm-05 sends only a Partial IV (label 6); the full IV,
				// made from the context IV, is published as "unsent".
				require.Contains(t, msg.Unprotected, int64(HeaderPartialIV))
				iv = ts.Unhex(t, env.Unsent.IVHex)
			} else {
				require.NoError(t, strictcbor.Unmarshal(msg.Unprotected[int64(HeaderIV)], &iv))
			}
			aead, err := NewAEAD(env.aeadAlgorithm(t), b64(t, env.Recipients[0].Key.K))
			require.NoError(t, err)
			plaintext, err := aead.Open(nil, iv, msg.Ciphertext, aad)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrDecryption)
				require.Nil(t, plaintext)
				return
			}
			require.NoError(t, err)
			require.Equal(t, v.Input.Plaintext, string(plaintext))
		})
	}
}
