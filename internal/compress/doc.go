// Package compress implements the compression stage of the Claim 169
// pipeline: zlib (RFC 1950) and, since specification 1.2.2, Brotli (RFC
// 7932). [Deflate] compresses with zlib at the best compression level, and
// [Inflate] decompresses zlib with a bound on the output size. [Brotli]
// compresses with Brotli (quality 11, a 64 KiB window), and [Decompress]
// decompresses either: it decides which with [Sniff], by the zlib magic
// number, before decompressing, as specification 1.2.2 requires, decodes
// Brotli with internal/brotli (whose cost is bounded by the input and the
// output limit, whatever window the stream declares), and can refuse
// everything but zlib ([DecompressOptions.ZlibOnly]).
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
// Creating a level-9 zlib writer costs about 800 KB and a DEFLATE reader
// about 40 KB, so both are kept in sync.Pools, Reset for each use, and never
// shared between goroutines; the package is safe for concurrent use. Results
// never alias pooled memory.
package compress
