package compress

import (
	"bytes"
	"testing"
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
