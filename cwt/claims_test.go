package cwt

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// acceptedCases are claims sets Parse accepts. canonical marks inputs that
// are core deterministic and must re-encode to the same bytes.
var acceptedCases = []struct {
	name      string
	in        string
	want      *Claims
	warnings  []string
	canonical bool
}{
	{"empty map", "a0", &Claims{}, nil, true},
	{"rfc 8392 a.1", rfcA1Hex, rfcA1(), nil, true},
	{"negative date", "a1 04 20", &Claims{ExpiresAt: nd(-1)}, nil, true},
	{"zero date", "a1 05 00", &Claims{NotBefore: nd(0)}, nil, true},
	{"max int64 date", "a1 04 1b7fffffffffffffff", &Claims{ExpiresAt: nd(math.MaxInt64)}, nil, true},
	{"min int64 date", "a1 04 3b7fffffffffffffff", &Claims{ExpiresAt: nd(math.MinInt64)}, nil, true},
	{"non-shortest integer date", "a1 04 1b0000000000000005", &Claims{ExpiresAt: nd(5)}, nil, false},
	{"float16 date", "a1 04 f93e00", &Claims{ExpiresAt: nd(1)}, []string{warnFloat(KeyExpiration)}, false},
	{"negative float floors down", "a1 04 f9b800", &Claims{ExpiresAt: nd(-1)}, []string{warnFloat(KeyExpiration)}, false},
	{"float32 date", "a1 05 fa4f000000", &Claims{NotBefore: nd(2147483648)}, []string{warnFloat(KeyNotBefore)}, false},
	{"float64 date (rfc 8392 a.7)", "a1 06 fb41d584367c200000", &Claims{IssuedAt: nd(1443944944)}, []string{warnFloat(KeyIssuedAt)}, false},
	{"float -2^63", "a1 04 fbc3e0000000000000", &Claims{ExpiresAt: nd(math.MinInt64)}, []string{warnFloat(KeyExpiration)}, false},
	{"tag 1 integer", "a1 04 c11a5612aeb0", &Claims{ExpiresAt: nd(1444064944)}, []string{warnTag1(KeyExpiration)}, false},
	{"tag 1 float", "a1 06 c1fb41d584367c200000", &Claims{IssuedAt: nd(1443944944)},
		[]string{warnTag1(KeyIssuedAt), warnFloat(KeyIssuedAt)}, false},
	{"warnings in label order", "a2 04 f93e00 05 c100", &Claims{ExpiresAt: nd(1), NotBefore: nd(0)},
		[]string{warnFloat(KeyExpiration), warnTag1(KeyNotBefore)}, false},
	{"aud array of one", "a1 03 816161", &Claims{Audience: []string{"a"}, AudienceArray: true}, nil, true},
	{"aud array of two", "a1 03 8261616162", &Claims{Audience: []string{"a", "b"}, AudienceArray: true}, nil, true},
	{"aud empty array", "a1 03 80", &Claims{AudienceArray: true}, nil, true},
	{"aud empty string", "a1 03 60", &Claims{Audience: []string{""}}, nil, true},
	{"iss empty string", "a1 01 60", &Claims{}, []string{"cwt: iss is an empty string; treated as absent"}, false},
	{"sub empty string", "a1 02 60", &Claims{}, []string{"cwt: sub is an empty string; treated as absent"}, false},
	{"cti empty", "a1 07 40", &Claims{ID: []byte{}}, nil, true},
	{"indefinite-length iss", "a1 01 7f61616162ff", &Claims{Issuer: "ab"}, nil, false},
	{"indefinite-length map", "bf 01 6161 ff", &Claims{Issuer: "a"}, nil, false},
	{"indefinite-length cti", "a1 07 5f4101ff", &Claims{ID: []byte{1}}, nil, false},
	{"cnf kept raw", "a1 08 a10342abcd", &Claims{Extra: map[int64]cbor.RawMessage{8: ts.MustHex("a10342abcd")}}, nil, true},
	{"claim 169 map kept raw", "a1 18a9 a2016161096131",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("a2016161096131")}}, nil, true},
	{"claim 169 byte string kept raw", "a1 18a9 43a10101",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("43a10101")}}, nil, true},
	{"non-canonical extra kept verbatim", "a1 18a9 bf0101ff",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("bf0101ff")}}, nil, true},
	{"invalid utf-8 inside extra kept verbatim", "a1 18a9 61ff",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("61ff")}}, nil, true},
	{"self-described tag on extra kept", "a1 18a9 d9d9f7a0",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("d9d9f7a0")}}, nil, true},
	{"self-described tag on text extra kept", "a1 6161 d9d9f7a0",
		&Claims{ExtraText: map[string]cbor.RawMessage{"a": ts.MustHex("d9d9f7a0")}}, nil, true},
	{"invalid tag 1 content inside extra kept", "a1 18a9 c16131",
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex("c16131")}}, nil, true},
	{"extra at the nesting limit", "a1 18a9 " + deepArray(strictcbor.MaxNestedLevels-1),
		&Claims{Extra: map[int64]cbor.RawMessage{169: ts.MustHex(deepArray(strictcbor.MaxNestedLevels - 1))}}, nil, true},
	{"null extra kept raw", "a1 08 f6", &Claims{Extra: map[int64]cbor.RawMessage{8: {0xf6}}}, nil, true},
	{"negative label", "a1 20 f5", &Claims{Extra: map[int64]cbor.RawMessage{-1: {0xf5}}}, nil, true},
	{"largest label", "a1 1b7fffffffffffffff 00",
		&Claims{Extra: map[int64]cbor.RawMessage{math.MaxInt64: {0x00}}}, nil, true},
	{"text label", "a1 6378797a 01", &Claims{ExtraText: map[string]cbor.RawMessage{"xyz": {0x01}}}, nil, true},
	{"text label iss is not claim 1", "a1 63697373 6161",
		&Claims{ExtraText: map[string]cbor.RawMessage{"iss": ts.MustHex("6161")}}, nil, true},
	{"same value under int and text label", "a2 01 6161 6131 6161",
		&Claims{Issuer: "a", ExtraText: map[string]cbor.RawMessage{"1": ts.MustHex("6161")}}, nil, true},
	{"all key kinds sorted", "a5 01 6161 08 a0 18a9 a0 20 f5 6178 01", &Claims{
		Issuer:    "a",
		Extra:     map[int64]cbor.RawMessage{8: {0xa0}, 169: {0xa0}, -1: {0xf5}},
		ExtraText: map[string]cbor.RawMessage{"x": {0x01}},
	}, nil, true},
}

