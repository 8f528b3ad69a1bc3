package brotli

import (
	"math"
	"sync"
)

// DefaultMaxSize is the size limit Decode applies when the caller passes
// none: 64 KiB, the same as the zlib stage of internal/compress.
const DefaultMaxSize = 64 << 10

// Output buffer policy: the first reservation of a compressed meta-block is
// at most firstReserve bytes, so that a meta-block that declares a large
// length and then fails costs no large allocation; after that the buffer
// doubles, never beyond the limit.
const (
	firstReserve = 4 << 10
	minGrow      = 512
)

// Limits on the decoding tables of prefix codes, in table entries of two
// bytes. Building a table costs its size, and a stream can describe a large
// table in a few bits (a code of 512 symbols of nine bits, 768 entries,
// takes about four bytes), so both the tables of one meta-block and all
// the tables of one Decode call are bounded:
//
//   - one meta-block: tableCap(maxSize) entries, a quarter of the size
//     limit but at least minTableCap (32 KiB of memory for the default
//     limit);
//   - one call: that plus tablesPerByte entries per byte of input.
//
// Encoders stay far below both. For 64 KiB of data of many kinds,
// libbrotli and andybalholm/brotli at every quality and window need at
// most 4,641 entries for one meta-block, and in all at most 8,000 entries
// plus 1.4 per byte of compressed data (quality 0 with a 1 KiB window,
// which starts a meta-block with new codes every kilobyte). A stream over
// the limits is refused with an error that wraps ErrTooLarge.
const (
	minTableCap   = 16 << 10
	tablesPerByte = 4
)

func tableCap(maxSize int) int { return max(minTableCap, maxSize/4) }

// Pooled decoders keep their scratch space up to these sizes.
const (
	keepArena = minTableCap + maxTableSize // table entries
	keepMap   = 4 << 10                    // literal context map entries
)

// decoder is the state of one Decode call. It is pooled and never shared
// between goroutines; the output buffer is handed to the caller and never
// pooled.
type decoder struct {
	br      bitReader
	out     []byte
	maxSize int
	window  int    // largest backward distance (RFC 7932 §9.1)
	dist    [4]int // last distances, the last first (RFC 7932 §4)

	// Meta-block state.
	cats      [3]blockCategory
	modes     [maxBlockTypes]uint8 // context mode of each literal block type
	litMap    []uint8
	distMap   []uint8
	litCodes  []prefixCode
	cmdCodes  []prefixCode
	distCodes []prefixCode
	npostfix  uint
	ndirect   int

	// Scratch for building prefix codes.
	arena   []uint16 // the tables of the meta-block's prefix codes
	work    int      // table entries this Decode call may still build
	lengths codeLengths
	runs    []run
	sorted  []run
	byLen   [maxCodeLen + 1][]run
	clRuns  [numCodeLengthCodes]run
	clTable [32]uint16
	nonzero []uint16 // positions of nonzero context map entries
}

var decoders = sync.Pool{New: func() any { return new(decoder) }}

// Decode decompresses one Brotli stream (RFC 7932) from src and returns the
// data in a new slice. maxSize bounds the size of the result;
// DefaultMaxSize applies when maxSize <= 0.
//
// Decode returns ErrTooLarge as soon as a meta-block header declares more
// data than maxSize allows in total, ErrTrailingData if bytes follow the
// last meta-block, and an error wrapping ErrCorrupt for anything else that
// is not a valid stream. On error the result is nil.
func Decode(src []byte, maxSize int) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	d := decoders.Get().(*decoder)
	defer d.release()
	d.br.reset(src)
	d.out, d.maxSize = nil, maxSize
	d.work = tableCap(maxSize) + tablesPerByte*min(len(src), math.MaxInt/(2*tablesPerByte))
	d.dist = [4]int{4, 11, 15, 16}
	if err := d.decode(); err != nil {
		return nil, err
	}
	if d.out == nil {
		return []byte{}, nil
	}
	return d.out, nil
}

// release returns d to the pool, dropping the output and any large scratch.
func (d *decoder) release() {
	d.out = nil
	d.br.reset(nil)
	if cap(d.arena) > keepArena {
		d.arena = nil
	}
	if cap(d.litMap) > keepMap {
		d.litMap = nil
	}
	decoders.Put(d)
}

// decode reads the stream header, the meta-blocks and the end of the
// stream.
func (d *decoder) decode() error {
	if err := d.readWindow(); err != nil {
		return err
	}
	for {
		if d.br.overrun() {
			return d.br.fail(faultTruncated)
		}
		last, err := d.metaBlock()
		if err != nil {
			return err
		}
		if last {
			return d.finish()
		}
	}
}

// readWindow reads WBITS (RFC 7932 §9.1).
func (d *decoder) readWindow() error {
	br := &d.br
	wbits := 16
	if br.bit() == 1 {
		if n := br.bits(3); n != 0 {
			wbits = 17 + int(n)
		} else {
			switch n := br.bits(3); n {
			case 0:
				wbits = 17
			case 1: // 0010001: the large window of RFC 9841
				return br.fail(faultWindowBits)
			default:
				wbits = 8 + int(n)
			}
		}
	}
	d.window = 1<<wbits - 16
	return nil
}

// finish checks the end of the stream: it did not end early, the bits up
// to the byte boundary are zero, and no byte follows.
func (d *decoder) finish() error {
	br := &d.br
	if br.overrun() {
		return br.fail(faultTruncated)
	}
	if !br.alignZero() {
		return br.fail(faultPadding)
	}
	if br.bytePos() < len(br.src) {
		return ErrTrailingData
	}
	return nil
}

// reserve returns out with room for n more bytes; the caller has checked
// that they fit within maxSize. The buffer at least doubles when it grows,
// but never beyond maxSize.
func (d *decoder) reserve(out []byte, n int) []byte {
	need := len(out) + n
	if need <= cap(out) {
		return out
	}
	return d.grow(out, need)
}

func (d *decoder) grow(out []byte, need int) []byte {
	size := min(max(need, 2*cap(out), minGrow), d.maxSize)
	grown := make([]byte, len(out), max(size, need))
	copy(grown, out)
	return grown
}

// charge accounts for n table entries about to be built, within the
// limits of the meta-block and of the call.
func (d *decoder) charge(n int) error {
	if n > d.work || len(d.arena)+n > tableCap(d.maxSize) {
		return errTableLimit
	}
	d.work -= n
	return nil
}
