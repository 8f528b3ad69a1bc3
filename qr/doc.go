// Package qr plans the QR code that holds Claim 169 QR text: the last stage
// of the MOSIP Claim 169 pipeline (specification v1.2.0, §"Compression and
// transport"), where the zlib-compressed COSE message, Base45-encoded
// (RFC 9285), is printed as a QR code (ISO/IEC 18004:2015). It computes
// versions, capacities and the data bit stream, and imports only the
// standard library: a verifier that budgets or checks QR text links no QR
// renderer, reader or image code. Package
// [github.com/idqr/claim169/qr/render] draws the code it plans and package
// [github.com/idqr/claim169/qr/scan] reads one from an image.
//
// # Planning
//
// The Base45 alphabet, 0-9 A-Z space $ % * + - . / :, is exactly the QR
// alphanumeric set, which packs two characters into 11 bits; the numeric
// mode packs three digits into 10. [Plan] lays such text out in the
// numeric and alphanumeric segments that take the fewest bits, never in
// byte mode, at the error correction level asked ([L], [M], [Q] or [H]; M
// by default). Text outside the set is refused with [ErrNotAlphanumeric];
// [PlanUTF8] plans it instead as one byte-mode segment of UTF-8.
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
// checked in the tests of the QR packages against gozxing's independent
// table) hold that length. Kanji segments cannot hold alphanumeric text
// and byte segments never shorten it (8 bits a character against at most
// 6, for a count at most one bit shorter), so this is the least of every
// standard encoding: encoders that choose segments by heuristics
// (go-qrcode) or write one segment (gozxing) may need a larger version,
// never a smaller one; segment-optimising ones (node-qrcode, segno,
// zxing-cpp's MinimalEncoder) can at best match it. Plan allocates nothing
// and its work is linear in the text. [MaxCharacters] gives the
// alphanumeric capacity of a version in one segment: at most 4296
// characters at L, 3391 at M, 2420 at Q and 1852 at H, in version 40; a
// text of digits holds up to 7089, 5596, 3993 and 3057.
//
// [DataCodewords] writes the data bit stream of a planned code in exactly
// the segments Plan counted (segments, terminator, padding to a byte and
// the pad codewords 0xEC 0x11, §7.4), for a renderer to protect and draw.
// [ParseDataCodewords] reads one back, for a scanner: numeric,
// alphanumeric and byte segments, and nothing Claim 169 text never needs
// ([ErrUnsupportedMode]).
//
// # Limits
//
// Text longer than version 40 holds is refused with [ErrTooLong]; a text
// with more characters than version 40 holds digits at the level (7089 at
// L) is refused before any segmentation is computed. No segment of an
// encoding that fits exceeds what its count indicator can count, so none
// is ever split.
//
// Errors never contain the text; a character outside the alphanumeric set
// is reported by its offset.
package qr
