package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestRFC8037 reads the Ed25519 JWKs of RFC 8037 Appendix A.1 and A.2, whose
// key is TEST 1 of RFC 8032 §7.1, and checks the JWS signature of A.4.
func TestRFC8037(t *testing.T) {
	priv, err := ParsePrivateJWK(readTestdata(t, "rfc8037-a1.jwk.json"))
	require.NoError(t, err)
	edPriv, ok := priv.(ed25519.PrivateKey)
	require.True(t, ok)
	assert.Equal(t, ts.Unhex(t, rfc8032Seed), edPriv.Seed())
	assert.Equal(t, ed25519.PublicKey(ts.Unhex(t, rfc8032Public)), edPriv.Public())

	pub, err := ParsePublicJWK(readTestdata(t, "rfc8037-a2.jwk.json"))
	require.NoError(t, err)
	assert.Equal(t, ed25519.PublicKey(ts.Unhex(t, rfc8032Public)), pub.Public)
	assert.Zero(t, pub.Algorithm)

	// RFC 8037 A.4: the JWS signing input and its signature.
	input := "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
	want := "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
	sig, err := priv.Sign(nil, []byte(input), crypto.Hash(0))
	require.NoError(t, err)
	assert.Equal(t, want, base64.RawURLEncoding.EncodeToString(sig))

	_, err = ParsePublicJWK(readTestdata(t, "rfc8037-a1.jwk.json"))
	assert.ErrorIs(t, err, ErrPrivateKey)
}

// allAlgorithms are the signature algorithms, with the test key for each.
var allAlgorithms = []struct {
	alg cose.Algorithm
	key string
}{
	{cose.EdDSA, "Ed25519"}, {cose.ES256, "P-256"}, {cose.ES384, "P-384"}, {cose.ES512, "P-521"},
	{cose.PS256, "RSA"}, {cose.PS384, "RSA"}, {cose.PS512, "RSA"}, {cose.RS256, "RSA"},
}

// TestJWKRoundTrip generates a key for every algorithm, writes its public
// JWK, and reads it back.
func TestJWKRoundTrip(t *testing.T) {
	for _, a := range allAlgorithms {
		t.Run(a.alg.String(), func(t *testing.T) {
			var s crypto.Signer
			if a.key == "RSA" {
				s = defaultRSA(t) // made by Generate, once
			} else {
				var err error
				s, err = Generate(a.alg, nil)
				require.NoError(t, err)
			}
			kid := "kid-" + a.alg.String()
			out, err := MarshalPublicJWK(Key{KeyID: kid, Algorithm: a.alg, Public: s.Public()})
			require.NoError(t, err)

			var members map[string]any
			require.NoError(t, json.Unmarshal(out, &members))
			assert.Equal(t, kid, members["kid"])
			assert.Equal(t, a.alg.String(), members["alg"])
			assert.Equal(t, "sig", members["use"])
			assert.NotContains(t, members, "d")

			key, err := ParsePublicJWK(out)
			require.NoError(t, err)
			assert.True(t, equalPublic(s.Public(), key.Public))
			assert.Equal(t, kid, key.KeyID)
			assert.Equal(t, a.alg, key.Algorithm)
			assert.NoError(t, key.Allows(a.alg))

			auto, err := ParsePublic(out)
			require.NoError(t, err)
			assert.Equal(t, key, auto)
		})
	}
}

// TestPrivateJWK reads private JWKs written by go-jose for every key type.
func TestPrivateJWK(t *testing.T) {
	for _, name := range allKeyNames {
		t.Run(name, func(t *testing.T) {
			s := signer(t, name)
			data, err := jose.JSONWebKey{Key: s, KeyID: "k"}.MarshalJSON()
			require.NoError(t, err)
			got, err := ParsePrivate(data)
			require.NoError(t, err)
			assert.True(t, got.(interface{ Equal(crypto.PrivateKey) bool }).Equal(s))

			_, err = ParsePublicJWK(data)
			assert.ErrorIs(t, err, ErrPrivateKey)
		})
	}
}

