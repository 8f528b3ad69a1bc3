package brotli

import (
	"testing"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// FuzzDecode checks Decode against andybalholm/brotli on arbitrary input
// (see compareWithOracle): it never panics, never returns more than the
// limit, returns nil with an error, and accepts only what the oracle
// accepts, with the same output.
func FuzzDecode(f *testing.F) {
	for _, v := range libbrotliVectors(f) {
		f.Add(v.stream, uint16(0))
	}
	f.Add(stream(16, hello), uint16(0))
	f.Add(stream(16, hello), uint16(5))
	f.Add(withMetadata([]byte("meta"), "data"), uint16(0))
	f.Add(stored("a", "b"), uint16(1))
	f.Add([]byte{0x06}, uint16(0))
	f.Add(brotlitest.LongCopies(22, 100000, 4096), uint16(0))
	f.Add(brotlitest.ShortCopies(1000), uint16(0))
	f.Add(brotlitest.ManyCommandCodes(4, 2, 0), uint16(0))
	f.Add(brotlitest.BigContextMap(8, 8, 2), uint16(0))
	f.Add(sampleStream(f), uint16(0))
	f.Fuzz(func(t *testing.T, src []byte, limit uint16) {
		maxSize := int(limit)
		if maxSize == 0 {
			maxSize = DefaultMaxSize
		}
		if err := compareWithOracle(src, maxSize); err != nil {
			t.Fatal(err)
		}
	})
}

func sampleStream(f testing.TB) []byte {
	return abEncode(f, sample(2000, 5), 11, 16)
}
