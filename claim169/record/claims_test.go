package record_test

import (
	"encoding/json"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
)

func TestClaimsJSON(t *testing.T) {
	exp := cwt.NumericDate(1800000000)
	c := &cwt.Claims{Issuer: "example.org", Audience: []string{"one"}, ExpiresAt: &exp, ID: []byte{},
		Extra: map[int64]cbor.RawMessage{169: {0xa0}}}
	out, err := json.Marshal((*record.Claims)(c))
	require.NoError(t, err)
	assert.Equal(t, `{"issuer":"example.org","audience":["one"],"expiresAt":1800000000,"cwtId":""}`, string(out),
		"an empty cti is present; other claims have no JSON form")

	out, err = json.Marshal(new(record.Claims))
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(out))

	for in, want := range map[string]*cwt.Claims{
		`{"audience":"one"}`:                     {Audience: []string{"one"}},
		`{"audience":["one"]}`:                   {Audience: []string{"one"}},
		`{"audience":null,"issuer":null}`:        {},
		`{"cwtId":"0A0b"}`:                       {ID: []byte{10, 11}},
		`{"subject":"s","notBefore":-1}`:         {Subject: "s", NotBefore: ptr(cwt.NumericDate(-1))},
		`{"issuedAt":9223372036854775807}`:       {IssuedAt: ptr(cwt.NumericDate(9223372036854775807))},
		`{"issuer":"a\u0026b","expiresAt":null}`: {Issuer: "a&b"},
	} {
		var got record.Claims
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, (*cwt.Claims)(&got), in)
	}
}

func ptr[T any](v T) *T { return &v }
