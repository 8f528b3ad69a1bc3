package benchtest

import (
	"bytes"
	"compress/zlib"
)

// GoZlib9 is the standard library's zlib writer at the best compression
// level (compress/zlib level 9), pooled: reset for each message. It is the
// encoder that internal/compress.Deflate replaced, and the baseline its
// speed is measured against. A GoZlib9 is not safe for concurrent use.
type GoZlib9 struct {
	buf bytes.Buffer
	zw  *zlib.Writer
}

// NewGoZlib9 returns a GoZlib9.
func NewGoZlib9() *GoZlib9 {
	g := new(GoZlib9)
	g.zw, _ = zlib.NewWriterLevel(&g.buf, zlib.BestCompression) // a valid level
	return g
}

// Deflate returns the zlib stream of p in a new slice, as
// internal/compress.Deflate does.
func (g *GoZlib9) Deflate(p []byte) []byte {
	g.buf.Reset()
	g.zw.Reset(&g.buf)
	_, _ = g.zw.Write(p) // writes to a bytes.Buffer cannot fail
	_ = g.zw.Close()
	return bytes.Clone(g.buf.Bytes())
}
