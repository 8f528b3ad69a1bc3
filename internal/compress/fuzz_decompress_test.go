package compress

import (
	"bytes"
	"errors"
	"testing"

	"github.com/idqr/claim169/internal/brotli"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// FuzzDecompress checks Decompress on arbitrary input: the method is the
// one Sniff gives; zlib data gets exactly what Inflate gives, Brotli data
// what internal/brotli.Decode gives (its own fuzz target compares it with
// andybalholm/brotli); errors carry a sentinel of this package and a nil
// result; ZlibOnly refuses all Brotli.
func FuzzDecompress(f *testing.F) {
	p := sample(600, 21)
	f.Add(Deflate(p), uint16(0), false)
	f.Add(brotliStream(p), uint16(0), false)
	f.Add(brotliStream(p), uint16(100), false)
	f.Add(brotliStream(p), uint16(0), true)
	f.Add([]byte{0x78, 0x9c}, uint16(0), false)
	f.Add([]byte{0x06}, uint16(0), false)
	f.Add(brotlitest.LongCopies(24, 1<<20, 1<<16), uint16(0), false)
	f.Fuzz(func(t *testing.T, src []byte, limit uint16, zlibOnly bool) {
		got, method, err := Decompress(src, int(limit), DecompressOptions{ZlibOnly: zlibOnly})
		if method != Sniff(src) {
			t.Fatalf("method %v, Sniff says %v", method, Sniff(src))
		}
		if err != nil {
			if got != nil {
				t.Fatal("non-nil result with an error")
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTrailingData) && !errors.Is(err, ErrNotZlib) {
				t.Fatalf("error without a sentinel: %v", err)
			}
		}
		var want []byte
		var wantErr error
		switch {
		case method == MethodZlib:
			want, wantErr = Inflate(src, int(limit))
		case zlibOnly:
			want, wantErr = nil, ErrNotZlib
		default:
			want, wantErr = brotli.Decode(src, int(limit))
		}
		if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("Decompress: %v, direct: %v", err, wantErr)
		}
	})
}
