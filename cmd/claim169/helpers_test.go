package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helpers of the command's tests: running it in process, the files it
// reads, and a key pair with a credential to read.

// cliResult is what one in-process run of the command produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runInProcess runs the command in process with stdin.
func runInProcess(stdin string, args ...string) cliResult {
	var out, errOut bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut})
	return cliResult{code, out.String(), errOut.String()}
}

// runCLI runs the command in process with stdin, and checks that a failure
// says so in one line on stderr, as the contract says.
func runCLI(t testing.TB, stdin string, args ...string) cliResult {
	t.Helper()
	r := runInProcess(stdin, args...)
	if r.code != 0 {
		// The contract: one line on stderr, "claim169: <stage>: <reason>".
		assert.True(t, strings.HasPrefix(r.stderr, "claim169: "), "stderr %q", r.stderr)
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
	}
	return r
}

// decodeJSON parses the JSON object the command printed.
func decodeJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m), s)
	return m
}

// issue runs keygen and encode, returning the key prefix and the QR text.
func issue(t *testing.T, alg, record string, extra ...string) (string, string) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "issuer")
	r := runCLI(t, "", "keygen", "--alg", alg, "--kid", "issuer-kid", "--out", prefix)
	require.Equal(t, 0, r.code, r.stderr)
	args := append([]string{"encode", "--key", prefix + ".key.pem", "--kid", "issuer-kid"}, extra...)
	r = runCLI(t, record, args...)
	require.Equal(t, 0, r.code, r.stderr)
	require.True(t, strings.HasSuffix(r.stdout, "\n"))
	return prefix, strings.TrimSuffix(r.stdout, "\n")
}

// sampleRecord is a record with a face, a secondary name in Arabic script
// and unknown fields.
const sampleRecord = `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","gender":1,
  "secondaryFullName":"جاناردان","face":[{"data":"/9j/4AAQ","format":0,"subFormat":1}],
  "unknown":{"30":"x","70":[1,2]}},
  "cwt":{"issuer":"https://mosip.io","issuedAt":1756376445,"expiresAt":1787912445}}`

// mustReadFile returns the content of the file at path, failing t if it cannot.
func mustReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

// writeFile writes data to name in dir and returns its path.
func writeFile[T ~string | ~[]byte](t testing.TB, dir, name string, data T) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(data), 0o600))
	return path
}
