package compress

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/brotli"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

func TestDefaultMaxSizeMatchesBrotli(t *testing.T) {
	assert.Equal(t, DefaultMaxSize, brotli.DefaultMaxSize)
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  Method
	}{
		{"zlib, fastest", []byte{0x78, 0x01}, MethodZlib},
		{"zlib, default", []byte{0x78, 0x9c, 0x03}, MethodZlib},
		{"zlib, best", []byte{0x78, 0xda}, MethodZlib},
		{"zlib header with a preset dictionary", []byte{0x78, 0xbb}, MethodZlib},
		{"Deflate output", Deflate([]byte("Claim 169")), MethodZlib},
		{"0x78 with a bad check", []byte{0x78, 0x00}, MethodBrotli},
		{"zlib with a 16 KiB window", []byte{0x68, 0x81}, MethodBrotli},
		{"one byte 0x78", []byte{0x78}, MethodBrotli},
		{"empty", nil, MethodBrotli},
		{"Brotli output", brotliStream([]byte("Claim 169")), MethodBrotli},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Sniff(tt.input))
		})
	}
	assert.Equal(t, "zlib", MethodZlib.String())
	assert.Equal(t, "brotli", MethodBrotli.String())
	assert.Equal(t, "unknown", Method(0).String())
}

func TestDecompress(t *testing.T) {
	for _, n := range []int{0, 1, 169, 3000, 20000} {
		p := sample(n, uint64(n))
		for _, tc := range []struct {
			method Method
			input  []byte
		}{{MethodZlib, Deflate(p)}, {MethodBrotli, brotliStream(p)}} {
			got, method, err := Decompress(tc.input, 0, DecompressOptions{})
			require.NoError(t, err)
			assert.Equal(t, tc.method, method)
			assert.Equal(t, p, got)
			got, method, err = Decompress(tc.input, 0, DecompressOptions{ZlibOnly: true})
			assert.Equal(t, tc.method, method)
			if tc.method == MethodZlib {
				require.NoError(t, err)
				assert.Equal(t, p, got)
			} else {
				require.ErrorIs(t, err, ErrNotZlib)
				assert.Nil(t, got)
			}
		}
	}
}

// TestDecompressZlibIsInflate checks that zlib data takes the path of
// Inflate, errors and all.
func TestDecompressZlibIsInflate(t *testing.T) {
	good := Deflate(sample(500, 1))
	for _, input := range [][]byte{good, good[:len(good)-1], append(bytes.Clone(good), 0), bomb()} {
		want, wantErr := Inflate(input, 100)
		got, method, err := Decompress(input, 100, DecompressOptions{})
		assert.Equal(t, MethodZlib, method)
		assert.Equal(t, want, got)
		assert.Equal(t, wantErr, err)
	}
}

func TestDecompressBrotliErrors(t *testing.T) {
	good := brotliStream(sample(2000, 2))
	tests := []struct {
		name     string
		input    []byte
		maxSize  int
		sentinel error
		brotli   error
	}{
		{"too large", good, 1000, ErrTooLarge, ErrTooLarge},
		{"bomb", brotlitest.LongCopies(24, 16<<20, 16<<20), 0, ErrTooLarge, ErrTooLarge},
		{"table limit", brotlitest.ManyCommandCodes(256, 1, 0), 0, ErrTooLarge, brotli.ErrTooLarge},
		{"trailing data", append(bytes.Clone(good), 0), 0, ErrTrailingData, brotli.ErrTrailingData},
		{"truncated", good[:len(good)/2], 0, ErrCorrupt, io.ErrUnexpectedEOF},
		{"large window", []byte{0x11, 0x03}, 0, ErrCorrupt, brotli.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, method, err := Decompress(tt.input, tt.maxSize, DecompressOptions{})
			assert.Equal(t, MethodBrotli, method)
			assert.Nil(t, got)
			require.ErrorIs(t, err, tt.sentinel)
			require.ErrorIs(t, err, tt.brotli)
			for _, other := range []error{ErrTooLarge, ErrTrailingData, ErrCorrupt} {
				if other != tt.sentinel {
					assert.False(t, errors.Is(err, other), "also %v", other)
				}
			}
		})
	}
	// As from Inflate, a plain size error is ErrTooLarge itself.
	_, _, err := Decompress(good, 1000, DecompressOptions{})
	assert.Equal(t, ErrTooLarge, err)
}
