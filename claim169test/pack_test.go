package claim169test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
)

func asError(err error, target **claim169.Error) bool { return errors.As(err, target) }

// TestPack checks that the embedded pack is what generate makes of
// internal/vectors with this SDK; -update rewrites it (the embedded copy is
// refreshed by the next build).
func TestPack(t *testing.T) {
	files, err := generatedFiles()
	require.NoError(t, err)
	if *update {
		require.NoError(t, writePack(files))
		return
	}
	seen := 0
	err = fs.WalkDir(Pack(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "README.md" {
			return err
		}
		seen++
		got, err := fs.ReadFile(Pack(), p)
		require.NoError(t, err)
		want, ok := files[p]
		if assert.True(t, ok, "%s is not generated", p) {
			assert.Equal(t, string(want), string(got), "%s differs from the generated file (go test ./claim169test -update)", p)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, len(files), seen, "files generated but not in the pack (go test ./claim169test -update)")
}
