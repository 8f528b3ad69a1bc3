package keys

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestRFC7517Set reads the example public key set of RFC 7517 Appendix A.1:
// its RSA key is kept; its EC key, marked "use": "enc", is skipped.
func TestRFC7517Set(t *testing.T) {
	set, warnings, err := ParseSet(readTestdata(t, "rfc7517-a1.jwks.json"))
	require.NoError(t, err)
	require.Equal(t, 1, set.Len())
	key := set.Keys()[0]
	assert.Equal(t, "2011-04-29", key.KeyID)
	assert.Equal(t, cose.RS256, key.Algorithm)
	rsaKey, ok := key.Public.(*rsa.PublicKey)
	require.True(t, ok)
	assert.Equal(t, 2048, rsaKey.N.BitLen())
	assert.Equal(t, 65537, rsaKey.E)
	n, err := base64.RawURLEncoding.DecodeString("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw")
	require.NoError(t, err)
	assert.Equal(t, new(big.Int).SetBytes(n), rsaKey.N)
	assert.NoError(t, key.Allows(cose.RS256))
	assert.ErrorIs(t, key.Allows(cose.PS256), cose.ErrAlgorithmMismatch)

	require.Len(t, warnings, 1)
	assert.Contains(t, warnings[0], `keys[0] (kid "1")`)
	assert.NotContains(t, warnings[0], "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4")
}

// mixedEntry is one entry of the mixed test set.
type mixedEntry struct {
	kid  string
	json []byte
	good bool
}

// mixedSet builds a key set with good keys and every kind of bad one, and
// the secret or public material of its entries, which no warning may show.
func mixedSet(t testing.TB) ([]mixedEntry, []string) {
	x25519 := x25519Key(t)
	ed := signer(t, "Ed25519")
	p256 := signer(t, "P-256")
	withKid := func(key any, kid string, extra map[string]any) []byte {
		m := map[string]any{"kid": kid}
		for k, v := range extra {
			m[k] = v
		}
		return jwkWith(t, key, m)
	}
	entries := []mixedEntry{
		{"ed", withKid(ed.Public(), "ed", map[string]any{"alg": "EdDSA", "use": "sig"}), true},
		{"p256", withKid(p256.Public(), "p256", nil), true},
		{"rsa", withKid(signer(t, "RSA").Public(), "rsa", map[string]any{"alg": "PS256"}), true},
		{"shared", withKid(signer(t, "P-384").Public(), "shared", nil), true},
		{"shared", withKid(signer(t, "P-521").Public(), "shared", nil), true},
		{"x25519", []byte(fmt.Sprintf(`{"kty":"OKP","crv":"X25519","kid":"x25519","x":%q}`, base64.RawURLEncoding.EncodeToString(x25519.PublicKey().Bytes()))), false},
		{"k1", withKid(p256.Public(), "k1", map[string]any{"crv": "secp256k1"}), false},
		{"oct", []byte(`{"kty":"oct","kid":"oct","k":"c2VjcmV0LXN5bW1ldHJpYy1rZXk"}`), false},
		{"priv", withKid(ed, "priv", nil), false},
		{"rsa1024", withKid(ts.RSAKey(1024).Public(), "rsa1024", nil), false},
		{"bad", []byte(`{"kty":"EC","crv":"P-256","kid":"bad","x":"!!","y":"!!"}`), false},
		{"", []byte(`42`), false},
		{"enc", withKid(p256.Public(), "enc", map[string]any{"use": "enc"}), false},
		{"unknown", []byte(`{"kty":"XYZ","kid":"unknown"}`), false},
	}
	secrets := []string{"c2VjcmV0LXN5bW1ldHJpYy1rZXk", base64.RawURLEncoding.EncodeToString(x25519.PublicKey().Bytes())}
	var m map[string]any
	require.NoError(t, json.Unmarshal(withKid(ed, "priv", nil), &m))
	secrets = append(secrets, m["d"].(string), m["x"].(string))
	return entries, secrets
}

// setJSON joins entries into a JWK Set.
func setJSON(entries []mixedEntry) []byte {
	parts := make([]string, len(entries))
	for i, e := range entries {
		parts[i] = string(e.json)
	}
	return []byte(`{"keys":[` + strings.Join(parts, ",") + `],"other":"ignored"}`)
}

