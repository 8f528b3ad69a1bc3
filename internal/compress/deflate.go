package compress

import (
	"bytes"
	"compress/zlib"
	"sync"
)

// deflater is a pooled zlib writer together with the buffer it writes to, so
// that the writer never holds a reference to memory outside the pool.
type deflater struct {
	buf bytes.Buffer
	zw  *zlib.Writer
}

var deflaters = sync.Pool{New: func() any { return newDeflater() }}

func newDeflater() *deflater {
	d := new(deflater)
	zw, err := zlib.NewWriterLevel(&d.buf, zlib.BestCompression)
	if err != nil { // only for an invalid level: a programmer error
		panic("compress: " + err.Error())
	}
	d.zw = zw
	return d
}

// Deflate compresses src as one zlib stream (RFC 1950) at the best
// compression level, without a preset dictionary. The result is a new slice.
func Deflate(src []byte) []byte {
	d := deflaters.Get().(*deflater)
	d.buf.Reset()
	d.zw.Reset(&d.buf)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = d.zw.Write(src)
	_ = d.zw.Close()
	out := bytes.Clone(d.buf.Bytes())
	if d.buf.Cap() > scratchCap {
		d.buf = bytes.Buffer{} // an occasional large input must not pin memory
	}
	deflaters.Put(d)
	return out
}
