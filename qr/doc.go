// Package qr renders Claim 169 QR text as a QR code and reads it back from
// an image: the last stage of the MOSIP Claim 169 pipeline (specification
// v1.2.0, §"Compression and transport"), where the zlib-compressed COSE
// message, Base45-encoded (RFC 9285), is printed as a QR code
// (ISO/IEC 18004:2015).
//
// # Encoding
//
// The Base45 alphabet, 0-9 A-Z space $ % * + - . / :, is exactly the QR
// alphanumeric set, which packs two characters into 11 bits. [New] writes
// such text with github.com/skip2/go-qrcode in alphanumeric segments (or,
// where a run of digits makes it shorter, numeric ones), never in byte mode,
// at the error correction level asked ([L], [M], [Q] or [H]; M by default).
// Text outside the set is refused with [ErrNotAlphanumeric] unless
// [Options].AllowByteMode permits byte mode for UTF-8 text.
//
// [Plan] computes, without rendering, the version a text needs: the smallest
// whose alphanumeric capacity (ISO/IEC 18004 Table 7, derived here from the
// data codewords of Table 9 and checked against gozxing's independent
// table) holds it. That is what any conforming encoder needs for one
// alphanumeric segment, and [New] renders exactly that version, so the
// figures [Plan] reports are the figures of the printed code. [MaxCharacters]
// gives the capacity of a version: at most 4296 characters at L, 3391 at M,
// 2420 at Q and 1852 at H, in version 40.
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
// Text longer than version 40 holds is refused with [ErrTooLong]. Module
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