func TestParseSetMixed(t *testing.T) {
	entries, secrets := mixedSet(t)
	set, warnings, err := ParseSet(setJSON(entries))
	require.NoError(t, err)
	for _, w := range warnings {
		t.Log(w)
	}

	var wantKids []string
	w := 0
	for i, e := range entries {
		if e.good {
			wantKids = append(wantKids, e.kid)
			continue
		}
		require.Less(t, w, len(warnings), "no warning for entry %d", i)
		assert.Contains(t, warnings[w], fmt.Sprintf("keys[%d] ", i))
		if e.kid != "" {
			assert.Contains(t, warnings[w], fmt.Sprintf("(kid %q)", e.kid))
		}
		w++
	}
	assert.Len(t, warnings, w)
	var gotKids []string
	for _, k := range set.Keys() {
		gotKids = append(gotKids, k.KeyID)
	}
	assert.Equal(t, wantKids, gotKids)
	for _, warning := range warnings {
		for _, secret := range secrets {
			assert.NotContains(t, warning, secret)
		}
	}

	ed := set.Lookup("ed")
	require.Len(t, ed, 1)
	assert.Equal(t, cose.EdDSA, ed[0].Algorithm)
	shared := set.Lookup("shared")
	require.Len(t, shared, 2)
	assert.NoError(t, shared[0].Allows(cose.ES384))
	assert.NoError(t, shared[1].Allows(cose.ES512))
	assert.Empty(t, set.Lookup("missing"))
	assert.Empty(t, set.Lookup("x25519"))
	assert.Empty(t, set.Lookup(""))
}

func TestParseSetErrors(t *testing.T) {
	tooMany := `{"keys":[` + strings.Repeat(`{},`, MaxSetKeys) + `{}]}`
	tests := []struct {
		name  string
		input string
	}{
		{"empty", ""},
		{"not JSON", "keys"},
		{"truncated", `{"keys":[`},
		{"array", `[{"kty":"OKP"}]`},
		{"no keys member", `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`},
		{"keys null", `{"keys":null}`},
		{"keys an object", `{"keys":{}}`},
		{"duplicate keys member", `{"keys":[],"keys":[]}`},
		{"trailing data", `{"keys":[]} {}`},
		{"too many keys", tooMany},
		{"too large", `{"keys":[],"pad":"` + strings.Repeat("a", MaxSetSize) + `"}`},
		{"nested too deep", `{"keys":[],"x":` + nested(20000) + `}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set, warnings, err := ParseSet([]byte(tc.input))
			require.ErrorIs(t, err, ErrInvalidSet)
			assert.Nil(t, set)
			assert.Nil(t, warnings)
		})
	}
}

func TestParseSetEmpty(t *testing.T) {
	set, warnings, err := ParseSet([]byte(`{"keys":[]}`))
	require.NoError(t, err)
	assert.Zero(t, set.Len())
	assert.Empty(t, warnings)
	assert.Empty(t, set.Keys())
}

func TestSetWarningKidIsCut(t *testing.T) {
	kid := strings.Repeat("é", 100) // two bytes a rune: the cut must not split one
	set, warnings, err := ParseSet([]byte(`{"keys":[{"kty":"oct","kid":"` + kid + `","k":"AA"}]}`))
	require.NoError(t, err)
	assert.Zero(t, set.Len())
	require.Len(t, warnings, 1)
	assert.Contains(t, warnings[0], `(kid "`+strings.Repeat("é", maxWarningKeyID/2)+`"...)`)
}

func TestSetKeysIsACopy(t *testing.T) {
	set, err := NewSet(Key{KeyID: "a", Public: signer(t, "Ed25519").Public()})
	require.NoError(t, err)
	keys := set.Keys()
	keys[0].KeyID = "changed"
	assert.Equal(t, "a", set.Keys()[0].KeyID)

	var nilSet *Set
	assert.Nil(t, nilSet.Keys())
	assert.Nil(t, nilSet.Lookup("a"))
	assert.Zero(t, nilSet.Len())
}

func TestNewSet(t *testing.T) {
	tests := []struct {
		name    string
		key     Key
		wantErr error
	}{
		{"Ed25519", Key{Public: signer(t, "Ed25519").Public()}, nil},
		{"RSA restricted", Key{Public: signer(t, "RSA").Public(), Algorithm: cose.RS256}, nil},
		{"weak", Key{Public: ts.RSAKey(1024).Public()}, cose.ErrWeakKey},
		{"nil key", Key{}, ErrUnsupportedKey},
		{"private key", Key{Public: signer(t, "Ed25519")}, ErrPrivateKey},
		{"mismatched algorithm", Key{Public: signer(t, "P-256").Public(), Algorithm: cose.ES384}, cose.ErrAlgorithmMismatch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set, err := NewSet(tc.key)
			if !ts.Succeeded(t, set, err, tc.wantErr) {
				return
			}
			assert.Equal(t, []Key{tc.key}, set.Keys())
		})
	}
}

func TestLoadSetFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	require.NoError(t, os.WriteFile(good, readTestdata(t, "rfc7517-a1.jwks.json"), 0o600))
	set, warnings, err := LoadSetFile(good)
	require.NoError(t, err)
	assert.Equal(t, 1, set.Len())
	assert.Len(t, warnings, 1)

	big := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(big, make([]byte, MaxSetSize+1), 0o600))
	_, _, err = LoadSetFile(big)
	assert.ErrorIs(t, err, ErrInvalidSet)

	_, _, err = LoadSetFile(filepath.Join(dir, "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
