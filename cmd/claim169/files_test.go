package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files the command writes, keygen's keys and batch's outputs: never
// an existing file replaced without --force, replaced atomically when it
// is, private modes, and no symbolic link followed.

func TestKeygenNeverOverwrites(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "issuer")
	require.Equal(t, exitOK, runCLI(t, "", "keygen", "--out", prefix).code)
	first := mustReadFile(t, prefix+".key.pem")
	st, err := os.Stat(prefix + ".key.pem")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	r := runCLI(t, "", "keygen", "--out", prefix)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "never overwrites")
	again := mustReadFile(t, prefix+".key.pem")
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
	data := mustReadFile(t, prefix+".key.pem")
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
		data := mustReadFile(t, target)
		assert.Equal(t, "keep me", string(data), "the link's target is untouched")
		fi, err := os.Lstat(prefix + ".key.pem")
		require.NoError(t, err)
		assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link stays")
	}
}

// batchMode returns the permission bits of path.
func batchMode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	st, err := os.Lstat(path)
	require.NoError(t, err)
	return st.Mode().Perm()
}

func TestBatchPermissions(t *testing.T) {
	key, _ := batchKeys(t)
	path := batchInput(t, 2)

	out := filepath.Join(t.TempDir(), "new")
	code, _, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png")
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, fs.FileMode(0o700), batchMode(t, out))
	assert.Equal(t, []int{1, 2}, batchOutputs(t, out, true), "every file 0600")

	out = filepath.Join(t.TempDir(), "shared")
	code, _, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--file-mode", "0640")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, fs.FileMode(0o750), batchMode(t, out))
	for _, name := range []string{"1.txt", "2.png", errorsFile, ".issued.jsonl"} {
		assert.Equal(t, fs.FileMode(0o640), batchMode(t, filepath.Join(out, name)), name)
	}

	out = t.TempDir()
	require.NoError(t, os.Chmod(out, 0o755))
	code, _, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", out)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "claim169: batch: warning: --out: the directory is open to other users (mode 0755)")
	assert.Equal(t, []int{1, 2}, batchOutputs(t, out, false))
}

// TestBatchNoLinkFollowed plants links where the batch writes and reads
// and checks that no file outside the directory is read or written.
func TestBatchNoLinkFollowed(t *testing.T) {
	key, dec := batchKeys(t)
	path := batchInput(t, 3)
	outside := writeFile(t, t.TempDir(), "outside", "keep\n")
	unchanged := func() {
		t.Helper()
		data := mustReadFile(t, outside)
		assert.Equal(t, "keep\n", string(data))
	}

	out := t.TempDir()
	for _, name := range []string{".1.txt.tmp", "2.txt", "3.png", ".3.png.tmp", ".errors.jsonl.tmp"} {
		require.NoError(t, os.Symlink(outside, filepath.Join(out, name)))
	}
	code, _, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--resume")
	require.Equal(t, exitOK, code, stderr)
	unchanged()
	for _, n := range batchOutputs(t, out, true) { // regular files only
		dec.decode(t, out, n)
	}

	// A link in place of the issued list stops the run.
	out = t.TempDir()
	require.NoError(t, os.Symlink(outside, filepath.Join(out, ".issued.jsonl")))
	code, _, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", out)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "claim169: io: write .issued.jsonl: ")
	unchanged()

	// --out itself may not be a link.
	link := filepath.Join(t.TempDir(), "link")
	require.NoError(t, os.Symlink(t.TempDir(), link))
	code, _, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", link)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "claim169: io: --out: is a symbolic link")
}
