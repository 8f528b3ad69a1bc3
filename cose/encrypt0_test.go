package cose

import (
	"bytes"
	"crypto/rand"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testAEAD(t testing.TB, alg Algorithm) AEAD {
	t.Helper()
	key := bytes.Repeat([]byte{0x42}, alg.KeySize())
	aead, err := NewAEAD(alg, key)
	require.NoError(t, err)
	return aead
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	plaintext := []byte("a signed COSE_Sign1 would be here")
	for _, alg := range aeadAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			aead := testAEAD(t, alg)
			data, err := Encrypt(nil, aead, plaintext, EncryptOptions{KeyID: []byte("enc-1"), ExternalAAD: []byte("aad")})
			require.NoError(t, err)
			msg := requireParse(t, ParseEncrypt0, data, nil)
			requireWritten(t, msg.Tagged, &msg.Protected, msg, alg, "enc-1")
			assert.Len(t, msg.Unprotected.IV(), IVSize)
			assert.Len(t, msg.Ciphertext, len(plaintext)+16)
			out, err := msg.Decrypt(aead, []byte("aad"))
			require.NoError(t, err)
			assert.Equal(t, plaintext, out)
			out, err = msg.Decrypt(aead, nil)
			assert.ErrorIs(t, err, ErrDecryption, "external AAD is authenticated")
			assert.Nil(t, out)
		})
	}
}

func TestEncryptOptions(t *testing.T) {
	aead := testAEAD(t, A256GCM)
	t.Run("untagged, unprotected kid", func(t *testing.T) {
		data, err := Encrypt(nil, aead, nil, EncryptOptions{KeyID: []byte("k"), KeyIDUnprotected: true, Untagged: true})
		require.NoError(t, err)
		assert.Equal(t, byte(0x83), data[0])
		msg := requireParse(t, ParseEncrypt0, data, nil)
		assert.False(t, msg.Tagged)
		assert.Nil(t, msg.Protected.KeyID())
		assert.Equal(t, []byte("k"), msg.Unprotected.KeyID())
		assert.Equal(t, []byte{0xa1, 0x01, 0x03}, msg.RawProtected)
		out, err := msg.Decrypt(aead, nil)
		require.NoError(t, err)
		assert.NotNil(t, out)
		assert.Empty(t, out)
	})
	t.Run("fresh IV each time", func(t *testing.T) {
		a, err := Encrypt(rand.Reader, aead, []byte("x"), EncryptOptions{})
		require.NoError(t, err)
		b, err := Encrypt(rand.Reader, aead, []byte("x"), EncryptOptions{})
		require.NoError(t, err)
		assert.NotEqual(t, a, b)
	})
	t.Run("IV from rand", func(t *testing.T) {
		iv := bytes.Repeat([]byte{7}, IVSize)
		data, err := Encrypt(bytes.NewReader(iv), aead, []byte("x"), EncryptOptions{})
		require.NoError(t, err)
		msg := requireParse(t, ParseEncrypt0, data, nil)
		assert.Equal(t, iv, msg.Unprotected.IV())
	})
}

func TestEncryptRefusals(t *testing.T) {
	aead := testAEAD(t, A128GCM)
	_, err := Encrypt(nil, nil, []byte("x"), EncryptOptions{})
	assert.ErrorIs(t, err, errNilAEAD)
	_, err = Encrypt(bytes.NewReader([]byte{1, 2}), aead, []byte("x"), EncryptOptions{})
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	_, err = Encrypt(nil, fakeAEAD{AEAD: aead, alg: ES256}, []byte("x"), EncryptOptions{})
	assert.ErrorIs(t, err, ErrUnsupportedAlgorithm)
	_, err = Encrypt(nil, fakeAEAD{AEAD: aead, alg: A128GCM, nonce: 16}, []byte("x"), EncryptOptions{})
	assert.ErrorIs(t, err, ErrAlgorithmMismatch)
	_, err = Encrypt(nil, fakeAEAD{AEAD: aead, alg: A128GCM, sealErr: errHSM}, []byte("x"), EncryptOptions{})
	assert.ErrorIs(t, err, errHSM)
}

// fakeAEAD stands for an HSM-held key: it forwards to a software AEAD but
// can lie about its algorithm or nonce size, or fail.
type fakeAEAD struct {
	AEAD
	alg     Algorithm
	nonce   int
	sealErr error
}

func (f fakeAEAD) Algorithm() Algorithm { return f.alg }

func (f fakeAEAD) NonceSize() int {
	if f.nonce != 0 {
		return f.nonce
	}
	return f.AEAD.NonceSize()
}

func (f fakeAEAD) Seal(dst, nonce, plaintext, ad []byte) ([]byte, error) {
	if f.sealErr != nil {
		return nil, f.sealErr
	}
	return f.AEAD.Seal(dst, nonce, plaintext, ad)
}

