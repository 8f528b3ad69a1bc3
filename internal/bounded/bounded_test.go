package bounded

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lying is a bytes.Reader that announces fewer or more bytes than it holds.
type lying struct {
	*bytes.Reader
	announced int
}

func (l lying) Len() int { return l.announced }

// readers returns the ways the tests hand data to ReadAll: of a known size,
// of an unknown size, of a wrongly announced size, and as a file.
func readers(t *testing.T, data []byte) map[string]func() io.Reader {
	file := filepath.Join(t.TempDir(), "input")
	require.NoError(t, os.WriteFile(file, data, 0o600))
	return map[string]func() io.Reader{
		"bytes.Reader":    func() io.Reader { return bytes.NewReader(data) },
		"unknown size":    func() io.Reader { return io.MultiReader(bytes.NewReader(data)) },
		"announces less":  func() io.Reader { return lying{bytes.NewReader(data), 10} },
		"announces more":  func() io.Reader { return lying{bytes.NewReader(data), 50000} },
		"announces empty": func() io.Reader { return lying{bytes.NewReader(data), 0} },
		"announces < 0":   func() io.Reader { return lying{bytes.NewReader(data), -5} },
		"file": func() io.Reader {
			f, err := os.Open(file)
			require.NoError(t, err)
			t.Cleanup(func() { f.Close() })
			return f
		},
	}
}

// TestReadAll checks that every reader reads the same whole input within
// the limit and is refused with ErrTooLarge beyond it.
func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for name, r := range readers(t, data) {
		for _, limit := range []int64{0, 1, 9999, 10000, 10001, 20000} {
			got, err := ReadAll(r(), limit)
			if limit < int64(len(data)) {
				require.ErrorIs(t, err, ErrTooLarge, "%s, limit %d", name, limit)
				assert.Nil(t, got)
				continue
			}
			require.NoError(t, err, "%s, limit %d", name, limit)
			assert.Equal(t, data, got, "%s, limit %d", name, limit)
		}
	}
}

// TestReadAllOneBuffer checks that a reader of known size is read into one
// buffer, and that a longer stream is not read past the limit.
func TestReadAllOneBuffer(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	allocs := testing.AllocsPerRun(10, func() { _, _ = ReadAll(bytes.NewReader(data), 20000) })
	assert.LessOrEqual(t, allocs, 3.0, "the reader, its limit and one buffer")

	endless := &counting{}
	_, err := ReadAll(endless, 1000)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, int64(1001), endless.n, "limit+1 bytes read, no more")
}

// counting is an endless reader of zeros that counts what it gives.
type counting struct{ n int64 }

func (c *counting) Read(p []byte) (int, error) {
	clear(p)
	c.n += int64(len(p))
	return len(p), nil
}

// TestReadAllErrors checks that a read error is returned as it is, with
// none of the bytes read before it.
func TestReadAllErrors(t *testing.T) {
	boom := errors.New("boom")
	got, err := ReadAll(io.MultiReader(bytes.NewReader([]byte("secret")), failing{boom}), 100)
	require.ErrorIs(t, err, boom)
	assert.Nil(t, got)
}

type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

// TestReadFile checks the file form: the content within the limit, the
// limit, and the os package's error for a missing file.
func TestReadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.pem")
	require.NoError(t, os.WriteFile(path, []byte("twelve bytes"), 0o600))
	got, err := ReadFile(path, 12)
	require.NoError(t, err)
	assert.Equal(t, []byte("twelve bytes"), got)

	_, err = ReadFile(path, 11)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.NotContains(t, err.Error(), "twelve")

	_, err = ReadFile(filepath.Join(t.TempDir(), "missing"), 12)
	require.ErrorIs(t, err, os.ErrNotExist)
}
