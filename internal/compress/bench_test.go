package compress

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

var benchSizes = []struct {
	name string
	size int
}{{"600B", 600}, {"3KB", 3000}}

func BenchmarkDeflate(b *testing.B) {
	for _, bs := range benchSizes {
		p := sample(bs.size, 30)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				Deflate(p)
			}
		})
	}
}

func BenchmarkInflate(b *testing.B) {
	for _, bs := range benchSizes {
		p := sample(bs.size, 31)
		compressed := Deflate(p)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				if _, err := Inflate(compressed, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInflateLimit inflates exactly DefaultMaxSize bytes of zeros: the
// most work an accepted stream can cost. Compare with BenchmarkInflateBomb.
func BenchmarkInflateLimit(b *testing.B) {
	compressed := Deflate(make([]byte, DefaultMaxSize))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inflate(compressed, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInflateBomb rejects 10 MB of zeros (about 10 KB compressed) with
// the default limit: it should cost about as much as BenchmarkInflateLimit.
func BenchmarkInflateBomb(b *testing.B) {
	src := bomb()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inflate(src, 0); err != ErrTooLarge {
			b.Fatal(err)
		}
	}
}

// BenchmarkInflateBombRatio times BenchmarkInflateBomb and
// BenchmarkInflateLimit alternately in one run and reports the ratio of
// their median times ("ratio"): refusing a bomb must cost at most twice
// inflating the largest accepted stream.
func BenchmarkInflateBombRatio(b *testing.B) {
	src, limit := bomb(), Deflate(make([]byte, DefaultMaxSize))
	const maxSamples = 1 << 16
	inBomb := make([]time.Duration, 0, maxSamples)
	inLimit := make([]time.Duration, 0, maxSamples)
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		if _, err := Inflate(src, 0); err != ErrTooLarge {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := Inflate(limit, 0); err != nil {
			b.Fatal(err)
		}
		if len(inBomb) < maxSamples {
			inBomb, inLimit = append(inBomb, t1.Sub(t0)), append(inLimit, time.Since(t1))
		}
	}
	slices.Sort(inBomb)
	slices.Sort(inLimit)
	p, q := inBomb[len(inBomb)/2], inLimit[len(inLimit)/2]
	b.ReportMetric(float64(p)/float64(q), "ratio")
	b.ReportMetric(float64(p.Nanoseconds()), "bomb-ns")
	b.ReportMetric(float64(q.Nanoseconds()), "limit-ns")
}

func BenchmarkInflateReject(b *testing.B) {
	good := Deflate(sample(3000, 32))
	badChecksum := bytes.Clone(good)
	badChecksum[len(badChecksum)-1] ^= 1
	for _, bc := range []struct {
		name  string
		input []byte
	}{
		{"header", append([]byte{0x78, 0x00}, good[2:]...)},
		{"checksum", badChecksum},
		{"trailing", append(bytes.Clone(good), 0)},
		{"truncated", good[:len(good)/2]},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Inflate(bc.input, 0); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
