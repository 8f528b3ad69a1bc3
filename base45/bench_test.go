package base45_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	dasio "github.com/dasio/base45"

	"github.com/idqr/claim169/base45"
)

// benchSizes are decoded sizes: a small Claim 169 payload and one with a
// face photo near the QR capacity.
var benchSizes = []int{600, 3000}

func benchInput(n int) []byte {
	rng := rand.New(rand.NewChaCha8([32]byte{'b', 'e', 'n', 'c', 'h'}))
	src := make([]byte, n)
	for i := range src {
		src[i] = byte(rng.Uint32())
	}
	return src
}

func BenchmarkEncode(b *testing.B) {
	for _, size := range benchSizes {
		src := benchInput(size)
		dst := make([]byte, base45.EncodedLen(size))
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				base45.Encode(dst, src)
			}
		})
	}
}

func BenchmarkEncodeToString(b *testing.B) {
	for _, size := range benchSizes {
		src := benchInput(size)
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				_ = base45.EncodeToString(src)
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) { benchDecode(b, base45.Decode) }

// benchDecode measures decode on the encodings of the benchSizes.
func benchDecode(b *testing.B, decode func(dst, src []byte) (int, error)) {
	for _, size := range benchSizes {
		src := base45.AppendEncode(nil, benchInput(size))
		dst := make([]byte, size)
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := decode(dst, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeString(b *testing.B) {
	for _, size := range benchSizes {
		src := base45.EncodeToString(benchInput(size))
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := base45.DecodeString(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeReject measures rejection after a full valid prefix, the
// worst case for a hostile input.
func BenchmarkDecodeReject(b *testing.B) {
	valid := base45.AppendEncode(nil, benchInput(3000))
	rejects := []struct {
		name string
		tail string
	}{
		{"invalid character", "B!8"},
		{"group out of range", "GGW"},
		{"tail out of range", "ZZ"},
		{"dangling character", "A"},
	}
	for _, r := range rejects {
		src := append(valid[:len(valid):len(valid)], r.tail...)
		dst := make([]byte, base45.DecodedLen(len(src)))
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := base45.Decode(dst, src); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// BenchmarkDasioDecode is the reference point for BenchmarkDecode.
func BenchmarkDasioDecode(b *testing.B) { benchDecode(b, dasio.Decode) }
