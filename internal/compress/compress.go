// Package compress implements the zlib (RFC 1950) stage of the Claim 169
// pipeline: deflate at the best compression level with pooled writers, and a
// bounded inflate that refuses decompression bombs and bytes after the end of
// the zlib stream.
//
// A zlib writer costs about 800 KB to create and a reader about 40 KB, so
// both are kept in sync.Pools and Reset for each use; the package is safe for
// concurrent use.
package compress

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sync"
)

// DefaultMaxSize is the default bound on the size of inflated data: 64 KiB,
// far above the largest payload a QR code can carry (a version-40 code holds
// under 3 KB of Base45-decoded bytes, which deflate cannot expand beyond
// about 3 MB, so the bound matters).
const DefaultMaxSize = 64 << 10

var (
	// ErrTooLarge reports that inflated data exceeds the configured bound.
	ErrTooLarge = errors.New("compress: inflated data exceeds the size limit")
	// ErrTrailingData reports bytes after the end of the zlib stream.
	ErrTrailingData = errors.New("compress: data after the end of the zlib stream")
	// ErrCorrupt reports a stream that is not valid zlib: a bad header,
	// invalid deflate data, a checksum mismatch or a truncated stream.
	ErrCorrupt = errors.New("compress: invalid zlib data")
)

var writers = sync.Pool{
	New: func() any {
		w, err := zlib.NewWriterLevel(nil, zlib.BestCompression)
		if err != nil { // only for an invalid level: a programmer error
			panic(err)
		}
		return w
	},
}

// Deflate compresses src as one zlib stream at the best compression level.
func Deflate(src []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(src)/2 + 64)
	w := writers.Get().(*zlib.Writer)
	w.Reset(&buf)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = w.Write(src)
	_ = w.Close()
	w.Reset(nil) // drop the reference to buf before pooling
	writers.Put(w)
	return buf.Bytes()
}

// inflater is a pooled zlib reader with its own input reader and a scratch
// buffer for output.
type inflater struct {
	src bytes.Reader
	zr  io.ReadCloser
	out []byte
}

var inflaters sync.Pool

// scratchCap is the largest scratch buffer kept in the pool: credentials are
// small, and an occasional large one should not pin memory.
const scratchCap = 16 << 10

// Inflate decompresses one zlib stream from src. It returns [ErrTooLarge] if
// the output would exceed maxSize bytes (DefaultMaxSize when maxSize <= 0),
// without inflating more than maxSize+1 bytes; [ErrTrailingData] if src has
// bytes after the end of the stream; and an error wrapping [ErrCorrupt] for
// anything else that is not a valid stream.
func Inflate(src []byte, maxSize int) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	f, err := getInflater(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	defer putInflater(f)

	out := f.out[:0]
	for {
		if len(out) == cap(out) {
			if len(out) > maxSize {
				return nil, ErrTooLarge
			}
			out = append(out, 0)[:len(out)]
		}
		// Never ask for more than one byte past the limit.
		end := min(cap(out), maxSize+1)
		n, err := f.zr.Read(out[len(out):end])
		out = out[:len(out)+n]
		f.out = out
		if len(out) > maxSize {
			return nil, ErrTooLarge
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}
	if f.src.Len() != 0 {
		return nil, ErrTrailingData
	}
	return bytes.Clone(out), nil
}

func getInflater(src []byte) (*inflater, error) {
	f, _ := inflaters.Get().(*inflater)
	if f == nil {
		f = &inflater{out: make([]byte, 0, 4<<10)}
		f.src.Reset(src)
		zr, err := zlib.NewReader(&f.src)
		if err != nil {
			return nil, err
		}
		f.zr = zr
		return f, nil
	}
	f.src.Reset(src)
	if err := f.zr.(zlib.Resetter).Reset(&f.src, nil); err != nil {
		inflaters.Put(f)
		return nil, err
	}
	return f, nil
}

func putInflater(f *inflater) {
	f.src.Reset(nil)
	if cap(f.out) > scratchCap {
		f.out = make([]byte, 0, 4<<10)
	}
	inflaters.Put(f)
}
