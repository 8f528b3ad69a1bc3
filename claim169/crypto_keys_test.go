package claim169_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"fmt"
	"math/big"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The keys the encoder and the decoder take and refuse (algorithm
// mismatches, weak and private keys), the keys tried for a credential (kid,
// key sets) and the headers that must be understood before any is (crit).

func TestCryptoRS256OptIn(t *testing.T) {
	signer := signerFor(t, cose.RS256)
	_, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer, Algorithm: cose.RS256})
	require.ErrorIs(t, err, cose.ErrUnsupportedAlgorithm)

	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Algorithm: cose.RS256, AllowRS256: true})
	res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err, "RS256 is always verified")
	assert.Equal(t, cose.RS256, res.Algorithm)
	assert.Equal(t, claim169.Verified, res.Verification)

	// An RSA key alone selects PS256, never RS256.
	text = encodeCredential(t, claim169.EncoderOptions{Signer: signer, AllowRS256: true})
	res, err = newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}).Decode(text)
	require.NoError(t, err)
	assert.Equal(t, cose.PS256, res.Algorithm)
}

// fakeAEAD claims an algorithm that is not a content-encryption algorithm.
type fakeAEAD struct{ cose.AEAD }

func (fakeAEAD) Algorithm() cose.Algorithm { return cose.ES256 }

func TestCryptoEncoderRefusesMismatch(t *testing.T) {
	weak := ts.RSAKey(1024)
	_, aead := newKeyAEAD(t, cose.A128GCM)
	tests := []struct {
		name    string
		opts    claim169.EncoderOptions
		wantErr error
	}{
		{"ES384 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.ES384}, cose.ErrAlgorithmMismatch},
		{"ES256 with a P-384 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p384"), Algorithm: cose.ES256}, cose.ErrAlgorithmMismatch},
		{"ES512 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.ES512}, cose.ErrAlgorithmMismatch},
		{"PS256 with an Ed25519 key", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Algorithm: cose.PS256}, cose.ErrAlgorithmMismatch},
		{"EdDSA with an RSA key", claim169.EncoderOptions{Signer: cryptoKey(t, "rsa"), Algorithm: cose.EdDSA}, cose.ErrAlgorithmMismatch},
		{"ES256 with an RSA key", claim169.EncoderOptions{Signer: cryptoKey(t, "rsa"), Algorithm: cose.ES256}, cose.ErrAlgorithmMismatch},
		{"RS256 with a P-256 key", claim169.EncoderOptions{Signer: cryptoKey(t, "p256"), Algorithm: cose.RS256, AllowRS256: true}, cose.ErrAlgorithmMismatch},
		{"AEAD as signature algorithm", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Algorithm: cose.A256GCM}, cose.ErrUnsupportedAlgorithm},
		{"RSA 1024", claim169.EncoderOptions{Signer: weak}, cose.ErrWeakKey},
		{"signature algorithm as AEAD", claim169.EncoderOptions{Signer: cryptoKey(t, "ed25519"), Encryption: fakeAEAD{aead}}, cose.ErrUnsupportedAlgorithm},
		{"no signer", claim169.EncoderOptions{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := claim169.NewEncoder(tc.opts)
			require.Error(t, err)
			assert.Nil(t, enc)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

func TestCryptoDecoderRefusesMismatch(t *testing.T) {
	tests := []struct {
		name    string
		alg     cose.Algorithm
		key     crypto.PublicKey
		wantErr error // besides ErrVerification
	}{
		{"EdDSA credential, RSA key", cose.EdDSA, cryptoKey(t, "rsa").Public(), cose.ErrAlgorithmMismatch},
		{"ES384 credential, P-256 key", cose.ES384, cryptoKey(t, "p256").Public(), cose.ErrAlgorithmMismatch},
		{"ES256 credential, P-384 key", cose.ES256, cryptoKey(t, "p384").Public(), cose.ErrAlgorithmMismatch},
		{"PS256 credential, Ed25519 key", cose.PS256, cryptoKey(t, "ed25519").Public(), cose.ErrAlgorithmMismatch},
		{"ES256 credential, another P-256 key", cose.ES256, mustP256(t).Public(), nil},
		{"EdDSA credential, another Ed25519 key", cose.EdDSA, ts.Ed25519Key().Public(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signerFor(t, tc.alg), Algorithm: tc.alg})
			res, err := newCryptoDecoder(t, []crypto.PublicKey{tc.key}).Decode(text)
			require.ErrorIs(t, err, claim169.ErrVerification)
			assert.Nil(t, res)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

// TestNewDecoderRefusesKeys checks that NewDecoder refuses a verification
// key that is weak, of an unsupported type or private, alone and after a
// good key, and that its message says which key it is and why.
func TestNewDecoderRefusesKeys(t *testing.T) {
	weakRSA := ts.RSAKey(1024)
	identity := make([]byte, ed25519.PublicKeySize) // the neutral point, order 1
	identity[0] = 1
	tests := []struct {
		name string
		key  crypto.PublicKey
		want error  // nil: only an error
		says string // in the message, besides the key's position
	}{
		{"RSA 1024", &weakRSA.PublicKey, cose.ErrWeakKey, ""},
		{"all-zero Ed25519", ed25519.PublicKey(make([]byte, ed25519.PublicKeySize)), cose.ErrWeakKey, ""},
		{"small-order Ed25519", ed25519.PublicKey(identity), cose.ErrWeakKey, ""},
		{"short Ed25519", ed25519.PublicKey(make([]byte, 31)), cose.ErrWeakKey, ""},
		{"P-256 point off the curve", &ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}, cose.ErrWeakKey, ""},
		{"P-224", &ts.ECDSAKey(elliptic.P224()).PublicKey, keys.ErrUnsupportedKey, ""},
		{"Ed25519 private key", cryptoKey(t, "ed25519"), keys.ErrPrivateKey, "private key"},
		{"ECDSA private key", ecdsaTestKey(t, "p256"), keys.ErrPrivateKey, "private key"},
		{"a string", "not a key", keys.ErrUnsupportedKey, "string"},
		{"nil", nil, nil, "nil"},
		{"nil *keys.Key", (*keys.Key)(nil), nil, "nil"},
	}
	good := cryptoKey(t, "ed25519").Public()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i, list := range [][]crypto.PublicKey{{tc.key}, {good, tc.key}} {
				dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: list})
				require.Error(t, err)
				assert.Nil(t, dec)
				if tc.want != nil {
					assert.ErrorIs(t, err, tc.want)
				}
				assert.Contains(t, err.Error(), fmt.Sprintf("verification key %d", i), "the message says which key")
				assert.Contains(t, err.Error(), tc.says)
			}
		})
	}
	_, err := claim169.NewDecoder(claim169.DecoderOptions{DecryptionKeys: []cose.AEAD{nil}})
	assert.Error(t, err, "nil decryption key")
}

