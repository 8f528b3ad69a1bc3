package record_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// FuzzCSVRecordJSON checks that a row either becomes JSON that
// Record.UnmarshalJSON can read, or fails with ErrMalformed and no cell's
// value in the message.
func FuzzCSVRecordJSON(f *testing.F) {
	h, err := record.ParseCSVHeader([]string{"id", "fullName", "gender", "photo", "face", "unknown", "issuer", "expiresAt"})
	require.NoError(f, err)
	f.Add("ID-1", "Ada", "2", "/9j/", `[{"data":"AQI=","format":0}]`, `{"30":1}`, "example.org", "1787912445")
	f.Add("", "", "", "", "", "", "", "")
	f.Add("x", "\xff\xfe", "-9223372036854775809", "!!", "[", "{", "\"", "1e3")
	f.Add("a\"b", "c\nd", "01", "====", "null", "[]", "", "-1")
	f.Fuzz(func(t *testing.T, id, name, gender, photo, face, unknown, issuer, exp string) {
		row := []string{id, name, gender, photo, face, unknown, issuer, exp}
		data, err := h.RecordJSON(row)
		if err != nil {
			require.Nil(t, data)
			require.ErrorIs(t, err, claim169.ErrMalformed)
			for _, cell := range row {
				if len(cell) >= 12 && !strings.Contains("record: csv column fields header", cell) {
					require.NotContains(t, err.Error(), cell)
				}
			}
			return
		}
		require.True(t, json.Valid(data), "%q", data)
		var rec record.Record
		_ = rec.UnmarshalJSON(data) // may refuse (bad base64, say), must not panic
	})
}

// FuzzInspect checks that every credential Inspect accepts has an output
// that encoding/json writes as valid JSON.
func FuzzInspect(f *testing.F) {
	for _, g := range goldens(f) {
		f.Add(g.Base45)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		res, err := dec.Inspect(text)
		if err != nil {
			return
		}
		data, err := json.Marshal(record.Inspect(res))
		require.NoError(t, err)
		require.True(t, json.Valid(data))
	})
}
