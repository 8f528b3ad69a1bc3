// Package brotli decodes Brotli streams (RFC 7932), the second compression
// method of Claim 169 (specification 1.2.2), with bounded cost.
//
// [Decode] writes into one flat output buffer that never grows beyond the
// size limit ([DefaultMaxSize] unless the caller passes its own): the
// sliding window the stream declares (WBITS, up to 16 MiB) only decides
// which distances refer to the static dictionary, and costs neither memory
// nor time. A meta-block whose declared length would take the output past
// the limit is refused before any of its data is decoded.
//
// Decode verifies every rule of RFC 7932 that a decoder can check: reserved
// bits, the window size (the large window of RFC 9841 is refused), the
// meta-block and metadata lengths and their extra nibbles and bytes, zero
// padding bits before uncompressed data, metadata and at the end of the
// stream, complete prefix codes and repeat counts within the alphabet,
// context maps whose runs fit and which use every prefix code, block types
// that are all used, distances that are positive, dictionary references
// with a valid length and transform, commands that stay within the
// meta-block, and a stream that neither ends early nor has bytes after its
// last meta-block.
//
// The cost of Decode is linear in the size of its input plus the size
// limit, and its memory is bounded by the size limit (the output: at most
// twice that is allocated while the buffer grows) plus a constant, pooled
// scratch space of under 64 KiB for the default limit:
//
//   - meta-blocks with data produce at least one byte each; empty ones and
//     metadata blocks take at least a byte of input each;
//   - every command produces output or takes input: a command that takes
//     no bits copies at least two bytes, and runs of identical such copies
//     are done as one;
//   - block switches take at least two bits each, and every declared block
//     type must be used, so a context map of 64 entries per literal block
//     type is paid for by the switches; context maps are filled, transformed
//     and checked run by run, not entry by entry;
//   - reading a prefix code costs its description plus its table, never the
//     alphabet: a run of equal code lengths, or a code length code of one
//     symbol, is handled at once; the tables of one meta-block and of one
//     call are bounded (see tableCap), since a few bits can describe a
//     large table: a stream beyond that is refused with ErrTooLarge;
//   - bits read past the end of the input are zeros that can neither loop
//     nor produce more than the size limit, and the stream is refused as
//     ending early.
//
// No error message contains data from the stream.
//
// The static dictionary (Appendix A) is embedded from dictionary.bin, which
// the gendict program derives with an independent decoder; the tests check
// its length and the CRC-32 of the RFC, and its SHA-256.
package brotli
