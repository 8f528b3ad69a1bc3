package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeygenNeverOverwrites(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, exitOK, runCLI(t, "", "keygen", "--out", prefix).code)
	first, err := os.ReadFile(prefix + ".key.pem")
	require.NoError(t, err)
	st, err := os.Stat(prefix + ".key.pem")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	r := runCLI(t, "", "keygen", "--out", prefix)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "never overwrites")
	again, err := os.ReadFile(prefix + ".key.pem")
	require.NoError(t, err)
	assert.Equal(t, first, again, "the key is untouched")

	// A lone existing public file also stops keygen before it writes anything.
	other := filepath.Join(t.TempDir(), "other")
	require.NoError(t, os.WriteFile(other+".jwks.json", []byte("{}"), 0o644))
	assert.Equal(t, exitUsage, runCLI(t, "", "keygen", "--out", other).code)
	assert.NoFileExists(t, other+".key.pem", "nothing written")
}

func TestKeygenForceReplacesAtomically(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	// A world-readable file where the key goes keeps neither its content
	// nor its mode.
	require.NoError(t, os.WriteFile(prefix+".key.pem", []byte("old"), 0o666))
	require.NoError(t, os.Chmod(prefix+".key.pem", 0o666))
	r := runCLI(t, "", "keygen", "--out", prefix, "--force")
	require.Equal(t, exitOK, r.code, r.stderr)
	data, err := os.ReadFile(prefix + ".key.pem")
	require.NoError(t, err)
	assert.Contains(t, string(data), "PRIVATE KEY")
	st, err := os.Stat(prefix + ".key.pem")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	leftovers, err := filepath.Glob(prefix + "*.tmp")
	require.NoError(t, err)
	assert.Empty(t, leftovers)
}

func TestKeygenRefusesSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	require.NoError(t, os.WriteFile(target, []byte("keep me"), 0o644))
	prefix := filepath.Join(dir, "issuer")
	require.NoError(t, os.Symlink(target, prefix+".key.pem"))
	for _, args := range [][]string{{}, {"--force"}} {
		r := runCLI(t, "", append([]string{"keygen", "--out", prefix}, args...)...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Contains(t, r.stderr, "symbolic link")
		data, err := os.ReadFile(target)
		require.NoError(t, err)
		assert.Equal(t, "keep me", string(data), "the link's target is untouched")
		fi, err := os.Lstat(prefix + ".key.pem")
		require.NoError(t, err)
		assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link stays")
	}
}
