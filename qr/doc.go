// Package qr renders Claim 169 QR text as a QR code and reads it back from
// an image: the last stage of the MOSIP Claim 169 pipeline (specification
// v1.2.0, §"Compression and transport"), where the zlib-compressed COSE
// message, Base45-encoded (RFC 9285), is printed as a QR code
// (ISO/IEC 18004:2015).
//
// # Encoding
//
// The Base45 alphabet, 0-9 A-Z space $ % * + - . / :, is exactly the QR
// alphanumeric set, which packs two characters into 11 bits; the numeric
// mode packs three digits into 10. [New] writes such text in the numeric
// and alphanumeric segments that take the fewest bits, never in byte mode,
// at the error correction level asked ([L], [M], [Q] or [H]; M by default).
// Text outside the set is refused with [ErrNotAlphanumeric] unless
// [Options].AllowByteMode permits one byte-mode segment for UTF-8 text.
//
// [Plan] computes, without rendering, the version a text needs, and the
// version is optimal: no QR encoder can use a smaller one for the same
// text and level. A dynamic programme over the characters, whose state is
// the current segment's mode and its length modulo 3 (numeric) or 2
// (alphanumeric), finds the segmentation of least total bit length, with
// exact costs: 10 bits per 3 digits and 4 or 7 for 1 or 2 left over, 11
// bits per 2 alphanumeric characters and 6 for 1, and for each segment a
// 4-bit mode indicator and a character count whose length depends on the
// version (ISO/IEC 18004 Table 3: 10/12/14 bits numeric, 9/11/13
// alphanumeric, for versions 1-9, 10-26 and 27-40). It runs once per count
// size, and the version is the smallest whose data codewords (Table 9,
// checked against gozxing's independent table) hold that length. Kanji
// segments cannot hold alphanumeric text and byte segments never shorten
// it (8 bits a character against at most 6, for a count at most one bit
// shorter), so this is the least of every standard encoding: encoders that choose segments by heuristics
// (go-qrcode) or write one segment (gozxing) may need a larger version,
// never a smaller one; segment-optimising ones (node-qrcode, segno,
// zxing-cpp's MinimalEncoder) can at best match it. Plan allocates nothing
// and its work is linear in the text. [MaxCharacters] gives the
// alphanumeric capacity of a version in one segment: at most 4296
// characters at L, 3391 at M, 2420 at Q and 1852 at H, in version 40; a
// text of digits holds up to 7089, 5596, 3993 and 3057.
//
// [New] renders exactly the version [Plan] computes. It draws the code with
// github.com/skip2/go-qrcode, the project's renderer, whenever go-qrcode fits
// the text in that version (for Base45 text, practically always). Where
// go-qrcode's heuristic segments need more room than the optimal ones, New
// falls back to this package's own encoder, which writes exactly Plan's
// segments: the data bit stream (segments, terminator, padding to a byte and
// the pad codewords 0xEC 0x11, §7.4), the Reed-Solomon blocks of the version
// and level with their error correction codewords over GF(256) (§7.5, with
// gozxing's block table and Reed-Solomon encoder), interleaved (§7.6), with
// the modules placed by gozxing's matrix builder and the data mask of least
// penalty under the four rules of §7.8.3. For text in one segment that
// symbol is module for module the one gozxing's encoder draws.
//
// A [Code] renders with a quiet zone of [QuietZone] modules and whole-pixel
// modules: an image, a 1-bit PNG, an SVG of one path drawn with crisp edges,
// or half-block characters for a terminal.
//
// # Decoding
//
// [Scan], [ScanReader] and [ScanFile] read the code with
// github.com/makiuchi-d/gozxing and return its text exactly: nothing is
// trimmed, since Base45 text may begin or end with a space. They try
// several binarizations, rotations and scales, and a search over the
// dimensions near gozxing's estimate, which lets large versions be read at
// two or three pixels per module. A text is only returned once the code's
// Reed-Solomon check passes. No code yields [ErrNotFound].
//
// # Limits
//
// Text longer than version 40 holds is refused with [ErrTooLong]; a text
// with more characters than version 40 holds digits at the level (7089 at
// L) is refused before any segmentation is computed. No segment of an encoding that fits exceeds
// what its count indicator can count, so none is ever split. Module
// sizes are at most [MaxModuleSize] pixels. ScanReader and ScanFile read at
// most [MaxScanBytes] bytes of PNG, JPEG or GIF ([ErrImage] otherwise), and
// every scanned image is refused with [ErrTooLarge] above [MaxScanPixels],
// checked from the header before decoding. The finder-pattern search keeps
// at most 64 candidates, so an image built to make it expensive is given
// up on rather than searched: the work of a scan grows with the pixels, not
// with what they show.
// A gozxing panic on a hostile image is recovered and reported as
// [ErrNotFound].
//
// Errors never contain the text or image data; a character outside the
// alphanumeric set is reported by its offset.
package qr
