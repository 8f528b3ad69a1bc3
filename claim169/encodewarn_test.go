package claim169

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cwt"
)

// The encoder warns about what verifiers will question, and still encodes.
func TestEncodeWarnings(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	enc, err := NewEncoder(EncoderOptions{Signer: ed25519.NewKeyFromSeed(make([]byte, 32)), Now: func() time.Time { return now }})
	require.NoError(t, err)
	future := &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now.AddDate(5, 0, 0))}
	tests := []struct {
		name   string
		id     *Identity
		claims *cwt.Claims
		want   []string
	}{
		{"nothing to say", &Identity{ID: "1", DateOfBirth: "19840418"}, future, nil},
		{"date of birth with dashes", &Identity{ID: "1", DateOfBirth: "1984-04-18"}, future, nil},
		{"date of birth, other form", &Identity{ID: "1", DateOfBirth: "18/04/1984"}, future,
			[]string{"claim169: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification"}},
		{"date of birth, no such day", &Identity{ID: "1", DateOfBirth: "19840231"}, future,
			[]string{"claim169: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification"}},
		{"no claims", &Identity{ID: "1"}, nil, []string{"claim169: no expiry (cwt exp): the credential never expires"}},
		{"no expiry", &Identity{ID: "1"}, &cwt.Claims{Issuer: "https://id.example.org"},
			[]string{"claim169: no expiry (cwt exp): the credential never expires"}},
		{"expired", &Identity{ID: "1"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now.Add(-time.Hour))},
			[]string{"claim169: exp 2026-12-31T23:00:00Z is already past at 2027-01-01T00:00:00Z: verifiers will refuse the credential as expired"}},
		{"expiring now", &Identity{ID: "1"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now)},
			[]string{"claim169: exp 2027-01-01T00:00:00Z is already past at 2027-01-01T00:00:00Z: verifiers will refuse the credential as expired"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := enc.Encode(tc.id, tc.claims)
			require.NoError(t, err)
			assert.NotEmpty(t, out.Text)
			assert.Equal(t, tc.want, out.Warnings)
		})
	}
}
