package cwt

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumericDateTime(t *testing.T) {
	tests := []struct {
		name string
		in   NumericDate
		want time.Time
	}{
		{"epoch", 0, time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"rfc 8392 a.1 exp", 1444064944, time.Date(2015, 10, 5, 17, 9, 4, 0, time.UTC)},
		{"rfc 8392 a.1 iat", 1443944944, time.Date(2015, 10, 4, 7, 49, 4, 0, time.UTC)},
		{"before the epoch", -1, time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in.Time()
			assert.True(t, tc.want.Equal(got))
			assert.Equal(t, time.UTC, got.Location())
		})
	}
}

func TestNewNumericDate(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want NumericDate
	}{
		{"whole second", time.Unix(1444064944, 0), 1444064944},
		{"fraction truncated", time.Unix(5, 999_999_999), 5},
		{"before the epoch floors", time.Unix(-1, 500_000_000), -1},
		{"zone does not matter", time.Date(2015, 10, 5, 19, 9, 4, 0, time.FixedZone("x", 2*3600)), 1444064944},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NewNumericDate(tc.in)
			require.NotNil(t, got)
			assert.Equal(t, tc.want, *got)
		})
	}
}

func TestNumericDateJSON(t *testing.T) {
	for _, d := range []NumericDate{0, 1444064944, -5, math.MaxInt64, math.MinInt64} {
		out, err := json.Marshal(d)
		require.NoError(t, err)
		var n json.Number
		require.NoError(t, json.Unmarshal(out, &n), "a plain JSON number")
		assert.Equal(t, json.Number(out), n)
		var back NumericDate
		require.NoError(t, json.Unmarshal(out, &back))
		assert.Equal(t, d, back)
	}
}

func TestClaimsJSON(t *testing.T) {
	out, err := json.Marshal(rfcA1())
	require.NoError(t, err)
	assert.JSONEq(t, `{"issuer": "coap://as.example.com", "subject": "erikw",
		"audience": ["coap://light.example.com"], "expiresAt": 1444064944,
		"notBefore": 1443944944, "issuedAt": 1443944944, "id": "C3E="}`, string(out))

	var back Claims
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, rfcA1(), &back)

	out, err = json.Marshal(&Claims{Extra: map[int64]cbor.RawMessage{169: {0xa0}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(out), "raw claims stay out of JSON")
}

func TestNumericDateString(t *testing.T) {
	for _, tc := range []struct {
		d    NumericDate
		want string
	}{
		{0, "1970-01-01T00:00:00Z"},
		{1767225600, "2026-01-01T00:00:00Z"},
		{-1, "1969-12-31T23:59:59Z"},
	} {
		assert.Equal(t, tc.want, tc.d.String())
		assert.Equal(t, tc.want, fmt.Sprint(tc.d))
	}
}
