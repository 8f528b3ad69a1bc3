package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	assert.Equal(t, `encryption: A256GCM (kid device-aes-1)
verification: verified
algorithm: ES256
kid: hsm-es256-1
id: 3918592438
fullName: Janardhan BS
issuer: https://id.example.org
device operations: 1 signature, 1 seal, 1 open
without the content-key device: decryption failed, as it should
another signing key: verification failed, as it should
`, out.String())
}

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

// The device is a cose.AEAD usable directly with cose.Encrypt and
// ParseEncrypt0/Decrypt, and a changed byte yields no plaintext.
func TestDeviceIsCOSEAEAD(t *testing.T) {
	device, err := newAESDevice()
	require.NoError(t, err)
	msg, err := cose.Encrypt(nil, device, []byte("signed credential"), cose.EncryptOptions{})
	require.NoError(t, err)
	e0, err := cose.ParseEncrypt0(msg)
	require.NoError(t, err)
	plaintext, err := e0.Decrypt(device, nil)
	require.NoError(t, err)
	assert.Equal(t, []byte("signed credential"), plaintext)

	e0.Ciphertext[0] ^= 1
	plaintext, err = e0.Decrypt(device, nil)
	require.ErrorIs(t, err, cose.ErrDecryption)
	assert.Nil(t, plaintext)

	other, err := newAESDevice()
	require.NoError(t, err)
	e0.Ciphertext[0] ^= 1
	_, err = e0.Decrypt(other, nil)
	require.ErrorIs(t, err, cose.ErrDecryption, "another device's key")

	_, err = device.Seal(nil, make([]byte, 8), nil, nil)
	assert.ErrorIs(t, err, errDevice, "a nonce of the wrong size")
	assert.Equal(t, int64(1), device.seals.Load())
	assert.Equal(t, int64(2), device.opens.Load())
}
