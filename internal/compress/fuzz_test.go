package compress

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzInflate checks Inflate against compress/zlib on arbitrary input: an
// error means a nil result and one of the three sentinels; a result is no
// larger than the limit, is what compress/zlib reads from the same stream,
// and survives Deflate then Inflate unchanged.
func FuzzInflate(f *testing.F) {
	p := sample(600, 20)
	f.Add(Deflate(p), uint16(0))
	f.Add(Deflate(p), uint16(599))
	f.Add(Deflate(nil), uint16(0))
	f.Add(frame(storedBlocks(p, 50), p), uint16(1000))
	f.Add(frame(flushed(f, p, 64), p), uint16(0))
	f.Add(Deflate(make([]byte, 70000)), uint16(0))
	f.Add([]byte{0x78, 0x20, 0, 0, 0, 1, 0x03, 0x00, 0, 0, 0, 1}, uint16(0))
	f.Add(append(Deflate(p), 0), uint16(0))
	files, _ := filepath.Glob("testdata/zlib/*.zz")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src, uint16(0))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, limit uint16) {
		maxSize := int(limit)
		got, err := Inflate(src, maxSize)
		if maxSize == 0 {
			maxSize = DefaultMaxSize
		}
		want, wantErr := referenceInflate(src, maxSize)
		if err != nil {
			if got != nil {
				t.Fatal("non-nil result with an error")
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTrailingData) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			if wantErr == nil && len(src) > 1 && src[1]&flagDict == 0 {
				t.Fatalf("rejected what compress/zlib reads: %v", err)
			}
			if errors.Is(wantErr, ErrTooLarge) != errors.Is(err, ErrTooLarge) {
				t.Fatalf("size limit disagreement: %v, compress/zlib: %v", err, wantErr)
			}
			return
		}
		if wantErr != nil {
			t.Fatalf("accepted what compress/zlib rejects: %v", wantErr)
		}
		if len(got) > maxSize {
			t.Fatalf("%d bytes out for a limit of %d", len(got), maxSize)
		}
		if !bytes.Equal(got, want) {
			t.Fatal("output differs from compress/zlib")
		}
		again, err := Inflate(Deflate(got), maxSize)
		if err != nil || !bytes.Equal(again, got) {
			t.Fatalf("Deflate then Inflate is not the identity: %v", err)
		}
	})
}

// referenceInflate decodes src with compress/zlib under the same rules:
// at most maxSize bytes, nothing after the checksum.
func referenceInflate(src []byte, maxSize int) ([]byte, error) {
	r := bytes.NewReader(src)
	zr, err := zlib.NewReader(r)
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(maxSize)+1))
	switch {
	case len(out) > maxSize:
		return nil, ErrTooLarge
	case err != nil:
		return nil, err
	}
	// LimitReader stops at the limit without reading the checksum.
	if n, err := zr.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return nil, ErrCorrupt
	}
	if r.Len() != 0 {
		return nil, ErrTrailingData
	}
	return out, nil
}

// FuzzRoundTrip checks that Inflate(Deflate(p)) is p, that a limit one byte
// short is refused, and that compress/zlib reads what Deflate writes.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("a"))
	f.Add(sample(600, 21))
	f.Add(sample(3000, 22))
	f.Add(make([]byte, 5000))
	f.Fuzz(func(t *testing.T, p []byte) {
		compressed := Deflate(p)
		got, err := Inflate(compressed, max(len(p), 1))
		if err != nil || !bytes.Equal(got, p) {
			t.Fatalf("round trip failed: %v", err)
		}
		if len(p) > 1 {
			if _, err := Inflate(compressed, len(p)-1); !errors.Is(err, ErrTooLarge) {
				t.Fatalf("limit one byte short: %v", err)
			}
		}
		if ref, err := referenceInflate(compressed, len(p)); err != nil || !bytes.Equal(ref, p) {
			t.Fatalf("compress/zlib disagrees: %v", err)
		}
	})
}
