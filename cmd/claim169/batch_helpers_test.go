package main

import (
	"bufio"
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
)

// batchCanary is put in the bad fields of bad records: it must never reach
// errors.jsonl or stderr.
const batchCanary = "LEAKCANARY"

// batchRun runs the command in process. A batch may warn on stderr before
// its error line, so runCLI's one-line check does not apply.
func batchRun(stdin string, args ...string) (code int, stdout, stderr string) {
	r := runInProcess(stdin, args...)
	return r.code, r.stdout, r.stderr
}

// batchKeys makes an Ed25519 key pair with keygen and returns the private
// key file and a decoder that verifies with the public key.
func batchKeys(t testing.TB) (string, batchDecoder) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "issuer")
	code, _, stderr := batchRun("", "keygen", "--out", prefix)
	require.Equal(t, exitOK, code, stderr)
	pem := mustReadFile(t, prefix+".pub.pem")
	pub, err := keys.ParsePublic(pem)
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{
		Keys: []crypto.PublicKey{pub.Public},
		Now:  func() time.Time { return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) },
	})
	require.NoError(t, err)
	return prefix + ".key.pem", batchDecoder{dec}
}

// batchDecoder decodes the credentials a batch wrote, verifying them with
// the issuer's public key at a time within their validity.
type batchDecoder struct{ dec *claim169.Decoder }

// decode reads N.txt of dir and fails t unless it is a credential the key
// verifies.
func (d batchDecoder) decode(t testing.TB, dir string, n int) *claim169.Result {
	t.Helper()
	res, err := d.dec.Decode(batchText(t, dir, n))
	require.NoError(t, err, "record %d", n)
	require.Equal(t, claim169.Verified, res.Verification, "record %d", n)
	return res
}

// batchGood is the JSON line of good record n.
func batchGood(n int) string {
	photo := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{byte(n), 0xd8, 0x7f}, 40))
	return fmt.Sprintf(`{"claim169":{"id":"ID-%05d","fullName":"Name Number %d","gender":%d,"photo":%q,"photoFormat":1},`+
		`"cwt":{"issuer":"batch.example","issuedAt":1756376445,"expiresAt":1787912445}}`, n, n, 1+n%3, photo)
}

// batchLines returns the JSON lines of records 1 to n, each ending in a
// newline: good ones (batchGood), and bad ones (batchBad) at the numbers in
// bad.
func batchLines(n int, bad ...int) string {
	return batchJoin(n, bad, func(int) string { return "\n" })
}

// batchJoin returns the JSON lines of records 1 to n, good ones and bad
// ones at the numbers in bad, each followed by end(i).
func batchJoin(n int, bad []int, end func(i int) string) string {
	var in strings.Builder
	for i := 1; i <= n; i++ {
		line := batchGood(i)
		if slices.Contains(bad, i) {
			line = batchBad(i)
		}
		in.WriteString(line + end(i))
	}
	return in.String()
}

// batchInput writes n good JSON lines to a file and returns its path.
func batchInput(t testing.TB, n int) string {
	t.Helper()
	return writeFile(t, t.TempDir(), "people.jsonl", batchLines(n))
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

// batchError is one entry of errors.jsonl.
type batchError struct {
	Record int    `json:"record"`
	Line   int    `json:"line"`
	Error  string `json:"error"`
}

// batchErrors reads errors.jsonl: the record numbers and the whole text.
func batchErrors(t testing.TB, dir string) ([]int, string) {
	t.Helper()
	entries, text := batchErrorsIn(t, dir, errorsFile)
	var records []int
	for _, e := range entries {
		records = append(records, e.Record)
	}
	return records, text
}

// batchErrorsIn reads an errors file of dir: its entries and its text.
func batchErrorsIn(t testing.TB, dir, name string) ([]batchError, string) {
	t.Helper()
	data := mustReadFile(t, filepath.Join(dir, name))
	var entries []batchError
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var e batchError
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&e), sc.Text())
		require.NotEmpty(t, e.Error)
		require.Positive(t, e.Record)
		require.GreaterOrEqual(t, e.Line, e.Record, "a record starts on its line or later")
		entries = append(entries, e)
	}
	return entries, string(data)
}

// batchSideFile matches the files of dir that are not outputs: the errors
// files and the issued lists.
var batchSideFile = regexp.MustCompile(`^(errors|\.issued)(-[0-9]+-of-[0-9]+)?\.jsonl$`)

// batchOutputs checks that dir holds only N.txt, N.png, the errors files
// and the issued lists (no temporary files), all of them 0600, and returns
// the record numbers with a text file.
func batchOutputs(t testing.TB, dir string, png bool) []int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	name := regexp.MustCompile(`^([1-9][0-9]*)\.(txt|png)$`)
	var texts []int
	pngs := map[int]bool{}
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		assert.Equal(t, defaultFileMode, info.Mode(), "%s", e.Name())
		if batchSideFile.MatchString(e.Name()) {
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
	data := mustReadFile(t, filepath.Join(dir, strconv.Itoa(n)+".txt"))
	require.True(t, bytes.HasSuffix(data, []byte("\n")))
	return string(data[:len(data)-1])
}
