package playground_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
)

// now is the clock of the tests: between the issue and expiry of the
// credentials they make.
var now = time.Unix(1760000000, 0)

// issuer is a fixed Ed25519 key with its public PEM and JWK.
type issuer struct {
	key    ed25519.PrivateKey
	pubPEM string
	jwk    string
}

func newIssuer(t *testing.T, seed byte) issuer {
	t.Helper()
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	pem, err := keys.MarshalPublicPEM(key.Public())
	require.NoError(t, err)
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "issuer-1", Public: key.Public()})
	require.NoError(t, err)
	return issuer{key: key, pubPEM: string(pem), jwk: string(jwk)}
}

// credential issues an identity that expires at exp.
func (is issuer) credential(t *testing.T, exp time.Time) string {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: is.key, KeyID: []byte("issuer-1")})
	require.NoError(t, err)
	out, err := enc.Encode(&claim169.Identity{ID: "3918592438", FullName: "Janardhan BS", Gender: claim169.GenderMale},
		&cwt.Claims{Issuer: "www.mosip.io", IssuedAt: cwt.NewNumericDate(now.Add(-time.Hour)), ExpiresAt: cwt.NewNumericDate(exp)})
	require.NoError(t, err)
	return out.Text
}

// opts returns the JSON of v.
func opts(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	return data
}

// commandJSON returns out as the command prints it (record.Marshal).
func commandJSON(t *testing.T, out *record.Output) string {
	t.Helper()
	data, err := record.Marshal(out)
	require.NoError(t, err)
	return string(data)
}

// failureOf reads the JSON of a failed operation.
type failureOf struct {
	Verification string          `json:"verification"`
	Error        *record.Failure `json:"error"`
}

func readFailure(t *testing.T, data []byte) failureOf {
	t.Helper()
	var f failureOf
	require.NoError(t, json.Unmarshal(data, &f))
	require.NotNil(t, f.Error, "want a failure, got %s", data)
	return f
}

// quote returns s as a JSON string.
func quote(t *testing.T, s string) string {
	t.Helper()
	return string(opts(t, s))
}

// privatePEM returns the issuer's private key in PKCS #8 PEM.
func privatePEM(t *testing.T, is issuer) string {
	t.Helper()
	pem, err := keys.MarshalPrivatePEM(is.key)
	require.NoError(t, err)
	return string(pem)
}

func jsonNumber(n int64) string { return strconv.FormatInt(n, 10) }
