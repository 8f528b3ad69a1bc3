package record_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

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

// FuzzReader checks that reading records never fails on any input, seekable
// or not, consumes all of it, numbers the records in order on increasing
// lines, and never returns a record over the limit. It was the command's
// FuzzBatchSource.
func FuzzReader(f *testing.F) {
	good := `{"claim169":{"id":"ID-1","fullName":"Ada"},"cwt":{"issuer":"x"}}`
	f.Add([]byte(good+"\n\n"+`{"claim169":{"gender":"x"}}`+"\r\n"), false, false)
	f.Add([]byte("\uFEFFid,fullName,face\nID-1,\"a\nb\",\nID-2,x\"y,\n\"open"), true, true)
	f.Add([]byte("id\n\"\"\"\n\"\n\n"), true, false)
	f.Add([]byte("id,fullName\na,b,c\n\"x\"y,z\n"), true, true)
	f.Add([]byte("id,fullName\n1,\"Pat\n2,Bob\n3,\"C\"x\n4,\"D\"\r\n"), true, false)
	f.Fuzz(func(t *testing.T, data []byte, isCSV, seekable bool) {
		format := record.JSONLines
		if isCSV {
			format = record.CSV
		}
		var in io.Reader = bytes.NewReader(data)
		if !seekable {
			in = onlyReader{in}
		}
		rd, err := record.NewReader(in, format)
		if err != nil {
			require.ErrorIs(t, err, claim169.ErrMalformed) // a CSV without a usable header
			return
		}
		line := 0
		for n := 1; n <= len(data)+1; n++ {
			raw, err := rd.Read()
			if err != nil {
				require.ErrorIs(t, err, io.EOF)
				require.EqualValues(t, len(data), rd.Offset())
				return
			}
			require.Equal(t, n, raw.N)
			require.Greater(t, raw.Line, line)
			line = raw.Line
			if raw.Err != nil {
				require.Nil(t, raw.JSON)
				require.ErrorIs(t, raw.Err, claim169.ErrMalformed)
				continue
			}
			// JSON escapes make a CSV record's JSON up to six times longer.
			require.LessOrEqual(t, len(raw.JSON), 6*record.MaxRecordBytes+1024)
			require.True(t, utf8.Valid(raw.JSON))
		}
		t.Fatal("more records than bytes")
	})
}

// FuzzReaderMatchesEncodingCSV checks the CSV reader against encoding/csv
// on the input that encoding/csv reads without a fault: both must see the
// same rows.
func FuzzReaderMatchesEncodingCSV(f *testing.F) {
	f.Add("a,b\r\n\"x\ny\",\"\"\"\"\n\n,\r\n\"\",z")
	f.Add("a,b\n1,2\r\n3,\"4\r\n5\"")
	f.Add("a,b\n\"1\r\",\"\r\n\"\n")
	f.Fuzz(func(t *testing.T, body string) {
		cr := csv.NewReader(strings.NewReader("id,fullName\n" + body))
		cr.FieldsPerRecord = 2
		want, err := cr.ReadAll()
		if err != nil {
			return
		}
		h, err := record.ParseCSVHeader([]string{"id", "fullName"})
		require.NoError(t, err)
		rd, err := record.NewReader(strings.NewReader("id,fullName\n"+body), record.CSV)
		require.NoError(t, err)
		for _, row := range want[1:] {
			raw, err := rd.Read()
			require.NoError(t, err)
			data, jerr := h.RecordJSON(row)
			if jerr != nil || !utf8.ValidString(row[0]+row[1]) {
				require.Error(t, raw.Err)
				continue
			}
			require.NoError(t, raw.Err)
			require.Equal(t, string(data), string(raw.JSON))
		}
		_, err = rd.Read()
		require.ErrorIs(t, err, io.EOF)
	})
}
