package compress

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"sync"
)

// zlibFLG completes zlibCMF: no preset dictionary, "maximum compression"
// (FLEVEL 3, as zlib's level 9 writes), and the check bits.
const zlibFLG = 0xda

// encoder holds the scratch space of one Deflate call. Encoders are pooled;
// their slices grow to the input and are reused.
type encoder struct {
	m           matcher
	hf          huffman
	w           bitWriter
	hist        histogram
	code        dynamicCode
	cm          costModel
	side        side
	stride      int       // the grid of split points
	fwd, bwd    []float32 // split estimates
	lazyToks    []token   // the lazy parse of the input
	lazyPos     []int32   // the input position of each lazy token, then the input's length
	leaves      []leaf    // the blocks, as ranges of lazy tokens
	blocks      []block   // the blocks
	arena       []token   // the blocks' tokens
	best, trial []token   // a block's best parse so far, and the one being tried
	cost        []float32
	back        []token
}

// block is a block of the input being encoded, with its best Huffman coding.
type block struct {
	start, end int         // input range
	off, n     int         // its tokens, in encoder.arena
	kind       uint32      // blockFixed or blockDynamic
	bits       int         // size of the block in that coding
	code       dynamicCode // the code, for blockDynamic
}

var encoders = sync.Pool{New: func() any { return new(encoder) }}

// Deflate compresses src as one zlib stream (RFC 1950) without a preset
// dictionary, as short as this package's own DEFLATE encoder (RFC 1951)
// can make it. The result is a new slice.
//
// The encoder is written for credentials of a few kilobytes, where a byte
// saved can save a QR version: it finds every match within the 32 KiB
// window along hash chains, splits the input into blocks where the data
// changes character (text and CBOR against JPEG bytes, signatures and
// ciphertext), parses each block by a shortest path over its matches under
// costs taken from the previous parse, and writes each block stored, with
// the fixed codes or with its own codes, whichever is shortest. Input that
// nothing shortens is written as one stored block: 11 bytes more than the
// input. Input longer than 16 KiB, which no QR code holds, is parsed as
// zlib's level 9 does and written in blocks of 16384 symbols.
func Deflate(src []byte) []byte {
	e := encoders.Get().(*encoder)
	out := bytes.Clone(e.encode(src))
	e.release()
	encoders.Put(e)
	return out
}

// maxOptimized is the longest input that Deflate optimises fully.
const maxOptimized = 16 << 10

// encode returns the zlib stream of src in e's output buffer.
func (e *encoder) encode(src []byte) []byte {
	e.w = bitWriter{out: append(e.w.out[:0], zlibCMF, zlibFLG)}
	e.m.reset(len(src))
	switch {
	case len(src) == 0:
		e.w.fixed(nil, true) // an empty block: two bytes
	case len(src) <= maxOptimized:
		e.optimized(src)
	default:
		e.fast(src)
	}
	e.w.align()
	e.w.out = binary.BigEndian.AppendUint32(e.w.out, adler32.Checksum(src))
	return e.w.out
}

// release drops what a long input left behind, so that the pool does not
// pin it.
func (e *encoder) release() {
	if cap(e.w.out) > 4*maxOptimized {
		e.w.out = nil
	}
	if cap(e.m.prev) > maxOptimized {
		e.m.prev = nil
	}
	if cap(e.m.pairs) > 4*maxOptimized {
		e.m.pairs = nil
	}
}

// optimized encodes src, at most maxOptimized bytes, as the blocks the
// splitter chooses, each with its best parse and coding.
func (e *encoder) optimized(src []byte) {
	e.m.scan(src)
	e.lazy(src)
	e.splitAll()
	e.blocks, e.arena = e.blocks[:0], e.arena[:0]
	for _, lf := range e.leaves {
		e.optimize(src, lf)
	}
	e.write(src)
}

