package compress

import (
	"testing"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

func BenchmarkDecompressBrotli(b *testing.B) {
	benchEachSize(b, 31, brotliStream, func(in []byte) error {
		_, _, err := Decompress(in, 0, DecompressOptions{})
		return err
	})
}

// BenchmarkBrotliCredentialRatio decompresses the example credential of
// the MOSIP specification compressed with Brotli and with zlib,
// alternately (benchtest.Ratio), and reports the ratio of their medians
// ("ratio") and both medians ("brotli-ns", "zlib-ns"): a normal Brotli
// credential should cost about what inflating it costs.
func BenchmarkBrotliCredentialRatio(b *testing.B) {
	cose := goldenCOSE(b)
	p := cose[len(cose)-1]
	br, zl := brotliStream(p), Deflate(p)
	benchtest.Ratio(b, func() {
		if _, _, err := Decompress(br, 0, DecompressOptions{}); err != nil {
			b.Fatal(err)
		}
	}, inflates(b, zl), "brotli", "zlib")
}

// BenchmarkBrotliBombRatio decompresses each of brotlitest.WorstCases (the
// costliest Brotli streams known, at most a QR code's worth of input) and
// inflates 64 KiB of zlib (BenchmarkInflateLimit, the most an accepted zlib
// stream costs) alternately, and reports the ratio of their medians.
func BenchmarkBrotliBombRatio(b *testing.B) {
	limit := Deflate(make([]byte, DefaultMaxSize))
	for _, c := range brotlitest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			benchtest.Ratio(b, func() {
				_, _, _ = Decompress(c.Stream, 0, DecompressOptions{})
			}, inflates(b, limit), "brotli", "zlib")
		})
	}
}
