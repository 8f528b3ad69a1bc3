package testsupport

import (
	"crypto/elliptic"
	"crypto/x509"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelfSignedAs(t *testing.T) {
	key := ECDSAKey(elliptic.P256())
	n := CertName{CommonName: "Issuer <Test> & Co", Serial: 0x1234abcd,
		NotBefore: time.Unix(1750000000, 0).UTC(), NotAfter: time.Unix(1900000000, 0).UTC()}
	cert, err := x509.ParseCertificate(SelfSignedAs(t, key, n))
	require.NoError(t, err)
	assert.True(t, key.PublicKey.Equal(cert.PublicKey))
	assert.Equal(t, n.CommonName, cert.Subject.CommonName)
	assert.Equal(t, n.CommonName, cert.Issuer.CommonName)
	assert.Equal(t, n.Serial, cert.SerialNumber.Int64())
	assert.Equal(t, n.NotBefore, cert.NotBefore)
	assert.Equal(t, n.NotAfter, cert.NotAfter)
	assert.NoError(t, cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature), "self-signed")
}

func TestChainVerifies(t *testing.T) {
	leafPub := NewEd25519Key().Public()
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
