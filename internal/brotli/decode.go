package brotli

import "sync"

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

// Pooled decoders keep their scratch space up to these sizes.
const (
	keepArena = 16 << 10 // table entries
	keepMap   = 4 << 10  // literal context map entries
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
	work    int      // table entries built by this Decode call
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
	d.out, d.maxSize, d.work = nil, maxSize, 0
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

// grow makes room for n more bytes of output; the caller has checked that
// they fit within maxSize.
func (d *decoder) grow(n int) {
	need := len(d.out) + n
	if need <= cap(d.out) {
		return
	}
	size := min(max(need, 2*cap(d.out), minGrow), d.maxSize)
	out := make([]byte, len(d.out), max(size, need))
	copy(out, d.out)
	d.out = out
}

// charge accounts for n table entries about to be built.
func (d *decoder) charge(n int) error {
	d.work += n
	return nil
}
