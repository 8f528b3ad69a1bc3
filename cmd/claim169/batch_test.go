package main

import (
	"bufio"
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/qr/scan"
)

// batchCanary is put in the bad fields of bad records: it must never reach
// errors.jsonl or stderr.
const batchCanary = "LEAKCANARY"

// batchRun runs the command in process.
func batchRun(t testing.TB, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut})
	return code, out.String(), errOut.String()
}

// batchKeys makes an Ed25519 key pair with keygen and returns the private
// key file and a decoder that verifies with the public key.
func batchKeys(t testing.TB) (string, *claim169.Decoder) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "issuer")
	code, _, stderr := batchRun(t, "", "keygen", "--out", prefix)
	require.Equal(t, exitOK, code, stderr)
	pem, err := os.ReadFile(prefix + ".pub.pem")
	require.NoError(t, err)
	pub, err := keys.ParsePublic(pem)
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{pub.Public},
		Now:  func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	return prefix + ".key.pem", dec
}

// batchGood is the JSON line of good record n.
func batchGood(n int) string {
	photo := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{byte(n), 0xd8, 0x7f}, 40))
	return fmt.Sprintf(`{"claim169":{"id":"ID-%05d","fullName":"Name Number %d","gender":%d,"photo":%q,"photoFormat":1},`+
		`"cwt":{"issuer":"batch.example","issuedAt":1756376445,"expiresAt":1787912445}}`, n, n, 1+n%3, photo)
}

// batchBad returns a bad JSON line for record n, with the canary in it.
func batchBad(n int) string {
	switch n % 5 {
	case 0:
		return fmt.Sprintf(`{"claim169":{"id":"ID-%05d","gender":"%s-%d"}}`, n, batchCanary, n)
	case 1:
		return fmt.Sprintf(`{"claim169":{"id":"%s-%d", "fullName": }`, batchCanary, n) // not JSON
	case 2:
		return fmt.Sprintf(`{"claim169":{"id":"%s-%d"},"cwt":{"expiresAt":"soon"}}`, batchCanary, n)
	case 3:
		return fmt.Sprintf(`{"claim169":{"fullName":"%s-%d %s"}}`, batchCanary, n, strings.Repeat("x", maxBatchRecord))
	}
	return fmt.Sprintf(`{"claim169":{"fullName":"%s-%d %s"}}`, batchCanary, n, "\xff") // not UTF-8
}

// batchErrors reads errors.jsonl: the record numbers and the whole text.
func batchErrors(t testing.TB, dir string) ([]int, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, errorsFile))
	require.NoError(t, err)
	var lines []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var e struct {
			Line  int    `json:"line"`
			Error string `json:"error"`
		}
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&e), sc.Text())
		require.NotEmpty(t, e.Error)
		lines = append(lines, e.Line)
	}
	return lines, string(data)
}

// batchOutputs checks that dir holds only N.txt, N.png and errors.jsonl
// (no temporary files) and returns the record numbers with a text file.
func batchOutputs(t testing.TB, dir string, png bool) []int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	name := regexp.MustCompile(`^([1-9][0-9]*)\.(txt|png)$`)
	var texts []int
	pngs := map[int]bool{}
	for _, e := range entries {
		if e.Name() == errorsFile {
			continue
		}
		m := name.FindStringSubmatch(e.Name())
		require.NotNil(t, m, "unexpected file %q", e.Name())
		n, _ := strconv.Atoi(m[1])
		if m[2] == "txt" {
			texts = append(texts, n)
		} else {
			pngs[n] = true
		}
	}
	slices.Sort(texts)
	if png {
		assert.Len(t, pngs, len(texts))
		for _, n := range texts {
			assert.True(t, pngs[n], "%d.png missing", n)
		}
	} else {
		assert.Empty(t, pngs)
	}
	return texts
}

