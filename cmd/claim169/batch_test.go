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

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/qr/scan"
)

// TestBatchJSONLines issues 800 records with PNGs (100 with -short, 160
// with the race detector, which makes rendering some 30 times slower), a few
// of them bad, with blank lines, CRLF endings, an oversized line and no
// final newline, and checks every output.
func TestBatchJSONLines(t *testing.T) {
	n := 800
	switch {
	case testing.Short():
		n = 100
	case raceEnabled():
		n = 160
	}
	key, dec := batchKeys(t)
	bad := []int{1, 7, 58, 59, 60, n / 2, n - 1}
	slices.Sort(bad) // n/2 precedes 58 when n is small (-short)
	var in strings.Builder
	for i := 1; i <= n; i++ {
		line := batchGood(i)
		if slices.Contains(bad, i) {
			line = batchBad(i)
		}
		in.WriteString(line)
		switch {
		case i == n:
		case i%97 == 0:
			in.WriteString("\r\n \t\r\n\n") // CRLF, then blank lines
		default:
			in.WriteString("\n")
		}
	}
	path := writeFile(t, t.TempDir(), "people.jsonl", in.String())
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
		res, err := dec.Decode(batchText(t, out, i))
		require.NoError(t, err, "record %d", i)
		assert.Equal(t, fmt.Sprintf("ID-%05d", i), res.Identity.ID)
		assert.Equal(t, fmt.Sprintf("Name Number %d", i), res.Identity.FullName)
		assert.Equal(t, claim169.Verified, res.Verification)
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
				_, err := dec.Decode(batchText(t, out, i))
				assert.NoError(t, err)
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
