package claim169_test

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// requireEveryFlipRefused flips, one at a time, the lowest and the highest
// bit of every byte of the COSE message in text and checks that dec refuses
// each result with one of the allowed sentinels (never a panic, never
// success) and without identity data in the message.
func requireEveryFlipRefused(t *testing.T, dec *claim169.Decoder, text string, allowed ...error) {
	t.Helper()
	msg := claim169.QRMessage(t, text)
	_, err := dec.Decode(text)
	require.NoError(t, err, "the untouched credential")
	for i := range msg {
		for _, mask := range []byte{0x01, 0x80} {
			bad := bytes.Clone(msg)
			bad[i] ^= mask
			res, err := dec.Decode(claim169.QRText(bad))
			if err == nil {
				t.Errorf("byte %d ^ %#02x: accepted", i, mask)
				continue
			}
			assert.Nil(t, res)
			if !slicesContainsErr(err, allowed) {
				t.Errorf("byte %d ^ %#02x: error %v matches none of %v", i, mask, err, allowed)
			}
			var ferr *claim169.Error
			assert.True(t, errors.As(err, &ferr), "an *Error")
			assert.NotContains(t, err.Error(), "Amina")
			assert.NotContains(t, err.Error(), "ID-CRYPTO")
		}
	}
}

func slicesContainsErr(err error, targets []error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

func TestCryptoTamperSigned(t *testing.T) {
	for _, alg := range cryptoSignatureAlgs {
		t.Run(alg.String(), func(t *testing.T) {
			t.Parallel()
			signer := signerFor(t, alg)
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Algorithm: alg, AllowRS256: alg == cose.RS256})
			dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()})
			requireEveryFlipRefused(t, dec, text, claim169.ErrVerification, claim169.ErrMalformed)
		})
	}
}

func TestCryptoTamperEncrypted(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	for _, alg := range cryptoAEADAlgs {
		t.Run(aeadName(alg), func(t *testing.T) {
			t.Parallel()
			_, aead := newKeyAEAD(t, alg)
			text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Encryption: aead})
			dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aead)
			requireEveryFlipRefused(t, dec, text, claim169.ErrDecryption, claim169.ErrMalformed)
		})
	}
}

func TestCryptoDecryptionKeys(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	pubs := []crypto.PublicKey{signer.Public()}
	_, aead := newKeyAEAD(t, cose.A256GCM)
	_, other := newKeyAEAD(t, cose.A256GCM)
	_, chacha := newKeyAEAD(t, cose.ChaCha20Poly1305)
	_, a128 := newKeyAEAD(t, cose.A128GCM)
	text := encodeCredential(t, claim169.EncoderOptions{Signer: signer, Encryption: aead})
	tests := []struct {
		name    string
		keys    []cose.AEAD
		wantErr bool
	}{
		{name: "right key", keys: []cose.AEAD{aead}},
		{name: "right key after keys of other algorithms", keys: []cose.AEAD{chacha, a128, aead}},
		{name: "wrong key", keys: []cose.AEAD{other}, wantErr: true},
		{name: "no key", wantErr: true},
		{name: "only keys of other algorithms", keys: []cose.AEAD{chacha, a128}, wantErr: true},
		// Every key of the algorithm is tried: a wrong one first is skipped.
		{name: "wrong key first", keys: []cose.AEAD{other, aead}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec := newCryptoDecoder(t, pubs, tc.keys...)
			for _, decode := range []func(string) (*claim169.Result, error){dec.Decode, dec.DecodeUnverified} {
				res, err := decode(text)
				if !tc.wantErr {
					require.NoError(t, err)
					requireTestIdentity(t, res)
					continue
				}
				require.ErrorIs(t, err, claim169.ErrDecryption)
				assert.NotErrorIs(t, err, claim169.ErrVerification)
				assert.Nil(t, res)
			}
		})
	}
}

// unsignedEncrypted returns QR text holding the test identity in an unsigned
// CWT (tagged 61 when tagCWT) encrypted with aead.
func unsignedEncrypted(t *testing.T, aead cose.AEAD, tagCWT bool) string {
	t.Helper()
	id, err := cryptoIdentity().MarshalCBOR()
	require.NoError(t, err)
	claims := cryptoClaims()
	claims.Extra = map[int64]cbor.RawMessage{cwt.KeyClaim169: id}
	payload, err := claims.MarshalCBOR()
	require.NoError(t, err)
	if tagCWT {
		payload = cwt.AddTag(payload)
	}
	msg, err := cose.Encrypt(nil, aead, payload, cose.EncryptOptions{})
	require.NoError(t, err)
	return claim169.QRText(msg)
}

func TestCryptoEncryptedUnsignedCWT(t *testing.T) {
	signer := signerFor(t, cose.EdDSA)
	_, aead := newKeyAEAD(t, cose.A256GCM)
	dec := newCryptoDecoder(t, []crypto.PublicKey{signer.Public()}, aead)
	for _, tagCWT := range []bool{false, true} {
		t.Run(fmt.Sprintf("tag61=%v", tagCWT), func(t *testing.T) {
			text := unsignedEncrypted(t, aead, tagCWT)

			res, err := dec.Decode(text)
			require.ErrorIs(t, err, claim169.ErrVerification)
			assert.NotErrorIs(t, err, claim169.ErrDecryption)
			assert.Nil(t, res)

			// The decoder has a key: DecodeUnverified tried it, and says so.
			res, err = dec.DecodeUnverified(text)
			require.NoError(t, err)
			requireTestIdentity(t, res)
			assert.Equal(t, claim169.Failed, res.Verification)
			assert.Contains(t, res.Warnings, "claim169: signature not verified: verify: the credential is not signed")
			assert.Nil(t, res.Sign1)
			assert.Zero(t, res.Algorithm)
			assert.True(t, res.Encrypted)
			assert.Equal(t, cose.A256GCM, res.EncryptionAlgorithm)
		})
	}
}

// FuzzCryptoDecode feeds COSE messages (zlib and Base45 are added) to a
// decoder holding a fixed Ed25519 key and fixed keys for every AEAD. The
// only identity ever signed with that key is the test identity, so a
// success must be Verified and carry exactly that identity: anything else
// is a forgery. Failures must return no result and match a sentinel.
func FuzzCryptoDecode(f *testing.F) {
	signer := signerFor(f, cose.EdDSA)
	var aeads []cose.AEAD
	for i, alg := range cryptoAEADAlgs {
		aead, err := cose.NewAEAD(alg, bytes.Repeat([]byte{byte(0xa0 + i)}, alg.KeySize()))
		require.NoError(f, err)
		aeads = append(aeads, aead)
	}
	for _, aead := range append([]cose.AEAD{nil}, aeads...) {
		for _, shape := range tagShapes {
			text := encodeCredential(f, claim169.EncoderOptions{
				Signer: signer, Encryption: aead, Untagged: shape.untagged, CWTTag: shape.cwtTag,
			})
			f.Add(claim169.QRMessage(f, text))
		}
	}
	dec := newCryptoDecoder(f, []crypto.PublicKey{signer.Public()}, aeads...)
	sentinels := []error{
		claim169.ErrMalformed, claim169.ErrTooLarge, claim169.ErrVerification,
		claim169.ErrDecryption, claim169.ErrExpired, claim169.ErrNotYetValid,
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		res, err := dec.Decode(claim169.QRText(msg))
		if err != nil {
			require.Nil(t, res)
			require.True(t, slicesContainsErr(err, sentinels), "%v", err)
			return
		}
		require.Equal(t, claim169.Verified, res.Verification)
		requireTestIdentity(t, res)
	})
}
