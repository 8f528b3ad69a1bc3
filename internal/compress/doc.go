// Package compress implements the compression stage of the Claim 169
// pipeline: zlib (RFC 1950) and, since specification 1.2.2, Brotli (RFC
// 7932). [Deflate] compresses with zlib, through a DEFLATE (RFC 1951)
// encoder of this package's own, and [Inflate] decompresses zlib with a
// bound on the output size. [Brotli] compresses with Brotli (quality 11, a
// 64 KiB window), and [Decompress] decompresses either: it decides which
// with [Sniff], by the zlib magic number, before decompressing, as
// specification 1.2.2 requires, decodes Brotli with internal/brotli (whose
// cost is bounded by the input and the output limit, whatever window the
// stream declares), and can refuse everything but zlib
// ([DecompressOptions.ZlibOnly]).
//
// Inflate verifies, in this order, the two-byte zlib header (compression
// method 8 with a window of at most 32 KiB, the header check bits, and no
// preset dictionary: Claim 169 never uses one), the DEFLATE (RFC 1951) data,
// the Adler-32 checksum of the output, and that no byte follows the checksum.
// It refuses decompression bombs: output beyond the bound ([DefaultMaxSize]
// unless the caller passes its own) is never handed out, Inflate takes at
// most bound+1 bytes from the DEFLATE decoder (which itself decodes at most
// one 32 KiB window ahead) and never buffers more than bound+1 bytes.
//
// Deflate is made for credentials, a few hundred bytes to a few kilobytes
// where a byte saved can save a QR version, and for their mix of text and
// CBOR, which compresses, with JPEG photographs, signatures and ciphertext,
// which does not. It finds the matches of every position along hash chains,
// splits the input into blocks where the data changes character, parses
// each block by a shortest path over its matches, and writes each block
// stored, with the fixed Huffman codes or with its own, whichever is
// shortest. Input that nothing shortens becomes one stored block, 11 bytes
// more than the input, as with C zlib's level 9 (what Python, Node and pako
// write); Go's compress/zlib, which this package used before, adds 16. On
// the 1,000 credentials of testdata/zlibcorpus, Deflate is never longer
// than C zlib's level 9 and shorter on two thirds of them, in 0.4 to 0.6
// of the time of Go's level 9 (BENCHMARKS.md has the figures). Input beyond
// 16 KiB, which no QR code holds, is parsed on the fly as zlib's level 9
// does, in blocks of 16384 symbols.
//
// A DEFLATE reader costs about 40 KB and Deflate's scratch space grows
// with the input, so both are kept in sync.Pools, reset for each use, and
// never shared between goroutines; the package is safe for concurrent use.
// Results never alias pooled memory.
package compress
