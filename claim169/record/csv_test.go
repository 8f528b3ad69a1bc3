package record_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
)

func TestParseCSVHeader(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		shown  string // in the error, or "" for success
		hidden string // never in the error
	}{
		{name: "identity and cwt", header: []string{"id", "fullName", "gender", "face", "unknown", "issuer", "expiresAt", "cwtId"}},
		{name: "byte order mark", header: []string{"\uFEFFid", "fullName"}},
		{name: "no columns", header: []string{}, shown: "no columns"},
		{name: "typo named by position, with a hint", header: []string{"id", "fulName"}, shown: `column 2 is not a record field (did you mean "fullName"?)`, hidden: `"fulName"`},
		{name: "lower-case value hidden", header: []string{"ada", "lovelace"}, shown: "column 1 is not a record field", hidden: "ada"},
		{name: "no hint that describes a value", header: []string{"id", "male"}, shown: "column 2 is not a record field", hidden: "face"},
		{name: "data row hidden", header: []string{"3918592438", "Jane Doe"}, shown: "column 1 is not", hidden: "3918592438"},
		{name: "name with space hidden", header: []string{"id", "Jane Doe"}, shown: "column 2 is not", hidden: "Jane"},
		{name: "duplicate", header: []string{"id", "gender", "gender"}, shown: `columns 2 and 3 are both "gender"`},
		{name: "claim169 prefix", header: []string{"claim169"}, shown: "column 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := record.ParseCSVHeader(tc.header)
			if tc.shown == "" {
				require.NoError(t, err)
				assert.Equal(t, len(tc.header), h.Len())
				return
			}
			require.Error(t, err)
			assert.Nil(t, h)
			assert.ErrorIs(t, err, claim169.ErrMalformed)
			assert.Contains(t, err.Error(), tc.shown)
			if tc.hidden != "" {
				assert.NotContains(t, err.Error(), tc.hidden)
			}
		})
	}
}

func TestCSVRecordJSON(t *testing.T) {
	header := []string{"id", "fullName", "gender", "photo", "bestQualityFingers", "face", "unknown", "issuer", "expiresAt", "audience"}
	h, err := record.ParseCSVHeader(header)
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		row  []string
		want string // the JSON record, or "" for an error
		err  string // in the error
	}{
		{
			name: "all columns",
			row:  []string{"ID-1", `Ada "Countess" Lovelace`, "2", "/9j/", "[1,6]", `[{"data":"AQI=","format":0,"subFormat":1}]`, `{"30":"x"}`, "example.org", "1787912445", "verifier"},
			want: `{"claim169":{"id":"ID-1","fullName":"Ada \"Countess\" Lovelace","gender":2,"photo":"/9j/","bestQualityFingers":[1,6],"face":[{"data":"AQI=","format":0,"subFormat":1}],"unknown":{"30":"x"}},"cwt":{"issuer":"example.org","expiresAt":1787912445,"audience":"verifier"}}`,
		},
		{
			name: "empty cells are absent",
			row:  []string{"ID-2", "", "", "", "", "", "", "", "", ""},
			want: `{"claim169":{"id":"ID-2"},"cwt":{}}`,
		},
		{name: "integer expected", row: []string{"ID-3", "", "SECRET", "", "", "", "", "", "", ""}, err: `column "gender": expected a decimal integer`},
		{name: "date integer expected", row: []string{"ID-3", "", "", "", "", "", "", "", "2026-01-01", ""}, err: `column "expiresAt"`},
		{name: "JSON expected", row: []string{"ID-4", "", "", "", "", "SECRET[", "", "", "", ""}, err: `column "face": expected JSON`},
		{name: "JSON injection refused", row: []string{"ID-4", "", "", "", `[1],"gender":"SECRET"`, "", "", "", "", ""}, err: `column "bestQualityFingers"`},
		{name: "invalid UTF-8", row: []string{"ID-5", "SECRET\xff", "", "", "", "", "", "", "", ""}, err: `column "fullName": not valid UTF-8`},
		{name: "too few fields", row: []string{"ID-6"}, err: "1 fields, the header 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := h.RecordJSON(tc.row)
			if tc.want == "" {
				requireRecordError(t, err, tc.err, "SECRET")
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
			var rec record.Record
			assert.NoError(t, rec.UnmarshalJSON(got))
		})
	}
}