// batchText reads N.txt: the QR text and one newline.
func batchText(t testing.TB, dir string, n int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, strconv.Itoa(n)+".txt"))
	require.NoError(t, err)
	require.True(t, bytes.HasSuffix(data, []byte("\n")))
	return string(data[:len(data)-1])
}

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
	path := filepath.Join(t.TempDir(), "people.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(in.String()), 0o600))
	out := filepath.Join(t.TempDir(), "out")

	start := time.Now()
	code, stdout, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--png", "--workers", "2")
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

// raceEnabled reports whether the test binary was built with -race.
func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

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
	path := filepath.Join(t.TempDir(), "people.csv")
	require.NoError(t, os.WriteFile(path, []byte(input), 0o600))
	out := t.TempDir()

	code, stdout, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--kid", "k-1")
	require.Equal(t, exitMalformed, code, stderr)
	assert.Equal(t, "batch: 7 records: 3 written, 0 skipped, 4 bad\n", stdout)
	lines, text := batchErrors(t, out)
	assert.Equal(t, []int{3, 4, 5, 6}, lines)
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
	path := filepath.Join(t.TempDir(), "big.csv")
	require.NoError(t, os.WriteFile(path, []byte(input), 0o600))
	out := t.TempDir()
	code, _, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out)
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
		{"unknown column", "id,fulName\nID-1,Ada\n", `column 2 ("fulName") is not a record field`},
		{"data row as header", "ID-1,Ada " + batchCanary + "\n", "column 1 is not a record field"},
		{"duplicate column", "id,id\n", `columns 1 and 2 are both "id"`},
		{"empty file", "", "no header row"},
		{"blank lines only", "\n\r\n", "no header row"},
		{"unclosed quote", "id,\"full" + batchCanary + "\n", "header row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in.csv")
			require.NoError(t, os.WriteFile(path, []byte(tc.input), 0o600))
			out := t.TempDir()
			code, stdout, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out)
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

