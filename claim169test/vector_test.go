package claim169test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/vectors"
)

func TestVectors(t *testing.T) {
	vs := Vectors()
	require.Len(t, vs, 15+18+1, "the golden vectors, the idpass vectors, the specification's example")
	names := map[string]bool{}
	for i, v := range vs {
		assert.False(t, names[v.Name], "%s twice", v.Name)
		names[v.Name] = true
		if i > 0 {
			assert.Less(t, vs[i-1].Name, v.Name, "ordered by name")
		}
		assert.NotEmpty(t, v.Text, v.Name)
		assert.False(t, v.Now.IsZero(), v.Name)
		for _, o := range []Outcome{v.Want, v.WantUnverified} {
			if o.Accepted() {
				assert.NotEmpty(t, o.Identity, v.Name)
				assert.NotEmpty(t, o.Claims, v.Name)
			} else {
				assert.Equal(t, ErrorName(o.Err), o.ErrName, v.Name)
				assert.NotEmpty(t, o.Stage, v.Name)
			}
		}
	}
	got, ok := Lookup("golden/10-expired")
	require.True(t, ok)
	assert.Equal(t, "expired", got.Want.ErrName)
	for _, name := range []string{"golden/99-none", "golden", "../pack/golden/10-expired", "/golden/10-expired", "README"} {
		_, ok = Lookup(name)
		assert.False(t, ok, name)
	}
}

// Every call returns values of its own.
func TestVectorsFresh(t *testing.T) {
	v, _ := Lookup("golden/01-minimal")
	v.Want.Identity[0] = 'x'
	v.Keys[0] = nil
	again, _ := Lookup("golden/01-minimal")
	assert.Equal(t, byte('{'), again.Want.Identity[0])
	assert.NotNil(t, again.Keys[0])
}

// The golden vectors agree with their files: the text, the stages and the
// expected outcome of a verifier, warnings included.
func TestVectorsAgreeWithGoldens(t *testing.T) {
	for _, g := range vectors.Goldens() {
		t.Run(g.Name, func(t *testing.T) {
			v, ok := Lookup("golden/" + g.Name)
			require.True(t, ok)
			assert.Equal(t, g.Base45, v.Text)
			assert.Equal(t, g.Now, v.Now)
			require.NotNil(t, v.Stages)
			assert.Equal(t, g.COSE, v.Stages.COSE)
			assert.Equal(t, g.Zlib, v.Stages.Compressed)
			assert.Empty(t, v.Note)
			if g.Expect != "verified" {
				assert.ErrorIs(t, v.Want.Err, goldenSentinel(t, g.Expect))
				assert.Equal(t, claim169.Stage(g.Stage), v.Want.Stage)
				return
			}
			require.True(t, v.Want.Accepted())
			assert.JSONEq(t, string(g.Identity), string(v.Want.Identity))
			assert.Equal(t, g.Warnings, v.Want.Warnings)
		})
	}
}

func goldenSentinel(t *testing.T, name string) error {
	t.Helper()
	err := map[string]error{"ErrExpired": claim169.ErrExpired, "ErrNotYetValid": claim169.ErrNotYetValid,
		"ErrVerification": claim169.ErrVerification}[name]
	require.NotNil(t, err, name)
	return err
}

