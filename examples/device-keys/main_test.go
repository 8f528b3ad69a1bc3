package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
