package claim169_test

import (
	"crypto"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The SDK against the reference implementation of internal/testsupport,
// which shares no code with the cose, cwt, base45 and compress packages.

// referenceClaims is the CWT the reference implementation issues.
func referenceClaims() map[int64]any {
	return map[int64]any{
		1: "https://issuer.example", 4: cryptoNow.Unix() + 3600, 6: cryptoNow.Unix() - 3600,
		169: map[int64]any{1: "ID-INDEP-7", 4: "Independent Person"},
	}
}

func TestCryptoIndependentVerifiesOurs(t *testing.T) {
	eachCombination(t, func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) {
		signer := signerFor(t, alg)
		opts, key := combinationOptions(t, alg, encAlg, shape)
		claims := ts.Open(t, encodeCredential(t, opts), ts.Opening{
			Alg: int64(alg), Public: signer.Public(), EncAlg: int64(encAlg), EncKey: key,
		})
		var id map[int64]any
		require.NoError(t, cbor.Unmarshal(claims[169], &id))
		assert.Equal(t, "Amina Okafor", id[4])
		assert.Equal(t, "ID-CRYPTO-0042", id[1])
	})
}

func TestCryptoDecodesIndependent(t *testing.T) {
	eachCombination(t, func(t *testing.T, alg, encAlg cose.Algorithm, shape tagShape) {
		signer := signerFor(t, alg)
		opts, key := combinationOptions(t, alg, encAlg, shape)
		var aeads []cose.AEAD
		if opts.Encryption != nil {
			aeads = append(aeads, opts.Encryption)
		}
		cred := ts.Credential{
			Claims: referenceClaims(), Alg: int64(alg), Key: signer, EncAlg: int64(encAlg), EncKey: key,
			Untagged: shape.untagged, CWTTag: shape.cwtTag,
		}
		res, err := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(ts.Issue(t, cred))
		require.NoError(t, err)
		assert.Equal(t, claim169.Verified, res.Verification)
		assert.Equal(t, alg, res.Algorithm)
		assert.Equal(t, encAlg, res.EncryptionAlgorithm)
		assert.Equal(t, shape.cwtTag, res.CWTTagged)
		assert.Equal(t, "Independent Person", res.Identity.FullName)
		assert.Equal(t, "ID-INDEP-7", res.Identity.ID)
		assert.Equal(t, "https://issuer.example", res.Claims.Issuer)

		// The same bytes with one signature bit changed are refused.
		cred.CorruptSignature = true
		_, err = newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aeads...).Decode(ts.Issue(t, cred))
		require.ErrorIs(t, err, claim169.ErrVerification)
	})
}
