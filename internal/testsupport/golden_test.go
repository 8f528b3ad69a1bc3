package testsupport

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGoldenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "golden.txt")
	assert.Equal(t, []byte("first\n"), GoldenFile(t, path, []byte("first\n"), true), "written, then read")
	assert.Equal(t, []byte("first\n"), GoldenFile(t, path, []byte("second\n"), false), "read only")
}
