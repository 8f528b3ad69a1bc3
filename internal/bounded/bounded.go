// Package bounded reads input under a size limit: a file or a stream that
// holds more than the limit is refused after limit+1 bytes, never read to
// its end. The command, the services, the trust store's fetcher, the key
// files and the image decoder all read through it.
package bounded

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrTooLarge reports an input longer than the limit it was read under.
// Callers wrap it in, or replace it by, their own error.
var ErrTooLarge = errors.New("input over the size limit")

// ReadAll reads r to its end, at most limit bytes (0 ≤ limit < MaxInt64).
// An input longer than limit yields ErrTooLarge once limit+1 bytes are
// read; the bytes read are cleared then, as on a read error, since they may
// be key material. A reader that tells its size (a bytes or strings reader,
// a buffer, a regular file) is read into one buffer of that size, so that
// reading costs no more than the input; another grows as io.ReadAll does.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := readAtMost(r, limit+1)
	switch {
	case err != nil:
		clear(data)
		return nil, err
	case int64(len(data)) > limit:
		clear(data)
		return nil, ErrTooLarge
	}
	return data, nil
}

// ReadFile reads the file at path with ReadAll. Errors opening or reading
// it are the os package's: they name the path, never the content.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, limit)
}

// readAtMost reads at most n bytes from r, into one buffer when r tells
// its size. A size announced wrongly costs a second read, not wrong data.
func readAtMost(r io.Reader, n int64) ([]byte, error) {
	size, known := sizeOf(r)
	lr := io.LimitReader(r, n)
	if !known {
		return io.ReadAll(lr)
	}
	// One byte more than announced, to meet the end without growing.
	buf := make([]byte, min(size, n)+1)
	got, err := io.ReadFull(lr, buf)
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		return buf[:got], nil
	case nil: // more than announced: read on
		rest, err := io.ReadAll(lr)
		return append(buf, rest...), err
	}
	return buf[:got], err
}

// sizeOf returns the bytes r says it holds, when it says.
func sizeOf(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(max(v.Len(), 0)), true
	case interface{ Stat() (fs.FileInfo, error) }:
		if info, err := v.Stat(); err == nil && info.Mode().IsRegular() {
			return max(info.Size(), 0), true
		}
	}
	return 0, false
}
