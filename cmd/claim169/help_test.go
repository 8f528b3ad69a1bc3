package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
			want, err := os.ReadFile(path)
			require.NoError(t, err)
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
