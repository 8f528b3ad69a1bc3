package claim169_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

func issueWithKid(t *testing.T, key crypto.Signer, kid string) string {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte(kid)})
	require.NoError(t, err)
	out, err := enc.Encode(&claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	return out.Text
}

func TestDecoderKeysAcceptParsedKeys(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, 32))
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

func TestDecoderKeysHonourKidAndAlgorithm(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, 32))
	text := issueWithKid(t, priv, "k1")
	tests := []struct {
		name string
		key  keys.Key
		ok   bool
	}{
		{"same kid", keys.Key{KeyID: "k1", Public: priv.Public()}, true},
		{"no kid", keys.Key{Public: priv.Public()}, true},
		{"other kid", keys.Key{KeyID: "k2", Public: priv.Public()}, false},
		{"restricted to EdDSA", keys.Key{Algorithm: cose.EdDSA, Public: priv.Public()}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{tc.key}})
			require.NoError(t, err)
			res, err := dec.Decode(text)
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, claim169.Verified, res.Verification)
				return
			}
			require.ErrorIs(t, err, claim169.ErrUnknownKey, "a key for another kid is not a candidate")
			assert.Nil(t, res)
		})
	}
}

func TestDecoderKeySets(t *testing.T) {
	k1 := ed25519.NewKeyFromSeed(make([]byte, 32))
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

func TestNewDecoderSaysWhichKeyIsWrong(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name string
		key  crypto.PublicKey
		want error
		says string
	}{
		{"Ed25519 private key", ed25519.NewKeyFromSeed(make([]byte, 32)), keys.ErrPrivateKey, "private key"},
		{"ECDSA private key", ec, keys.ErrPrivateKey, "private key"},
		{"a string", "not a key", keys.ErrUnsupportedKey, "string"},
		{"nil", nil, nil, "nil"},
		{"nil *keys.Key", (*keys.Key)(nil), nil, "nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(claim169.DecoderOptions{
				Keys: []crypto.PublicKey{ed25519.NewKeyFromSeed(make([]byte, 32)).Public(), tc.key},
			})
			require.Error(t, err)
			assert.Nil(t, dec)
			if tc.want != nil {
				assert.ErrorIs(t, err, tc.want)
			}
			assert.Contains(t, err.Error(), "verification key 1", "the message says which key")
			assert.Contains(t, err.Error(), tc.says)
		})
	}
}
