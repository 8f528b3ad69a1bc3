package claim169_test

import (
	"crypto"
	"crypto/ed25519"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
)

// candidateKeys returns n Ed25519 keys, seeded by from+i, with the kids
// k0, k1… (or none), and their private keys.
func candidateKeys(from, n int, withKid bool) ([]keys.Key, []ed25519.PrivateKey) {
	ks := make([]keys.Key, n)
	privs := make([]ed25519.PrivateKey, n)
	for i := range n {
		seed := make([]byte, ed25519.SeedSize)
		seed[0], seed[1] = byte(from+i), byte((from+i)>>8)
		privs[i] = ed25519.NewKeyFromSeed(seed)
		ks[i] = keys.Key{Public: privs[i].Public()}
		if withKid {
			ks[i].KeyID = fmt.Sprintf("k%d", i)
		}
	}
	return ks, privs
}

func mustSet(t *testing.T, ks []keys.Key) *keys.Set {
	t.Helper()
	set, err := keys.NewSet(ks...)
	require.NoError(t, err)
	return set
}

// asPublicKeys returns ks as DecoderOptions.Keys.
func asPublicKeys(ks []keys.Key) []crypto.PublicKey {
	out := make([]crypto.PublicKey, len(ks))
	for i, k := range ks {
		out[i] = k
	}
	return out
}

// TestDecoderMaxCandidates checks the bound on the keys chosen by kid for
// one credential: beyond MaxCandidates the credential is refused with
// ErrTooManyCandidates (a verification failure, not an unknown key), and
// at the bound it is verified. The reviewers' case is the first: a JWK set
// of 256 keys, KidlessTriesAllKeys, a credential without a kid.
func TestDecoderMaxCandidates(t *testing.T) {
	withKid, privs := candidateKeys(0, keys.MaxSetKeys, true)
	kidless, kidlessPrivs := candidateKeys(1000, claim169.DefaultMaxCandidates+1, false)
	noKid := issueWithKid(t, privs[100], "")
	tests := []struct {
		name string
		opts claim169.DecoderOptions
		text string
		ok   bool
	}{
		{"256 keys, no kid, every key tried", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, withKid)}, KidlessTriesAllKeys: true}, noKid, false},
		{"256 keys, no kid, MaxCandidates 256", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, withKid)}, KidlessTriesAllKeys: true, MaxCandidates: keys.MaxSetKeys}, noKid, true},
		{"256 keys, kid", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, withKid)}, KidlessTriesAllKeys: true}, issueWithKid(t, privs[100], "k100"), true},
		{"8 keys, no kid", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, withKid[95:103])}, KidlessTriesAllKeys: true}, noKid, true},
		{"9 keys, no kid", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, withKid[95:104])}, KidlessTriesAllKeys: true}, noKid, false},
		{"9 keys without a kid, credential with one", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, kidless)}}, issueWithKid(t, kidlessPrivs[3], "x"), false},
		{"5 and 4 keys of two sets", claim169.DecoderOptions{KeySets: []*keys.Set{mustSet(t, kidless[:5]), mustSet(t, kidless[5:])}}, issueWithKid(t, kidlessPrivs[3], "x"), false},
		{"9 keys.Key with a kid in Keys, no kid", claim169.DecoderOptions{Keys: asPublicKeys(withKid[95:104]), KidlessTriesAllKeys: true}, noKid, false},
		{"5 in Keys and 4 in a set", claim169.DecoderOptions{Keys: asPublicKeys(withKid[95:100]), KeySets: []*keys.Set{mustSet(t, withKid[100:104])}, KidlessTriesAllKeys: true}, noKid, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(tc.opts)
			require.NoError(t, err)
			res, err := dec.Decode(tc.text)
			if requireVerifiedIf(t, tc.ok, res, err, claim169.ErrTooManyCandidates) {
				return
			}
			var e *claim169.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, claim169.StageVerify, e.Stage)

			res, err = dec.DecodeUnverified(tc.text)
			require.NoError(t, err)
			assert.Equal(t, claim169.Failed, res.Verification)
		})
	}
}

// TestDecoderKeysWithoutKidNotCounted checks that keys listed by hand
// without a kid are tried for every credential whatever their number, and
// before the keys chosen by kid are counted: a credential they verify is
// accepted even where the key sets would select too many.
func TestDecoderKeysWithoutKidNotCounted(t *testing.T) {
	raw, privs := candidateKeys(0, 20, false)
	rawKeys := make([]crypto.PublicKey, len(raw))
	for i, k := range raw {
		rawKeys[i] = k.Public
	}
	kidless, _ := candidateKeys(1000, claim169.DefaultMaxCandidates+1, false)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: rawKeys, KeySets: []*keys.Set{mustSet(t, kidless)}})
	require.NoError(t, err)

	res, err := dec.Decode(issueWithKid(t, privs[19], "x"))
	require.NoError(t, err, "the 20th raw key, with 9 keys of the set chosen")
	assert.Equal(t, claim169.TrustKey, res.Trust)

	_, other := candidateKeys(2000, 1, false)
	_, err = dec.Decode(issueWithKid(t, other[0], "x"))
	require.ErrorIs(t, err, claim169.ErrTooManyCandidates, "the raw keys tried, then the set's refused")

	only, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: rawKeys})
	require.NoError(t, err)
	_, err = only.Decode(issueWithKid(t, other[0], "x"))
	require.ErrorIs(t, err, claim169.ErrVerification)
	assert.NotErrorIs(t, err, claim169.ErrTooManyCandidates, "20 raw keys are not candidates chosen by kid")
}

func TestNewDecoderRefusesNegativeMaxCandidates(t *testing.T) {
	_, err := claim169.NewDecoder(claim169.DecoderOptions{MaxCandidates: -1})
	require.Error(t, err)
}
