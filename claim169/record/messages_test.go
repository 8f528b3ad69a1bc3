package record_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
)

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
func TestCSVSemicolons(t *testing.T) {
	_, err := record.ParseCSVHeader([]string{"id;fullName;gender"})
	require.ErrorIs(t, err, claim169.ErrMalformed)
	assert.Contains(t, err.Error(), "separated by semicolons")
	_, err = record.ParseCSVHeader([]string{"id", "full;Name"})
	require.ErrorIs(t, err, claim169.ErrMalformed)
	assert.NotContains(t, err.Error(), "semicolons", "only a header of one column looks like it")
}