func TestParseAccepts(t *testing.T) {
	for _, tc := range acceptedCases {
		t.Run(tc.name, func(t *testing.T) {
			got, warnings, err := Parse(ts.Unhex(t, tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.warnings, warnings)
		})
	}
}

func TestMarshalCBORReproducesCanonicalInput(t *testing.T) {
	for _, tc := range acceptedCases {
		if !tc.canonical {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			in := ts.Unhex(t, tc.in)
			c, warnings, err := Parse(in)
			require.NoError(t, err)
			require.Empty(t, warnings)
			out, err := c.MarshalCBOR()
			require.NoError(t, err)
			assert.Equal(t, in, out)
		})
	}
}

func TestParseNormalizesToleratedInput(t *testing.T) {
	for _, tc := range acceptedCases {
		if tc.canonical {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := Parse(ts.Unhex(t, tc.in))
			require.NoError(t, err)
			out, err := c.MarshalCBOR()
			require.NoError(t, err)
			again, warnings, err := Parse(out)
			require.NoError(t, err)
			assert.Empty(t, warnings, "re-encoded claims are canonical")
			assert.Equal(t, tc.want, again)
		})
	}
}

// deepArray returns n nested arrays around 0.
func deepArray(n int) string {
	return strings.Repeat("81", n) + "00"
}

// manyPairs returns a map of n integer-labelled claims 100, 101, ….
func manyPairs(n int) string {
	var b strings.Builder
	b.WriteString("b9")
	b.WriteString(hex4(n))
	for i := range n {
		b.WriteString("19" + hex4(100+i) + "00")
	}
	return b.String()
}

