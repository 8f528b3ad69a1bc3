package keys

import (
	"crypto/x509"
	"encoding/pem"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestMarshalPEMRoundTrip writes every key type as PKCS #8 and SPKI PEM and
// reads them back.
func TestMarshalPEMRoundTrip(t *testing.T) {
	for _, name := range allKeyNames {
		t.Run(name, func(t *testing.T) {
			s := signer(t, name)
			privPEM, err := MarshalPrivatePEM(s)
			require.NoError(t, err)
			block, rest := pem.Decode(privPEM)
			require.NotNil(t, block)
			assert.Equal(t, "PRIVATE KEY", block.Type)
			assert.Empty(t, rest)
			_, err = x509.ParsePKCS8PrivateKey(block.Bytes)
			require.NoError(t, err)
			got, err := ParsePrivate(privPEM)
			require.NoError(t, err)
			assert.True(t, equalPublic(s.Public(), got.Public()))

			for _, in := range []any{s.Public(), s} { // a signer's public half is written
				pubPEM, err := MarshalPublicPEM(in)
				require.NoError(t, err)
				block, _ := pem.Decode(pubPEM)
				require.NotNil(t, block)
				assert.Equal(t, "PUBLIC KEY", block.Type)
				key, err := ParsePublic(pubPEM)
				require.NoError(t, err)
				assert.True(t, equalPublic(s.Public(), key.Public))
			}
		})
	}
}

// TestMarshalPublicJWKExact checks the JWK written for the key of RFC 8037
// A.2, member by member.
func TestMarshalPublicJWKExact(t *testing.T) {
	s, err := ParsePrivateRaw(ts.Unhex(t, rfc8032Seed))
	require.NoError(t, err)
	out, err := MarshalPublicJWK(Key{KeyID: "rfc8037", Public: s})
	require.NoError(t, err)
	assert.JSONEq(t, `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037","alg":"EdDSA","use":"sig"}`, string(out))

	out, err = MarshalPublicJWK(Key{Public: s.Public()})
	require.NoError(t, err)
	assert.JSONEq(t, `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"EdDSA","use":"sig"}`, string(out))
}

func TestMarshalPublicJWKCertificates(t *testing.T) {
	s := signer(t, "P-256")
	cert, err := x509.ParseCertificate(ts.SelfSigned(t, s))
	require.NoError(t, err)
	out, err := MarshalPublicJWK(Key{KeyID: "c", Public: s.Public(), Certificates: []*x509.Certificate{cert}})
	require.NoError(t, err)
	key, err := ParsePublicJWK(out)
	require.NoError(t, err)
	require.Len(t, key.Certificates, 1)
	assert.Equal(t, cert.Raw, key.Certificates[0].Raw)
	assert.Equal(t, cose.ES256, key.Algorithm)

	_, err = MarshalPublicJWK(Key{Public: signer(t, "P-384").Public(), Certificates: []*x509.Certificate{cert}})
	assert.ErrorIs(t, err, ErrInvalidKey)
}

func TestMarshalRefusals(t *testing.T) {
	x25519 := x25519Key(t)
	tests := []struct {
		name    string
		key     Key
		wantErr error
	}{
		{"weak RSA", Key{Public: ts.RSAKey(1024).Public()}, cose.ErrWeakKey},
		{"X25519", Key{Public: x25519.PublicKey()}, ErrUnsupportedKey},
		{"nil", Key{}, ErrInvalidKey},
		{"algorithm of another key type", Key{Public: signer(t, "Ed25519").Public(), Algorithm: cose.ES256}, cose.ErrAlgorithmMismatch},
		{"not a signature algorithm", Key{Public: signer(t, "Ed25519").Public(), Algorithm: cose.A256GCM}, cose.ErrUnsupportedAlgorithm},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := MarshalPublicJWK(tc.key)
			require.ErrorIs(t, err, tc.wantErr)
			assert.Nil(t, out)
			if tc.key.Algorithm == 0 {
				out, err = MarshalPublicPEM(tc.key.Public)
				require.ErrorIs(t, err, tc.wantErr)
				assert.Nil(t, out)
			}
		})
	}
	out, err := MarshalPrivatePEM(ts.RSAKey(1024))
	assert.ErrorIs(t, err, cose.ErrWeakKey)
	assert.Nil(t, out)
	out, err = MarshalPrivatePEM(nil)
	assert.ErrorIs(t, err, ErrInvalidKey)
	assert.Nil(t, out)
}
