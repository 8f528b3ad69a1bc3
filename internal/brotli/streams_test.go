package brotli

import "github.com/idqr/claim169/internal/brotli/brotlitest"

// withMetadata returns a stream of a metadata block holding meta, then a
// last meta-block storing data (as a stored block and an empty last one).
func withMetadata(meta []byte, data string) []byte {
	var w brotlitest.Writer
	w.WindowBits(16)
	w.Metadata(false, meta)
	w.Uncompressed([]byte(data))
	w.LastEmpty()
	return w.Bytes()
}

// stored returns a stream of uncompressed meta-blocks, then an empty last
// one.
func stored(parts ...string) []byte {
	var w brotlitest.Writer
	w.WindowBits(22)
	for _, p := range parts {
		w.Uncompressed([]byte(p))
	}
	w.LastEmpty()
	return w.Bytes()
}
