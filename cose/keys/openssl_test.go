package keys

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestOpenSSLFiles reads the files OpenSSL wrote (see testdata/SOURCE).
func TestOpenSSLFiles(t *testing.T) {
	tests := []struct {
		file     string
		private  bool
		wantKind string
		wantErr  error
		certs    int
	}{
		{file: "ed25519.key.pem", private: true, wantKind: "Ed25519"},
		{file: "ed25519.pub.pem", wantKind: "Ed25519"},
		{file: "p256-sec1.key.pem", private: true, wantKind: "P-256"},
		{file: "p256.pub.pem", wantKind: "P-256"},
		{file: "rsa2048-pkcs8.key.pem", private: true, wantKind: "RSA-2048"},
		{file: "rsa2048-pkcs1.key.pem", private: true, wantKind: "RSA-2048"},
		{file: "rsa2048-pkcs1.pub.pem", wantKind: "RSA-2048"},
		{file: "p384-cert.key.pem", private: true, wantKind: "P-384"},
		{file: "p384.cert.pem", wantKind: "P-384", certs: 1},
		{file: "secp256k1-sec1.key.pem", private: true, wantErr: ErrUnsupportedKey},
		{file: "secp256k1.pub.pem", wantErr: ErrUnsupportedKey},
		{file: "x25519.key.pem", private: true, wantErr: ErrUnsupportedKey},
		{file: "x25519.pub.pem", wantErr: ErrUnsupportedKey},
		{file: "ed448.key.pem", private: true, wantErr: ErrUnsupportedKey},
		{file: "rsa1024.key.pem", private: true, wantErr: cose.ErrWeakKey},
		{file: "rsa1024.pub.pem", wantErr: cose.ErrWeakKey},
		{file: "ed25519.key.pem", wantErr: ErrPrivateKey},
		{file: "p256-sec1.key.pem", wantErr: ErrPrivateKey},
		{file: "ed25519.pub.pem", private: true, wantErr: ErrInvalidKey},
	}
	for _, tc := range tests {
		name := tc.file + map[bool]string{true: " as private", false: " as public"}[tc.private]
		t.Run(name, func(t *testing.T) {
			data := readTestdata(t, tc.file)
			var pub any
			var err error
			if tc.private {
				s, perr := ParsePrivatePEM(data)
				if err = perr; s != nil {
					pub = s.Public()
				}
			} else {
				key, perr := ParsePublicPEM(data)
				err, pub = perr, key.Public
				assert.Len(t, key.Certificates, tc.certs)
			}
			if !ts.Succeeded(t, pub, err, tc.wantErr) {
				return
			}
			assert.Equal(t, tc.wantKind, keyKind(pub))
		})
	}
}

// TestOpenSSLPairs checks that each private key file and its public key file
// hold the two halves of one key.
func TestOpenSSLPairs(t *testing.T) {
	pairs := [][2]string{
		{"ed25519.key.pem", "ed25519.pub.pem"},
		{"p256-sec1.key.pem", "p256.pub.pem"},
		{"rsa2048-pkcs1.key.pem", "rsa2048-pkcs1.pub.pem"},
		{"p384-cert.key.pem", "p384.cert.pem"},
	}
	for _, p := range pairs {
		t.Run(p[0], func(t *testing.T) {
			priv, err := LoadPrivateFile("testdata/" + p[0])
			require.NoError(t, err)
			pub, err := LoadPublicFile("testdata/" + p[1])
			require.NoError(t, err)
			assert.True(t, equalPublic(priv.Public(), pub.Public))
		})
	}
}
