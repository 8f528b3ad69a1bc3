package cwt

import (
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestMarshalCBOR(t *testing.T) {
	tests := []struct {
		name string
		in   *Claims
		want string
	}{
		{"empty", &Claims{}, "a0"},
		{"rfc 8392 a.1", rfcA1(), rfcA1Hex},
		{"one audience as text", &Claims{Audience: []string{"a"}}, "a1 03 6161"},
		{"one audience as array", &Claims{Audience: []string{"a"}, AudienceArray: true}, "a1 03 816161"},
		{"two audiences without the flag", &Claims{Audience: []string{"a", "b"}}, "a1 03 8261616162"},
		{"empty audience array", &Claims{AudienceArray: true}, "a1 03 80"},
		{"empty audience slice is absent", &Claims{Audience: []string{}}, "a0"},
		{"empty cti", &Claims{ID: []byte{}}, "a1 07 40"},
		{"negative date", &Claims{ExpiresAt: nd(-1)}, "a1 04 20"},
		{"min int64 date", &Claims{NotBefore: nd(-9223372036854775808)}, "a1 05 3b7fffffffffffffff"},
		{"dates as shortest integers", &Claims{ExpiresAt: nd(23), NotBefore: nd(24), IssuedAt: nd(65536)},
			"a3 04 17 05 1818 06 1a00010000"},
		{"extra verbatim and sorted", &Claims{
			Subject:   "s",
			Extra:     map[int64]cbor.RawMessage{-1: {0xf5}, 169: ts.MustHex("bf0101ff"), 8: {0xa0}, 24: {0x00}},
			ExtraText: map[string]cbor.RawMessage{"b": {0x01}, "a": {0x02}, "aa": {0x03}},
		}, "a8 02 6173 08 a0 1818 00 18a9 bf0101ff 20 f5 6161 02 6162 01 626161 03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.MarshalCBOR()
			require.NoError(t, err)
			assert.Equal(t, ts.Unhex(t, tc.want), got)
		})
	}
}

// TestMarshalCBORMatchesStrictcbor checks the hand-built map against
// strictcbor encoding the same map, which is core deterministic by
// construction.
func TestMarshalCBORMatchesStrictcbor(t *testing.T) {
	c := rfcA1()
	c.Audience = append(c.Audience, "coap://other.example")
	c.Extra = map[int64]cbor.RawMessage{-24: {0x01}, -25: {0x02}, 255: {0x03}, 256: {0x04}, 65536: {0x05}, 1 << 32: {0x06}}
	c.ExtraText = map[string]cbor.RawMessage{"": {0x07}, "z": {0x08}, "aaaaaaaaaaaaaaaaaaaaaaaa": {0x09}}
	m := map[any]any{
		KeyIssuer: c.Issuer, KeySubject: c.Subject, KeyAudience: c.Audience,
		KeyExpiration: int64(*c.ExpiresAt), KeyNotBefore: int64(*c.NotBefore), KeyIssuedAt: int64(*c.IssuedAt),
		KeyCWTID: c.ID,
	}
	for k, v := range c.Extra {
		m[k] = v
	}
	for k, v := range c.ExtraText {
		m[k] = v
	}
	want, err := strictcbor.Marshal(m)
	require.NoError(t, err)
	got, err := c.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestMarshalCBORIsDeterministic(t *testing.T) {
	c := &Claims{Extra: map[int64]cbor.RawMessage{}, ExtraText: map[string]cbor.RawMessage{}}
	for i := range int64(200) {
		c.Extra[i*7+8] = cbor.RawMessage{0x00}
		c.ExtraText[string(rune('a'+i%26))+string(rune('a'+i/26))] = cbor.RawMessage{0x01}
	}
	first, err := c.MarshalCBOR()
	require.NoError(t, err)
	for range 20 {
		again, err := c.MarshalCBOR()
		require.NoError(t, err)
		require.Equal(t, first, again)
	}
	back, warnings, err := Parse(first)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Equal(t, c, back)
}

func TestMarshalCBORRejects(t *testing.T) {
	tooMany := map[int64]cbor.RawMessage{}
	for i := range int64(1025) {
		tooMany[100+i] = cbor.RawMessage{0x00}
	}
	deep := cbor.RawMessage(ts.Unhex(t, deepArray(strictcbor.MaxNestedLevels))) // valid alone, one level too deep in the map
	tests := []struct {
		name  string
		in    *Claims
		label int64 // the label of the *ClaimError; 0 when the error is not one
	}{
		{"nil claims", nil, 0},
		{"extra uses iss", &Claims{Extra: map[int64]cbor.RawMessage{KeyIssuer: ts.MustHex("6161")}}, 0},
		{"extra uses exp", &Claims{Extra: map[int64]cbor.RawMessage{KeyExpiration: {0x01}}}, 0},
		{"extra uses cti", &Claims{Extra: map[int64]cbor.RawMessage{KeyCWTID: {0x40}}}, 0},
		{"empty extra value", &Claims{Extra: map[int64]cbor.RawMessage{169: {}}}, 0},
		{"nil extra value", &Claims{Extra: map[int64]cbor.RawMessage{169: nil}}, 0},
		{"truncated extra value", &Claims{Extra: map[int64]cbor.RawMessage{169: {0x62, 0x61}}}, 0},
		{"two items in extra value", &Claims{Extra: map[int64]cbor.RawMessage{169: {0x01, 0x01}}}, 0},
		{"break code as extra value", &Claims{Extra: map[int64]cbor.RawMessage{169: {0xff}}}, 0},
		{"empty text extra value", &Claims{ExtraText: map[string]cbor.RawMessage{"a": {}}}, 0},
		{"two items in text extra value", &Claims{ExtraText: map[string]cbor.RawMessage{"a": {0xa0, 0xa0}}}, 0},
		{"invalid utf-8 text label", &Claims{ExtraText: map[string]cbor.RawMessage{"\xff": {0x01}}}, 0},
		{"too many claims", &Claims{Extra: tooMany}, 0},
		{"extra too deep inside the map", &Claims{Extra: map[int64]cbor.RawMessage{169: deep}}, 0},
		{"invalid utf-8 iss", &Claims{Issuer: "\xff"}, KeyIssuer},
		{"invalid utf-8 sub", &Claims{Subject: "a\xc0"}, KeySubject},
		{"invalid utf-8 aud", &Claims{Audience: []string{"a", "\xff"}}, KeyAudience},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.in.MarshalCBOR()
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, out)
			var ce *ClaimError
			if tc.label == 0 {
				assert.NotErrorAs(t, err, &ce)
				return
			}
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.label, ce.Label)
		})
	}
}

