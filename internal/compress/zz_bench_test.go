package compress

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"os"
	"testing"

	"github.com/idqr/claim169/internal/benchtest"
)

func BenchmarkZZCoseRatio(b *testing.B) {
	h, _ := os.ReadFile("/tmp/bench_cose.hex")
	src, _ := hex.DecodeString(string(h))
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, 9)
	benchtest.Ratio(b, func() { Deflate(src) }, func() {
		buf.Reset()
		zw.Reset(&buf)
		zw.Write(src)
		zw.Close()
		_ = bytes.Clone(buf.Bytes())
	}, "ours", "go9")
}

func BenchmarkZZCose(b *testing.B) {
	h, _ := os.ReadFile("/tmp/bench_cose.hex")
	src, _ := hex.DecodeString(string(h))
	for b.Loop() {
		Deflate(src)
	}
}
