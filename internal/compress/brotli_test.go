package compress

import (
	"testing"

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
		payloads = append(payloads, sample(n*7, uint64(n)))
	}
	for i := range 50 {
		p := sample(200+i*30, uint64(1000+i))
		p[0] = 0x78 // data that starts like zlib itself
		payloads = append(payloads, p)
	}
	for i, p := range payloads {
		out := Brotli(p)
		require.Equal(t, MethodBrotli, Sniff(out), "payload %d", i)
		got, method, err := Decompress(out, 0, DecompressOptions{})
		require.NoError(t, err, "payload %d", i)
		assert.Equal(t, MethodBrotli, method)
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
	p := sample(500, 3)
	out := brotliCompress(p, zlibLike)
	assert.Equal(t, []int{brotliLGWin, brotliFallbackLGWin}, asked)
	assert.Equal(t, MethodBrotli, Sniff(out))
	got, _, err := Decompress(out, 0, DecompressOptions{})
	require.NoError(t, err)
	assert.Equal(t, p, got)
	for _, q := range [][]byte{nil, {0}, sample(3000, 4)} {
		assert.Equal(t, byte(1), brotliEncode(q, brotliFallbackLGWin)[0]&1, "first bit of a 256 KiB window")
	}
}

// TestBrotliShorterThanZlib is the reason for Brotli: on the golden
// credentials it is shorter than zlib at the best level in all (not on
// every one: 190 bytes against 186 for one of them).
func TestBrotliShorterThanZlib(t *testing.T) {
	brotliTotal, zlibTotal := 0, 0
	for _, p := range goldenCOSE(t) {
		brotliTotal += len(Brotli(p))
		zlibTotal += len(Deflate(p))
	}
	assert.Less(t, brotliTotal, zlibTotal)
	t.Logf("golden COSE: Brotli %d bytes, zlib %d bytes", brotliTotal, zlibTotal)
}
