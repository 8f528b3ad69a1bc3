package compress

import (
	"bytes"
	"compress/zlib"
	"testing"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/testsupport"
)

// goLevel9 is the standard library's zlib at level 9 on a pooled writer:
// the encoder Deflate replaced, and its baseline.
type goLevel9 struct {
	buf bytes.Buffer
	zw  *zlib.Writer
}

func newGoLevel9() *goLevel9 {
	g := new(goLevel9)
	g.zw, _ = zlib.NewWriterLevel(&g.buf, zlib.BestCompression) // a valid level
	return g
}

// deflate returns the zlib stream of p in a new slice, as Deflate does.
func (g *goLevel9) deflate(p []byte) []byte {
	g.buf.Reset()
	g.zw.Reset(&g.buf)
	_, _ = g.zw.Write(p) // writes to a bytes.Buffer cannot fail
	_ = g.zw.Close()
	return bytes.Clone(g.buf.Bytes())
}

// BenchmarkDeflateCorpusRatio times Deflate and Go's level 9 alternately on
// the credentials of the zlib corpus, one credential per iteration, and
// reports the ratio of their median times.
func BenchmarkDeflateCorpusRatio(b *testing.B) {
	corpus := testsupport.ZlibCorpus(b, corpusDir)
	g := newGoLevel9()
	var i, j int
	benchtest.Ratio(b, func() {
		Deflate(corpus[i%len(corpus)].COSE)
		i++
	}, func() {
		g.deflate(corpus[j%len(corpus)].COSE)
		j++
	}, "deflate", "go9")
}

// BenchmarkDeflateCorpus is Deflate alone over the corpus.
func BenchmarkDeflateCorpus(b *testing.B) {
	corpus := testsupport.ZlibCorpus(b, corpusDir)
	i := 0
	benchtest.Loop(b, func() {
		Deflate(corpus[i%len(corpus)].COSE)
		i++
	})
}
