package playground_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/web/internal/playground"
)

const testRecord = `{"claim169": {"id": "3918592438", "fullName": "Janardhan BS", "gender": 1},
	"cwt": {"issuer": "www.mosip.io", "issuedAt": 1756376445, "expiresAt": 1787912445}}`

// TestKeygenEncodeDecode makes a key pair of each kind, issues a record
// with it and verifies the text with the public PEM and with the JWK.
func TestKeygenEncodeDecode(t *testing.T) {
	for _, alg := range []string{"", "EdDSA", "ES256", "ES384"} {
		t.Run(alg, func(t *testing.T) {
			var pair playground.KeyPair
			require.NoError(t, json.Unmarshal(playground.Keygen(alg, nil), &pair))
			require.NotEmpty(t, pair.KeyID)
			if alg != "" {
				assert.Equal(t, alg, pair.Algorithm)
			}
			var enc playground.Encoded
			out := playground.Encode([]byte(testRecord), opts(t, playground.EncodeOptions{PrivateKey: pair.PrivateKey, Kid: pair.KeyID}))
			require.NoError(t, json.Unmarshal(out, &enc), "%s", out)
			require.NotEmpty(t, enc.Text)
			assert.NotNil(t, enc.Warnings)
			assert.Equal(t, "M", enc.QR.ECC)
			assert.Positive(t, enc.QR.Version)

			for _, key := range []string{pair.PublicKey, string(pair.JWK)} {
				var res record.Output
				out := playground.Decode(enc.Text, opts(t, map[string]any{"keys": []string{key}, "now": 1760000000}))
				require.NoError(t, json.Unmarshal(out, &res))
				assert.Equal(t, claim169.Verified, res.Verification, "%s", out)
				assert.Equal(t, "Janardhan BS", res.Identity.FullName)
				assert.Equal(t, pair.KeyID, res.KeyID)
				assert.Equal(t, pair.Algorithm, res.Algorithm)
			}
		})
	}
}

// TestKeygenKid writes the kid asked for, and refuses an unknown algorithm.
func TestKeygenKid(t *testing.T) {
	var pair playground.KeyPair
	require.NoError(t, json.Unmarshal(playground.Keygen("ES256", []byte(`{"kid": "issuer-2026"}`)), &pair))
	assert.Equal(t, "issuer-2026", pair.KeyID)
	var jwk map[string]any
	require.NoError(t, json.Unmarshal(pair.JWK, &jwk))
	assert.Equal(t, "issuer-2026", jwk["kid"])
	assert.Equal(t, "ES256", jwk["alg"])

	f := readFailure(t, playground.Keygen("A256GCM", nil))
	assert.Equal(t, record.ExitUsage, f.Error.Exit)
}

// TestEncodeFailures reports what the command's encode would, with its
// exit codes.
func TestEncodeFailures(t *testing.T) {
	is := newIssuer(t, 1)
	key := quote(t, privatePEM(t, is))
	cases := []struct {
		name, record, opts string
		stage              claim169.Stage
		exit               int
	}{
		{"no key", testRecord, `{}`, "usage", record.ExitUsage},
		{"public key", testRecord, `{"privateKey": ` + quote(t, is.pubPEM) + `}`, "key", record.ExitMalformed},
		{"bad alg", testRecord, `{"privateKey": ` + key + `, "alg": "HS256"}`, "usage", record.ExitUsage},
		{"alg of another key", testRecord, `{"privateKey": ` + key + `, "alg": "ES256"}`, "key", record.ExitMalformed},
		{"unknown option", testRecord, `{"privateKey": ` + key + `, "level": "H"}`, "usage", record.ExitUsage},
		{"trailing options", testRecord, `{"privateKey": ` + key + `} {}`, "usage", record.ExitUsage},
		{"bad ecc", testRecord, `{"privateKey": ` + key + `, "ecc": "X"}`, "usage", record.ExitUsage},
		{"bad max version", testRecord, `{"privateKey": ` + key + `, "maxVersion": 41}`, "usage", record.ExitUsage},
		{"record typo", `{"claim169": {"fulName": "x"}}`, `{"privateKey": ` + key + `}`, record.Stage, record.ExitMalformed},
		{"too big", testRecord, `{"privateKey": ` + key + `, "ecc": "H", "maxVersion": 1}`, claim169.StageSizeLimit, record.ExitMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := readFailure(t, playground.Encode([]byte(c.record), []byte(c.opts)))
			assert.Equal(t, c.stage, f.Error.Stage, f.Error.Message)
			assert.Equal(t, c.exit, f.Error.Exit)
		})
	}
}

// TestEncodeOptions writes the kid, the CWT tag and the QR figures at the
// level asked for.
func TestEncodeOptions(t *testing.T) {
	is := newIssuer(t, 1)
	out := playground.Encode([]byte(testRecord), opts(t, playground.EncodeOptions{PrivateKey: privatePEM(t, is),
		Alg: "EdDSA", Kid: "k-1", KidUnprotected: true, CWTTag: true, ECC: "Q", MaxVersion: 40}))
	var enc playground.Encoded
	require.NoError(t, json.Unmarshal(out, &enc), "%s", out)
	assert.Equal(t, "Q", enc.QR.ECC)

	var res struct {
		KeyID   string `json:"kid"`
		Headers struct {
			CWTTag      bool              `json:"cwtTag"`
			Unprotected map[string]string `json:"unprotected"`
		} `json:"headers"`
	}
	require.NoError(t, json.Unmarshal(playground.Inspect(enc.Text, nil), &res))
	assert.Equal(t, "k-1", res.KeyID)
	assert.True(t, res.Headers.CWTTag)
	assert.Contains(t, res.Headers.Unprotected, "4 (kid)")

	// The public forms verify it.
	for _, key := range []string{enc.PublicKey, string(enc.JWK)} {
		out := playground.Decode(enc.Text, opts(t, map[string]any{"keys": []string{key}, "now": 1760000000}))
		assert.Contains(t, string(out), `"verification": "verified"`)
	}
	var jwk map[string]any
	require.NoError(t, json.Unmarshal(enc.JWK, &jwk))
	assert.Equal(t, "k-1", jwk["kid"])
	assert.Equal(t, "EdDSA", jwk["alg"])
}
