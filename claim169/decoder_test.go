package claim169

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
)

func issueForTest(t *testing.T, key ed25519.PrivateKey, kid string) string {
	t.Helper()
	enc, err := NewEncoder(EncoderOptions{Signer: key, KeyID: []byte(kid)})
	require.NoError(t, err)
	encoded, err := enc.Encode(&Identity{ID: "ID-42", FullName: "Status Person"},
		&cwt.Claims{Issuer: "https://id.example.org", ID: []byte{1, 2, 3}})
	require.NoError(t, err)
	return encoded.Text
}

func TestStatusCheck(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	text := issueForTest(t, key, "k1")
	var seen Status
	revoked := errors.New("on the deny list")
	dec, err := NewDecoder(DecoderOptions{
		Keys: toKeys(key.Public()),
		StatusCheck: func(_ context.Context, s Status) error {
			seen = s
			if s.ID == "ID-42" {
				return revoked
			}
			return nil
		},
	})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.ErrorIs(t, err, ErrRevoked)
	require.ErrorIs(t, err, revoked)
	assert.Nil(t, res, "a refused credential yields no identity")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageStatus, e.Stage)
	assert.Equal(t, []byte{1, 2, 3}, seen.CWTID)
	assert.Equal(t, "https://id.example.org", seen.Issuer)
	assert.Equal(t, []byte("k1"), seen.KeyID)

	// The hook only runs for verified credentials.
	called := false
	dec, err = NewDecoder(DecoderOptions{StatusCheck: func(context.Context, Status) error { called = true; return revoked }})
	require.NoError(t, err)
	res, err = dec.DecodeUnverified(text)
	require.NoError(t, err)
	assert.Equal(t, Skipped, res.Verification)
	assert.False(t, called)
}

func TestResolver(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 9))
	text := issueForTest(t, key, "k1")
	var q KeyQuery
	resolver := func(_ context.Context, got KeyQuery) ([]crypto.PublicKey, error) {
		q = got
		switch string(got.KeyID) {
		case "k1":
			return toKeys(other.Public(), key.Public()), nil // the right key second
		}
		return nil, nil
	}
	now := time.Unix(1760000000, 0)
	dec, err := NewDecoder(DecoderOptions{Resolver: resolver, Now: func() time.Time { return now }})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.NoError(t, err)
	assert.Equal(t, Verified, res.Verification)
	assert.Equal(t, "https://id.example.org", q.Issuer)
	assert.Equal(t, now, q.Now)

	// No key for the kid: ErrUnknownKey, which is a verification failure.
	_, err = dec.Decode(issueForTest(t, key, "k2"))
	require.ErrorIs(t, err, ErrUnknownKey)
	require.ErrorIs(t, err, ErrVerification)

	// Keys that do not verify: ErrVerification, not ErrUnknownKey.
	dec, err = NewDecoder(DecoderOptions{Keys: toKeys(other.Public())})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrVerification)
	assert.NotErrorIs(t, err, ErrUnknownKey)

	// A resolver error refuses the credential.
	boom := errors.New("untrusted chain")
	dec, err = NewDecoder(DecoderOptions{Resolver: func(context.Context, KeyQuery) ([]crypto.PublicKey, error) { return nil, boom }})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrVerification)
	require.ErrorIs(t, err, boom)

	// The zero options verify, and so refuse everything.
	dec, err = NewDecoder(DecoderOptions{})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrUnknownKey)
}

func TestNewDecoderValidates(t *testing.T) {
	_, err := NewDecoder(DecoderOptions{Skew: -time.Second})
	assert.Error(t, err)
	_, err = NewDecoder(DecoderOptions{MaxTextLength: -1})
	assert.Error(t, err)
	_, err = NewDecoder(DecoderOptions{Keys: toKeys(ed25519.PublicKey(make([]byte, 32)))})
	assert.Error(t, err, "all-zero Ed25519 key")
	_, err = NewDecoder(DecoderOptions{Keys: toKeys("not a key")})
	assert.Error(t, err)
}

func TestDecoderLimits(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public()), MaxTextLength: len(text) - 1})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrTooLarge)
	dec, err = NewDecoder(DecoderOptions{Keys: toKeys(key.Public()), MaxDecompressedSize: 16})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrTooLarge)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageDecompress, e.Stage)
}

// An x5u header, in either bucket, is reported and never fetched.
func TestX5UWarning(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	enc, err := NewEncoder(EncoderOptions{Signer: key})
	require.NoError(t, err)
	stages, err := enc.Encode(&Identity{ID: "ID-7"}, nil)
	require.NoError(t, err)
	const x5u = 35 // RFC 9360 §2
	for name, headers := range map[string][2]map[int64]any{
		"protected":   {{1: -8, x5u: "https://issuer.example/cert.pem"}, {}},
		"unprotected": {{1: -8}, {x5u: "https://issuer.example/cert.pem"}},
		"absent":      {{1: -8}, {}},
	} {
		t.Run(name, func(t *testing.T) {
			ph := mustCBOR(t, headers[0])
			tbs := mustCBOR(t, []any{"Signature1", ph, []byte{}, stages.Stages.CWT})
			msg := mustCBOR(t, cbor.Tag{Number: 18, Content: []any{ph, headers[1], stages.Stages.CWT, ed25519.Sign(key, tbs)}})
			dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
			require.NoError(t, err)
			res, err := dec.Decode(base45.EncodeToString(compress.Deflate(msg)))
			require.NoError(t, err)
			warned := strings.Contains(strings.Join(res.Warnings, "\n"), "x5u")
			assert.Equal(t, name != "absent", warned)
		})
	}
}
