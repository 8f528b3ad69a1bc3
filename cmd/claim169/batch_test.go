package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr/scan"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// The batch command: its inputs (JSON lines, CSV), its outputs, bad
// records, failures and usage errors. Resuming and running as separate
// processes have their own files.

// TestBatchJSONLines issues 800 records with PNGs (100 with -short, 160
// with the race detector, which makes rendering some 30 times slower), a few
// of them bad, with blank lines, CRLF endings, an oversized line and no
// final newline, and checks every output.
func TestBatchJSONLines(t *testing.T) {
	n := 800
	switch {
	case testing.Short():
		n = 100
	case ts.Race:
		n = 160
	}
	key, dec := batchKeys(t)
	bad := []int{1, 7, 58, 59, 60, n / 2, n - 1}
	slices.Sort(bad) // n/2 precedes 58 when n is small (-short)
	in := batchJoin(n, bad, func(i int) string {
		switch {
		case i == n:
			return ""
		case i%97 == 0:
			return "\r\n \t\r\n\n" // CRLF, then blank lines
		}
		return "\n"
	})
	path := writeFile(t, t.TempDir(), "people.jsonl", in)
	out := filepath.Join(t.TempDir(), "out")

	start := time.Now()
	code, stdout, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--workers", "2")
	t.Logf("%d records with PNG in %v", n, time.Since(start))
	require.Equal(t, exitMalformed, code, stderr)
	assert.Equal(t, fmt.Sprintf("batch: %d records: %d written, 0 skipped, %d bad\n", n, n-len(bad), len(bad)), stdout)
	assert.Equal(t, fmt.Sprintf("claim169: batch: %d of %d records were bad, listed in %s\n", len(bad), n, filepath.Join(out, errorsFile)), stderr)

	lines, text := batchErrors(t, out)
	assert.Equal(t, bad, lines, "errors.jsonl lists the bad records in order")
	for _, secret := range []string{batchCanary, "ID-", "Name Number", "xxxx"} {
		assert.NotContains(t, text, secret)
	}
	assert.Contains(t, text, "longer than 1048576 bytes")
	assert.Contains(t, text, "not valid UTF-8")

	texts := batchOutputs(t, out, true)
	require.Len(t, texts, n-len(bad))
	for _, i := range texts {
		require.NotContains(t, bad, i)
		id := dec.decode(t, out, i).Identity
		assert.Equal(t, fmt.Sprintf("ID-%05d", i), id.ID)
		assert.Equal(t, fmt.Sprintf("Name Number %d", i), id.FullName)
	}
	for _, i := range []int{2, n / 3, n} {
		scanned, err := scan.File(filepath.Join(out, strconv.Itoa(i)+".png"))
		require.NoError(t, err, "record %d", i)
		assert.Equal(t, batchText(t, out, i), scanned)
	}
}

func TestBatchSuccessAndFormats(t *testing.T) {
	key, dec := batchKeys(t)
	input := batchGood(1) + "\n" + batchGood(2) + "\n"
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		file  string // input file name, written with input
	}{
		{name: "stdin", args: []string{"--in", "-", "--format", "jsonl"}, stdin: input},
		{name: "format overrides extension", args: []string{"--format", "JSONL"}, file: "people.txt"},
		{name: "ndjson", file: "people.ndjson"},
		{name: "one worker, ecc H", args: []string{"--workers", "1", "--png", "--ecc", "h"}, file: "people.JSONL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "new", "dir")
			args := append([]string{"batch", "--key", key, "--out", out}, tc.args...)
			if tc.file != "" {
				args = append(args, "--in", writeFile(t, t.TempDir(), tc.file, input))
			}
			code, stdout, stderr := batchRun(tc.stdin, args...)
			require.Equal(t, exitOK, code, stderr)
			assert.Empty(t, stderr)
			assert.Equal(t, "batch: 2 records: 2 written, 0 skipped, 0 bad\n", stdout)
			lines, _ := batchErrors(t, out)
			assert.Empty(t, lines, "errors.jsonl exists and is empty")
			for _, i := range batchOutputs(t, out, slices.Contains(tc.args, "--png")) {
				dec.decode(t, out, i)
			}
		})
	}
}

// TestBatchTooLongForQR checks that a credential too long for a QR code at
// the level asked for is a bad record with --png, and fine without.
func TestBatchTooLongForQR(t *testing.T) {
	key, _ := batchKeys(t)
	noise := make([]byte, 2000)
	for i := range noise {
		noise[i] = byte(i*7919>>3 ^ i*31) // poorly compressible
	}
	big := fmt.Sprintf(`{"claim169":{"id":"ID-2","photo":%q}}`, base64.StdEncoding.EncodeToString(noise))
	path := writeFile(t, t.TempDir(), "people.jsonl", batchGood(1)+"\n"+big+"\n")

	out := t.TempDir()
	code, _, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--ecc", "H")
	require.Equal(t, exitMalformed, code, stderr)
	lines, text := batchErrors(t, out)
	assert.Equal(t, []int{2}, lines)
	assert.Contains(t, text, "qr: ")
	assert.Equal(t, []int{1}, batchOutputs(t, out, true))

	out = t.TempDir()
	code, _, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", out)
	require.Equal(t, exitOK, code, stderr)
}

