package cose

import (
	"context"
	"crypto"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// remoteSigner is a ContextSigner over a local key that counts its calls
// and gives up once its context is done.
type remoteSigner struct {
	crypto.Signer
	calls int
}

func (s *remoteSigner) SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	s.calls++
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.Sign(rand, digest, opts)
}

func TestSignContextEveryAlgorithm(t *testing.T) {
	for _, alg := range []Algorithm{EdDSA, ES256, ES384, ES512, PS256, PS384, PS512} {
		t.Run(alg.String(), func(t *testing.T) {
			remote := &remoteSigner{Signer: signerFor(t, alg)}
			msg, err := SignContext(context.Background(), nil, remote, []byte("payload"), SignOptions{Algorithm: alg})
			require.NoError(t, err)
			assert.Equal(t, 1, remote.calls, "signed through SignContext")
			s1, err := ParseSign1(msg)
			require.NoError(t, err)
			require.NoError(t, s1.Verify(remote.Public(), nil))
		})
	}
}

func TestSignContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	remote := &remoteSigner{Signer: testEd25519()}
	msg, err := SignContext(ctx, nil, remote, []byte("payload"), SignOptions{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, msg)
	assert.Zero(t, remote.calls, "a done context is refused before the signer is called")

	// A plain signer is refused too.
	_, err = SignContext(ctx, nil, testEd25519(), []byte("payload"), SignOptions{})
	require.ErrorIs(t, err, context.Canceled)
}
