package testsupport

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"a.txt": "first\n", "b.txt": "second", "c.hex": "00\n"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	assert.Equal(t, map[string]string{"a.txt": "first", "b.txt": "second"}, TextFiles(t, dir, "*.txt"))
}
