package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchCSVHeader is the header row of the CSV tests: a byte order mark,
// identity and CWT columns, and a CRLF.
const batchCSVHeader = "\uFEFFid,fullName,gender,address,photo,face,bestQualityFingers,unknown,issuer,expiresAt\r\n"

// TestBatchCSV reads quoted multi-line cells, biometric JSON cells, empty
// cells and lines, and bad rows.
func TestBatchCSV(t *testing.T) {
	key, dec := batchKeys(t)
	rows := []string{
		// 1: everything, with a quoted address over three lines
		`ID-1,"Ada ""Countess"" Lovelace",2,"12 St James's Square,` + "\r\n" + `London` + "\n" + `SW1Y",/9j/4AAQ,` +
			`"[{""data"":""AQID"",""format"":0,""subFormat"":1,""issuer"":""lab""}]","[1,6]","{""80"":""closed""}",example.org,1787912445`,
		// 2: empty cells are absent
		`ID-2,Alan Turing,,,,,,,,`,
		// 3: bad integer, with the canary
		`ID-3,Grace Hopper,` + batchCanary + `,,,,,,,`,
		// 4: too few fields
		`ID-4,` + batchCanary,
		// 5: bad biometric JSON
		`ID-5,,,,,"[{""data"":""` + batchCanary + `""",,,,`,
		// 6: a bare quote
		`ID-6,Bare "` + batchCanary + `" Quote,,,,,,,,`,
		// 7: fine again
		`ID-7,Katherine Johnson,2,,,,,,issuer.example,`,
	}
	input := batchCSVHeader + strings.Join(rows[:2], "\n") + "\n\n\r\n" + strings.Join(rows[2:], "\r\n") + "\n"
	path := writeFile(t, t.TempDir(), "people.csv", input)
	out := t.TempDir()

	code, stdout, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--kid", "k-1")
	require.Equal(t, exitMalformed, code, stderr)
	assert.Equal(t, "batch: 7 records: 3 written, 0 skipped, 4 bad\n", stdout)
	entries, text := batchErrorsIn(t, out, errorsFile)
	assert.Equal(t, []batchError{
		{Record: 3, Line: 8, Error: `record: csv column "gender": expected a decimal integer`},
		{Record: 4, Line: 9, Error: "record: csv: wrong number of fields: 2, the header has 10"},
		{Record: 5, Line: 10, Error: `record: csv column "face": expected JSON`},
		{Record: 6, Line: 11, Error: "record: csv: column 2: a quote in a field that does not start with one"},
	}, entries, "record 1 spans lines 2 to 4, and empty lines are not records")
	assert.NotContains(t, text, batchCanary)
	assert.Contains(t, text, `column \"gender\"`)
	assert.Contains(t, text, "wrong number of fields")
	assert.Equal(t, []int{1, 2, 7}, batchOutputs(t, out, false))

	res, err := dec.Decode(batchText(t, out, 1))
	require.NoError(t, err)
	got, err := res.Identity.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"ID-1","fullName":"Ada \"Countess\" Lovelace","gender":2,
		"address":"12 St James's Square,\nLondon\nSW1Y","photo":"/9j/4AAQ","bestQualityFingers":[1,6],
		"face":[{"data":"AQID","format":0,"subFormat":1,"issuer":"lab"}],"unknown":{"80":"closed"}}`, string(got))
	assert.Equal(t, "example.org", res.Claims.Issuer)
	assert.Equal(t, "k-1", string(res.KeyID))

	res, err = dec.Decode(batchText(t, out, 2))
	require.NoError(t, err)
	got, err = res.Identity.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"ID-2","fullName":"Alan Turing"}`, string(got))
}

// TestBatchOversizedCSV checks that a CSV record over the limit, spread
// over lines inside a quoted cell, is one bad record and the next is read.
func TestBatchOversizedCSV(t *testing.T) {
	key, _ := batchKeys(t)
	big := strings.Repeat(batchCanary+"\n", maxBatchRecord/len(batchCanary))
	input := "id,address\nID-1,one\nID-2,\"" + big + "\"\nID-3,three\n"
	path := writeFile(t, t.TempDir(), "big.csv", input)
	out := t.TempDir()
	code, _, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out)
	require.Equal(t, exitMalformed, code, stderr)
	lines, text := batchErrors(t, out)
	assert.Equal(t, []int{2}, lines)
	assert.NotContains(t, text, batchCanary)
	assert.Equal(t, []int{1, 3}, batchOutputs(t, out, false))
}

func TestBatchCSVHeaderErrors(t *testing.T) {
	key, _ := batchKeys(t)
	for _, tc := range []struct {
		name, input string
		want        string // in stderr
	}{
		{"unknown column", "id,fulName\nID-1,Ada\n", `column 2 is not a record field (did you mean "fullName"?)`},
		{"data row as header", "ID-1,Ada " + batchCanary + "\n", "column 1 is not a record field"},
		{"duplicate column", "id,id\n", `columns 1 and 2 are both "id"`},
		{"empty file", "", "no header row"},
		{"blank lines only", "\n\r\n", "no header row"},
		{"unclosed quote", "id,\"full" + batchCanary + "\n", "header row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "in.csv", tc.input)
			out := t.TempDir()
			code, stdout, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out)
			assert.Equal(t, exitMalformed, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
			assert.NotContains(t, stderr, batchCanary)
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Empty(t, entries, "nothing is written")
		})
	}
}
