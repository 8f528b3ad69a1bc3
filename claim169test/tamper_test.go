package claim169test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
)

// Every tampering is refused as its Want says, for every algorithm, and is
// the same on every call.
func TestTamper(t *testing.T) {
	nbf := cwt.NumericDate(Now().Add(-1000).Unix())
	claims := Claims()
	claims.NotBefore = &nbf
	for _, alg := range Algorithms() {
		is, err := NewIssuer(IssuerOptions{Algorithm: alg, KeyID: []byte("kid")})
		require.NoError(t, err)
		dec, err := claim169.NewDecoder(is.DecoderOptions())
		require.NoError(t, err)
		for _, how := range Tampers() {
			t.Run(alg.String()+"/"+string(how), func(t *testing.T) {
				text, err := is.Tamper(testIdentity, claims, how)
				require.NoError(t, err)
				again, err := is.Tamper(testIdentity, claims, how)
				require.NoError(t, err)
				assert.Equal(t, text, again)

				want := how.Want()
				_, err = dec.Decode(text)
				require.ErrorIs(t, err, want.Err)
				var e *claim169.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, want.Stage, e.Stage)
				assert.Equal(t, want.ErrName, ErrorName(err))

				// The credential is otherwise well formed.
				res, err := dec.Inspect(text)
				require.NoError(t, err)
				assert.Equal(t, "ID-TEST-0001", res.Identity.ID)
				if how == ChangeClaim {
					assert.Equal(t, "Test Person (changed)", res.Identity.FullName)
				}
			})
		}
	}
}

func TestTamperRefuses(t *testing.T) {
	is, err := NewIssuer(IssuerOptions{})
	require.NoError(t, err)
	_, err = is.Tamper(testIdentity, nil, "nope")
	assert.Error(t, err)
	assert.Equal(t, Outcome{}, Tamper("nope").Want())
	for _, how := range Tampers() {
		_, err := is.Tamper(nil, nil, how)
		assert.Error(t, err, how)
	}
}