// TestBatchResume checks that --resume skips records whose files exist,
// and redoes those with a missing or empty file.
func TestBatchResume(t *testing.T) {
	key, dec := batchKeys(t)
	var in strings.Builder
	for i := 1; i <= 10; i++ {
		line := batchGood(i)
		if i == 9 {
			line = batchBad(10) // divisible by 5: a bad gender
		}
		in.WriteString(line + "\n")
	}
	path := filepath.Join(t.TempDir(), "people.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(in.String()), 0o600))
	out := t.TempDir()
	code, stdout, _ := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--png")
	require.Equal(t, exitMalformed, code)
	require.Equal(t, "batch: 10 records: 9 written, 0 skipped, 1 bad\n", stdout)

	require.NoError(t, os.Remove(filepath.Join(out, "3.txt")))
	require.NoError(t, os.Remove(filepath.Join(out, "4.png")))
	require.NoError(t, os.WriteFile(filepath.Join(out, "5.txt"), nil, 0o644)) // a truncated file
	require.NoError(t, os.WriteFile(filepath.Join(out, "6.txt"), []byte("not rewritten\n"), 0o644))
	code, stdout, _ = batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--png", "--resume")
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 10 records: 3 written, 6 skipped, 1 bad\n", stdout)
	lines, _ := batchErrors(t, out)
	assert.Equal(t, []int{9}, lines, "the bad record is tried and reported again")
	assert.Equal(t, "not rewritten", batchText(t, out, 6))
	for _, i := range []int{3, 4, 5} {
		_, err := dec.Decode(batchText(t, out, i))
		assert.NoError(t, err)
	}

	// Without --png, a record needs only its text.
	require.NoError(t, os.Remove(filepath.Join(out, "7.png")))
	code, stdout, _ = batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--resume")
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 10 records: 0 written, 9 skipped, 1 bad\n", stdout)
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
				path := filepath.Join(t.TempDir(), tc.file)
				require.NoError(t, os.WriteFile(path, []byte(input), 0o600))
				args = append(args, "--in", path)
			}
			code, stdout, stderr := batchRun(t, tc.stdin, args...)
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

func TestBatchUsageErrors(t *testing.T) {
	key, _ := batchKeys(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "people.jsonl")
	require.NoError(t, os.WriteFile(in, []byte(batchGood(1)+"\n"), 0o600))
	notDir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notDir, nil, 0o600))
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := batchRun(t, "", append([]string{"batch"}, tc.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line")
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no output directory on a usage error")
}

func TestBatchHelp(t *testing.T) {
	code, stdout, _ := batchRun(t, "", "batch", "--help")
	assert.Equal(t, exitOK, code)
	for _, want := range []string{"Usage: claim169 batch", "--workers", "--resume", "Example:", "errors.jsonl"} {
		assert.Contains(t, stdout, want)
	}
	code, stdout, _ = batchRun(t, "", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "batch")
}

// FuzzBatchSource checks that reading records never fails on any input,
// consumes all of it, and never returns a record over the limit.
func FuzzBatchSource(f *testing.F) {
	f.Add([]byte(batchGood(1)+"\n\n"+batchBad(5)+"\r\n"), false)
	f.Add([]byte("\uFEFF"+batchCSVHeader+"ID-1,\"a\nb\",1,,,,,,,\nID-2,x\"y,,,,,,,,\n\"open"), true)
	f.Add([]byte("id\n\"\"\"\n\"\n\n"), true)
	f.Add([]byte("id,fullName\na,b,c\n\"x\"y,z\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, isCSV bool) {
		src, err := newBatchSource(bytes.NewReader(data), isCSV)
		if err != nil {
			return // a CSV without a usable header
		}
		for range len(data) + 1 {
			rec, bad, err := src.next()
			if err != nil {
				require.ErrorIs(t, err, io.EOF)
				require.EqualValues(t, len(data), src.offset.Load())
				return
			}
			if bad != nil {
				require.Nil(t, rec)
				require.ErrorIs(t, bad, claim169.ErrMalformed)
				continue
			}
			// JSON escapes make a CSV record's JSON up to six times longer.
			require.LessOrEqual(t, len(rec), 6*maxBatchRecord+1024)
			require.True(t, utf8.Valid(rec))
		}
		t.Fatal("more records than bytes")
	})
}

// BenchmarkBatch runs the command over 64 records with 1 and with every
// CPU's worker, with and without PNG.
func BenchmarkBatch(b *testing.B) {
	key, _ := batchKeys(b)
	const records = 64
	var in strings.Builder
	for i := 1; i <= records; i++ {
		in.WriteString(batchGood(i) + "\n")
	}
	path := filepath.Join(b.TempDir(), "people.jsonl")
	require.NoError(b, os.WriteFile(path, []byte(in.String()), 0o600))
	for _, png := range []bool{false, true} {
		for _, workers := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("png=%v/workers=%d", png, workers), func(b *testing.B) {
				args := []string{"batch", "--key", key, "--in", path, "--workers", strconv.Itoa(workers)}
				if png {
					args = append(args, "--png")
				}
				b.SetBytes(int64(in.Len()))
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					out := b.TempDir()
					b.StartTimer()
					if code, _, stderr := batchRun(b, "", append(args, "--out", out)...); code != exitOK {
						b.Fatal(stderr)
					}
				}
				b.ReportMetric(float64(b.N*records)/b.Elapsed().Seconds(), "records/s")
			})
		}
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
	path := filepath.Join(t.TempDir(), "people.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(batchGood(1)+"\n"+big+"\n"), 0o600))

	out := t.TempDir()
	code, _, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--png", "--ecc", "H")
	require.Equal(t, exitMalformed, code, stderr)
	lines, text := batchErrors(t, out)
	assert.Equal(t, []int{2}, lines)
	assert.Contains(t, text, "qr: ")
	assert.Equal(t, []int{1}, batchOutputs(t, out, true))

	out = t.TempDir()
	code, _, stderr = batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out)
	require.Equal(t, exitOK, code, stderr)
}

// TestBatchWriteFailureStops checks that a file that cannot be written
// stops the batch with exit status 1.
func TestBatchWriteFailureStops(t *testing.T) {
	key, _ := batchKeys(t)
	var in strings.Builder
	for i := 1; i <= 50; i++ {
		in.WriteString(batchGood(i) + "\n")
	}
	path := filepath.Join(t.TempDir(), "people.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(in.String()), 0o600))
	out := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(out, "3.txt"), 0o755)) // rename onto it fails
	require.NoError(t, os.WriteFile(filepath.Join(out, "3.txt", "keep"), nil, 0o644))
	code, stdout, stderr := batchRun(t, "", "batch", "--key", key, "--in", path, "--out", out, "--workers", "2")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "claim169: io: write 3.txt: ")
	_, err := os.Stat(filepath.Join(out, ".3.txt.tmp"))
	assert.True(t, os.IsNotExist(err), "the temporary file is removed")
}
