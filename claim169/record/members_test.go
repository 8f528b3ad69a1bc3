package record_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

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
