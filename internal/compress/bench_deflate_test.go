package compress

import (
	"testing"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/testsupport"
)

// BenchmarkDeflateCorpusRatio times Deflate and Go's level 9 alternately on
// the credentials of the zlib corpus, one credential per iteration, and
// reports the ratio of their median times, and their mean lengths
// ("deflate-bytes", "go9-bytes").
func BenchmarkDeflateCorpusRatio(b *testing.B) {
	corpus := testsupport.ZlibCorpus(b, corpusDir)
	g := benchtest.NewGoZlib9()

	var i, j int
	benchtest.Ratio(b, func() {
		Deflate(corpus[i%len(corpus)].COSE)
		i++
	}, func() {
		g.Deflate(corpus[j%len(corpus)].COSE)
		j++
	}, "deflate", "go9")
	var ours, old int
	for _, c := range corpus {
		ours, old = ours+len(Deflate(c.COSE)), old+len(g.Deflate(c.COSE))
	}
	b.ReportMetric(float64(ours)/float64(len(corpus)), "deflate-bytes")
	b.ReportMetric(float64(old)/float64(len(corpus)), "go9-bytes")
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

// worstInput is the slowest input known for Deflate: maxOptimized bytes,
// each 0 or 1 at random, where every position has long chains of earlier
// ones that match it for a while, so that the search spends its whole
// budget and the optimal parse weighs many lengths at every position.
func worstInput() []byte {
	p := randomBytes(maxOptimized, 404)
	for i := range p {
		p[i] &= 1
	}
	return p
}

// BenchmarkDeflateWorstRatio times Deflate on worstInput against Go's level
// 9 on the same input, in one run.
func BenchmarkDeflateWorstRatio(b *testing.B) {
	p := worstInput()
	g := benchtest.NewGoZlib9()
	benchtest.Ratio(b, func() { Deflate(p) }, func() { g.Deflate(p) }, "deflate", "go9")
	b.ReportMetric(float64(len(Deflate(p))), "deflate-bytes")
	b.ReportMetric(float64(len(g.Deflate(p))), "go9-bytes")
}