func TestDecryptWithHSM(t *testing.T) {
	soft := testAEAD(t, ChaCha20Poly1305)
	hsm := fakeAEAD{AEAD: soft, alg: ChaCha20Poly1305}
	data, err := Encrypt(nil, hsm, []byte("secret"), EncryptOptions{})
	require.NoError(t, err)
	msg := requireParse(t, ParseEncrypt0, data, nil)
	out, err := msg.Decrypt(hsm, nil)
	require.NoError(t, err)
	assert.Equal(t, []byte("secret"), out)
}

// Changing any byte of an Encrypt0 must make it fail: malformed at parse
// time or not decrypting. It never yields plaintext.
func TestDecryptTampering(t *testing.T) {
	for _, alg := range aeadAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			aead := testAEAD(t, alg)
			data, err := Encrypt(nil, aead, []byte("tamper with me"), EncryptOptions{KeyID: []byte("k")})
			require.NoError(t, err)
			for i := range data {
				for _, flip := range []byte{0x01, 0x80} {
					tampered := append([]byte(nil), data...)
					tampered[i] ^= flip
					msg, err := ParseEncrypt0(tampered)
					if err != nil {
						require.ErrorIs(t, err, ErrMalformed, "byte %d", i)
						continue
					}
					out, err := msg.Decrypt(aead, nil)
					require.ErrorIs(t, err, ErrDecryption, "byte %d", i)
					require.Nil(t, out)
				}
			}
		})
	}
}

func TestDecryptRefusals(t *testing.T) {
	aead := testAEAD(t, A128GCM)
	iv := bytes.Repeat([]byte{1}, IVSize)
	ct := make([]byte, 32)
	cases := []struct {
		name        string
		protected   map[any]any
		unprotected map[any]any
		aead        AEAD // nil: the A128GCM test key
		nilAEAD     bool
		wantErr     []error
	}{
		{name: "wrong key", protected: map[any]any{1: 1}, unprotected: map[any]any{5: iv},
			aead: mustAEAD(t, A128GCM, bytes.Repeat([]byte{9}, 16)), wantErr: []error{ErrDecryption}},
		{name: "algorithm mismatch", protected: map[any]any{1: 3}, unprotected: map[any]any{5: iv},
			wantErr: []error{ErrDecryption, ErrAlgorithmMismatch}},
		{name: "alg only unprotected", protected: map[any]any{}, unprotected: map[any]any{1: 1, 5: iv},
			wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm}},
		{name: "signature alg", protected: map[any]any{1: -8}, unprotected: map[any]any{5: iv},
			wantErr: []error{ErrDecryption, ErrUnsupportedAlgorithm}},
		{name: "no IV", protected: map[any]any{1: 1}, unprotected: map[any]any{}, wantErr: []error{ErrDecryption}},
		{name: "short IV", protected: map[any]any{1: 1}, unprotected: map[any]any{5: iv[:8]}, wantErr: []error{ErrDecryption}},
		{name: "long IV", protected: map[any]any{1: 1}, unprotected: map[any]any{5: append(iv, 0)}, wantErr: []error{ErrDecryption}},
		{name: "partial IV", protected: map[any]any{1: 1}, unprotected: map[any]any{6: []byte{1}}, wantErr: []error{ErrDecryption}},
		{name: "crit unknown", protected: map[any]any{1: 1, 2: []any{99}, 99: 0}, unprotected: map[any]any{5: iv},
			wantErr: []error{ErrDecryption, ErrNotUnderstood}},
		{name: "crit x5chain is not processed by Encrypt0", protected: map[any]any{1: 1, 2: []any{33}, 33: []byte{1}},
			unprotected: map[any]any{5: iv}, wantErr: []error{ErrDecryption, ErrNotUnderstood}},
		{name: "nil AEAD", protected: map[any]any{1: 1}, unprotected: map[any]any{5: iv}, nilAEAD: true, wantErr: []error{ErrDecryption}},
		{name: "AEAD with another nonce size", protected: map[any]any{1: 1}, unprotected: map[any]any{5: iv},
			aead: fakeAEAD{AEAD: aead, alg: A128GCM, nonce: 16}, wantErr: []error{ErrDecryption}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := rawMessage(TagEncrypt0, true, mustMarshal(t, tc.protected), mustMarshal(t, tc.unprotected), ct)
			msg := requireParse(t, ParseEncrypt0, data, nil)
			a := tc.aead
			switch {
			case tc.nilAEAD:
				a = nil
			case a == nil:
				a = aead
			}
			out, err := msg.Decrypt(a, nil)
			requireErrors(t, err, tc.wantErr)
			require.Nil(t, out)
		})
	}
}

