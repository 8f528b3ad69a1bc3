// Package render draws the QR code that holds Claim 169 QR text, at exactly
// the version package [github.com/idqr/claim169/qr] plans (ISO/IEC
// 18004:2015; MOSIP Claim 169 specification v1.2.0, §"Compression and
// transport").
//
// # Encoding
//
// [New] writes Base45 text in the numeric and alphanumeric segments that
// take the fewest bits, never in byte mode, at the error correction level
// asked (M by default); with [Options].AllowByteMode, UTF-8 text outside the
// alphanumeric set goes in one byte-mode segment. The package draws every
// code with its own encoder, written on the standard library alone: the
// data bit stream in exactly the plan's segments ([qr.DataCodewords]); the
// Reed-Solomon error correction codewords of each block of Table 9 over
// GF(256), from log and antilog tables and generator polynomials built
// once (§7.5); the blocks interleaved (§7.6); the function patterns,
// format and version information (BCH codes, §7.9, §7.10) and the data
// modules in their placement order (§7.7), from a template built once per
// version; and the data mask of least penalty under the four rules of
// §7.8.3, each of the eight masks judged on rows of 64-bit words, 64
// modules at a time, in both directions through the transposed symbol.
// The rules are counted as ZXing's MaskUtil counts them (modules outside
// the symbol are light; a finder-like pattern with light on both sides
// counts once), so the lowest-numbered mask of least penalty is the one
// gozxing's encoder chooses: a text in one segment gives, module for
// module, gozxing's symbol.
//
// The encoder takes about half the time of rsc.io/qr's, which writes one
// segment under a fixed mask, and allocates five times a code: the
// buffers are pooled and the templates shared (BenchmarkNewRatio,
// TestAllocations; BENCHMARKS.md). github.com/skip2/go-qrcode, which drew
// the codes before, and gozxing's encoder are test oracles only: on a
// typical credential they took 55 to 80 times as long, with thousands of
// allocations a code.
//
// # Output
//
// A [Code] renders with a quiet zone of [QuietZone] modules and whole-pixel
// modules: an image, a 1-bit PNG, an SVG of one path drawn with crisp edges,
// or half-block characters for a terminal.
//
// # Limits
//
// Module sizes are at most [MaxModuleSize] pixels, so an image is at most
// 5920 pixels on a side; text is bounded by what version 40 holds
// ([qr.ErrTooLong]). Errors never contain the text.
package render
