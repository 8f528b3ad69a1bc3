package compress

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"io"
	"math"
	"sync"
)

// DefaultMaxSize is the bound on the size of inflated data that [Inflate]
// applies when the caller passes none: 64 KiB. A version-40 QR code carries
// under 3 KB of Base45-decoded bytes, which DEFLATE could expand to about
// 3 MB, so the bound matters; 64 KiB is far above any genuine credential.
const DefaultMaxSize = 64 << 10

// zlib framing (RFC 1950 §2.2).
const (
	headerLen     = 2    // CMF and FLG
	trailerLen    = 4    // ADLER32 of the uncompressed data, big-endian
	methodDeflate = 8    // CM: DEFLATE
	maxWindowInfo = 7    // CINFO: base-2 logarithm of the window size minus 8
	flagDict      = 0x20 // FDICT: a preset dictionary identifier follows
)

// Scratch buffer sizes: output is inflated into a pooled buffer that starts
// at minScratch and doubles; buffers above scratchCap are not kept, so that
// an occasional large payload does not pin memory.
const (
	minScratch = 4 << 10
	scratchCap = 16 << 10
)

// flateReader is what flate.NewReader returns.
type flateReader interface {
	io.Reader
	flate.Resetter
}

// inflater is a pooled DEFLATE reader with its own input reader and a
// scratch buffer for output. The input reader is an io.ByteReader, so the
// DEFLATE reader consumes exactly the bytes of the compressed data and the
// rest of the input can be checked afterwards.
type inflater struct {
	src bytes.Reader
	fr  flateReader
	out []byte
}

var inflaters = sync.Pool{New: func() any { return newInflater() }}

func newInflater() *inflater {
	f := new(inflater)
	// The reader of flate.NewReader implements flate.Resetter (documented).
	f.fr = flate.NewReader(&f.src).(flateReader)
	return f
}

// Inflate decompresses one zlib stream (RFC 1950) from src and returns the
// data in a new slice. maxSize bounds the size of the result; DefaultMaxSize
// applies when maxSize <= 0.
//
// Inflate returns [ErrTooLarge] if the data would exceed maxSize bytes (it
// stops decompressing at maxSize+1 bytes), [ErrTrailingData] if bytes
// follow the Adler-32 checksum, and an error wrapping [ErrCorrupt] for
// anything else that is not a valid zlib stream, including a preset
// dictionary. On error the result is nil.
func Inflate(src []byte, maxSize int) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	maxSize = min(maxSize, math.MaxInt-1) // maxSize+1 must not overflow
	if err := checkHeader(src); err != nil {
		return nil, err
	}
	body := src[headerLen:]
	f := inflaters.Get().(*inflater)
	defer putInflater(f)
	f.src.Reset(body)
	_ = f.fr.Reset(&f.src, nil) // never fails
	out, err := f.inflate(maxSize)
	if err != nil {
		return nil, err
	}
	rest := body[len(body)-f.src.Len():]
	if len(rest) < trailerLen {
		return nil, errTruncated
	}
	if binary.BigEndian.Uint32(rest) != adler32.Checksum(out) {
		return nil, errChecksum
	}
	if len(rest) > trailerLen {
		return nil, ErrTrailingData
	}
	return bytes.Clone(out), nil
}

// checkHeader checks the zlib header at the start of src.
func checkHeader(src []byte) error {
	if len(src) < headerLen {
		return errTruncated
	}
	cmf, flg := src[0], src[1]
	if cmf&0x0f != methodDeflate || cmf>>4 > maxWindowInfo || (uint(cmf)<<8|uint(flg))%31 != 0 {
		return errHeader
	}
	if flg&flagDict != 0 {
		return errDictionary
	}
	return nil
}

// inflate decompresses into f's scratch buffer until the end of the DEFLATE
// data or until the output exceeds maxSize, never asking the decoder for
// more than maxSize+1 bytes. The result is only valid until f is reused.
func (f *inflater) inflate(maxSize int) ([]byte, error) {
	out := f.out[:0]
	defer func() { f.out = out[:0] }()
	for {
		if len(out) == cap(out) {
			// len(out) <= maxSize here, so the buffer grows; it stops at
			// maxSize+1 bytes, the last one only there to detect excess.
			newCap := max(2*cap(out), minScratch)
			if newCap >= maxSize {
				newCap = maxSize + 1
			}
			grown := make([]byte, len(out), newCap)
			copy(grown, out)
			out = grown
		}
		n, err := f.fr.Read(out[len(out):min(cap(out), maxSize+1)])
		out = out[:len(out)+n]
		switch {
		case len(out) > maxSize:
			return nil, ErrTooLarge
		case err == io.EOF:
			return out, nil
		case err != nil:
			return nil, corrupt(err)
		}
	}
}

func putInflater(f *inflater) {
	f.src.Reset(nil)
	if cap(f.out) > scratchCap {
		f.out = nil
	}
	inflaters.Put(f)
}