// The idpass vectors agree with what idpass publishes, but for the
// deviations their notes name.
func TestVectorsAgreeWithIdpass(t *testing.T) {
	for _, iv := range vectors.Idpass() {
		t.Run(iv.Name, func(t *testing.T) {
			v, ok := Lookup("idpass/" + string(iv.Category) + "/" + iv.Name)
			require.True(t, ok)
			assert.Equal(t, iv.QR, v.Text)
			switch {
			case iv.Category == vectors.Invalid:
				stage := map[string]claim169.Stage{"Base45Decode": claim169.StageBase45,
					"Decompress": claim169.StageDecompress, "CoseParse": claim169.StageCOSE,
					"Claim169NotFound": claim169.StageClaim169}[iv.ExpectedError]
				assert.Equal(t, "malformed", v.WantUnverified.ErrName)
				assert.Equal(t, stage, v.WantUnverified.Stage)
				if v.Want.Stage == claim169.StageVerify {
					assert.Equal(t, "verification_failed", v.Want.ErrName, "an unsigned CWT")
					assert.NotEmpty(t, v.Note)
					return
				}
				assert.Equal(t, v.WantUnverified, v.Want)
				assert.Empty(t, v.Note)
				return
			case iv.SigningKey == nil:
				assert.Equal(t, "verification_failed", v.Want.ErrName, "a verifier refuses an unsigned credential")
				assert.Equal(t, claim169.StageVerify, v.Want.Stage)
				assert.NotEmpty(t, v.Note)
			default:
				assert.Empty(t, v.Note)
				assertContent(t, iv, v.Want)
			}
			switch iv.Name {
			case "expired":
				assert.Equal(t, "expired", v.WantUnverified.ErrName)
			case "not-yet-valid":
				assert.Equal(t, "not_yet_valid", v.WantUnverified.ErrName)
			default:
				assertContent(t, iv, v.WantUnverified)
			}
		})
	}
}

// assertContent checks that o holds every field idpass expects, with
// valid/with-face's face data corrected to the credential's bytes.
func assertContent(t *testing.T, iv vectors.IdpassVector, o Outcome) {
	t.Helper()
	require.True(t, o.Accepted(), o.String())
	want := iv.ExpectedClaim169
	if iv.Name == "with-face" {
		face := want["face"].([]any)[0].(map[string]any)
		assert.Equal(t, "//3+4AAQ", face["data"], "the published defect")
		face["data"] = "/9j/4AAQ"
	}
	var identity, claims map[string]any
	require.NoError(t, json.Unmarshal(o.Identity, &identity))
	require.NoError(t, json.Unmarshal(o.Claims, &claims))
	assertSubset(t, want, identity, "claim169")
	assertSubset(t, iv.ExpectedCWT, claims, "cwt")
}

// assertSubset checks that every member of want is in got with the same
// value; objects inside arrays are compared the same way.
func assertSubset(t *testing.T, want, got any, path string) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		require.True(t, ok, "%s: not an object", path)
		for k, wv := range w {
			assertSubset(t, wv, g[k], path+"."+k)
		}
	case []any:
		g, ok := got.([]any)
		require.True(t, ok, "%s: not an array", path)
		require.Len(t, g, len(w), path)
		for i := range w {
			assertSubset(t, w[i], g[i], path)
		}
	default:
		assert.Equal(t, want, got, path)
	}
}

// The specification's example is its COSE message, compressed; its signer's
// key is unpublished, so only an unverified decode reads it.
func TestVectorsSpecExample(t *testing.T) {
	v, ok := Lookup("mosip-spec/example")
	require.True(t, ok)
	raw, err := base45.DecodeString(v.Text)
	require.NoError(t, err)
	msg, err := compress.Inflate(raw, 0)
	require.NoError(t, err)
	assert.Equal(t, vectors.SpecExampleCOSE(), msg)
	assert.Empty(t, v.Keys)
	assert.Equal(t, "verification_failed", v.Want.ErrName)
	require.True(t, v.WantUnverified.Accepted())
	assert.Contains(t, string(v.WantUnverified.Identity), `"fullName":"Janardhan BS"`)
	assert.True(t, strings.Contains(v.Note, "three deviations"))
}

// The kit's reference verifier reproduces every vector, verified and
// unverified.
func TestDecodeReproducesEveryVector(t *testing.T) {
	for _, v := range Vectors() {
		dec, err := v.NewDecoder()
		require.NoError(t, err)
		res, err := dec.DecodeUnverified(v.Text)
		got, err := outcomeOf(res, err, false)
		require.NoError(t, err, v.Name)
		want := v.WantUnverified
		assert.Equal(t, want.ErrName, got.ErrName, v.Name)
		assert.Equal(t, want.Stage, got.Stage, v.Name)
		assert.Equal(t, string(want.Identity), string(got.Identity), v.Name)
		assert.Equal(t, string(want.Claims), string(got.Claims), v.Name)
	}
}
