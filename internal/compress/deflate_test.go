package compress

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storedBound is the longest zlib stream Deflate may write for n bytes:
// for input up to maxOptimized, one stored block (n+11); beyond, stored
// blocks of at most fastBlockTokens symbols, themselves cut every 65535
// bytes.
func storedBound(n int) int {
	if n <= maxOptimized {
		return n + 11
	}
	return n + 6 + 5*(n/fastBlockTokens+n/maxStored+2)
}

// checkDeflate compresses p and checks that the stream is standard zlib
// (Inflate and compress/zlib both read p back) and no longer than
// storedBound. It returns the stream.
func checkDeflate(t *testing.T, p []byte) []byte {
	t.Helper()
	out := Deflate(p)
	require.Equal(t, []byte{zlibCMF, zlibFLG}, out[:2])
	got, err := Inflate(out, max(len(p), 1))
	require.NoError(t, err)
	require.Equal(t, p, got)
	zr, err := zlib.NewReader(bytes.NewReader(out))
	require.NoError(t, err)
	ref, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Equal(t, p, ref)
	require.LessOrEqual(t, len(out), storedBound(len(p)))
	return out
}

// deflateInputs are inputs at the edges of what the encoder does: no data,
// a match too short or exactly as long as allowed, the boundary between
// the full search and the long-input parse, and the 32 KiB window.
func deflateInputs() map[string][]byte {
	window := randomBytes(40000, 1)
	copy(window[windowSize:], window[:2000]) // a copy exactly 32768 bytes back
	beyond := randomBytes(40000, 2)
	copy(beyond[windowSize+1:], beyond[:2000]) // one byte too far
	text := strings.Repeat("Claim 169 identity, Janardhan BS, New House, Near Metro Line, Bengaluru\n", 40)
	return map[string][]byte{
		"empty":                    {},
		"one byte":                 {'a'},
		"two bytes":                {0, 0},
		"three equal bytes":        {7, 7, 7},
		"four equal bytes":         {7, 7, 7, 7},
		"258 zeros":                make([]byte, 258),
		"259 zeros":                make([]byte, 259),
		"261 zeros":                make([]byte, 261),
		"zeros at the limit":       make([]byte, maxOptimized),
		"zeros beyond the limit":   make([]byte, maxOptimized+1),
		"random at the limit":      randomBytes(maxOptimized, 3),
		"random beyond the limit":  randomBytes(maxOptimized+1, 4),
		"random, several stored":   randomBytes(3*maxStored+7, 5),
		"copy at the window's end": window,
		"copy beyond the window":   beyond,
		"text":                     []byte(text),
		"long text":                []byte(strings.Repeat(text, 20)),
		"mixed":                    sample(3000, 6),
		"mixed, long":              sample(100000, 7),
		"all byte values":          bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 255, 254, 253}, 100),
	}
}

func TestDeflateInputs(t *testing.T) {
	for name, p := range deflateInputs() {
		t.Run(name, func(t *testing.T) { checkDeflate(t, p) })
	}
}

// TestDeflateIncompressible checks that random input of every size up to
// 2 KB, and a few larger ones, is never written longer than one stored
// block: the input plus 11 bytes.
func TestDeflateIncompressible(t *testing.T) {
	sizes := []int{4000, 8191, maxOptimized}
	for n := 0; n <= 2000; n += 1 + n/50 {
		sizes = append(sizes, n)
	}
	for _, n := range sizes {
		out := checkDeflate(t, randomBytes(n, uint64(n)))
		assert.LessOrEqual(t, len(out), n+11, "%d random bytes", n)
	}
}

// TestDeflateStructured checks random mixes of text, repeats and random
// bytes, the shapes credentials are made of, of every size up to 20 KB.
func TestDeflateStructured(t *testing.T) {
	r := rand.New(rand.NewPCG(169, 2))
	words := []string{"Claim 169 ", "\xa4\x01\x78", "José Müller ", "محمد ", "राम ", "19840418", "\x18\x3e\x81", "王伟"}
	for i := range 300 {
		n := r.IntN(2000)
		if i%20 == 0 {
			n = r.IntN(20000)
		}
		var p []byte
		for len(p) < n {
			switch r.IntN(4) {
			case 0:
				p = append(p, randomBytes(r.IntN(400), r.Uint64())...)
			case 1:
				if len(p) > 0 { // a repeat of earlier data, near or far
					start := r.IntN(len(p))
					p = append(p, p[start:start+min(len(p)-start, r.IntN(300))]...)
				}
			default:
				p = append(p, words[r.IntN(len(words))]...)
			}
		}
		checkDeflate(t, p)
	}
}

// TestDeflateNoLongerThanGoOnCredentialShapes checks the old encoder's
// lengths on mixes of text and random bytes like a credential's: Deflate
// is never longer.
func TestDeflateNoLongerThanGoOnCredentialShapes(t *testing.T) {
	for i := range 100 {
		p := append(sample(100+i*7, uint64(i)), randomBytes(200+i*13, uint64(i))...)
		p = append(p, sample(50+i, uint64(i+1000))...)
		assert.LessOrEqual(t, len(Deflate(p)), len(zlibLevel(t, p, 9)), "input %d", i)
	}
}

// TestDeflateDeterministic checks that the same input gives the same
// stream, whatever the pooled encoder did before.
func TestDeflateDeterministic(t *testing.T) {
	p := sample(3000, 8)
	want := Deflate(p)
	for i := range 5 {
		Deflate(sample(1000*i+17, uint64(i)))
		Deflate(make([]byte, 70000))
		assert.Equal(t, want, Deflate(p))
	}
}
