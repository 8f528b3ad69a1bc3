package brotli

import (
	"testing"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// BenchmarkDecode decodes credentials compressed as internal/compress does
// (quality 11, lgwin 16): the example of the MOSIP specification (745
// bytes) and 3 KB of credential-like data.
func BenchmarkDecode(b *testing.B) {
	for _, p := range []payload{{"spec-example", specExample(b)}, {"3KB", sample(3000, 31)}} {
		src := abEncode(b, p.data, 11, 16)
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(p.data)))
			for b.Loop() {
				if _, err := Decode(src, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWorstCases decodes each of brotlitest.WorstCases, the costliest
// streams known for the default limit and a QR code's worth of input.
// Compare with internal/compress BenchmarkBrotliBombRatio, which times
// them against inflating 64 KiB of zlib in the same run.
func BenchmarkWorstCases(b *testing.B) {
	for _, c := range brotlitest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(c.Stream)), "input-bytes")
			for b.Loop() {
				_, _ = Decode(c.Stream, 0)
			}
		})
	}
}

// BenchmarkOracleWorstCases decodes the same streams with
// andybalholm/brotli, limited to 64 KiB of output like Decode, for
// contrast: it allocates and fills the declared window first.
func BenchmarkOracleWorstCases(b *testing.B) {
	for _, c := range brotlitest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = abDecode(c.Stream, DefaultMaxSize)
			}
		})
	}
}

func BenchmarkDecodeReject(b *testing.B) {
	good := abEncode(b, sample(3000, 32), 11, 16)
	// Brotli has no checksum: a flipped bit in the data changes the output
	// but often leaves a valid stream. This one breaks a rule.
	corrupt := stream(16, func(w *brotlitest.Writer) {
		w.CompressedHeader(true, 1)
		w.TrivialHeader(0, 0, 0)
		w.SimpleCode(256, false, 'x', 'y', 'x')
	})
	for _, bc := range []struct {
		name  string
		input []byte
	}{
		{"truncated", good[:len(good)/2]},
		{"trailing", append(append([]byte(nil), good...), 0)},
		{"corrupt", corrupt},
		{"large-window", []byte{0x11, 0x03}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(bc.input, 0); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
