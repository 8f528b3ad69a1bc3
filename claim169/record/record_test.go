package record_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
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
			requireRecordError(t, err, tc.shown, "Janardhan")
			assert.Nil(t, rec)
			assert.Error(t, new(record.Record).UnmarshalJSON([]byte(tc.in)), "UnmarshalJSON refuses it too")
		})
	}
}

// TestParseDuplicateMembers checks that a member given twice is refused at
// every level, named when it is a name of the record's form and by
// position otherwise.
func TestParseDuplicateMembers(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		shown    string // in the error
	}{
		{"fullName twice", `{"claim169":{"fullName":"Janardhan BS","id":"1","fullName":"Other Janardhan"}}`,
			`"claim169" has the member "fullName" twice`},
		{"escaped twin", `{"claim169":{"fullName":"Janardhan BS","full\u004eame":"Janardhan"}}`,
			`"claim169" has the member "fullName" twice`},
		{"claim169 twice", `{"claim169":{"id":"1"},"cwt":{},"claim169":{"fullName":"Janardhan BS"}}`,
			`the record has the member "claim169" twice`},
		{"cwt issuer twice", `{"claim169":{},"cwt":{"issuer":"a","issuer":"Janardhan"}}`,
			`"cwt" has the member "issuer" twice`},
		{"biometric member twice", `{"claim169":{"face":[{"data":"AQ==","format":0,"data":"Ag=="}]}}`,
			`"face" has the member "data" twice`},
		{"unknown key twice", `{"claim169":{"unknown":{"30":"Janardhan","31":1,"30":"BS"}}}`,
			`"unknown" has a member twice (members 1 and 3)`},
		{"value as a member name twice", `{"claim169":{"unknown":{"30":{"Janardhan BS":1,"Janardhan BS":2}}}}`,
			"a nested object has a member twice (members 1 and 2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := record.Parse([]byte(tc.in))
			require.Error(t, err)
			assert.Nil(t, rec)
			assert.ErrorIs(t, err, claim169.ErrMalformed)
			assert.Contains(t, err.Error(), tc.shown)
			assert.NotContains(t, err.Error(), "Janardhan")
		})
	}

	// Many members, past the point where names are indexed in a map.
	in := `{"claim169":{"unknown":{`
	for i := range 100 {
		in += `"` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `":1,`
	}
	rec, err := record.Parse([]byte(in + `"za":1}}}`))
	require.Error(t, err, "the keys are not decimal")
	assert.Nil(t, rec)
	_, err = record.Parse([]byte(in + `"ab":1}}}`))
	assert.ErrorContains(t, err, "members 27 and 101")
}

// TestParseHidesUnknownKeys checks that a key of "unknown" that is not a
// key (a name, a date, a phone number) never reaches the error.
func TestParseHidesUnknownKeys(t *testing.T) {
	for _, key := range []string{"Janardhan BS", "1984-03-12", "+4915112345678", "04915112345678", "ada"} {
		_, err := record.Parse([]byte(`{"claim169":{"unknown":{"` + key + `":1}}}`))
		require.ErrorIs(t, err, claim169.ErrMalformed)
		assert.NotContains(t, err.Error(), key)
		assert.Contains(t, err.Error(), `a key of "unknown" is not a decimal integer`)
	}
	// A long decimal key is a key, but may be a phone number: an error
	// about its value does not show it.
	_, err := record.Parse([]byte(`{"claim169":{"unknown":{"4915112345678":1e999}}}`))
	require.ErrorIs(t, err, claim169.ErrMalformed)
	assert.NotContains(t, err.Error(), "4915112345678")
	_, err = record.Parse([]byte(`{"claim169":{"unknown":{"80":1e999}}}`))
	assert.ErrorContains(t, err, `"unknown" key 80`)
}

// A refused record says what the field takes — the codes of an
// enumeration, base64, the dates' two forms — never a Go type name nor the
// value given, and with each prefix once.
func TestRecordMessages(t *testing.T) {
	for _, tc := range []struct {
		name, data, says string
	}{
		{"gender as a word", `{"claim169":{"gender":"male"}}`, `record: identity field "gender": expected an integer code: 1 (male), 2 (female) or 3 (other)`},
		{"marital status as a word", `{"claim169":{"maritalStatus":"married"}}`, `1 (unmarried), 2 (married) or 3 (divorced)`},
		{"photo format as a word", `{"claim169":{"photoFormat":"jpeg"}}`, `1 (JPEG), 2 (JPEG 2000), 3 (AVIF) or 4 (WEBP)`},
		{"bad base64 in a face", `{"claim169":{"face":[{"data":"not base64!"}]}}`, `record: identity field "face": "data" is not standard base64`},
		{"bad base64 in the photo", `{"claim169":{"photo":"@@"}}`, `record: identity field "photo": not standard base64`},
		{"face format as text", `{"claim169":{"face":[{"data":"AA==","format":"image"}]}}`, `record: identity field "face": field "format": expected an integer`},
		{"face not an array", `{"claim169":{"face":"AA=="}}`, `expected an array of biometric objects {"data", "format", "subFormat", "issuer"}`},
		{"id as a number", `{"claim169":{"id":42}}`, `record: identity field "id": expected a string`},
		{"issuer as a number", `{"claim169":{"id":"1"},"cwt":{"issuer":42}}`, `record: cwt: field "issuer": expected a string`},
		{"date as words", `{"claim169":{"id":"1"},"cwt":{"expiresAt":"next year"}}`, `record: cwt: field "expiresAt": expected seconds since the epoch (an integer) or an RFC 3339 time`},
		{"date as a fraction", `{"claim169":{"id":"1"},"cwt":{"notBefore":1.5}}`, `record: cwt: field "notBefore": expected seconds since the epoch`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := record.Parse([]byte(tc.data))
			require.ErrorIs(t, err, claim169.ErrMalformed)
			msg := err.Error()
			assert.Contains(t, msg, tc.says)
			assert.Equal(t, 1, strings.Count(msg, "record: "), msg)
			assert.NotContains(t, msg, "claim169: ", "the package prefix after the stage")
			for _, goName := range []string{"cwt.", "biometrics.", "claim169.", "int64", "NumericDate", "[]uint8"} {
				assert.NotContains(t, msg, goName, "a Go type name")
			}
			for _, value := range []string{"male", "married", "jpeg", "not base64", "next year", "image"} {
				assert.NotContains(t, strings.SplitN(msg, ": expected", 2)[0], value, "a value")
			}
		})
	}
}

// The dates of a record may be RFC 3339 text as well as seconds; the
// output writes seconds.
func TestRecordDatesRFC3339(t *testing.T) {
	rec, err := record.Parse([]byte(`{"claim169":{"id":"1"},"cwt":{"expiresAt":"2031-01-01T00:00:00Z",
		"notBefore":"2026-01-01T05:30:00+05:30","issuedAt":1767225600}}`))
	require.NoError(t, err)
	assert.Equal(t, cwt.NumericDate(1924992000), *rec.Claims.ExpiresAt)
	assert.Equal(t, cwt.NumericDate(1767225600), *rec.Claims.NotBefore)
	assert.Equal(t, cwt.NumericDate(1767225600), *rec.Claims.IssuedAt)
	out, err := json.Marshal((*record.Claims)(rec.Claims))
	require.NoError(t, err)
	assert.JSONEq(t, `{"expiresAt":1924992000,"notBefore":1767225600,"issuedAt":1767225600}`, string(out))
}

// A CSV file separated by semicolons is named as such.

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
