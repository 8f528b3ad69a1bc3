package compress

import (
	"slices"
	"testing"
	"time"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

func BenchmarkDecompressBrotli(b *testing.B) {
	for _, bs := range benchSizes {
		p := sample(bs.size, 31)
		compressed := brotliStream(p)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				if _, _, err := Decompress(compressed, 0, DecompressOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// interleave times f and baseline alternately and reports the ratio of
// their median times ("ratio"), and both medians.
func interleave(b *testing.B, f, baseline func()) {
	const maxSamples = 1 << 16
	fs := make([]time.Duration, 0, maxSamples)
	bs := make([]time.Duration, 0, maxSamples)
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		f()
		t1 := time.Now()
		baseline()
		if len(fs) < maxSamples {
			fs, bs = append(fs, t1.Sub(t0)), append(bs, time.Since(t1))
		}
	}
	slices.Sort(fs)
	slices.Sort(bs)
	p, q := fs[len(fs)/2], bs[len(bs)/2]
	b.ReportMetric(float64(p)/float64(q), "ratio")
	b.ReportMetric(float64(p.Nanoseconds()), "brotli-ns")
	b.ReportMetric(float64(q.Nanoseconds()), "zlib-ns")
}

// BenchmarkBrotliCredentialRatio decompresses the example credential of
// the MOSIP specification compressed with Brotli and with zlib,
// alternately, and reports the ratio of their medians: a normal Brotli
// credential should cost about what inflating it costs.
func BenchmarkBrotliCredentialRatio(b *testing.B) {
	cose := goldenCOSE(b)
	p := cose[len(cose)-1]
	br, zl := brotliStream(p), Deflate(p)
	interleave(b, func() {
		if _, _, err := Decompress(br, 0, DecompressOptions{}); err != nil {
			b.Fatal(err)
		}
	}, func() {
		if _, err := Inflate(zl, 0); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkBrotliBombRatio decompresses each of brotlitest.WorstCases (the
// costliest Brotli streams known, at most a QR code's worth of input) and
// inflates 64 KiB of zlib (BenchmarkInflateLimit, the most an accepted zlib
// stream costs) alternately, and reports the ratio of their medians.
func BenchmarkBrotliBombRatio(b *testing.B) {
	limit := Deflate(make([]byte, DefaultMaxSize))
	for _, c := range brotlitest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			interleave(b, func() {
				_, _, _ = Decompress(c.Stream, 0, DecompressOptions{})
			}, func() {
				if _, err := Inflate(limit, 0); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
