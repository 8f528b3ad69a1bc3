package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
		data, err := os.ReadFile(outside)
		require.NoError(t, err)
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
		_, err := dec.Decode(batchText(t, out, n))
		assert.NoError(t, err)
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
