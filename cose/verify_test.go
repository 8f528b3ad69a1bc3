package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	"filippo.io/edwards25519"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// sign1Regions returns the offsets in data, a tagged COSE_Sign1 written by
// Sign, of the protected header content, the payload and the signature.
func sign1Regions(t *testing.T, data []byte, msg *Sign1) (regions [][2]int) {
	t.Helper()
	for _, part := range [][]byte{msg.RawProtected, msg.Payload, msg.Signature} {
		start := -1
		for i := 0; i+len(part) <= len(data); i++ {
			if string(data[i:i+len(part)]) == string(part) {
				start = i
				break
			}
		}
		require.GreaterOrEqual(t, start, 0)
		regions = append(regions, [2]int{start, start + len(part)})
	}
	return regions
}

// Changing any byte of the protected header, the payload or the signature
// must make the message fail: malformed at parse time, or not verifying.
func TestVerifyTampering(t *testing.T) {
	payload := []byte("tamper with me")
	for _, alg := range signatureAlgorithms {
		t.Run(alg.String(), func(t *testing.T) {
			signer := signerFor(t, alg)
			data, err := Sign(nil, signer, payload, SignOptions{Algorithm: alg, AllowRS256: true, KeyID: []byte("k")})
			require.NoError(t, err)
			orig := requireParse(t, ParseSign1, data, nil)
			for _, region := range sign1Regions(t, data, orig) {
				for i := region[0]; i < region[1]; i++ {
					for _, flip := range []byte{0x01, 0x80} {
						tampered := append([]byte(nil), data...)
						tampered[i] ^= flip
						msg, err := ParseSign1(tampered)
						if err != nil {
							require.ErrorIs(t, err, ErrMalformed, "byte %d", i)
							continue
						}
						require.ErrorIs(t, msg.Verify(signer.Public(), nil), ErrVerification, "byte %d", i)
					}
				}
			}
		})
	}
}

// A key of the wrong type or size for the message's algorithm, or a weak
// key, is refused before the signature is checked.
func TestVerifyRefusedKeys(t *testing.T) {
	for _, tc := range refusedKeys(t) {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Sign(nil, signerFor(t, tc.alg), []byte("p"), SignOptions{Algorithm: tc.alg, AllowRS256: true})
			require.NoError(t, err)
			err = requireParse(t, ParseSign1, data, nil).Verify(tc.pub, nil)
			require.ErrorIs(t, err, ErrVerification)
			require.ErrorIs(t, err, tc.wantErr)
		})
	}
}

func TestVerifyCrossAlgorithm(t *testing.T) {
	k := generatedKeys(t)
	tbs := sigStructure([]byte{0xa0}, nil, []byte("p"))
	pss, err := signRaw(rand.Reader, k.rsa2048, PS256, tbs)
	require.NoError(t, err)
	pkcs, err := signRaw(rand.Reader, k.rsa2048, RS256, tbs)
	require.NoError(t, err)
	require.NoError(t, verifySignature(PS256, &k.rsa2048.PublicKey, tbs, pss))
	require.NoError(t, verifySignature(RS256, &k.rsa2048.PublicKey, tbs, pkcs))
	assert.ErrorIs(t, verifySignature(RS256, &k.rsa2048.PublicKey, tbs, pss), ErrVerification)
	assert.ErrorIs(t, verifySignature(PS256, &k.rsa2048.PublicKey, tbs, pkcs), ErrVerification)
	pss3072, err := signRaw(rand.Reader, k.rsa3072, PS384, tbs)
	require.NoError(t, err)
	assert.ErrorIs(t, verifySignature(PS512, &k.rsa3072.PublicKey, tbs, pss3072), ErrVerification)
}

