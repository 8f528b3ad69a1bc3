package compress

import (
	"bytes"
	"testing"

	"github.com/idqr/claim169/internal/benchtest"
)

var benchSizes = []struct {
	name string
	size int
}{{"600B", 600}, {"3KB", 3000}}

// benchEachSize times f on a sample of each of benchSizes, prepared by
// prepare (compressed, or as it is), reporting the sample's bytes.
func benchEachSize(b *testing.B, seed uint64, prepare func([]byte) []byte, f func([]byte) error) {
	for _, bs := range benchSizes {
		p := sample(bs.size, seed)
		in := prepare(p)
		b.Run(bs.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p)))
			for b.Loop() {
				if err := f(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDeflate(b *testing.B) {
	benchEachSize(b, 30, func(p []byte) []byte { return p }, func(p []byte) error {
		Deflate(p)
		return nil
	})
}

func BenchmarkInflate(b *testing.B) {
	benchEachSize(b, 31, Deflate, func(in []byte) error {
		_, err := Inflate(in, 0)
		return err
	})
}

// BenchmarkInflateLimit inflates exactly DefaultMaxSize bytes of zeros: the
// most work an accepted stream can cost. Compare with BenchmarkInflateBomb.
func BenchmarkInflateLimit(b *testing.B) {
	inflate := inflates(b, Deflate(make([]byte, DefaultMaxSize)))
	b.ReportAllocs()
	for b.Loop() {
		inflate()
	}
}

// inflates returns a call of Inflate on the stream src at the default
// limit, which fails b on an error: the zlib baseline of the benchmarks.
func inflates(b *testing.B, src []byte) func() {
	return func() {
		if _, err := Inflate(src, 0); err != nil {
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
// BenchmarkInflateLimit alternately in one run (benchtest.Ratio) and reports
// the ratio of their median times ("ratio") and both ("bomb-ns",
// "limit-ns"): refusing a bomb must cost at most twice
// inflating the largest accepted stream.
func BenchmarkInflateBombRatio(b *testing.B) {
	src, limit := bomb(), Deflate(make([]byte, DefaultMaxSize))
	benchtest.Ratio(b, func() {
		if _, err := Inflate(src, 0); err != ErrTooLarge {
			b.Fatal(err)
		}
	}, inflates(b, limit), "bomb", "limit")
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