// TestBatchWriteFailureStops checks that a file that cannot be written
// stops the batch with exit status 1.
func TestBatchWriteFailureStops(t *testing.T) {
	key, _ := batchKeys(t)
	path := batchInput(t, 50)
	out := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(out, "3.txt"), 0o755)) // rename onto it fails
	require.NoError(t, os.WriteFile(filepath.Join(out, "3.txt", "keep"), nil, 0o644))
	code, stdout, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--workers", "2")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "claim169: io: write 3.txt: ")
	_, err := os.Stat(filepath.Join(out, ".3.txt.tmp"))
	assert.True(t, os.IsNotExist(err), "the temporary file is removed")
}

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

	res := dec.decode(t, out, 1)
	got, err := res.Identity.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"ID-1","fullName":"Ada \"Countess\" Lovelace","gender":2,
		"address":"12 St James's Square,\nLondon\nSW1Y","photo":"/9j/4AAQ","bestQualityFingers":[1,6],
		"face":[{"data":"AQID","format":0,"subFormat":1,"issuer":"lab"}],"unknown":{"80":"closed"}}`, string(got))
	assert.Equal(t, "example.org", res.Claims.Issuer)
	assert.Equal(t, "k-1", string(res.KeyID))

	got, err = dec.decode(t, out, 2).Identity.MarshalJSON()
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

func TestBatchUsageErrors(t *testing.T) {
	key, _ := batchKeys(t)
	dir := t.TempDir()
	in := writeFile(t, dir, "people.jsonl", batchGood(1)+"\n")
	notDir := writeFile(t, dir, "file", "")
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no key", []string{"--in", in, "--out", out}, "--key is required"},
		{"no input", []string{"--key", key, "--out", out}, "--in is required"},
		{"no output", []string{"--key", key, "--in", in}, "--out is required"},
		{"missing key file", []string{"--key", filepath.Join(dir, "nope.pem"), "--in", in, "--out", out}, "io: --key"},
		{"missing input", []string{"--key", key, "--in", filepath.Join(dir, "nope.jsonl"), "--out", out}, "io: --in"},
		{"output is a file", []string{"--key", key, "--in", in, "--out", notDir}, "io: --out"},
		{"unknown format", []string{"--key", key, "--in", notDir, "--out", out}, "cannot tell the format"},
		{"bad format flag", []string{"--key", key, "--in", in, "--out", out, "--format", "xml"}, "cannot tell the format"},
		{"bad ecc", []string{"--key", key, "--in", in, "--out", out, "--ecc", "X"}, "--ecc"},
		{"no workers", []string{"--key", key, "--in", in, "--out", out, "--workers", "0"}, "--workers"},
		{"too many workers", []string{"--key", key, "--in", in, "--out", out, "--workers", "100000"}, "--workers"},
		{"bad alg", []string{"--key", key, "--in", in, "--out", out, "--alg", "HS256"}, "signature algorithm"},
		{"stray argument", []string{"--key", key, "--in", in, "--out", out, "extra"}, "unexpected argument"},
		{"shard K = N", []string{"--key", key, "--in", in, "--out", out, "--shard", "4/4"}, "--shard: want K/N"},
		{"shard K < 0", []string{"--key", key, "--in", in, "--out", out, "--shard", "-1/4"}, "--shard: want K/N"},
		{"shard N = 0", []string{"--key", key, "--in", in, "--out", out, "--shard", "0/0"}, "--shard: want K/N"},
		{"shard not K/N", []string{"--key", key, "--in", in, "--out", out, "--shard", "2"}, "--shard: want K/N"},
		{"shard words", []string{"--key", key, "--in", in, "--out", out, "--shard", "a/b"}, "--shard: want K/N"},
		{"shard N too large", []string{"--key", key, "--in", in, "--out", out, "--shard", "0/99999999"}, "--shard: want K/N"},
		{"file mode for others to write", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0666"}, "--file-mode"},
		{"file mode owner cannot write", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0400"}, "--file-mode"},
		{"file mode executable", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0700"}, "--file-mode"},
		{"file mode not octal", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "rw"}, "--file-mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := batchRun("", append([]string{"batch"}, tc.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line")
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no output directory on a usage error")
}

func TestBatchHelp(t *testing.T) {
	code, stdout, _ := batchRun("", "batch", "--help")
	assert.Equal(t, exitOK, code)
	for _, want := range []string{"Usage: claim169 batch", "--workers", "--resume", "--shard", "--file-mode", "Example:", "errors.jsonl", "errors-K-of-N.jsonl"} {
		assert.Contains(t, stdout, want)
	}
	code, stdout, _ = batchRun("", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "batch")
}
