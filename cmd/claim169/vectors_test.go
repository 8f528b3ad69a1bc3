package main

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169test"
)

// readPack parses every vector file under dir with the pack's schema.
func readPack(t *testing.T, dir string) []claim169test.Vector {
	t.Helper()
	var vs []claim169test.Vector
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data := mustReadFile(t, p)
		v, err := claim169test.ParseVector(data)
		require.NoError(t, err, p)
		rel, err := filepath.Rel(dir, p)
		require.NoError(t, err)
		assert.Equal(t, filepath.ToSlash(rel), v.Name+".json", "a vector's file is at its name")
		vs = append(vs, v)
		return nil
	})
	require.NoError(t, err)
	return vs
}

// The command writes a pack whose files parse against the schema and whose
// outcomes the SDK reproduces, verified and unverified.
func TestVectorsWritesThePack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "conformance")
	r := runCLI(t, "", "vectors", "--out", dir)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "conformance vectors (schema "+claim169test.Schema+")")
	for _, note := range []string{"README.md", "idpass/LICENSE", "idpass/SOURCE", "golden/SOURCE", "mosip-spec/SOURCE"} {
		assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(note)))
	}

	vs := readPack(t, dir)
	require.Len(t, vs, len(claim169test.Vectors()))
	claim169test.RunVectors(t, vs, claim169test.Decode)
	for _, v := range vs {
		dec, err := v.NewDecoder()
		require.NoError(t, err)
		res, err := dec.DecodeUnverified(v.Text)
		want := v.WantUnverified
		if !want.Accepted() {
			require.ErrorIs(t, err, want.Err, v.Name)
			continue
		}
		require.NoError(t, err, v.Name)
		if len(v.Keys) == 0 {
			assert.Equal(t, claim169.Skipped, res.Verification, "no key, no check: %s", v.Name)
		} else {
			assert.Contains(t, []claim169.Verification{claim169.Verified, claim169.Failed}, res.Verification, v.Name)
		}
		assert.Contains(t, string(want.Identity), `"id":`, v.Name)
	}
}

func TestVectorsRefuses(t *testing.T) {
	dir := t.TempDir()
	require.Equal(t, 0, runCLI(t, "", "vectors", "--out", dir).code)
	r := runCLI(t, "", "vectors", "--out", dir)
	assert.Equal(t, exitUsage, r.code, "existing files are not overwritten")
	assert.Contains(t, r.stderr, "claim169: io: write the pack")

	assert.Equal(t, exitUsage, runCLI(t, "", "vectors").code, "--out is required")
	assert.Equal(t, exitUsage, runCLI(t, "", "vectors", "--out", dir, "extra").code)
}
