// Package brotli writes the Brotli (RFC 7932) compression of Claim 169
// specification 1.2.2 for claim169's Encoder:
//
//	claim169.EncoderOptions{Signer: key, Compress: brotli.Compress}
//
// It is a package of its own so that what does not write Brotli — every
// verifier, the facade itself — links no Brotli encoder (whose library also
// brings net/http). Reading Brotli needs nothing: the Decoder reads zlib
// and Brotli with decoders of this module.
package brotli

import (
	"bytes"
	"sync"

	ab "github.com/andybalholm/brotli"

	"github.com/idqr/claim169/internal/compress"
)

// Parameters of the Brotli encoder. Quality 11 with a window of 64 KiB
// (lgwin 16) gives the shortest output for credentials: on 40 COSE
// messages of 210 to 1,333 bytes made by the Encoder of this SDK (20 with
// photos), lgwin 16 saved about one byte per message over every other
// window from 10 to 24, because its window size takes one bit of the
// stream header instead of four or seven; quality 10 and 11 tied within a
// few bytes in all. A window above 16 would also make the encoder allocate
// more for nothing: no credential reaches 64 KiB.
const (
	brotliQuality = 11
	brotliLGWin   = 16
	// brotliFallbackLGWin replaces brotliLGWin when its stream would look
	// like zlib: from lgwin 17 on, the first bit of a stream is 1, so its
	// first byte is odd and never the zlib magic number 0x78.
	brotliFallbackLGWin = 18
)

// brotliEncoder is a pooled Brotli writer with the buffer it writes to.
type brotliEncoder struct {
	buf bytes.Buffer
	w   *ab.Writer
}

// scratchCap bounds the buffers kept in the pools, so that an occasional
// large input does not pin memory.
const scratchCap = 16 << 10

var brotliEncoders [2]sync.Pool // by window: brotliLGWin, brotliFallbackLGWin

// Compress compresses src as one Brotli stream (RFC 7932) for Claim 169
// (specification 1.2.2): quality 11, window 64 KiB, the parameters that
// give the shortest credentials. Its result never
// starts like a zlib stream, so that every verifier reads it
// as Brotli: the one window that could (64 KiB, whose stream starts with a
// zero bit) is replaced by a 256 KiB window when it would. The result is a
// new slice.
func Compress(src []byte) []byte {
	return brotliCompress(src, brotliEncode)
}

// brotliCompress compresses src with encode, at the preferred window
// unless that output sniffs as zlib.
func brotliCompress(src []byte, encode func(src []byte, lgwin int) []byte) []byte {
	out := encode(src, brotliLGWin)
	if compress.Sniff(out) == compress.MethodZlib {
		out = encode(src, brotliFallbackLGWin)
	}
	return out
}

// brotliEncode compresses src with a pooled andybalholm/brotli writer.
func brotliEncode(src []byte, lgwin int) []byte {
	pool := &brotliEncoders[0]
	if lgwin != brotliLGWin {
		pool = &brotliEncoders[1]
	}
	e, _ := pool.Get().(*brotliEncoder)
	if e == nil {
		e = new(brotliEncoder)
		e.w = ab.NewWriterOptions(&e.buf, ab.WriterOptions{Quality: brotliQuality, LGWin: lgwin})
	}
	e.buf.Reset()
	e.w.Reset(&e.buf)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = e.w.Write(src)
	_ = e.w.Close()
	out := bytes.Clone(e.buf.Bytes())
	if e.buf.Cap() > scratchCap {
		e.buf = bytes.Buffer{} // an occasional large input must not pin memory
	}
	pool.Put(e)
	return out
}
