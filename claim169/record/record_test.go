package record_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

func TestRecordRoundTrip(t *testing.T) {
	in := `{"claim169":{"id":"1","fullName":"Ada","gender":2,"photo":"/9j/","unknown":{"80":"x"}},` +
		`"cwt":{"issuer":"example.org","subject":"s","audience":["a","b"],"expiresAt":1800000000,` +
		`"notBefore":1700000000,"issuedAt":1700000000,"cwtId":"0102"}}`
	rec, err := record.Parse([]byte(in))
	require.NoError(t, err)
	assert.Equal(t, "Ada", rec.Identity.FullName)
	assert.Equal(t, []string{"a", "b"}, rec.Claims.Audience)
	assert.Equal(t, []byte{1, 2}, rec.Claims.ID)
	out, err := json.Marshal(rec)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))

	var back record.Record
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, rec, &back)
}

func TestRecordOptionalClaims(t *testing.T) {
	for _, in := range []string{`{"claim169":{"id":"1"}}`, `{"claim169":{"id":"1"},"cwt":null}`} {
		rec, err := record.Parse([]byte(in))
		require.NoError(t, err, in)
		assert.Nil(t, rec.Claims, in)
	}
	out, err := json.Marshal(record.Record{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"claim169":{},"cwt":{}}`, string(out), "nil parts are written as {}")
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		shown    string // in the error
	}{
		{"not JSON", `{"claim169":`, "invalid JSON"},
		{"not UTF-8", "{\"claim169\":{},\"cwt\":{\"issuer\":\"\xfe\"}}", "UTF-8"},
		{"no identity", `{"cwt":{}}`, `no "claim169" object`},
		{"null identity", `{"claim169":null}`, `no "claim169" object`},
		{"unknown top field", `{"claim169":{},"extra":1}`, `unknown field ("extra")`},
		{"unknown identity field", `{"claim169":{"fulName":"Janardhan BS"}}`, `"fulName"`},
		{"unknown claim", `{"claim169":{},"cwt":{"iss":1}}`, `"iss"`},
		{"value as claim name", `{"claim169":{},"cwt":{"Janardhan BS":1}}`, "unknown field"},
		{"mistyped identity field", `{"claim169":{"gender":"Janardhan BS"}}`, `"gender"`},
		{"mistyped date", `{"claim169":{},"cwt":{"expiresAt":"Janardhan BS"}}`, "expiresAt"},
		{"bad audience", `{"claim169":{},"cwt":{"audience":[1]}}`, "audience"},
		{"bad cwtId", `{"claim169":{},"cwt":{"cwtId":"Janardhan BS"}}`, "cwtId must be hex"},
		{"trailing data", `{"claim169":{}} {}`, "invalid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := record.Parse([]byte(tc.in))
			require.Error(t, err)
			assert.Nil(t, rec)
			assert.ErrorIs(t, err, claim169.ErrMalformed)
			var ce *claim169.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, record.Stage, ce.Stage)
			assert.Contains(t, err.Error(), tc.shown)
			assert.NotContains(t, err.Error(), "Janardhan")
			assert.Error(t, new(record.Record).UnmarshalJSON([]byte(tc.in)), "UnmarshalJSON refuses it too")
		})
	}
}
