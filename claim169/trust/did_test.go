package trust

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose/keys"
)

// b64 decodes base64url without padding.
func b64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	require.NoError(t, err)
	return b
}

// The test vectors of the did:key method specification (w3c-ccg/
// did-method-key, test-vectors/ed25519-x25519.json and nist-curves.json)
// resolve to their keys.
func TestDIDKeyVectors(t *testing.T) {
	ed := "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th"
	k, err := resolveLocal(ed, methodDIDKey)
	require.NoError(t, err)
	raw, ok := decodeBase58("8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K") // its publicKeyBase58
	require.True(t, ok)
	assert.Equal(t, ed25519.PublicKey(raw), k.Public)
	assert.Equal(t, ed+"#z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th", k.KeyID)

	for _, v := range []struct{ did, x, y string }{
		{"did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv",
			"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns", "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"},
		{"did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9",
			"lInTxl8fjLKp_UCrxI0WDklahi-7-_6JbtiHjiRvMvhedhKVdHBfi2HCY8t_QJyc", "y6N1IC-2mXxHreETBW7K3mBcw0qGr3CWHCs-yl09yCQRLcyfGv7XhqAngHOu51Zv"},
	} {
		k, err := resolveLocal(v.did, methodDIDKey)
		require.NoError(t, err, v.did)
		pub, ok := k.Public.(*ecdsa.PublicKey)
		require.True(t, ok)
		got, err := pub.Bytes()
		require.NoError(t, err)
		assert.Equal(t, append(append([]byte{4}, b64(t, v.x)...), b64(t, v.y)...), got, v.did)
	}
}

// Every key this SDK makes round-trips through its did:key; what is not an
// Ed25519, P-256 or P-384 key in base58btc multibase is refused.
func TestDIDKeyRefusals(t *testing.T) {
	for _, c := range []elliptic.Curve{elliptic.P256(), elliptic.P384()} {
		priv := mustECDSA(t, c)
		k, err := resolveLocal("did:key:"+multikey(t, &priv.PublicKey), methodDIDKey)
		require.NoError(t, err)
		assert.True(t, priv.PublicKey.Equal(k.Public))
	}
	ed := newEd25519(t).Public().(ed25519.PublicKey)
	good := multikey(t, ed)
	bad := map[string]string{
		"P-521 (did:key test vector)": "z2J9gcGdb2nEyMDmzQYv2QZQcM1vXktvy1Pw4MduSWxGabLZ9XESSWLQgbuPhwnXN7zP7HpTzWqrMTzaY5zWe6hpzJ2jnw4f",
		"X25519":                      "z6LShLeXRTzevtwcfehaGEzCMyL3bNsAeKCwcqwJxyCo63yE",
		"not base58btc":               "u" + good[1:],
		"not base58":                  good[:10] + "0" + good[11:],
		"Ed25519 too short":           "z" + encodeBase58(append([]byte{0xed, 0x01}, ed[:31]...)),
		"Ed25519 too long":            "z" + encodeBase58(append(append([]byte{0xed, 0x01}, ed...), 0)),
		"non-minimal varint":          "z" + encodeBase58(append([]byte{0xed, 0x81, 0x00}, ed...)),
		"P-256 x over the field":      "z" + encodeBase58(append([]byte{0x80, 0x24, 2}, bytes.Repeat([]byte{0xff}, 32)...)),
		"P-256 uncompressed":          "z" + encodeBase58(append([]byte{0x80, 0x24, 4}, make([]byte, 64)...)),
		"empty":                       "z",
		"too long":                    "z" + string(make([]byte, maxMultibaseKey)),
	}
	for name, s := range bad {
		_, err := resolveLocal("did:key:"+s, methodDIDKey)
		assert.ErrorIs(t, err, ErrUnsupportedIssuer, name)
	}
}

// did:jwk holds a public JWK in base64url: the specification's P-256
// example resolves; a private JWK or bad base64url does not.
func TestDIDJWK(t *testing.T) {
	did := "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9"
	k, err := resolveLocal(did, methodDIDJWK)
	require.NoError(t, err)
	assert.Equal(t, did+"#0", k.KeyID)
	pub := k.Public.(*ecdsa.PublicKey)
	got, err := pub.Bytes()
	require.NoError(t, err)
	assert.Equal(t, b64(t, "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0"), got[1:33])

	ed := newEd25519(t)
	k, err = resolveLocal(didJWK(t, ed.Public()), methodDIDJWK)
	require.NoError(t, err)
	assert.Equal(t, ed.Public(), k.Public)

	priv := base64.RawURLEncoding.EncodeToString([]byte(`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}`))
	for name, s := range map[string]string{"private JWK": priv, "not base64url": "eyJ+", "not a JWK": base64.RawURLEncoding.EncodeToString([]byte(`{"kty":"oct","k":"AAAA"}`))} {
		_, err := resolveLocal("did:jwk:"+s, methodDIDJWK)
		assert.ErrorIs(t, err, ErrUnsupportedIssuer, name)
	}
	_, err = resolveLocal("did:jwk:"+priv, methodDIDJWK)
	assert.ErrorIs(t, err, keys.ErrPrivateKey)
}

