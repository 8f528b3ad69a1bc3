package claim169_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

type ctxKey struct{}

// kmsSigner is a cose.ContextSigner that records the context it was given
// and gives up when that context is done.
type kmsSigner struct {
	ed25519.PrivateKey
	seen context.Context
}

func (s *kmsSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	s.seen = ctx
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.PrivateKey.Sign(rand, digest, opts)
}

var _ cose.ContextSigner = (*kmsSigner)(nil)

func TestEncodeContextReachesSigner(t *testing.T) {
	kms := &kmsSigner{PrivateKey: ed25519.NewKeyFromSeed(make([]byte, 32))}
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: kms})
	require.NoError(t, err)
	id := &claim169.Identity{ID: "ID-1"}

	ctx := context.WithValue(context.Background(), ctxKey{}, "request-7")
	out, err := enc.EncodeContext(ctx, id, nil)
	require.NoError(t, err)
	require.NotNil(t, kms.seen)
	assert.Equal(t, "request-7", kms.seen.Value(ctxKey{}), "the signer receives the caller's context")
	assert.NotEmpty(t, out.Text)
	assert.NotEmpty(t, out.Stages.COSE)
	assert.Equal(t, []string{"claim169: no expiry (cwt exp): the credential never expires"}, out.Warnings)

	plain, err := enc.Encode(id, nil)
	require.NoError(t, err)
	assert.Equal(t, out.Text, plain.Text, "Ed25519 is deterministic: Encode is EncodeContext")

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	out, err = enc.EncodeContext(cancelled, id, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, out)
	var e *claim169.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, claim169.StageSign, e.Stage)
}

func TestEncodeContextPlainSigner(t *testing.T) {
	// A plain crypto.Signer still works, and a done context still refuses
	// to sign with it.
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: ed25519.NewKeyFromSeed(make([]byte, 32))})
	require.NoError(t, err)
	_, err = enc.EncodeContext(context.Background(), &claim169.Identity{ID: "ID-1"}, nil)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = enc.EncodeContext(ctx, &claim169.Identity{ID: "ID-1"}, nil)
	require.ErrorIs(t, err, context.Canceled)
}

func TestDecodeContextReachesResolverAndStatus(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte("k1")})
	require.NoError(t, err)
	out, err := enc.Encode(&claim169.Identity{ID: "ID-1"}, &cwt.Claims{Issuer: "https://id.example.org"})
	require.NoError(t, err)

	var resolverCtx, statusCtx context.Context
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Resolver: func(ctx context.Context, q claim169.KeyQuery) ([]crypto.PublicKey, error) {
			resolverCtx = ctx
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return []crypto.PublicKey{key.Public()}, nil
		},
		StatusCheck: func(ctx context.Context, _ claim169.Status) error {
			statusCtx = ctx
			return nil
		},
	})
	require.NoError(t, err)

	ctx := context.WithValue(context.Background(), ctxKey{}, "request-8")
	res, err := dec.DecodeContext(ctx, out.Text)
	require.NoError(t, err)
	assert.Equal(t, claim169.Verified, res.Verification)
	assert.Equal(t, "request-8", resolverCtx.Value(ctxKey{}))
	assert.Equal(t, "request-8", statusCtx.Value(ctxKey{}))

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	res, err = dec.DecodeContext(cancelled, out.Text)
	require.ErrorIs(t, err, claim169.ErrVerification)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, res)

	// A deadline passed inside the resolver refuses the credential too.
	slow, err := claim169.NewDecoder(claim169.DecoderOptions{
		Resolver: func(ctx context.Context, _ claim169.KeyQuery) ([]crypto.PublicKey, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		},
	})
	require.NoError(t, err)
	short, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	_, err = slow.DecodeContext(short, out.Text)
	require.ErrorIs(t, err, claim169.ErrVerification)
	assert.True(t, errors.Is(err, context.DeadlineExceeded))
}