// jwkWith returns the JWK of pub (or of a private key) with members changed:
// a nil value deletes the member.
func jwkWith(t testing.TB, key any, changes map[string]any) []byte {
	t.Helper()
	data, err := jose.JSONWebKey{Key: key}.MarshalJSON()
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	for k, v := range changes {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

func TestParsePublicJWKRefusals(t *testing.T) {
	x25519 := x25519Key(t)
	b64 := base64.RawURLEncoding.EncodeToString
	p256 := signer(t, "P-256").Public()
	point, err := p256.(*ecdsa.PublicKey).Bytes()
	require.NoError(t, err)
	huge, _ := hugeRSA(t)
	ed := signer(t, "Ed25519").Public()

	tests := []struct {
		name    string
		input   []byte
		wantErr error
	}{
		{"X25519", []byte(fmt.Sprintf(`{"kty":"OKP","crv":"X25519","x":%q}`, b64(x25519.PublicKey().Bytes()))), ErrUnsupportedKey},
		{"Ed448", []byte(`{"kty":"OKP","crv":"Ed448","x":"AA"}`), ErrUnsupportedKey},
		{"secp256k1", jwkWith(t, p256, map[string]any{"crv": "secp256k1"}), ErrUnsupportedKey},
		{"oct", []byte(`{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}`), ErrUnsupportedKey},
		{"unknown kty", []byte(`{"kty":"AKP","alg":"ML-DSA-44","pub":"AA"}`), ErrUnsupportedKey},
		{"no kty", []byte(`{"crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`), ErrInvalidKey},
		{"upper-case member names", []byte(`{"KTY":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`), ErrInvalidKey},
		{"duplicate member", []byte(`{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`), ErrInvalidKey},
		{"Ed25519 all zeros", []byte(fmt.Sprintf(`{"kty":"OKP","crv":"Ed25519","x":%q}`, b64(make([]byte, 32)))), cose.ErrWeakKey},
		{"Ed25519 short x", []byte(`{"kty":"OKP","crv":"Ed25519","x":"AAAA"}`), ErrInvalidKey},
		{"EC point off the curve", jwkWith(t, p256, map[string]any{"y": b64(offCurve(t)[33:])}), cose.ErrWeakKey},
		{"EC x not base64url", jwkWith(t, p256, map[string]any{"x": "!!"}), ErrInvalidKey},
		{"EC missing y", jwkWith(t, p256, map[string]any{"y": nil}), ErrInvalidKey},
		{"EC short x", jwkWith(t, p256, map[string]any{"x": b64(point[1:32])}), ErrInvalidKey},
		{"RSA 1024", jwkWith(t, ts.RSAKey(1024).Public(), nil), cose.ErrWeakKey},
		{"RSA without n", jwkWith(t, signer(t, "RSA").Public(), map[string]any{"n": nil}), ErrInvalidKey},
		{"RSA 5000 bits", jwkWith(t, huge, nil), ErrUnsupportedKey},
		{"private Ed25519", readTestdata(t, "rfc8037-a1.jwk.json"), ErrPrivateKey},
		{"private EC", jwkWith(t, signer(t, "P-256"), nil), ErrPrivateKey},
		{"public EC with a stray d", jwkWith(t, p256, map[string]any{"d": ""}), ErrPrivateKey},
		{"use enc", jwkWith(t, ed, map[string]any{"use": "enc"}), ErrUnsupportedKey},
		{"use unknown", jwkWith(t, ed, map[string]any{"use": "other"}), ErrUnsupportedKey},
		{"key_ops without verify", jwkWith(t, ed, map[string]any{"key_ops": []string{"encrypt"}}), ErrUnsupportedKey},
		{"alg not for signatures", jwkWith(t, ed, map[string]any{"alg": "HS256"}), ErrUnsupportedKey},
		{"alg of another key type", jwkWith(t, ed, map[string]any{"alg": "ES256"}), cose.ErrAlgorithmMismatch},
		{"alg of another curve", jwkWith(t, p256, map[string]any{"alg": "ES384"}), cose.ErrAlgorithmMismatch},
		{"x5c not base64", jwkWith(t, ed, map[string]any{"x5c": []string{"!!"}}), ErrInvalidKey},
		{"x5c of another key", jwkWith(t, ed, map[string]any{"x5c": []string{base64.StdEncoding.EncodeToString(ts.SelfSigned(t, signer(t, "P-256")))}}), ErrInvalidKey},
		{"kid not a string", jwkWith(t, ed, map[string]any{"kid": 7}), ErrInvalidKey},
		{"not an object", []byte(`["kty"]`), ErrInvalidKey},
		{"nested too deep", []byte(`{"kty":"OKP","x":` + nested(20000) + `}`), ErrInvalidKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key, err := ParsePublicJWK(tc.input)
			require.ErrorIs(t, err, tc.wantErr)
			assert.Zero(t, key)
		})
	}
}

// nested returns n nested JSON arrays.
func nested(n int) string {
	b := make([]byte, 2*n)
	for i := range n {
		b[i], b[2*n-1-i] = '[', ']'
	}
	return string(b)
}

func TestParsePrivateJWKRefusals(t *testing.T) {
	ec := signer(t, "P-256").(*ecdsa.PrivateKey)
	other := signer(t, "P-384").(*ecdsa.PrivateKey)
	otherD, err := other.Bytes()
	require.NoError(t, err)
	ed := signer(t, "Ed25519")
	otherEd, _, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)

	tests := []struct {
		name    string
		input   []byte
		wantErr error
	}{
		{"EC d of another key", jwkWith(t, ec, map[string]any{"d": base64.RawURLEncoding.EncodeToString(otherD[:32])}), ErrInvalidKey},
		{"EC d of zeros", jwkWith(t, ec, map[string]any{"d": base64.RawURLEncoding.EncodeToString(make([]byte, 32))}), ErrInvalidKey},
		{"Ed25519 x of another key", jwkWith(t, ed, map[string]any{"x": base64.RawURLEncoding.EncodeToString(otherEd)}), ErrInvalidKey},
		{"public key", jwkWith(t, ed.Public(), nil), ErrInvalidKey},
		{"RSA 1024", jwkWith(t, ts.RSAKey(1024), nil), cose.ErrWeakKey},
		{"use enc", jwkWith(t, ed, map[string]any{"use": "enc"}), ErrUnsupportedKey},
		{"key_ops without sign", jwkWith(t, ed, map[string]any{"key_ops": []string{"verify"}}), ErrUnsupportedKey},
		{"oct", []byte(`{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"}`), ErrUnsupportedKey},
		{"secp256k1", jwkWith(t, ec, map[string]any{"crv": "secp256k1"}), ErrUnsupportedKey},
		{"malformed", []byte(`{"kty":"EC",}`), ErrInvalidKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParsePrivateJWK(tc.input)
			require.ErrorIs(t, err, tc.wantErr)
			assert.Nil(t, s)
		})
	}
}