func hex4(n int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[n>>12&15], digits[n>>8&15], digits[n>>4&15], digits[n&15]})
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		label int64 // the label of the *ClaimError; 0 when the error is not one
	}{
		{"empty input", "", 0},
		{"array", "80", 0},
		{"text string", "6161", 0},
		{"integer", "01", 0},
		{"null", "f6", 0},
		{"map under tag 61", "d83d a0", 0},
		{"truncated map", "a1 01", 0},
		{"truncated text", "a1 01 6261", 0},
		{"trailing byte", "a0 00", 0},
		{"two maps", "a0 a0", 0},
		{"break without indefinite item", "a0 ff", 0},
		{"duplicate integer labels", "a2 01 6161 01 6162", 0},
		{"duplicate labels encoded differently", "a2 01 6161 1801 6162", 0},
		{"duplicate text labels", "a2 6161 01 6161 02", 0},
		{"duplicate labels in indefinite map", "bf 04 01 04 02 ff", 0},
		{"byte string label", "a1 4101 01", 0},
		{"float label", "a1 f93c00 01", 0},
		{"bool label", "a1 f5 01", 0},
		{"null label", "a1 f6 01", 0},
		{"array label", "a1 80 01", 0},
		{"tagged label", "a1 c1 01 01", 0},
		{"label above int64", "a1 1b8000000000000000 01", 0},
		{"label below int64", "a1 3b8000000000000000 01", 0},
		{"bignum label", "a1 c24101 01", 0},
		{"invalid utf-8 text label", "a1 61ff 01", 0},
		{"nesting limit", "a1 18a9 " + deepArray(strictcbor.MaxNestedLevels), 0},
		{"tag nesting limit", "a1 18a9 " + strings.Repeat("d818", strictcbor.MaxNestedLevels+1) + "00", 0},
		{"map pair limit", manyPairs(strictcbor.MaxMapPairs + 1), 0},
		{"aud array element limit", "a1 03 9904 01" + strings.Repeat("60", strictcbor.MaxArrayElements+1), 0},
		{"iss byte string", "a1 01 4161", KeyIssuer},
		{"iss integer", "a1 01 01", KeyIssuer},
		{"iss null", "a1 01 f6", KeyIssuer},
		{"iss under uri tag", "a1 01 d820 6161", KeyIssuer},
		{"iss array", "a1 01 816161", KeyIssuer},
		{"iss invalid utf-8", "a1 01 61ff", KeyIssuer},
		{"sub integer", "a1 02 00", KeySubject},
		{"sub map", "a1 02 a0", KeySubject},
		{"aud integer", "a1 03 00", KeyAudience},
		{"aud map", "a1 03 a0", KeyAudience},
		{"aud byte string", "a1 03 4161", KeyAudience},
		{"aud array with integer", "a1 03 82 6161 01", KeyAudience},
		{"aud nested array", "a1 03 81 816161", KeyAudience},
		{"aud array with invalid utf-8", "a1 03 81 61ff", KeyAudience},
		{"exp text", "a1 04 6131", KeyExpiration},
		{"exp byte string", "a1 04 4101", KeyExpiration},
		{"exp true", "a1 04 f5", KeyExpiration},
		{"exp null", "a1 04 f6", KeyExpiration},
		{"exp undefined", "a1 04 f7", KeyExpiration},
		{"exp simple value", "a1 04 f0", KeyExpiration},
		{"exp array", "a1 04 8101", KeyExpiration},
		{"exp nan", "a1 04 f97e00", KeyExpiration},
		{"exp +inf", "a1 04 f97c00", KeyExpiration},
		{"exp -inf", "a1 04 f9fc00", KeyExpiration},
		{"exp float 2^63", "a1 04 fb43e0000000000000", KeyExpiration},
		{"exp float 1e19", "a1 04 fb43e158e460913d00", KeyExpiration},
		{"exp float -1e19", "a1 04 fbc3e158e460913d00", KeyExpiration},
		{"exp float max", "a1 04 fb7fefffffffffffff", KeyExpiration},
		{"exp above int64", "a1 04 1b8000000000000000", KeyExpiration},
		{"exp max uint64", "a1 04 1bffffffffffffffff", KeyExpiration},
		{"exp below int64", "a1 04 3b8000000000000000", KeyExpiration},
		{"exp bignum", "a1 04 c24101", KeyExpiration},
		{"exp tag 0 date string", "a1 04 c0 6131", KeyExpiration},
		{"exp tag 1 around text", "a1 04 c1 6131", KeyExpiration},
		{"exp self-described tag", "a1 04 d9d9f7 01", KeyExpiration},
		{"iss self-described tag", "a1 01 d9d9f7 6161", KeyIssuer},
		{"aud element self-described tag", "a1 03 81 d9d9f7 6161", KeyAudience},
		{"exp tag 1 around tag 1", "a1 04 c1c101", KeyExpiration},
		{"exp tag 1 around nan", "a1 04 c1f97e00", KeyExpiration},
		{"exp decimal fraction", "a1 04 c482 20 0f", KeyExpiration},
		{"nbf text", "a1 05 6131", KeyNotBefore},
		{"nbf above int64", "a1 05 1b8000000000000000", KeyNotBefore},
		{"iat text", "a1 06 6131", KeyIssuedAt},
		{"iat nan", "a1 06 f97e00", KeyIssuedAt},
		{"cti text", "a1 07 6161", KeyCWTID},
		{"cti integer", "a1 07 01", KeyCWTID},
		{"cti tagged", "a1 07 d818 4101", KeyCWTID},
		{"first bad claim in label order", "a3 07 00 04 6131 01 01", KeyIssuer},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, warnings, err := Parse(ts.Unhex(t, tc.in))
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, c)
			assert.Nil(t, warnings)
			var ce *ClaimError
			if tc.label == 0 {
				assert.False(t, errors.As(err, &ce), "not a claim error")
				return
			}
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.label, ce.Label)
		})
	}
}