func issueWithKid(t *testing.T, key crypto.Signer, kid string) string {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte(kid)})
	require.NoError(t, err)
	out, err := enc.Encode(&claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	return out.Text
}

func TestDecoderKeysAcceptParsedKeys(t *testing.T) {
	priv := ts.Ed25519Key()
	pem, err := keys.MarshalPublicPEM(priv.Public())
	require.NoError(t, err)
	parsed, err := keys.ParsePublic(pem) // a keys.Key, as a new user gets it
	require.NoError(t, err)
	text := issueWithKid(t, priv, "k1")

	for name, k := range map[string]crypto.PublicKey{"keys.Key": parsed, "*keys.Key": &parsed} {
		t.Run(name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{k}})
			require.NoError(t, err)
			res, err := dec.Decode(text)
			require.NoError(t, err)
			assert.Equal(t, claim169.Verified, res.Verification)
		})
	}
}

func TestDecoderKeySets(t *testing.T) {
	k1 := ts.Ed25519Key()
	k2 := ed25519.NewKeyFromSeed(append(make([]byte, 31), 1))
	set, err := keys.NewSet(
		keys.Key{KeyID: "k1", Public: k1.Public()},
		keys.Key{KeyID: "k2", Public: k2.Public()},
	)
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{KeySets: []*keys.Set{set}})
	require.NoError(t, err)

	for kid, key := range map[string]ed25519.PrivateKey{"k1": k1, "k2": k2} {
		res, err := dec.Decode(issueWithKid(t, key, kid))
		require.NoError(t, err, kid)
		assert.Equal(t, []byte(kid), res.KeyID)
	}
	// k2's signature under k1's kid: chosen by kid, then refused.
	_, err = dec.Decode(issueWithKid(t, k2, "k1"))
	require.ErrorIs(t, err, claim169.ErrVerification)
	assert.NotErrorIs(t, err, claim169.ErrUnknownKey)
	// A kid the set does not hold.
	_, err = dec.Decode(issueWithKid(t, k1, "k9"))
	require.ErrorIs(t, err, claim169.ErrUnknownKey)

	_, err = claim169.NewDecoder(claim169.DecoderOptions{KeySets: []*keys.Set{nil}})
	require.Error(t, err)
}

