package brotli

import (
	"fmt"
	"testing"

	ts "github.com/idqr/claim169/internal/testsupport"

	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/vectors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenCOSE returns the COSE messages of the golden vectors and the
// example of the MOSIP specification: real Claim 169 payloads.
func goldenCOSE(testing.TB) [][]byte {
	var out [][]byte
	for _, g := range vectors.Goldens() {
		out = append(out, g.COSE)
	}
	return append(out, vectors.SpecExampleCOSE())
}

// TestBrotliNeverSniffsAsZlib compresses many payloads and checks that
// each result sniffs as Brotli and decompresses to the payload.
func TestBrotliNeverSniffsAsZlib(t *testing.T) {
	payloads := goldenCOSE(t)
	for n := range 300 {
		payloads = append(payloads, ts.Sample(n*7, uint64(n)))
	}
	for i := range 50 {
		p := ts.Sample(200+i*30, uint64(1000+i))
		p[0] = 0x78 // data that starts like zlib itself
		payloads = append(payloads, p)
	}
	for i, p := range payloads {
		out := Compress(p)
		require.Equal(t, compress.MethodBrotli, compress.Sniff(out), "payload %d", i)
		got, method, err := compress.Decompress(out, 0, compress.DecompressOptions{})
		require.NoError(t, err, "payload %d", i)
		assert.Equal(t, compress.MethodBrotli, method)
		require.Equal(t, p, got, "payload %d", i)
	}
}

// TestBrotliFallbackWindow checks the choice of window: when the output of
// the preferred window would sniff as zlib, the fallback window is used,
// and its output (first bit 1, an odd first byte) never sniffs as zlib.
func TestBrotliFallbackWindow(t *testing.T) {
	var asked []int
	zlibLike := func(src []byte, lgwin int) []byte {
		asked = append(asked, lgwin)
		if lgwin == brotliLGWin {
			return []byte{0x78, 0x9c, 0x00}
		}
		return brotliEncode(src, lgwin)
	}
	p := ts.Sample(500, 3)
	out := brotliCompress(p, zlibLike)
	assert.Equal(t, []int{brotliLGWin, brotliFallbackLGWin}, asked)
	assert.Equal(t, compress.MethodBrotli, compress.Sniff(out))
	got, _, err := compress.Decompress(out, 0, compress.DecompressOptions{})
	require.NoError(t, err)
	assert.Equal(t, p, got)
	for _, q := range [][]byte{nil, {0}, ts.Sample(3000, 4)} {
		assert.Equal(t, byte(1), brotliEncode(q, brotliFallbackLGWin)[0]&1, "first bit of a 256 KiB window")
	}
}

// TestBrotliShorterThanZlib is the reason for Brotli: on the golden
// credentials it is shorter than zlib at the best level in all (not on
// every one: 190 bytes against 186 for one of them).
func TestBrotliShorterThanZlib(t *testing.T) {
	brotliTotal, zlibTotal := 0, 0
	for _, p := range goldenCOSE(t) {
		brotliTotal += len(Compress(p))
		zlibTotal += len(compress.Deflate(p))
	}
	assert.Less(t, brotliTotal, zlibTotal)
	t.Logf("golden COSE: Brotli %d bytes, zlib %d bytes", brotliTotal, zlibTotal)
}

func ExampleCompress() {
	payload := []byte(`{"fullName":"Jane Doe","dateOfBirth":"1984-04-18","address":"12 Main Street, Springfield","email":"jane.doe@example.org"}`)
	compressed := Compress(payload)
	fmt.Println(compress.Sniff(compressed), len(payload), len(compressed))
	// Output: brotli 121 103
}

func BenchmarkCompress(b *testing.B) {
	for _, n := range []int{600, 3000} {
		p := ts.Sample(n, 30)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				Compress(p)
			}
		})
	}
}
