package brotli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ts "github.com/idqr/claim169/internal/testsupport"

	ab "github.com/andybalholm/brotli"
	"github.com/idqr/claim169/internal/vectors"
	"github.com/stretchr/testify/require"
)

// abEncode compresses p with andybalholm/brotli at the given quality and
// window.
func abEncode(t testing.TB, p []byte, quality, lgwin int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := ab.NewWriterOptions(&buf, ab.WriterOptions{Quality: quality, LGWin: lgwin})
	_, err := w.Write(p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// errOracleTooLarge is what abDecode returns for output beyond the limit.
var errOracleTooLarge = errors.New("oracle: output beyond the limit")

// abDecode decompresses src with andybalholm/brotli, reading at most
// maxSize+1 bytes: the oracle of the differential tests.
func abDecode(src []byte, maxSize int) ([]byte, error) {
	r := ab.NewReader(bytes.NewReader(src))
	out, err := io.ReadAll(io.LimitReader(r, int64(maxSize)+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxSize {
		return nil, errOracleTooLarge
	}
	// io.ReadAll stops at the limit without reading the end of the stream:
	// one more read reports trailing data or a late error.
	var one [1]byte
	if n, err := r.Read(one[:]); n != 0 || (err != nil && err != io.EOF) {
		if n != 0 {
			return nil, errOracleTooLarge
		}
		return nil, err
	}
	return out, nil
}

// sample is testsupport.Sample.
var sample = ts.Sample

// random is testsupport.Random: n bytes that nothing compresses.
var random = ts.Random

// payload is named test data.
type payload struct {
	name string
	data []byte
}

// payloads returns the data of the round-trip tests: empty, tiny, random,
// repetitive and credential-like data, and real Claim 169 COSE messages
// (the golden vectors and the example of the MOSIP specification).
func payloads(t testing.TB) []payload {
	t.Helper()
	ps := []payload{
		{"empty", nil},
		{"one byte", []byte{'x'}},
		{"random 2000", random(2000, 1)},
		{"zeros 70000", make([]byte, 70000)},
		{"repeated word", bytes.Repeat([]byte("Claim 169 "), 500)},
		{"sample 1000", sample(1000, 2)},
		{"sample 40000", sample(40000, 3)},
	}
	ps = append(ps, payload{"spec example COSE", specExample(t)})
	return append(ps, goldenCOSE(t)...)
}

// specExample returns the example credential of the MOSIP specification,
// a COSE_Sign1 of 745 bytes.
func specExample(testing.TB) []byte { return vectors.SpecExampleCOSE() }

// goldenCOSE returns the COSE messages of the golden vectors.
func goldenCOSE(testing.TB) []payload {
	var ps []payload
	for _, g := range vectors.Goldens() {
		ps = append(ps, payload{g.Name, g.COSE})
	}
	return ps
}

// libbrotliVector is a stream of testdata/libbrotli, written by the C
// library (see SOURCE there), and the bytes it decodes to.
type libbrotliVector struct {
	name          string // the stream's file name
	stream, plain []byte
}

// libbrotliVectors returns the vectors of testdata/libbrotli, at least ten.
func libbrotliVectors(tb testing.TB) []libbrotliVector {
	tb.Helper()
	files, err := filepath.Glob("testdata/libbrotli/*.br")
	require.NoError(tb, err)
	require.GreaterOrEqual(tb, len(files), 10)
	out := make([]libbrotliVector, 0, len(files))
	for _, f := range files {
		stream, err := os.ReadFile(f)
		require.NoError(tb, err)
		name := filepath.Base(f)
		plainName, _, _ := strings.Cut(name, ".")
		plain, err := os.ReadFile(filepath.Join("testdata/libbrotli", plainName+".bin"))
		require.NoError(tb, err)
		out = append(out, libbrotliVector{name: name, stream: stream, plain: plain})
	}
	return out
}