// smallOrderEd25519 returns encodings of Ed25519 points of small order, the
// all-zero key among them, each checked here to have order dividing 8.
func smallOrderEd25519(t *testing.T) [][]byte {
	t.Helper()
	encodings := []string{
		"0000000000000000000000000000000000000000000000000000000000000000", // order 4
		"0100000000000000000000000000000000000000000000000000000000000000", // identity
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
		"0000000000000000000000000000000000000000000000000000000000000080", // order 4
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
	}
	var keys [][]byte
	for _, e := range encodings {
		b := ts.Unhex(t, e)
		p, err := new(edwards25519.Point).SetBytes(b)
		require.NoError(t, err, e)
		require.Equal(t, 1, new(edwards25519.Point).MultByCofactor(p).Equal(edwards25519.NewIdentityPoint()), e)
		keys = append(keys, b)
	}
	return keys
}

// notOnCurveEd25519 returns a 32-byte string that is not the encoding of an
// Ed25519 point.
func notOnCurveEd25519(t *testing.T) []byte {
	t.Helper()
	for y := byte(2); y < 255; y++ {
		b := make([]byte, 32)
		b[0] = y
		if _, err := new(edwards25519.Point).SetBytes(b); err != nil {
			return b
		}
	}
	t.Fatal("no invalid encoding found")
	return nil
}

func TestVerifySmallOrderForgery(t *testing.T) {
	pub := ed25519.PublicKey(ts.Unhex(t, "0100000000000000000000000000000000000000000000000000000000000000"))
	sig := make([]byte, 64)
	sig[0] = 1 // R = identity, S = 0
	payload := []byte("any message at all")
	protected := []byte{0xa1, 0x01, 0x27}
	require.True(t, ed25519.Verify(pub, sigStructure(protected, nil, payload), sig), "the forgery works on bare ed25519")
	msg := requireParse(t, ParseSign1, rawMessage(TagSign1, true, protected, emptyMap, payload, sig), nil)
	require.ErrorIs(t, msg.Verify(pub, nil), ErrWeakKey)
}

func TestVerifySignatureLength(t *testing.T) {
	key := testEd25519()
	data, err := Sign(nil, key, []byte("p"), SignOptions{})
	require.NoError(t, err)
	good := requireParse(t, ParseSign1, data, nil)
	cases := map[string][]byte{
		"empty":     {},
		"truncated": good.Signature[:63],
		"extended":  append(append([]byte(nil), good.Signature...), 0),
		"DER-sized": make([]byte, 72),
	}
	for name, sig := range cases {
		t.Run(name, func(t *testing.T) {
			msg := requireParse(t, ParseSign1, rawMessage(TagSign1, true, good.RawProtected, emptyMap, good.Payload, sig), nil)
			require.ErrorIs(t, msg.Verify(key.Public(), nil), ErrVerification)
		})
	}
	t.Run("ECDSA DER signature", func(t *testing.T) {
		k := generatedKeys(t)
		tbs := sigStructure([]byte{0xa1, 0x01, 0x26}, nil, []byte("p"))
		digest := sha256Sum(tbs)
		der, err := ecdsa.SignASN1(rand.Reader, k.p256, digest)
		require.NoError(t, err)
		require.True(t, ecdsa.VerifyASN1(&k.p256.PublicKey, digest, der))
		require.ErrorIs(t, verifySignature(ES256, &k.p256.PublicKey, tbs, der), ErrVerification)
	})
}