// optimize adds the block of the lazy tokens of lf with the best parse and
// coding found for it.
func (e *encoder) optimize(src []byte, lf leaf) {
	bl := e.addBlock(int(e.lazyPos[lf.a]), int(e.lazyPos[lf.b]))
	e.best = e.best[:0]
	if lf.stored {
		e.keep(bl) // no parse will beat storing it: leave it stored
		return
	}
	stored := 8*(bl.end-bl.start) + storedOverhead
	lazy := e.lazyToks[lf.a:lf.b]
	e.best = append(e.best, lazy...)
	bl.kind, bl.bits = blockFixed, lf.fixed
	dynamic := lf.dynamic < float32(min(stored, lf.fixed)+storedMargin) // its own code may win
	if dynamic {
		e.consider(bl, lazy, true)
	}
	noMatches := e.m.first[bl.start] == e.m.first[bl.end]
	if noMatches || bl.bits > stored+stored/8 {
		e.keep(bl) // all literals is the only parse, or the block is stored
		return
	}
	if lf.fixed < bl.bits+bl.bits/8 { // a parse for the fixed codes
		e.cm.fromLengths(&fixedLitLen, &fixedDist)
		e.trial = e.optimal(src, bl.start, bl.end, &e.cm, e.trial[:0])
		e.consider(bl, e.trial, false)
	}
	if !dynamic || bl.kind == blockFixed && e.code.bits > bl.bits+bl.bits/8 {
		e.keep(bl) // the block's own code is far from winning
		return
	}
	e.hist.count(lazy)
	for range maxIter { // parses for the block's own code
		e.cm.fromHistogram(&e.hist)
		e.trial = e.optimal(src, bl.start, bl.end, &e.cm, e.trial[:0])
		if !e.consider(bl, e.trial, true) {
			break
		}
	}
	e.keep(bl)
}

// addBlock appends a block for src[start:end], reusing the memory of an
// earlier one.
func (e *encoder) addBlock(start, end int) *block {
	if len(e.blocks) < cap(e.blocks) {
		e.blocks = e.blocks[:len(e.blocks)+1]
	} else {
		e.blocks = append(e.blocks, block{})
	}
	bl := &e.blocks[len(e.blocks)-1]
	bl.start, bl.end, bl.bits = start, end, int(^uint(0)>>1)
	return bl
}

// consider codes the parse toks with the fixed codes and, if dynamic, with
// its own code, leaves its histogram in e.hist, and makes it the block's
// best if it is shorter. It reports whether it was.
func (e *encoder) consider(bl *block, toks []token, dynamic bool) bool {
	e.hist.count(toks)
	better := false
	if dynamic {
		e.code.build(&e.hist, &e.hf)
		if e.code.bits < bl.bits {
			bl.kind, bl.bits, better = blockDynamic, e.code.bits, true
			bl.code.copyFrom(&e.code)
		}
	}
	if fixed := e.hist.fixedBits(); fixed < bl.bits {
		bl.kind, bl.bits, better = blockFixed, fixed, true
	}
	if better {
		e.best = append(e.best[:0], toks...)
	}
	return better
}

// keep moves the block's best parse into the arena.
func (e *encoder) keep(bl *block) {
	bl.off, bl.n = len(e.arena), len(e.best)
	e.arena = append(e.arena, e.best...)
}

// copyFrom makes c a copy of o that shares no memory with it.
func (c *dynamicCode) copyFrom(o *dynamicCode) {
	rle, spare := c.rle[:0], c.spare
	*c = *o
	c.rle, c.spare = append(rle, o.rle...), spare
}

// write writes the blocks of src, each stored or in its Huffman coding,
// whichever is shorter where it falls, and consecutive stored blocks as
// one; or the whole of src stored, if that is shorter still.
func (e *encoder) write(src []byte) {
	pos0 := e.w.bitLen()
	pos, prevStored := pos0, false
	for i := range e.blocks {
		bl := &e.blocks[i]
		stored := storedBits(bl.end-bl.start, pos)
		if prevStored {
			stored = 8 * (bl.end - bl.start)
		}
		prevStored = stored <= bl.bits
		if prevStored {
			bl.kind = blockStored
		}
		pos += min(stored, bl.bits)
	}
	if pos-pos0 >= storedBits(len(src), pos0) {
		e.w.stored(src, true)
		return
	}
	for i := 0; i < len(e.blocks); i++ {
		bl := &e.blocks[i]
		last := i == len(e.blocks)-1
		switch bl.kind {
		case blockStored:
			j := i
			for j+1 < len(e.blocks) && e.blocks[j+1].kind == blockStored {
				j++
			}
			e.w.stored(src[bl.start:e.blocks[j].end], j == len(e.blocks)-1)
			i = j
		case blockFixed:
			e.w.fixed(e.arena[bl.off:bl.off+bl.n], last)
		default:
			e.w.dynamic(e.arena[bl.off:bl.off+bl.n], &bl.code, last)
		}
	}
}
