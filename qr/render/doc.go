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
// alphanumeric set goes in one byte-mode segment. It draws the code with
// github.com/skip2/go-qrcode, the project's renderer, whenever go-qrcode
// fits the text in the planned version (for Base45 text, practically
// always). Where go-qrcode's heuristic segments need more room than the
// optimal ones, New falls back to this package's own encoder, which writes
// exactly the plan's segments ([qr.DataCodewords]), the Reed-Solomon blocks
// of the version and level with their error correction codewords over
// GF(256) (§7.5, with gozxing's block table and Reed-Solomon encoder),
// interleaved (§7.6), with the modules placed by gozxing's matrix builder
// and the data mask of least penalty under the four rules of §7.8.3. For
// text in one segment that symbol is module for module the one gozxing's
// encoder draws.
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