func TestVerifyHeaderPolicy(t *testing.T) {
	key := testEd25519()
	pub := key.Public()
	cases := []struct {
		name        string
		protected   map[any]any
		unprotected map[any]any
		understood  []HeaderLabel
		wantErr     []error // empty: verifies
	}{
		{name: "alg protected", protected: map[any]any{1: -8}},
		{name: "alg only unprotected", protected: map[any]any{}, unprotected: map[any]any{1: -8},
			wantErr: []error{ErrVerification, ErrUnsupportedAlgorithm}},
		{name: "no alg", protected: map[any]any{4: []byte("k")}, wantErr: []error{ErrVerification, ErrUnsupportedAlgorithm}},
		{name: "text alg", protected: map[any]any{1: "EdDSA"}, wantErr: []error{ErrVerification, ErrUnsupportedAlgorithm}},
		{name: "AEAD alg", protected: map[any]any{1: 3}, wantErr: []error{ErrVerification, ErrUnsupportedAlgorithm}},
		{name: "crit understood", protected: map[any]any{1: -8, 2: []any{4}, 4: []byte("k")}},
		{name: "crit x5chain understood by the caller", protected: map[any]any{1: -8, 2: []any{33}, 33: []byte("cert")},
			understood: []HeaderLabel{HeaderX5Bag, HeaderX5Chain}},
		{name: "crit x5chain the caller does not process", protected: map[any]any{1: -8, 2: []any{33}, 33: []byte("cert")},
			wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "crit x5t, the caller processes x5chain only", protected: map[any]any{1: -8, 2: []any{34}, 34: []any{-16, []byte("hash")}},
			understood: []HeaderLabel{HeaderX5Chain}, wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "crit x5u is never processed by Sign1", protected: map[any]any{1: -8, 2: []any{35}, 35: "https://example.com/c"},
			wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "crit unknown integer", protected: map[any]any{1: -8, 2: []any{99}, 99: 1},
			wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "crit unknown text", protected: map[any]any{1: -8, 2: []any{"x"}, "x": 1},
			wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "crit IV is not processed by Sign1", protected: map[any]any{1: -8, 2: []any{5}, 5: []byte("iv")},
			wantErr: []error{ErrVerification, ErrNotUnderstood}},
		{name: "unknown non-critical parameter", protected: map[any]any{1: -8, 99: 1, "x": "y"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.unprotected == nil {
				tc.unprotected = map[any]any{}
			}
			data := signRawSign1(mustMarshal(t, tc.protected), mustMarshal(t, tc.unprotected), []byte("p"))
			msg := requireParse(t, ParseSign1, data, nil)
			requireErrors(t, msg.VerifyWith(pub, VerifyOptions{Understood: tc.understood}), tc.wantErr)
			if len(tc.understood) == 0 {
				requireErrors(t, msg.Verify(pub, nil), tc.wantErr)
			}
		})
	}
}

// The spec's own example (CLAIM169.md) puts the kid in the unprotected
// header of a tag-61-wrapped Sign1; its key is not published. Here the same
// shape, minus tag 61, is built and verified.
func TestVerifyUnprotectedKidShape(t *testing.T) {
	key := testEd25519()
	data, err := Sign(nil, key, []byte{0xa1, 0x01, 0x60}, SignOptions{KeyID: []byte("k-1101"), KeyIDUnprotected: true})
	require.NoError(t, err)
	require.Equal(t, []byte{0xd2, 0x84, 0x43, 0xa1, 0x01, 0x27, 0xa1, 0x04, 0x46}, data[:9])
	msg := requireParse(t, ParseSign1, data, nil)
	require.NoError(t, msg.Verify(key.Public(), nil))
}

func sha256Sum(b []byte) []byte {
	h := crypto.SHA256.New()
	h.Write(b)
	return h.Sum(nil)
}

func TestCheckCritical(t *testing.T) {
	protected := map[any]any{1: -8, 2: []any{4, 33}, 4: []byte("k"), 33: []byte("cert")}
	msg := requireParse(t, ParseSign1, signRawSign1(mustMarshal(t, protected), mustMarshal(t, map[any]any{}), []byte("p")), nil)
	err := msg.CheckCritical()
	require.ErrorIs(t, err, ErrNotUnderstood)
	require.NotErrorIs(t, err, ErrVerification, "no signature was checked")
	require.ErrorIs(t, msg.CheckCritical(HeaderX5T), ErrNotUnderstood)
	require.NoError(t, msg.CheckCritical(HeaderX5Chain))
}
