package claim169

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// idpassNow lies inside the validity of every valid vector.
var idpassNow = time.Unix(1760000000, 0)

// loadIdpass returns the idpass/claim-169 conformance vectors
// (vectors.Idpass, MIT; see vectors.SetIdpass.Source).
func loadIdpass(t *testing.T) []vectors.IdpassVector {
	t.Helper()
	vs := vectors.Idpass()
	require.Len(t, vs, 18, "the 18 published idpass vectors")
	return vs
}

// idpassCorrections records known defects of the published vectors: the
// bytes inside the QR data are authoritative.
var idpassCorrections = map[string]func(map[string]any){
	// with-face.json expects face data "//3+4AAQ", but the credential holds
	// ff d8 ff e0 00 10 (a JPEG header), which is "/9j/4AAQ".
	"with-face": func(c map[string]any) {
		c["face"].([]any)[0].(map[string]any)["data"] = "/9j/4AAQ"
	},
}

func idpassDecoder(t *testing.T, v vectors.IdpassVector) *Decoder {
	t.Helper()
	opts := DecoderOptions{Now: func() time.Time { return idpassNow }}
	if v.SigningKey != nil {
		pub := v.SigningKey.PublicKey
		switch v.SigningKey.Algorithm {
		case "EdDSA":
			opts.Keys = append(opts.Keys, ed25519.PublicKey(pub))
		case "ES256":
			k, err := ecdh.P256().NewPublicKey(pub)
			require.NoError(t, err)
			opts.Keys = append(opts.Keys, ecdsaFromECDH(t, k))
		default:
			t.Fatalf("unexpected algorithm %s", v.SigningKey.Algorithm)
		}
	}
	if v.EncryptionKey != nil {
		alg, err := cose.ParseAlgorithm(v.EncryptionKey.Algorithm)
		require.NoError(t, err)
		aead, err := cose.NewAEAD(alg, v.EncryptionKey.Key)
		require.NoError(t, err)
		opts.DecryptionKeys = append(opts.DecryptionKeys, aead)
	}
	dec, err := NewDecoder(opts)
	require.NoError(t, err)
	return dec
}

func ecdsaFromECDH(t *testing.T, k *ecdh.PublicKey) *ecdsa.PublicKey {
	t.Helper()
	b := k.Bytes()
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), b)
	require.NoError(t, err)
	return pub
}

func TestIdpassVectors(t *testing.T) {
	for _, v := range loadIdpass(t) {
		t.Run(string(v.Category)+"/"+v.Name, func(t *testing.T) {
			dec := idpassDecoder(t, v)
			signed := v.SigningKey != nil
			var res *Result
			var err error
			if signed {
				res, err = dec.Decode(v.QR)
			} else {
				res, err = dec.DecodeUnverified(v.QR)
			}
			switch {
			case v.Category == vectors.Invalid:
				assertIdpassError(t, v.ExpectedError, err)
				assert.Nil(t, res)
				return
			case v.Name == "expired":
				require.ErrorIs(t, err, ErrExpired)
				assert.Nil(t, res)
				return
			case v.Name == "not-yet-valid":
				require.ErrorIs(t, err, ErrNotYetValid)
				assert.Nil(t, res)
				return
			}
			require.NoError(t, err)
			if signed {
				assert.Equal(t, Verified, res.Verification)
			} else {
				assert.Equal(t, Skipped, res.Verification)
				// Unsigned vectors (an empty signature, or a bare CWT) never verify.
				_, err := dec.Decode(v.QR)
				assert.ErrorIs(t, err, ErrVerification)
			}
			want := v.ExpectedClaim169
			if fix := idpassCorrections[v.Name]; fix != nil {
				fix(want)
			}
			got := toJSONMap(t, res.Identity)
			assertSubset(t, want, got, "claim169")
			// cwt.Claims' JSON names the registered claims as the vectors
			// do (issuer, subject, expiresAt, notBefore, issuedAt).
			claims := toJSONMap(t, res.Claims)
			assertSubset(t, v.ExpectedCWT, claims, "cwt")
		})
	}
}

func assertIdpassError(t *testing.T, name string, err error) {
	t.Helper()
	var e *Error
	require.ErrorAs(t, err, &e)
	require.ErrorIs(t, err, ErrMalformed)
	stage := map[string]Stage{
		"Base45Decode":     StageBase45,
		"Decompress":       StageDecompress,
		"Claim169NotFound": StageClaim169,
		"CoseParse":        StageCOSE,
	}[name]
	require.NotEmpty(t, stage, "unexpected error class %s", name)
	assert.Equal(t, stage, e.Stage)
}

