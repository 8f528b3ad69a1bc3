package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A subcommand reading a terminal says what it waits for, on stderr; one
// reading a pipe or a file says nothing.
func TestTerminalSaysWhatItWaitsFor(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	for _, tc := range []struct {
		name, stdin, waits string
		args               []string
	}{
		{"decode", text + "\n", "reading the QR text from the terminal", []string{"decode", "--key", prefix + ".pub.pem", "--now", "1760000000"}},
		{"inspect", text + "\n", "reading the QR text from the terminal", []string{"inspect"}},
		{"encode", sampleRecord, "reading the record from the terminal", []string{"encode", "--key", prefix + ".key.pem"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, terminal := range []bool{true, false} {
				var out, errOut bytes.Buffer
				code := run(tc.args, &env{stdin: strings.NewReader(tc.stdin), stdout: &out, stderr: &errOut, stdinTerminal: terminal})
				require.Equal(t, 0, code, errOut.String())
				if terminal {
					assert.Contains(t, errOut.String(), "claim169: "+tc.waits+": paste it, then press Ctrl-D (or give --in FILE)\n")
				} else {
					assert.NotContains(t, errOut.String(), "from the terminal")
				}
			}
			// --in reads a file: nothing to say.
			var out, errOut bytes.Buffer
			_ = run(append(tc.args, "--in", prefix+".pub.pem"), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, stdinTerminal: true})
			assert.NotContains(t, errOut.String(), "from the terminal")
		})
	}
}

// inspect of an encrypted credential without its key shows the
// COSE_Encrypt0 headers, which need no key, and still exits 5.
func TestInspectEncryptedWithoutKey(t *testing.T) {
	dir := t.TempDir()
	aes := dir + "/aes.hex"
	require.NoError(t, writeFile(aes, strings.Repeat("ab", 32)+"\n"))
	_, text := issue(t, "EdDSA", sampleRecord, "--encrypt-key", aes, "--cwt-tag")
	r := runCLI(t, text+"\n", "inspect")
	assert.Equal(t, 5, r.code)
	out := decodeJSON(t, r.stdout)
	assert.Equal(t, "skipped", out["verification"])
	assert.Equal(t, map[string]any{}, out["claim169"], "no identity")
	assert.Equal(t, map[string]any{"algorithm": "A256GCM"}, out["encryption"])
	headers := out["headers"].(map[string]any)
	assert.Equal(t, true, headers["cwtTag"])
	assert.Equal(t, map[string]any{"1 (alg)": "3"}, headers["encryptProtected"])
	assert.Contains(t, headers["encryptUnprotected"], "5 (IV)")
	assert.Equal(t, []any{noKeyWarning}, out["warnings"])
	assert.Contains(t, r.stderr, "claim169: decrypt: ")

	// With the key, inspect opens it; decode without the key prints nothing.
	assert.Equal(t, 0, runCLI(t, text, "inspect", "--decrypt-key", aes).code)
	r = runCLI(t, text, "decode", "--allow-unverified")
	assert.Equal(t, 5, r.code)
	assert.Empty(t, r.stdout)
}

func writeFile(path, content string) error { return os.WriteFile(path, []byte(content), 0o600) }
