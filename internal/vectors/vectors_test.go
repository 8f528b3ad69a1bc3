package vectors

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSetsHaveSourceAndLicence(t *testing.T) {
	for _, s := range Sets() {
		t.Run(string(s), func(t *testing.T) {
			assert.NotEmpty(t, s.Source())
			entries, err := fs.ReadDir(FS(), string(s))
			require.NoError(t, err)
			assert.NotEmpty(t, entries)
		})
	}
	assert.Contains(t, SetIdpass.License(), "MIT License")
	assert.Contains(t, SetCOSEWG.License(), "public domain")
	assert.Empty(t, SetGolden.License(), "the module's licence")
	assert.Empty(t, SetMOSIPSpec.License())
	assert.Empty(t, Set("nope").Source())
}

// Every file of FS is a SOURCE or LICENSE note or is reached by a typed view.
func TestEveryFileIsReached(t *testing.T) {
	reached := map[string]bool{"mosip-spec/spec-example-cose.hex": true}
	for _, v := range Idpass() {
		reached[path.Join("idpass", string(v.Category), v.Name+".json")] = true
	}
	for _, g := range Goldens() {
		reached[path.Join("golden", g.Name+".json")] = true
	}
	for _, group := range COSEWGGroups() {
		for _, ex := range COSEWG(group) {
			reached[path.Join("cose-wg", group, ex.Name+".json")] = true
		}
	}
	n := 0
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if base := path.Base(p); base != "SOURCE" && base != "LICENSE" {
			assert.True(t, reached[p], "%s is reached by no typed view", p)
			n++
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, len(reached), n)
}

func TestIdpass(t *testing.T) {
	vs := Idpass()
	require.Len(t, vs, 18, "the 18 published idpass vectors")
	count := map[Category]int{}
	for _, v := range vs {
		count[v.Category]++
		assert.NotEmpty(t, v.QR, v.Name)
		assert.NotEmpty(t, v.Description, v.Name)
		var raw map[string]any
		require.NoError(t, json.Unmarshal(v.JSON, &raw))
		assert.Equal(t, v.Name, raw["name"])
		if v.Category == Invalid {
			assert.NotEmpty(t, v.ExpectedError, v.Name)
			assert.Nil(t, v.ExpectedClaim169, v.Name)
			continue
		}
		assert.Empty(t, v.ExpectedError, v.Name)
		assert.NotEmpty(t, v.ExpectedClaim169["id"], v.Name)
		assert.NotEmpty(t, v.ExpectedCWT["issuer"], v.Name)
		if k := v.SigningKey; k != nil {
			size := map[string]int{"EdDSA": 32, "ES256": 65}[k.Algorithm]
			assert.Len(t, k.PublicKey, size, v.Name)
		}
		if k := v.EncryptionKey; k != nil {
			assert.Equal(t, "A256GCM", k.Algorithm)
			assert.Len(t, k.Key, 32, v.Name)
		}
	}
	assert.Equal(t, map[Category]int{Valid: 11, Edge: 3, Invalid: 4}, count)
	assert.Equal(t, Edge, vs[0].Category, "ordered by category")

	v, ok := LookupIdpass("ed25519-signed")
	require.True(t, ok)
	assert.Len(t, v.SigningKey.PrivateKey, 32)
	_, ok = LookupIdpass("no-such-vector")
	assert.False(t, ok)
}

// Every call returns values of its own.
func TestIdpassFresh(t *testing.T) {
	v, ok := LookupIdpass("minimal")
	require.True(t, ok)
	want := v.ExpectedClaim169["fullName"]
	v.ExpectedClaim169["fullName"] = "changed"
	v.JSON[0] = 'x'
	again, _ := LookupIdpass("minimal")
	assert.Equal(t, want, again.ExpectedClaim169["fullName"])
	assert.Equal(t, byte('{'), again.JSON[0])
}

func TestGoldens(t *testing.T) {
	gs := Goldens()
	require.Len(t, gs, 15)
	for _, g := range gs {
		t.Run(g.Name, func(t *testing.T) {
			for name, stage := range map[string][]byte{"seed": g.Seed, "publicKey": g.PublicKey,
				"claim169": g.Claim169, "cwt": g.CWT, "cose": g.COSE, "zlib": g.Zlib} {
				assert.NotEmpty(t, stage, name)
			}
			assert.NotEmpty(t, g.Base45)
			assert.NotEmpty(t, g.Expect)
			assert.NotNil(t, g.Warnings)
			assert.False(t, g.Now.IsZero())

			// Writing a Golden gives back its file, byte for byte.
			file, err := fs.ReadFile(FS(), path.Join("golden", g.Name+".json"))
			require.NoError(t, err)
			out, err := json.MarshalIndent(g, "", "  ")
			require.NoError(t, err)
			assert.Equal(t, string(file), string(out)+"\n")

			again, ok := LookupGolden(g.Name)
			require.True(t, ok)
			assert.Equal(t, g, again)
		})
	}
	_, ok := LookupGolden("99-missing")
	assert.False(t, ok)
}

func TestGoldenRejectsBadHex(t *testing.T) {
	var g Golden
	require.Error(t, json.Unmarshal([]byte(`{"cose":"zz"}`), &g))
	require.Error(t, json.Unmarshal([]byte(`{"now":"soon"}`), &g))
	require.NoError(t, json.Unmarshal([]byte(`{}`), &g))
	assert.Equal(t, []string{}, g.Warnings)
}

func TestSpecExampleCOSE(t *testing.T) {
	msg := SpecExampleCOSE()
	require.Greater(t, len(msg), 100)
	assert.Equal(t, []byte{0xd8, 0x3d, 0xd2}, msg[:3], "tag 61 around tag 18")
}

func TestCOSEWG(t *testing.T) {
	want := map[string]int{
		"CWT": 5, "aes-gcm-examples": 9, "chacha-poly-examples": 2, "ecdsa-examples": 8,
		"eddsa-examples": 4, "encrypted-tests": 10, "rsa-pss-examples": 3, "sign1-tests": 9,
	}
	groups := COSEWGGroups()
	require.Len(t, groups, len(want))
	for _, group := range groups {
		examples := COSEWG(group)
		assert.Len(t, examples, want[group], group)
		for _, ex := range examples {
			assert.Equal(t, group, ex.Group)
			assert.NotEmpty(t, ex.Title, ex.Name)
			assert.NotEmpty(t, ex.Output, ex.Name)
			if group == "sign1-tests" || group == "encrypted-tests" {
				assert.Equal(t, strings.Contains(ex.Name, "-fail-"), ex.Fail, ex.Name)
			}
		}
	}
	ex, ok := LookupCOSEWG("sign1-tests", "sign-fail-02")
	require.True(t, ok)
	assert.True(t, ex.Fail)
	for _, bad := range [][2]string{{"sign1-tests", "nope"}, {"nope", "sign-fail-02"}, {"..", "cose-wg/sign1-tests/sign-fail-02"}} {
		_, ok := LookupCOSEWG(bad[0], bad[1])
		assert.False(t, ok, bad)
	}
	assert.Nil(t, COSEWG("nope"))
	assert.Nil(t, COSEWG(""))
	assert.Nil(t, COSEWG("../idpass"))
}
