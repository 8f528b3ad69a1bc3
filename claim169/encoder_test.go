package claim169

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
)

func selfSigned(t *testing.T, key ed25519.PrivateKey) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Issuer"},
		NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(1900000000, 0),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	return der
}

func TestNewEncoderValidates(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 1))
	tests := []struct {
		name string
		opts EncoderOptions
		ok   bool
	}{
		{"minimal", EncoderOptions{Signer: key}, true},
		{"no signer", EncoderOptions{}, false},
		{"chain of the signer", EncoderOptions{Signer: key, CertificateChain: [][]byte{selfSigned(t, key)}}, true},
		{"chain of another key", EncoderOptions{Signer: key, CertificateChain: [][]byte{selfSigned(t, other)}}, false},
		{"chain that is not a certificate", EncoderOptions{Signer: key, CertificateChain: [][]byte{{1, 2, 3}}}, false},
		{"algorithm of another key type", EncoderOptions{Signer: key, Algorithm: cose.ES256}, false},
		{"RS256 not opted in", EncoderOptions{Signer: key, Algorithm: cose.RS256}, false},
		{"AEAD as signature algorithm", EncoderOptions{Signer: key, Algorithm: cose.A128GCM}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := NewEncoder(tt.opts)
			if tt.ok {
				require.NoError(t, err)
				assert.NotNil(t, enc)
			} else {
				require.Error(t, err)
				assert.Nil(t, enc)
			}
		})
	}
}

func TestEncodeRejects(t *testing.T) {
	enc, err := NewEncoder(EncoderOptions{Signer: ed25519.NewKeyFromSeed(make([]byte, 32))})
	require.NoError(t, err)
	_, err = enc.Encode(nil, nil)
	assert.Error(t, err)
}
