package claim169test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParseVector: an error gives the zero Vector; an accepted file
// survives writing and reading again.
func FuzzParseVector(f *testing.F) {
	err := fs.WalkDir(Pack(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := fs.ReadFile(Pack(), p)
		f.Add(data)
		return err
	})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseVector(data)
		if err != nil {
			assert.Zero(t, v.Name)
			assert.Nil(t, v.Keys)
			return
		}
		out, err := v.MarshalJSON()
		require.NoError(t, err)
		again, err := ParseVector(out)
		require.NoError(t, err)
		assert.Equal(t, v, again)
	})
}