// TestCSVRecordJSONMatchesJSON checks that a CSV row reads as the record
// its JSON form does.
func TestCSVRecordJSONMatchesJSON(t *testing.T) {
	rec := record.Record{Identity: fullIdentityForCSV(), Claims: &cwt.Claims{Issuer: "example.org", ExpiresAt: cwt.NewNumericDate(time.Unix(1787912445, 0))}}
	data, err := rec.MarshalJSON()
	require.NoError(t, err)
	var top struct{ Claim169, CWT map[string]json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &top))
	var header, row []string
	for _, part := range []map[string]json.RawMessage{top.Claim169, top.CWT} {
		for name, raw := range part {
			header = append(header, name)
			var s string
			if json.Unmarshal(raw, &s) == nil {
				row = append(row, s)
			} else {
				row = append(row, string(raw))
			}
		}
	}
	h, err := record.ParseCSVHeader(header)
	require.NoError(t, err)
	fromCSV, err := h.RecordJSON(row)
	require.NoError(t, err)
	var got record.Record
	require.NoError(t, got.UnmarshalJSON(fromCSV))
	again, err := got.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, string(data), string(again))
}

func fullIdentityForCSV() *claim169.Identity {
	var id claim169.Identity
	err := id.UnmarshalJSON([]byte(`{"id":"3918592438","fullName":"Janardhan BS","gender":1,"dateOfBirth":"19840418",
		"address":"New House\nNear Metro Line","photo":"/9j/4AAQ","photoFormat":1,"bestQualityFingers":[1,2],
		"secondaryFullName":"جاناردان","maritalStatus":2,
		"rightThumb":[{"data":"RklSAA==","format":1,"subFormat":1,"issuer":"MOSIP"}],"unknown":{"80":"closed"}}`))
	if err != nil {
		panic(err)
	}
	return &id
}

// TestCSVHeaderEveryField checks that every identity field is a column
// whose cells are read as the identity's JSON form writes the field.
func TestCSVHeaderEveryField(t *testing.T) {
	var all claim169.Identity
	for k := claim169.FieldID; k <= claim169.FieldVoice; k++ {
		all.SetPresent(k)
	}
	data, err := all.MarshalJSON()
	require.NoError(t, err)
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &fields))
	require.Len(t, fields, 39, "23 demographic and 16 biometric fields")
	var header, row []string
	for name, zero := range fields {
		header = append(header, name)
		switch zero[0] {
		case '"':
			row = append(row, "AAAA") // text, and base64 for photo
		case '0':
			row = append(row, "1")
		default:
			row = append(row, "[]")
		}
	}
	h, err := record.ParseCSVHeader(header)
	require.NoError(t, err)
	rowJSON, err := h.RecordJSON(row)
	require.NoError(t, err)
	rec, err := record.Parse(rowJSON)
	require.NoError(t, err)
	for k := claim169.FieldID; k <= claim169.FieldVoice; k++ {
		assert.Equal(t, k.Assigned(), rec.Identity.Has(k), "key %d", k)
	}
}

func TestCSVSemicolons(t *testing.T) {
	_, err := record.ParseCSVHeader([]string{"id;fullName;gender"})
	require.ErrorIs(t, err, claim169.ErrMalformed)
	assert.Contains(t, err.Error(), "separated by semicolons")
	_, err = record.ParseCSVHeader([]string{"id", "full;Name"})
	require.ErrorIs(t, err, claim169.ErrMalformed)
	assert.NotContains(t, err.Error(), "semicolons", "only a header of one column looks like it")
}
