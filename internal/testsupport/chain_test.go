package testsupport

import (
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChainVerifies(t *testing.T) {
	leafPub, _, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	caDER, leafDER := Chain(t, ECDSAKey(elliptic.P256()), leafPub, from, from.AddDate(10, 0, 0))
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(leafDER)
	require.NoError(t, err)
	assert.True(t, ca.IsCA)
	assert.Equal(t, leafPub, leaf.PublicKey)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: from.AddDate(1, 0, 0),
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err)
}
