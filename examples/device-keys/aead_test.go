package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
)

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