// TestDecoderKeyCandidates checks which keys are tried for a credential
// with a kid (keys with that kid or none, within their algorithm) and for
// one without (keys without a kid, unless KidlessTriesAllKeys).
func TestDecoderKeyCandidates(t *testing.T) {
	priv := ts.Ed25519Key()
	withKid := keys.Key{KeyID: "k1", Public: priv.Public()}
	set, err := keys.NewSet(keys.Key{KeyID: "k0", Public: ed25519.NewKeyFromSeed(append(make([]byte, 31), 1)).Public()}, withKid)
	require.NoError(t, err)
	keysOf := func(k crypto.PublicKey) claim169.DecoderOptions {
		return claim169.DecoderOptions{Keys: []crypto.PublicKey{k}}
	}
	tests := []struct {
		name string
		kid  string // of the credential
		opts claim169.DecoderOptions
		ok   bool
	}{
		{"same kid", "k1", keysOf(withKid), true},
		{"no kid", "k1", keysOf(keys.Key{Public: priv.Public()}), true},
		{"other kid", "k1", keysOf(keys.Key{KeyID: "k2", Public: priv.Public()}), false},
		{"restricted to EdDSA", "k1", keysOf(keys.Key{Algorithm: cose.EdDSA, Public: priv.Public()}), true},
		{"kidless: raw key, tried always", "", keysOf(priv.Public()), true},
		{"kidless: keys.Key without a kid", "", keysOf(keys.Key{Public: priv.Public()}), true},
		{"kidless: keys.Key with a kid", "", keysOf(withKid), false},
		{"kidless: key set whose keys have kids", "", claim169.DecoderOptions{KeySets: []*keys.Set{set}}, false},
		{"kidless: keys.Key with a kid, opted in", "", claim169.DecoderOptions{Keys: []crypto.PublicKey{withKid}, KidlessTriesAllKeys: true}, true},
		{"kidless: key set, opted in", "", claim169.DecoderOptions{KeySets: []*keys.Set{set}, KidlessTriesAllKeys: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(tc.opts)
			require.NoError(t, err)
			res, err := dec.Decode(issueWithKid(t, priv, tc.kid))
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, claim169.Verified, res.Verification)
				return
			}
			assert.Nil(t, res)
			require.ErrorIs(t, err, claim169.ErrUnknownKey, "a key with another kid, or with a kid for a credential without one, is not a candidate")
		})
	}
}

// signedWithHeaders returns the QR text of a credential signed by key with
// the given header buckets (the protected one must hold alg EdDSA).
func signedWithHeaders(t *testing.T, key ed25519.PrivateKey, protected, unprotected map[int64]any) string {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key})
	require.NoError(t, err)
	out, err := enc.Encode(&claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	ph, err := strictcbor.Marshal(protected)
	require.NoError(t, err)
	tbs, err := strictcbor.Marshal([]any{"Signature1", ph, []byte{}, out.Stages.CWT})
	require.NoError(t, err)
	msg, err := strictcbor.Marshal(cbor.Tag{Number: cose.TagSign1, Content: []any{ph, unprotected, out.Stages.CWT, ed25519.Sign(key, tbs)}})
	require.NoError(t, err)
	return claim169.QRText(msg)
}

func TestDecoderCriticalHeaders(t *testing.T) {
	priv := ts.Ed25519Key()
	const alg, crit, kid, x5chain, x5t, x5u = 1, 2, 4, 33, 34, 35
	critX5Chain := map[int64]any{alg: -8, crit: []any{x5chain}, x5chain: []byte("not parsed by the decoder")}
	tests := []struct {
		name       string
		protected  map[int64]any
		understood []cose.HeaderLabel // nil: no Understood option
		ok         bool
	}{
		{"crit kid", map[int64]any{alg: -8, crit: []any{kid}, kid: []byte("k")}, nil, true},
		{"crit x5chain, nothing processes it", critX5Chain, nil, false},
		{"crit x5chain, the resolver processes it", critX5Chain, []cose.HeaderLabel{cose.HeaderX5Chain, cose.HeaderX5Bag}, true},
		{"crit x5chain, the resolver processes x5t only", critX5Chain, []cose.HeaderLabel{cose.HeaderX5T}, false},
		{"crit x5t, nothing processes it", map[int64]any{alg: -8, crit: []any{x5t}, x5t: []any{-16, make([]byte, 32)}}, []cose.HeaderLabel{}, false},
		{"crit x5u", map[int64]any{alg: -8, crit: []any{x5u}, x5u: "https://issuer.example/c.pem"}, []cose.HeaderLabel{cose.HeaderX5Chain}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resolverCalls := 0
			opts := claim169.DecoderOptions{
				Keys: []crypto.PublicKey{priv.Public()},
				Resolver: func(context.Context, claim169.KeyQuery) ([]crypto.PublicKey, error) {
					resolverCalls++
					return nil, nil
				},
			}
			if tc.understood != nil {
				opts.Understood = func(claim169.KeyQuery) []cose.HeaderLabel { return tc.understood }
			}
			dec, err := claim169.NewDecoder(opts)
			require.NoError(t, err)
			res, err := dec.Decode(signedWithHeaders(t, priv, tc.protected, map[int64]any{}))
			if requireVerifiedIf(t, tc.ok, res, err, cose.ErrNotUnderstood) {
				return
			}
			assert.Zero(t, resolverCalls, "refused before any key is looked up")
		})
	}
}

func TestDecoderUnderstoodOnlyForCrit(t *testing.T) {
	priv := ts.Ed25519Key()
	calls := 0
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys:       []crypto.PublicKey{priv.Public()},
		Understood: func(claim169.KeyQuery) []cose.HeaderLabel { calls++; return nil },
	})
	require.NoError(t, err)
	res, err := dec.Decode(issueWithKid(t, priv, "k1"))
	require.NoError(t, err)
	assert.Equal(t, claim169.Verified, res.Verification)
	assert.Zero(t, calls, "asked only when the credential has a crit header")
}
