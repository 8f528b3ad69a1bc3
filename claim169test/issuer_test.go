package claim169test

import (
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

var testIdentity = &claim169.Identity{ID: "ID-TEST-0001", FullName: "Test Person", DateOfBirth: "19900101"}

// Issuing twice gives the same QR text, for every algorithm; the COSE
// message is the same on every run as well: it is compared with the file
// in testdata/issued (-update rewrites it). The text depends also on the Go
// release's deflate, so it is not pinned across releases.
func TestIssuerDeterministic(t *testing.T) {
	for _, alg := range Algorithms() {
		t.Run(alg.String(), func(t *testing.T) {
			is, err := NewIssuer(IssuerOptions{Algorithm: alg, KeyID: []byte("test-" + alg.String())})
			require.NoError(t, err)
			first, err := is.Issue(testIdentity, nil)
			require.NoError(t, err)
			again, err := NewIssuer(IssuerOptions{Algorithm: alg, KeyID: []byte("test-" + alg.String())})
			require.NoError(t, err)
			for range 2 {
				second, err := again.Issue(testIdentity, nil)
				require.NoError(t, err)
				assert.Equal(t, first.Text, second.Text)
			}

			golden := filepath.Join("testdata", "issued", strings.ToLower(alg.String())+".hex")
			want := ts.GoldenFile(t, golden, []byte(hex.EncodeToString(first.Stages.COSE)+"\n"), *update)
			assert.Equal(t, strings.TrimSpace(string(want)), hex.EncodeToString(first.Stages.COSE), "the COSE message of a former run")

			dec, err := claim169.NewDecoder(is.DecoderOptions())
			require.NoError(t, err)
			res, err := dec.Decode(first.Text)
			require.NoError(t, err)
			assert.Equal(t, claim169.Verified, res.Verification)
			assert.Equal(t, alg, res.Algorithm)
			assert.Equal(t, "Test Person", res.Identity.FullName)
			assert.Equal(t, "https://issuer.example", res.Claims.Issuer)
			assert.Equal(t, alg, is.Algorithm())
		})
	}
}

func TestIssuerOptions(t *testing.T) {
	is, err := NewIssuer(IssuerOptions{})
	require.NoError(t, err)
	assert.Equal(t, cose.EdDSA, is.Algorithm())
	for _, alg := range []cose.Algorithm{cose.RS256, cose.A256GCM, cose.Algorithm(-999)} {
		_, err := NewIssuer(IssuerOptions{Algorithm: alg})
		assert.Error(t, err, alg)
		assert.Panics(t, func() { Signer(alg) }, alg)
	}
	_, err = is.Issue(nil, nil)
	assert.Error(t, err)

	tagged, err := NewIssuer(IssuerOptions{KeyID: []byte("k"), KeyIDUnprotected: true, CWTTag: true, Untagged: true})
	require.NoError(t, err)
	enc, err := tagged.Issue(testIdentity, nil)
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(tagged.DecoderOptions())
	require.NoError(t, err)
	res, err := dec.Decode(enc.Text)
	require.NoError(t, err)
	assert.True(t, res.CWTTagged)
	assert.Equal(t, []byte("k"), res.KeyID)
	assert.False(t, res.Sign1.Tagged)
}

func TestClaims(t *testing.T) {
	c := Claims()
	assert.Equal(t, Now().Unix(), int64(*c.IssuedAt))
	assert.Equal(t, Now().AddDate(10, 0, 0).Unix(), int64(*c.ExpiresAt))
	c.Issuer = "changed"
	assert.Equal(t, "https://issuer.example", Claims().Issuer)
	assert.Equal(t, "2026-01-01T00:00:00Z", Now().Format("2006-01-02T15:04:05Z07:00"))
}
