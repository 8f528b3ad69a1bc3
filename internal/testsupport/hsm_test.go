package testsupport

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The HSM signs what it is asked for properly and refuses the rest.
func TestHSM(t *testing.T) {
	digest := sha256.Sum256([]byte("message"))
	pss := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	for alg, key := range referenceSigners() {
		hsm := HSM(key)
		assert.Equal(t, key.Public(), hsm.Public())
		var opts crypto.SignerOpts = crypto.SHA256
		msg := digest[:]
		switch alg {
		case AlgEdDSA:
			opts, msg = crypto.Hash(0), []byte("message")
		case AlgES384, AlgES512, AlgPS384, AlgPS512, AlgRS256:
			continue // the same keys as AlgES256 or AlgPS256
		case AlgPS256:
			opts = pss
		}
		_, err := hsm.Sign(rand.Reader, msg, opts)
		require.NoError(t, err, "alg %d", alg)
		_, err = hsm.Sign(rand.Reader, digest[:10], crypto.SHA384)
		assert.ErrorIs(t, err, errHSM, "alg %d", alg)
	}
	_, err := HSM(RSAKey(2048)).Sign(rand.Reader, make([]byte, 48), crypto.SHA384)
	assert.ErrorIs(t, err, errHSM, "PKCS #1 v1.5 with SHA-384")
	_, err = HSM(RSAKey(2048)).Sign(rand.Reader, digest[:], &rsa.PSSOptions{SaltLength: 20, Hash: crypto.SHA256})
	assert.ErrorIs(t, err, errHSM, "a PSS salt shorter than the hash")
	assert.Panics(t, func() { HSM(nil) })
}