func TestMarshalCBORRoundTripsBuiltClaims(t *testing.T) {
	tests := map[string]*Claims{
		"rfc 8392 a.1":   rfcA1(),
		"empty":          {},
		"audience array": {Audience: []string{"a", "b", "c"}, AudienceArray: true},
		"extremes": {
			ExpiresAt: nd(9223372036854775807), NotBefore: nd(-9223372036854775808), IssuedAt: nd(0),
			ID:    make([]byte, 300),
			Extra: map[int64]cbor.RawMessage{-9223372036854775808: {0xf6}, 9223372036854775807: {0xf7}},
		},
		"claim 169 and cnf": {
			Issuer: "www.mosip.io",
			Extra: map[int64]cbor.RawMessage{
				KeyConfirmation: ts.MustHex("a10346 6b2d31313031"),
				KeyClaim169:     ts.MustHex("a2 01 6a33393138353932343338 09 6131"),
			},
		},
	}
	for name, c := range tests {
		t.Run(name, func(t *testing.T) {
			enc, err := c.MarshalCBOR()
			require.NoError(t, err)
			back, warnings, err := Parse(enc)
			require.NoError(t, err)
			assert.Empty(t, warnings)
			assert.Equal(t, c, back)
		})
	}
}

// sign1 is a small well-formed tagged COSE_Sign1 shape: 18([h”, {}, h”, h”]).
const sign1 = "d2 84 40 a0 40 40"

func TestUntag(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string
		tagged bool
	}{
		{"untagged sign1", sign1, sign1, false},
		{"tag 61", "d83d " + sign1, sign1, true},
		{"tag 61 in two bytes", "d9003d " + sign1, sign1, true},
		{"tag 61 in four bytes", "da0000003d " + sign1, sign1, true},
		{"tag 61 in eight bytes", "db000000000000003d " + sign1, sign1, true},
		{"only one tag stripped", "d83d d83d " + sign1, "d83d " + sign1, true},
		{"tag 61 around anything well-formed", "d83d 01", "01", true},
		{"other tag unchanged", "d8 3c " + sign1, "d8 3c " + sign1, false},
		{"tag 61 lower in the item unchanged", "81 d83d 01", "81 d83d 01", false},
		{"empty unchanged", "", "", false},
		{"truncated head unchanged", "d9 00", "d9 00", false},
		{"not cbor unchanged", "ff", "ff", false},
		{"indefinite tag head unchanged", "df", "df", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ts.Unhex(t, tc.in)
			inner, tagged, err := Untag(in)
			require.NoError(t, err)
			assert.Equal(t, tc.tagged, tagged)
			assert.Equal(t, ts.Unhex(t, tc.want), inner)
		})
	}
}

func TestUntagRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"tag 61 alone", "d83d"},
		{"tag 61 around break", "d83d ff"},
		{"tag 61 around truncated item", "d83d 84 40 a0"},
		{"tag 61 with trailing bytes", "d83d " + sign1 + " 00"},
		{"tag 61 around two items", "d83d 01 01"},
		{"tag 61 beyond the nesting limit", "d83d " + deepArray(strictcbor.MaxNestedLevels+1)},
		{"tag 61 around a too-long tag chain", "d83d " + strings.Repeat("d818", strictcbor.MaxNestedLevels+1) + "00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inner, tagged, err := Untag(ts.Unhex(t, tc.in))
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, inner)
			assert.False(t, tagged)
		})
	}
}

func TestAddTag(t *testing.T) {
	msg := ts.Unhex(t, sign1)
	orig := append([]byte(nil), msg...)
	got := AddTag(msg)
	assert.Equal(t, ts.Unhex(t, "d83d "+sign1), got)
	assert.Equal(t, orig, msg, "input unchanged")
	got[2] = 0
	assert.Equal(t, orig, msg, "output does not alias the input")

	assert.Equal(t, ts.Unhex(t, "d83d"), AddTag(nil))
}
