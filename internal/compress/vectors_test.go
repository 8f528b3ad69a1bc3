package compress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	dasio "github.com/dasio/base45"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	"github.com/idqr/claim169/internal/vectors"
)

// TestReferenceZlibVectors inflates streams written by the reference C zlib
// (testdata/zlib/SOURCE).
func TestReferenceZlibVectors(t *testing.T) {
	plain, err := os.ReadFile("testdata/zlib/plain.bin")
	require.NoError(t, err)
	files, err := filepath.Glob("testdata/zlib/*.zz")
	require.NoError(t, err)
	require.Len(t, files, 20, "levels 0-9, 4 strategies, 2 windows, memLevel 1, 2 flush patterns, empty")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".zz")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			want := plain
			if name == "empty" {
				want = []byte{}
			}
			got, err := Inflate(src, 0)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			_, err = Inflate(src, len(want)-1)
			if len(want) > 1 {
				assert.ErrorIs(t, err, ErrTooLarge)
			}
		})
	}
}

// TestIdpassVectors inflates the zlib stage of another implementation's
// credentials: the QR text is Base45 (decoded here with an independent
// library) of a zlib stream of a COSE message.
func TestIdpassVectors(t *testing.T) {
	for _, v := range vectors.Idpass() {
		if v.ExpectedError == "Base45Decode" {
			continue // no zlib stream: the Base45 stage's vector
		}
		t.Run(string(v.Category)+"/"+v.Name, func(t *testing.T) {
			zlibData, err := dasio.DecodeString(v.QR)
			require.NoError(t, err)
			got, err := Inflate(zlibData, 0)
			if v.ExpectedError == "Decompress" {
				require.ErrorIs(t, err, ErrCorrupt)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			// A COSE message: one well-formed CBOR item and nothing else.
			require.NoError(t, strictcbor.Valid(got))
			again, err := Inflate(Deflate(got), len(got))
			require.NoError(t, err)
			assert.Equal(t, got, again)
		})
	}
}