func TestDecryptIVInProtected(t *testing.T) {
	aead := testAEAD(t, A192GCM)
	iv := bytes.Repeat([]byte{3}, IVSize)
	protected := mustMarshal(t, map[any]any{1: 2, 5: iv})
	ct, err := aead.Seal(nil, iv, []byte("x"), encStructure(protected, nil))
	require.NoError(t, err)
	msg := requireParse(t, ParseEncrypt0, rawMessage(TagEncrypt0, false, protected, emptyMap, ct), nil)
	out, err := msg.Decrypt(aead, nil)
	require.NoError(t, err)
	assert.Equal(t, []byte("x"), out)
}

func TestParseEncrypt0Malformed(t *testing.T) {
	aead := testAEAD(t, A128GCM)
	good, err := Encrypt(nil, aead, []byte("x"), EncryptOptions{})
	require.NoError(t, err)
	body := good[1:]
	prot := []byte{0xa1, 0x01, 0x01}
	sign1, err := Sign(nil, testEd25519(), []byte("p"), SignOptions{})
	require.NoError(t, err)
	cases := map[string][]byte{
		"empty":               {},
		"trailing byte":       append(append([]byte(nil), good...), 0),
		"truncated":           good[:len(good)-1],
		"tag 18 (Sign1)":      append([]byte{0xd2}, body...),
		"Sign1 under tag 16":  append([]byte{0xd0}, sign1[1:]...),
		"Sign1 as is":         sign1,
		"tag 61":              append([]byte{0xd8, 0x3d}, good...),
		"tag 995":             append([]byte{0xd9, 0x03, 0xe3}, body...),
		"four elements":       rawMessage(TagEncrypt0, true, prot, emptyMap, []byte{1}, []byte{2}),
		"two elements":        {0xd0, 0x82, 0x40, 0xa0},
		"detached ciphertext": {0xd0, 0x83, 0x43, 0xa1, 0x01, 0x01, 0xa0, 0xf6},
		"ciphertext is text":  {0xd0, 0x83, 0x43, 0xa1, 0x01, 0x01, 0xa0, 0x61, 'x'},
		"label in both":       rawMessage(TagEncrypt0, true, prot, []byte{0xa1, 0x01, 0x01}, []byte{1}),
		"duplicate label":     rawMessage(TagEncrypt0, true, prot, []byte{0xa2, 0x05, 0x41, 1, 0x05, 0x41, 2}, []byte{1}),
		"map":                 {0xa0},
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) { requireParse(t, ParseEncrypt0, data, ErrMalformed) })
	}
}

func mustAEAD(t testing.TB, alg Algorithm, key []byte) AEAD {
	t.Helper()
	a, err := NewAEAD(alg, key)
	require.NoError(t, err)
	return a
}

func TestNewAEAD(t *testing.T) {
	for _, alg := range aeadAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			for _, n := range []int{0, alg.KeySize() - 1, alg.KeySize() + 1, 64} {
				a, err := NewAEAD(alg, make([]byte, n))
				assert.ErrorIs(t, err, ErrAlgorithmMismatch, "key of %d bytes", n)
				assert.Nil(t, a)
			}
			key := bytes.Repeat([]byte{1}, alg.KeySize())
			a, err := NewAEAD(alg, key)
			require.NoError(t, err)
			assert.Equal(t, alg, a.Algorithm())
			assert.Equal(t, IVSize, a.NonceSize())

			key[0] ^= 0xff // the key is copied
			nonce := make([]byte, IVSize)
			ct, err := a.Seal(nil, nonce, []byte("msg"), []byte("ad"))
			require.NoError(t, err)
			same, err := NewAEAD(alg, bytes.Repeat([]byte{1}, alg.KeySize()))
			require.NoError(t, err)
			pt, err := same.Open(nil, nonce, ct, []byte("ad"))
			require.NoError(t, err)
			assert.Equal(t, []byte("msg"), pt)

			_, err = a.Seal(nil, nonce[:8], []byte("msg"), nil)
			assert.ErrorIs(t, err, errNonceSize)
			_, err = a.Open(nil, nonce[:8], ct, nil)
			assert.ErrorIs(t, err, errNonceSize)
			pt, err = a.Open(nil, nonce, ct, []byte("other ad"))
			assert.ErrorIs(t, err, ErrDecryption)
			assert.Nil(t, pt)
			pt, err = a.Open(nil, nonce, ct[:3], nil)
			assert.ErrorIs(t, err, ErrDecryption)
			assert.Nil(t, pt)
		})
	}
	for _, alg := range []Algorithm{EdDSA, ES256, 0, -999} {
		a, err := NewAEAD(alg, make([]byte, 16))
		assert.ErrorIs(t, err, ErrUnsupportedAlgorithm, alg.String())
		assert.Nil(t, a)
	}
}
