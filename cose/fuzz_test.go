package cose

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/vectors"
)

// addVectorSeeds adds the message of every COSE working-group example to
// the fuzz corpus.
func addVectorSeeds(f *testing.F) {
	f.Helper()
	for _, group := range vectors.COSEWGGroups() {
		for _, ex := range vectors.COSEWG(group) {
			f.Add(ex.Output)
		}
	}
}

func FuzzParseSign1(f *testing.F) {
	addVectorSeeds(f)
	signed, err := Sign(nil, testEd25519(), []byte("payload"), SignOptions{KeyID: []byte("k"), X5Chain: [][]byte{{1}, {2}}})
	require.NoError(f, err)
	f.Add(signed)
	fuzzParse(f, TypeSign1, ParseSign1, func(t *testing.T, msg *Sign1) []byte {
		return encodeMessage(TagSign1, msg.Tagged, msg.RawProtected,
			encodeParams(t, msg.Unprotected.Params()), msg.Payload, msg.Signature)
	}, func(t *testing.T, msg *Sign1) {
		_, _ = msg.Algorithm()
		_ = msg.KeyID()
		if err := msg.Verify(testEd25519().Public(), nil); err != nil {
			require.ErrorIs(t, err, ErrVerification)
		}
	})
}

func FuzzParseEncrypt0(f *testing.F) {
	addVectorSeeds(f)
	enc, err := Encrypt(nil, testAEAD(f, A128GCM), []byte("plaintext"), EncryptOptions{KeyID: []byte("k")})
	require.NoError(f, err)
	f.Add(enc)
	fuzzParse(f, TypeEncrypt0, ParseEncrypt0, func(t *testing.T, msg *Encrypt0) []byte {
		return encodeMessage(TagEncrypt0, msg.Tagged, msg.RawProtected,
			encodeParams(t, msg.Unprotected.Params()), msg.Ciphertext)
	}, func(t *testing.T, msg *Encrypt0) {
		_, _ = msg.Algorithm()
		_ = msg.KeyID()
	})
}

// FuzzVerifySign1 mutates one signed message: whatever the fuzzer makes of
// it, a message that verifies must carry the original protected header,
// payload and signature.
func FuzzVerifySign1(f *testing.F) {
	key := testEd25519()
	aad := []byte("fuzz")
	orig, err := Sign(nil, key, []byte("the signed payload"), SignOptions{KeyID: []byte("k-1"), ExternalAAD: aad})
	require.NoError(f, err)
	want, err := ParseSign1(orig)
	require.NoError(f, err)
	f.Add(orig)
	f.Add(orig[1:])
	f.Add(append(append([]byte(nil), orig...), 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, err := ParseSign1(data)
		if err != nil {
			return
		}
		if err := msg.Verify(key.Public(), aad); err != nil {
			require.ErrorIs(t, err, ErrVerification)
			return
		}
		require.Equal(t, want.RawProtected, msg.RawProtected)
		require.Equal(t, want.Payload, msg.Payload)
		require.Equal(t, want.Signature, msg.Signature)
	})
}

// FuzzDecrypt mutates one encrypted message: a message that decrypts must
// carry the original protected header, IV and ciphertext, and yield the
// original plaintext; a failure yields no plaintext.
func FuzzDecrypt(f *testing.F) {
	aead := testAEAD(f, A256GCM)
	plaintext := []byte("the secret plaintext")
	// A fixed IV: the fuzzing workers must all build the same message.
	iv := bytes.NewReader([]byte("fuzz IV 12by"))
	orig, err := Encrypt(iv, aead, plaintext, EncryptOptions{KeyID: []byte("k-1")})
	require.NoError(f, err)
	want, err := ParseEncrypt0(orig)
	require.NoError(f, err)
	f.Add(orig)
	f.Add(orig[1:])
	f.Fuzz(func(t *testing.T, data []byte) {
		msg, err := ParseEncrypt0(data)
		if err != nil {
			return
		}
		out, err := msg.Decrypt(aead, nil)
		if err != nil {
			require.Nil(t, out)
			require.True(t, errors.Is(err, ErrDecryption))
			return
		}
		assert.Equal(t, plaintext, out)
		require.Equal(t, want.RawProtected, msg.RawProtected)
		iv, err := msg.iv()
		require.NoError(t, err)
		require.Equal(t, want.Unprotected.IV(), iv)
		require.Equal(t, want.Ciphertext, msg.Ciphertext)
	})
}
