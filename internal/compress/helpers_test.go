package compress

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"hash/adler32"
	"sync"
	"testing"

	ab "github.com/andybalholm/brotli"

	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"

	"github.com/stretchr/testify/require"
)

// sample is testsupport.Sample.
var sample = ts.Sample

// randomBytes is testsupport.Random: n bytes that nothing compresses.
var randomBytes = ts.Random

// frame wraps raw DEFLATE data in a zlib header without a preset dictionary
// and the Adler-32 checksum of plain (RFC 1950 §2.2).
func frame(deflated, plain []byte) []byte {
	out := append([]byte{0x78, 0x01}, deflated...) // 0x7801 is a multiple of 31
	return binary.BigEndian.AppendUint32(out, adler32.Checksum(plain))
}

// storedBlocks returns DEFLATE data holding p in non-final stored blocks
// (RFC 1951 §3.2.4) of at most size bytes, then an empty final stored block.
func storedBlocks(p []byte, size int) []byte {
	var out []byte
	for len(p) > 0 {
		n := min(size, len(p))
		out = append(out, 0x00, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, p[:n]...)
		p = p[n:]
	}
	return append(out, 0x01, 0x00, 0x00, 0xff, 0xff)
}

// zlibLevel compresses p with the standard library's zlib writer at level.
func zlibLevel(t testing.TB, p []byte, level int) []byte {
	t.Helper()
	var buf writeBuffer
	w, err := zlib.NewWriterLevel(&buf, level)
	require.NoError(t, err)
	_, err = w.Write(p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf
}

type writeBuffer []byte

func (b *writeBuffer) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}

// bombSize is the inflated size of bomb: 10 MB of zeros.
const bombSize = 10 << 20

// bomb is a zlib stream of bombSize zeros at the best compression level:
// about 10 KB that inflate a thousandfold.
var bomb = sync.OnceValue(func() []byte { return Deflate(make([]byte, bombSize)) })

// flush returns DEFLATE data for p, written with a sync flush (an empty
// stored block) after every chunk bytes.
func flushed(t testing.TB, p []byte, chunk int) []byte {
	t.Helper()
	var buf writeBuffer
	w, err := flate.NewWriter(&buf, flate.DefaultCompression)
	require.NoError(t, err)
	for len(p) > 0 {
		n := min(chunk, len(p))
		_, err = w.Write(p[:n])
		require.NoError(t, err)
		require.NoError(t, w.Flush())
		p = p[n:]
	}
	require.NoError(t, w.Close())
	return buf
}

// brotliStream compresses src as Brotli with andybalholm/brotli at its best
// quality (as the Brotli encoder of package claim169/brotli does, which
// this package cannot import), for the decompression tests.
func brotliStream(src []byte) []byte {
	var buf bytes.Buffer
	w := ab.NewWriterLevel(&buf, ab.BestCompression)
	_, _ = w.Write(src)
	_ = w.Close()
	return buf.Bytes()
}

// goldenCOSE returns the COSE messages of the golden vectors and the
// example of the MOSIP specification: real Claim 169 payloads.
func goldenCOSE(testing.TB) [][]byte {
	var out [][]byte
	for _, g := range vectors.Goldens() {
		out = append(out, g.COSE)
	}
	return append(out, vectors.SpecExampleCOSE())
}
