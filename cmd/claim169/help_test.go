package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// helpDir holds the pinned --help output of the command and of each
// subcommand; go test -update rewrites it.
const helpDir = "testdata/help"

// Every --help is printed once, to stdout, and is pinned byte for byte.
func TestHelpPinned(t *testing.T) {
	names := []string{"claim169"}
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			args := []string{name, "--help"}
			if name == "claim169" {
				args = []string{"--help"}
			}
			r := runCLI(t, "", args...)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			if name != "claim169" {
				assert.Equal(t, 1, strings.Count(r.stdout, "Usage: "), "usage printed once")
			}
			path := filepath.Join(helpDir, name+".txt")
			if *updateOutput {
				require.NoError(t, os.MkdirAll(helpDir, 0o755))
				require.NoError(t, os.WriteFile(path, []byte(r.stdout), 0o644))
			}
			want := mustReadFile(t, path)
			assert.Equal(t, string(want), r.stdout)
		})
	}
}

// A mistyped flag is one line on stderr with exit 1, never the usage on
// stdout (which a shell redirection would write into the output file).
func TestUnknownFlag(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		suggest string
	}{
		{[]string{"decode", "--keyy", "k.pem"}, "--key"},
		{[]string{"decode", "--jkws", "set.json"}, "--jwks"},
		{[]string{"decode", "--alow-unverified"}, "--allow-unverified"},
		{[]string{"encode", "-max-verison", "25"}, "--max-version"},
		{[]string{"inspect", "--decrypt-keys", "k.hex"}, "--decrypt-key"},
		{[]string{"keygen", "--frobnicate"}, ""},
		{[]string{"qr", "--x"}, ""},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			assert.Equal(t, 1, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, "unknown flag")
			if tc.suggest != "" {
				assert.Contains(t, r.stderr, "(did you mean "+tc.suggest+"?)")
			} else {
				assert.NotContains(t, r.stderr, "did you mean")
			}
		})
	}
	r := runCLI(t, "", "encode", "--max-version", "many")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout)
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"key", "key", 0}, {"keyy", "key", 1}, {"jkws", "jwks", 1},
		{"ky", "key", 1}, {"kez", "key", 1}, {"abc", "", 3}, {"in", "now", 3},
	} {
		assert.Equal(t, tc.want, editDistance(tc.a, tc.b), "%q %q", tc.a, tc.b)
	}
}

// No error line repeats a prefix: "claim169: " starts it once, and no
// stage is named twice in a row.
func TestErrorPrefixesOnce(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	dir := t.TempDir()
	weakPath := writeFile(t, dir, "weak.key.pem", cryptoPKCS8(t, ts.RSAKey(1024)))
	garbage := writeFile(t, dir, "garbage.pem", "not a key")

	key := prefix + ".key.pem"
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"bad gender", `{"claim169":{"gender":"male"}}`, []string{"encode", "--key", key}},
		{"bad face", `{"claim169":{"face":[{"data":"!!"}]}}`, []string{"encode", "--key", key}},
		{"bad date", `{"claim169":{"id":"1"},"cwt":{"expiresAt":"tomorrow"}}`, []string{"encode", "--key", key}},
		{"unknown field", `{"claim169":{"fullname":"x"}}`, []string{"encode", "--key", key}},
		{"not json", `{`, []string{"encode", "--key", key}},
		{"weak key", `{"claim169":{"id":"1"}}`, []string{"encode", "--key", weakPath}},
		{"garbage key", `{"claim169":{"id":"1"}}`, []string{"encode", "--key", garbage}},
		{"garbage public key", text, []string{"decode", "--key", garbage}},
		{"garbage key set", text, []string{"decode", "--jwks", garbage}},
		{"wrong key", text, []string{"decode", "--key", prefix + ".pub.pem"}},
		{"bad text", "hello", []string{"decode", "--key", prefix + ".pub.pem"}},
		{"bad text inspected", "hello", []string{"inspect"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.stdin, tc.args...)
			require.NotEqual(t, 0, r.code)
			assert.Equal(t, 1, strings.Count(r.stderr, "claim169: "), r.stderr)
			fields := strings.Fields(r.stderr)
			for i := 1; i < len(fields); i++ {
				if strings.HasSuffix(fields[i], ":") {
					assert.NotEqual(t, fields[i-1], fields[i], "a prefix twice: %s", r.stderr)
				}
			}
		})
	}
}

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
	aes := writeFile(t, t.TempDir(), "aes.hex", strings.Repeat("ab", 32)+"\n")
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
