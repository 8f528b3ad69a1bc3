package keys

import (
	"crypto"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// addSeeds adds every testdata file and the forms of the test keys to f.
func addSeeds(f *testing.F) {
	files, err := filepath.Glob("testdata/*.*")
	require.NoError(f, err)
	for _, name := range files {
		if strings.HasSuffix(name, ".pem") || strings.HasSuffix(name, ".json") {
			data, err := os.ReadFile(name)
			require.NoError(f, err)
			f.Add(data)
		}
	}
	f.Add(ts.Unhex(f, rfc8032Public))
	f.Add([]byte(rfc8032Seed + "\n"))
	for _, name := range allKeyNames {
		s := signer(f, name)
		f.Add(ts.SPKI(f, s.Public()))
		f.Add(ts.PKCS8(f, s))
		f.Add(jwkWith(f, s.Public(), map[string]any{"kid": name}))
		f.Add(jwkWith(f, s, nil))
	}
	entries, _ := mixedSet(f)
	f.Add(setJSON(entries))
}

func FuzzParsePublic(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := ParsePublic(data)
		if err != nil {
			assert.Zero(t, key)
			if len(data) >= 8 { // shorter hex could match digits of a limit by chance
				assert.NotContains(t, err.Error(), hex.EncodeToString(data))
			}
			return
		}
		require.NoError(t, checkPublic(key.Public))
		if key.Algorithm != 0 {
			require.NoError(t, key.Allows(key.Algorithm))
		}
		out, err := MarshalPublicPEM(key.Public)
		require.NoError(t, err)
		again, err := ParsePublic(out)
		require.NoError(t, err)
		require.True(t, equalPublic(key.Public, again.Public))
	})
}

func FuzzParsePrivate(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParsePrivate(data)
		if err != nil {
			assert.Nil(t, s)
			return
		}
		require.NoError(t, checkPublic(s.Public()))
		out, err := MarshalPrivatePEM(s)
		require.NoError(t, err)
		again, err := ParsePrivate(out)
		require.NoError(t, err)
		require.True(t, again.(interface{ Equal(crypto.PrivateKey) bool }).Equal(s))
	})
}

func FuzzParseSet(f *testing.F) {
	addSeeds(f)
	f.Add([]byte(`{"keys":[]}`))
	f.Add([]byte(`{"keys":[1,"a",null,{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		set, warnings, err := ParseSet(data)
		if err != nil {
			assert.Nil(t, set)
			assert.Nil(t, warnings)
			return
		}
		var outer struct {
			Keys []json.RawMessage `json:"keys"`
		}
		require.NoError(t, json.Unmarshal(data, &outer))
		require.Equal(t, len(outer.Keys), set.Len()+len(warnings), "every entry is a key or a warning")
		again, err := NewSet(set.Keys()...)
		require.NoError(t, err)
		require.Equal(t, set.Len(), again.Len())
		for _, k := range set.Keys() {
			require.True(t, slices.ContainsFunc(set.Lookup(k.KeyID), func(l Key) bool { return equalPublic(l.Public, k.Public) }))
		}
	})
}

func FuzzParseSymmetricKey(f *testing.F) {
	f.Add([]byte("000102030405060708090a0b0c0d0e0f\n"))
	f.Add([]byte(`{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}`))
	f.Add([]byte("zz0102030405060708090a0b0c0d0e0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := ParseSymmetricKey(data)
		if err != nil {
			assert.Nil(t, key)
			return
		}
		require.Contains(t, []int{16, 24, 32}, len(key))
	})
}
