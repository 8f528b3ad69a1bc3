package cborscan

import (
	"bytes"
	"testing"

	"github.com/idqr/claim169/internal/strictcbor"
)

// benchItem is shaped like a Claim 169 identity: short texts, an integer
// and a face entry with a 400-byte photo.
func benchItem(b *testing.B) []byte {
	data, err := strictcbor.Marshal(map[int64]any{
		1: "3918592438", 4: "Janardhan BS", 8: "19840418", 9: 1,
		10: "New House, Near Metro Line, Bengaluru, KA", 11: "janardhan@example.com",
		62: []any{map[int64]any{0: bytes.Repeat([]byte{0xab}, 400), 1: 0, 2: 1}},
	})
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// benchScan times check on benchItem, which it must accept.
func benchScan(b *testing.B, check func([]byte) bool) {
	data := benchItem(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if !check(data) {
			b.Fatal("refused")
		}
	}
}

func BenchmarkLen(b *testing.B) {
	benchScan(b, func(data []byte) bool {
		n, ok := Len(data)
		return ok && n == len(data)
	})
}

func BenchmarkPlain(b *testing.B) { benchScan(b, Plain) }

// BenchmarkValid is the strict decoder's well-formedness check of the same
// item, for comparison.
func BenchmarkValid(b *testing.B) {
	benchScan(b, func(data []byte) bool { return strictcbor.Valid(data) == nil })
}

// BenchmarkLenReject scans a truncated item.
func BenchmarkLenReject(b *testing.B) {
	data := benchItem(b)
	data = data[:len(data)-1]
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Len(data); ok {
			b.Fatal("accepted")
		}
	}
}