func TestParseAtTheLimits(t *testing.T) {
	c, _, err := Parse(ts.Unhex(t, manyPairs(strictcbor.MaxMapPairs)))
	require.NoError(t, err)
	assert.Len(t, c.Extra, strictcbor.MaxMapPairs)

	c, _, err = Parse(ts.Unhex(t, "a1 03 9904 00"+strings.Repeat("6161", strictcbor.MaxArrayElements)))
	require.NoError(t, err)
	assert.Len(t, c.Audience, strictcbor.MaxArrayElements)
}

func TestParseKeepsNoReferenceToInput(t *testing.T) {
	in := ts.Unhex(t, "a2 07 420b71 18a9 a10161 61")
	c, _, err := Parse(in)
	require.NoError(t, err)
	for i := range in {
		in[i] = 0
	}
	assert.Equal(t, []byte{0x0b, 0x71}, c.ID)
	assert.Equal(t, cbor.RawMessage(ts.Unhex(t, "a1016161")), c.Extra[KeyClaim169])
}

func TestParseRawClaimsDoNotShareCapacity(t *testing.T) {
	c, _, err := Parse(ts.Unhex(t, "a2 18a9 01 18aa 02"))
	require.NoError(t, err)
	_ = append(c.Extra[169], 0xff)
	assert.Equal(t, cbor.RawMessage{0x02}, c.Extra[170])
}

func TestMessagesCarryNoValues(t *testing.T) {
	// Every value below contains the marker 7777 (or its bytes).
	inputs := []string{
		"a1 01 19 7777",             // iss integer
		"a1 04 64 37373737",         // exp text "7777"
		"a1 04 c1 64 37373737",      // exp tag 1 around text
		"a1 04 fb 40be618000000000", // exp float 7777.5
		"a1 04 c1 fb 40be618000000000",
		"a1 04 fb 7ff8000000007777",      // NaN with a payload
		"a2 01 6437373737 01 6437373737", // duplicate
		"a1 43 777777 01",                // byte string label
		"a0 437777",                      // trailing
		"a1 01 64 37373737",              // valid iss, must not leak in warnings
		"a1 63 373737 f6",
	}
	for _, in := range inputs {
		_, warnings, err := Parse(ts.Unhex(t, in))
		if err != nil {
			assert.NotContains(t, err.Error(), "7777", in)
		}
		for _, w := range warnings {
			assert.NotContains(t, w, "7777", in)
			assert.True(t, strings.HasPrefix(w, "cwt: "), "warnings carry the package prefix")
		}
	}
}

func TestUnmarshalCBOR(t *testing.T) {
	type envelope struct {
		Claims Claims `cbor:"1,keyasint"`
	}
	in := ts.Unhex(t, "a1 01 "+rfcA1Hex)
	var env envelope
	require.NoError(t, cbor.Unmarshal(in, &env))
	assert.Equal(t, *rfcA1(), env.Claims)

	bad := ts.Unhex(t, "a1 01 a1 04 6131")
	err := cbor.Unmarshal(bad, &env)
	require.ErrorIs(t, err, ErrMalformed)

	out, err := cbor.Marshal(envelope{Claims: *rfcA1()})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(in, out), "embedded claims marshal through MarshalCBOR")
}
