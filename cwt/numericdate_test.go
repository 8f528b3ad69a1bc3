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

func TestValidate(t *testing.T) {
	const warnIat = "cwt: iat is in the future"
	window := &Claims{NotBefore: nd(500), IssuedAt: nd(600), ExpiresAt: nd(1000)}
	at := func(sec int64, nsec int64) time.Time { return time.Unix(sec, nsec) }
	tests := []struct {
		name     string
		claims   *Claims
		now      time.Time
		skew     time.Duration
		want     error
		warnings []string
	}{
		{"inside the window", window, at(700, 0), 0, nil, nil},
		{"just before exp", window, at(999, 999_999_999), 0, nil, nil},
		{"at exp", window, at(1000, 0), 0, ErrExpired, nil},
		{"after exp", window, at(1000, 1), 0, ErrExpired, nil},
		{"exp within skew", window, at(1004, 999_999_999), 5 * time.Second, nil, nil},
		{"at exp plus skew", window, at(1005, 0), 5 * time.Second, ErrExpired, nil},
		{"before nbf", window, at(499, 999_999_999), 0, ErrNotYetValid, nil},
		{"at nbf", window, at(500, 0), 0, nil, []string{warnIat}},
		{"nbf within skew", window, at(495, 0), 5 * time.Second, nil, []string{warnIat}},
		{"before nbf minus skew", window, at(494, 999_999_999), 5 * time.Second, ErrNotYetValid, nil},
		{"negative skew counts as zero at exp", window, at(999, 0), -10 * time.Second, nil, nil},
		{"negative skew counts as zero at nbf", window, at(500, 0), -10 * time.Second, nil, []string{warnIat}},
		{"iat in the future", window, at(599, 0), 0, nil, []string{warnIat}},
		{"iat in the future just", window, at(599, 999_999_999), 0, nil, []string{warnIat}},
		{"iat now", window, at(600, 0), 0, nil, nil},
		{"iat within skew", window, at(599, 0), time.Second, nil, nil},
		{"exp checked before nbf", &Claims{NotBefore: nd(2000), ExpiresAt: nd(1000)}, at(1500, 0), 0, ErrExpired, nil},
		{"no time claims", &Claims{}, at(1500, 0), 0, nil, nil},
		{"iat only, in the future", &Claims{IssuedAt: nd(2000)}, at(1500, 0), 0, nil, []string{warnIat}},
		{"exp at max int64", &Claims{ExpiresAt: nd(math.MaxInt64)}, time.Now(), 0, nil, nil},
		{"exp at min int64", &Claims{ExpiresAt: nd(math.MinInt64)}, time.Now(), 0, ErrExpired, nil},
		{"nbf at max int64", &Claims{NotBefore: nd(math.MaxInt64)}, time.Now(), 0, ErrNotYetValid, nil},
		{"nbf at min int64", &Claims{NotBefore: nd(math.MinInt64)}, time.Now(), 0, nil, nil},
		{"iat at max int64", &Claims{IssuedAt: nd(math.MaxInt64)}, time.Now(), 0, nil, []string{warnIat}},
		{"largest skew", &Claims{ExpiresAt: nd(0), NotBefore: nd(4e9)}, at(1e9, 0), math.MaxInt64, nil, nil},
		{"before the epoch", &Claims{ExpiresAt: nd(-100)}, at(-101, 500_000_000), 0, nil, nil},
		{"before the epoch at exp", &Claims{ExpiresAt: nd(-100)}, at(-100, 0), 0, ErrExpired, nil},
		{"rfc 8392 a.1 valid", rfcA1(), time.Date(2015, 10, 5, 0, 0, 0, 0, time.UTC), 0, nil, nil},
		{"rfc 8392 a.1 expired", rfcA1(), time.Date(2015, 10, 5, 17, 9, 4, 0, time.UTC), 0, ErrExpired, nil},
		{"rfc 8392 a.1 early", rfcA1(), time.Date(2015, 10, 4, 7, 49, 3, 0, time.UTC), 0, ErrNotYetValid, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			warnings, err := tc.claims.Validate(tc.now, tc.skew)
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.want)
				assert.Nil(t, warnings)
			}
			assert.Equal(t, tc.warnings, warnings)
		})
	}
}

func TestValidateNil(t *testing.T) {
	var c *Claims
	warnings, err := c.Validate(time.Now(), 0)
	require.ErrorIs(t, err, ErrMalformed)
	assert.Nil(t, warnings)
}

// The validity errors name the date, the time checked and the skew.
func TestValidateErrorsNameTheDates(t *testing.T) {
	exp, nbf := NumericDate(1787912445), NumericDate(1756376445)
	c := &Claims{ExpiresAt: &exp, NotBefore: &nbf}
	_, err := c.Validate(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Minute)
	require.ErrorIs(t, err, ErrExpired)
	assert.Equal(t, "cwt: token expired (exp): exp 2026-08-28T10:20:45Z, checked at 2027-01-01T00:00:00Z with 1m0s skew", err.Error())
	_, err = c.Validate(time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("IST", 19800)), 0)
	require.ErrorIs(t, err, ErrNotYetValid)
	assert.Equal(t, "cwt: token not yet valid (nbf): nbf 2025-08-28T10:20:45Z, checked at 2024-12-31T18:30:00Z with 0s skew", err.Error())
}