// did:web maps to the URL of its DID document as its method specification
// says, the port percent-encoded; anything else is refused.
func TestDIDWebURL(t *testing.T) {
	for did, want := range map[string]string{
		"did:web:w3c-ccg.github.io":                 "https://w3c-ccg.github.io/.well-known/did.json",
		"did:web:w3c-ccg.github.io:user:alice":      "https://w3c-ccg.github.io/user/alice/did.json",
		"did:web:example.com%3A3000:user:alice":     "https://example.com:3000/user/alice/did.json",
		"did:web:127.0.0.1%3A8443":                  "https://127.0.0.1:8443/.well-known/did.json",
		"did:web:example.com:issuers:a%20b":         "https://example.com/issuers/a%20b/did.json",
		"did:web:[%3A%3A1]%3A8443":                  "https://[::1]:8443/.well-known/did.json",
		"did:web:Example.COM:certify:v1:issuance-1": "https://Example.COM/certify/v1/issuance-1/did.json",
	} {
		got, err := didWebURL(did)
		require.NoError(t, err, did)
		assert.Equal(t, want, got, did)
	}
	for _, did := range []string{
		"did:web:", "did:web:exa_mple.com", "did:web:example.com%3A", "did:web:example.com%3A0",
		"did:web:example.com%3A99999", "did:web:example.com%2Fevil", "did:web:user%40example.com",
		"did:web:example.com::x", "did:web:example.com:..", "did:web:example.com:a%2Fb", "did:web:-example.com",
		"did:web:example..com", "did:web:example.com%3A80%3A80", "did:web:%zz",
	} {
		_, err := didWebURL(did)
		assert.ErrorIs(t, err, ErrUnsupportedIssuer, did)
	}
}

// A kid selects a verification method of the issuer's DID: as a DID URL,
// relative or bare; no kid selects the one method of a DID that has one; a
// DID URL of another DID is refused.
func TestDIDKeyID(t *testing.T) {
	did := "did:web:issuer.example"
	two := []keys.Key{{KeyID: did + "#key-1"}, {KeyID: did + "#key-2"}}
	one := two[:1]
	for kid, want := range map[string]string{
		did + "#key-2": did + "#key-2", "#key-2": did + "#key-2", "key-2": did + "#key-2",
	} {
		got, err := didKeyID(did, []byte(kid), two)
		require.NoError(t, err, kid)
		assert.Equal(t, want, string(got), kid)
	}
	for _, kid := range []string{"", did} {
		got, err := didKeyID(did, []byte(kid), one)
		require.NoError(t, err)
		assert.Equal(t, did+"#key-1", string(got), "%q, one method", kid)
		got, err = didKeyID(did, []byte(kid), two)
		require.NoError(t, err)
		assert.Empty(t, got, "%q, two methods", kid)
	}
	for _, kid := range []string{"did:web:other.example#key-1", "did:web:issuer.example:sub#key-1", "did:key:z6Mk#z6Mk", "did:web:issuer.exampl#key-1"} {
		_, err := didKeyID(did, []byte(kid), two)
		assert.ErrorIs(t, err, ErrKeyIDOtherDID, kid)
	}
}

func TestIssuerMethod(t *testing.T) {
	for iss, want := range map[string]string{
		"did:key:z6Mk": methodDIDKey, "did:jwk:eyJ": methodDIDJWK, "did:web:example.com": methodDIDWeb,
		"https://issuer.example": methodHTTPS, "https://issuer.example/tenants/7/": methodHTTPS,
	} {
		got, err := issuerMethod(iss, false)
		require.NoError(t, err, iss)
		assert.Equal(t, want, got, iss)
	}
	for _, iss := range []string{
		"www.mosip.io", "http://issuer.example", "did:example:123", "did:web:example.com#key-1", "did:web:example.com?x",
		"https://issuer.example/?q", "https://issuer.example/#f", "https://user@issuer.example", "https:opaque", "",
	} {
		_, err := issuerMethod(iss, false)
		assert.ErrorIs(t, err, ErrUnsupportedIssuer, iss)
	}
	got, err := issuerMethod("http://issuer.example", true)
	require.NoError(t, err)
	assert.Equal(t, methodHTTPS, got, "http with AllowHTTP")
}