// The unknown keys of the idpass edge vector are kept, by number.
func TestIdpassUnknownFieldsKept(t *testing.T) {
	for _, v := range loadIdpass(t) {
		if v.Name != "unknown-fields" {
			continue
		}
		res, err := idpassDecoder(t, v).DecodeUnverified(v.QR)
		require.NoError(t, err)
		got := toJSONMap(t, res.Identity)
		assert.Equal(t, map[string]any{"30": "reserved field 30", "45": float64(12345), "70": "AQID", "99": true}, got["unknown"])
		again, err := res.Identity.MarshalCBOR()
		require.NoError(t, err)
		id2, _, err := ParseIdentity(again)
		require.NoError(t, err)
		assert.Equal(t, res.Identity.Unknown, id2.Unknown)
	}
}

// specText returns the specification's example as QR text.
func specText(t testing.TB) string {
	t.Helper()
	return qrText(vectors.SpecExampleCOSE())
}

// The specification's own example inspects with all its fields, its three
// deviations normalised and named. Its key is not published.
func TestSpecExample(t *testing.T) {
	dec, err := NewDecoder(DecoderOptions{Now: func() time.Time { return idpassNow }})
	require.NoError(t, err)
	res, err := dec.Inspect(specText(t))
	require.NoError(t, err)
	assert.Equal(t, Skipped, res.Verification)
	assert.True(t, res.CWTTagged)
	assert.Equal(t, cose.EdDSA, res.Algorithm)
	assert.Equal(t, []byte("k-1101"), res.KeyID)

	id := res.Identity
	assert.Equal(t, "3918592438", id.ID)
	assert.Equal(t, "Janardhan BS", id.FullName)
	assert.Equal(t, "19840418", id.DateOfBirth)
	assert.Equal(t, GenderMale, id.Gender)
	assert.Equal(t, "New House, Near Metro Line, Bengaluru, KA", id.Address)
	assert.Equal(t, "janardhan@example.com", id.Email)
	assert.Equal(t, "+919876543210", id.Phone)
	assert.Equal(t, "IN", id.Nationality)
	require.Len(t, id.Face, 1)
	assert.Equal(t, "RIFF", string(id.Face[0].Data[:4]), "a WebP photo")
	assert.EqualValues(t, 0, *id.Face[0].Format)
	assert.EqualValues(t, 4, *id.Face[0].SubFormat)
	assert.Empty(t, id.Unknown)

	assert.Equal(t, "www.mosip.io", res.Claims.Issuer)
	assert.EqualValues(t, 1787912445, *res.Claims.ExpiresAt)
	assert.EqualValues(t, 1756376445, *res.Claims.NotBefore)
	assert.EqualValues(t, 1756376445, *res.Claims.IssuedAt)

	assert.Len(t, res.Warnings, 4)
	joined := strings.Join(res.Warnings, "\n")
	for _, w := range []string{"byte string wrapping the identity map", "key 9 (gender) is numeric text",
		"key 62 (face) is a single Biometrics map", "iss is not an absolute URI"} {
		assert.Contains(t, joined, w)
	}

	// Without its key it cannot be verified; unverified it decodes.
	other := ts.Ed25519Key()
	dec, err = NewDecoder(DecoderOptions{Keys: toKeys(other.Public()), Now: func() time.Time { return idpassNow }})
	require.NoError(t, err)
	_, err = dec.Decode(specText(t))
	require.ErrorIs(t, err, ErrVerification)
	res, err = dec.DecodeUnverified(specText(t))
	require.NoError(t, err)
	assert.Equal(t, "Janardhan BS", res.Identity.FullName)
}

func toJSONMap(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return toJSONMapRaw(t, b)
}

func toJSONMapRaw(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// assertSubset checks that every field of want is in got with the same
// value; objects inside arrays are compared the same way.
func assertSubset(t *testing.T, want, got any, path string) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: not an object", path) {
			return
		}
		for k, wv := range w {
			gv, ok := g[k]
			if assert.True(t, ok, "%s.%s missing", path, k) {
				assertSubset(t, wv, gv, path+"."+k)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !assert.True(t, ok, "%s: not an array", path) || !assert.Len(t, g, len(w), path) {
			return
		}
		for i := range w {
			assertSubset(t, w[i], g[i], path)
		}
	default:
		assert.Equal(t, want, got, path)
	}
}
