package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The device answers in ASN.1 DER, as HSMs and KMS services do, and refuses
// what it is not for.
func TestHSMKeySignsDER(t *testing.T) {
	device, err := newHSMKey()
	require.NoError(t, err)
	digest := sha256.Sum256([]byte("to be signed"))
	sig, err := device.Sign(rand.Reader, digest[:], crypto.SHA256)
	require.NoError(t, err)
	var rs struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(sig, &rs)
	require.NoError(t, err, "DER")
	assert.Empty(t, rest)
	pub, ok := device.Public().(*ecdsa.PublicKey)
	require.True(t, ok)
	assert.True(t, ecdsa.Verify(pub, digest[:], rs.R, rs.S))
	assert.Equal(t, int64(1), device.signatures.Load())

	_, err = device.Sign(rand.Reader, digest[:], crypto.SHA384)
	assert.Error(t, err)
	_, err = device.Sign(rand.Reader, digest[:20], nil)
	assert.Error(t, err)
	assert.Equal(t, int64(1), device.signatures.Load(), "refusals are not signatures")
}
