package claim169

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose/keys"
)

// The verification values: Verified with the way the key is trusted,
// Failed when configured keys were tried and did not verify (only from
// DecodeUnverified), Skipped when no check was made.
func TestVerificationValues(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 7))
	text := issueForTest(t, key, "k1")
	set, err := keys.NewSet(keys.Key{KeyID: "k1", Public: key.Public()})
	require.NoError(t, err)
	resolveTo := func(ks ...crypto.PublicKey) KeyResolver {
		return func(context.Context, KeyQuery) ([]crypto.PublicKey, error) { return ks, nil }
	}
	tests := []struct {
		name  string
		opts  DecoderOptions
		want  Verification
		trust Trust
	}{
		{"key", DecoderOptions{Keys: toKeys(key.Public())}, Verified, TrustKey},
		{"key set", DecoderOptions{KeySets: []*keys.Set{set}}, Verified, TrustKeySet},
		{"resolver, bare key", DecoderOptions{Resolver: resolveTo(key.Public())}, Verified, TrustKey},
		{"resolver, chain", DecoderOptions{Resolver: resolveTo(Candidate{Public: key.Public(), Trust: TrustChain})}, Verified, TrustChain},
		{"resolver, *candidate", DecoderOptions{Resolver: resolveTo(&Candidate{Public: key.Public(), Trust: TrustCertificate})}, Verified, TrustCertificate},
		{"resolver, candidate without a way", DecoderOptions{Resolver: resolveTo(Candidate{Public: key.Public()})}, Verified, TrustKey},
		{"wrong key", DecoderOptions{Keys: toKeys(other.Public())}, Failed, ""},
		{"resolver without a key", DecoderOptions{Resolver: resolveTo()}, Failed, ""},
		{"nil *candidate", DecoderOptions{Resolver: resolveTo((*Candidate)(nil))}, Failed, ""},
		{"no keys", DecoderOptions{}, Skipped, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := NewDecoder(tc.opts)
			require.NoError(t, err)
			res, err := dec.DecodeUnverified(text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.Verification)
			assert.Equal(t, tc.trust, res.Trust)
			assert.Equal(t, "ID-42", res.Identity.ID)
			if tc.want == Failed {
				require.NotEmpty(t, res.Warnings)
				assert.Contains(t, res.Warnings[len(res.Warnings)-1], "claim169: signature not verified: verify: ")
			}

			vres, verr := dec.Decode(text)
			if tc.want == Verified {
				require.NoError(t, verr)
				assert.Equal(t, Verified, vres.Verification)
				assert.Equal(t, tc.trust, vres.Trust)
			} else {
				require.ErrorIs(t, verr, ErrVerification)
				assert.Nil(t, vres, "a failed verification yields no identity from Decode")
			}

			ires, err := dec.Inspect(text)
			require.NoError(t, err)
			assert.Equal(t, Skipped, ires.Verification)
			assert.Empty(t, ires.Trust)
		})
	}
}
