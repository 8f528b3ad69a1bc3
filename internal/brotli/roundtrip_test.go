package brotli

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRoundTrip decodes every payload compressed by andybalholm/brotli at
// every quality and several windows.
func TestRoundTrip(t *testing.T) {
	windows := []int{10, 12, 16, 18, 20, 22, 24}
	for _, p := range payloads(t) {
		for quality := 0; quality <= 11; quality++ {
			for _, lgwin := range windows {
				if testing.Short() && quality > 9 && len(p.data) > 10000 {
					continue
				}
				src := abEncode(t, p.data, quality, lgwin)
				got, err := Decode(src, 1<<20)
				require.NoError(t, err, "%s, quality %d, window %d", p.name, quality, lgwin)
				require.Equal(t, len(p.data), len(got), "%s, quality %d, window %d", p.name, quality, lgwin)
				require.Equal(t, string(p.data), string(got), "%s, quality %d, window %d", p.name, quality, lgwin)
			}
		}
	}
}

// TestLibbrotliVectors decodes the streams of testdata/libbrotli, written
// by the C library (see SOURCE there).
func TestLibbrotliVectors(t *testing.T) {
	for _, v := range libbrotliVectors(t) {
		t.Run(v.name, func(t *testing.T) {
			got, err := Decode(v.stream, 0)
			require.NoError(t, err)
			assert.Equal(t, v.plain, got)
			oracle, err := abDecode(v.stream, DefaultMaxSize)
			require.NoError(t, err)
			assert.Equal(t, v.plain, oracle)
		})
	}
}

// TestEmptyAndMetadata covers streams that produce no data, metadata
// blocks, uncompressed blocks and the result for empty output (non-nil).
func TestEmptyAndMetadata(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  string
	}{
		{"last empty, window 16", []byte{0x06}, ""},
		{"last empty, window 24", []byte{0x3f}, ""},
		{"metadata then data", withMetadata([]byte("not output"), "data"), "data"},
		{"empty metadata then data", withMetadata(nil, "data"), "data"},
		{"metadata of 300 bytes", withMetadata(make([]byte, 300), "x"), "x"},
		{"stored blocks", stored("hello, ", "world"), "hello, world"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.input, 0)
			require.NoError(t, err)
			assert.NotNil(t, got)
			assert.Equal(t, tt.want, string(got))
			oracle, err := abDecode(tt.input, DefaultMaxSize)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(oracle))
		})
	}
}

// TestSizeLimitExact checks that output of exactly the limit is accepted
// and one byte more refused, for one and several meta-blocks.
func TestSizeLimitExact(t *testing.T) {
	for _, n := range []int{1, 100, 4096, DefaultMaxSize} {
		p := sample(n, uint64(n))
		for _, quality := range []int{0, 5, 11} {
			src := abEncode(t, p, quality, 10)
			got, err := Decode(src, n)
			require.NoError(t, err, fmt.Sprint(n, quality))
			assert.Equal(t, p, got)
			got, err = Decode(src, n-1+boolInt(n == 1))
			if n > 1 {
				require.ErrorIs(t, err, ErrTooLarge)
				assert.Nil(t, got)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
