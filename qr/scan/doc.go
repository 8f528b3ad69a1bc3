// Package scan reads Claim 169 QR text from an image: a photo of a card, a
// scan, a screenshot. It reads QR codes (ISO/IEC 18004:2015) of any
// version, as printed by package [github.com/idqr/claim169/qr/render] or
// by other encoders, and returns the text for the decoder of the MOSIP
// Claim 169 pipeline (specification v1.2.0, §"Compression and transport").
//
// [Image], [Reader] and [File] return the text exactly: nothing is trimmed,
// since Base45 text may begin or end with a space. A text is only returned
// once the code's Reed-Solomon check passes. No code yields [ErrNotFound].
//
// # How a code is read
//
// The image is turned grey and binarized several ways: gozxing's hybrid and
// global-histogram binarizers, Otsu's threshold (for blur), and adaptive
// thresholds over windows of two sizes, one of them low enough to find a
// finder pattern washed out by a lamp's reflection. In each, finder
// patterns are searched for along the rows (github.com/makiuchi-d/gozxing's
// finder search).
//
// A phone photo is not one perspective transform: the lens bends straight
// lines, the card bends, and across a large symbol gozxing's single
// transform drifts by more than half a module. So the scanner also builds a
// local grid: it measures each finder pattern along the symbol's sides
// (which gives the dimension under perspective, checked against the
// version information read beside the finder patterns), then finds every
// alignment pattern of the version by correlation on the grey image, each
// predicted from those already found, and samples every cell between four
// of them through its own transform; a pattern not found is predicted from
// its neighbours, and without any the grid is the finder patterns'
// transform. The sampled modules are told dark from light by the local
// mean or the local range of their neighbours, which holds under uneven
// light and glare. Triples of finder-like shapes are checked against the
// finder pattern and its light separator first.
//
// Every sampled symbol is read by the SDK's own decoder, the reverse of
// package render's encoder on the same tables (qr/internal/symbol): format
// and version information corrected up to 3 bits, each Reed-Solomon block
// up to half its error correction codewords, and a mirrored symbol read
// too. Its bit stream may hold numeric, alphanumeric and byte segments
// (read as UTF-8, after the UTF-8 ECI or none); a code with Kanji, Hanzi,
// structured append, FNC1 or another character set is not read, as no
// Claim 169 text needs them (see qr.ParseDataCodewords). So gozxing's bit
// stream decoder, and the Japanese, Korean and Chinese tables it links,
// are left out of every program that scans.
//
// Image also tries gozxing's own detector at its estimated dimension and at
// the dimensions near it, ZXing's PURE_BARCODE sampling for a clean code, the
// negative image (a light code on a dark ground), the image turned by a
// quarter, and the image at half and at double size.
//
// # Limits
//
// Reader and File read at most [MaxBytes] (16 MiB) of PNG, JPEG or GIF
// ([ErrImage] otherwise), and refuse with [ErrTooLarge], from the header
// and before decoding, an image over [MaxPixels] (16 megapixels), one
// whose decoding would take over 128 MiB or an estimated 400 ms of CPU,
// and a JPEG of over 32 scans: the bounds of the module's image decoder,
// which biometrics/photo shares. [Image] refuses an image over MaxPixels.
//
// The work of a scan is bounded whatever the image shows: a larger image
// is shrunk to at most 3 megapixels (2048×1536) before anything else, so a
// 12-megapixel photo is halved; the finder-pattern search keeps at most 64
// candidates, so an image built to make it expensive is given up on rather
// than searched; one scan builds at most 24 local grids and hands at most
// 96 sampled symbols to the decoder; and once the pixels it has made and
// the grey levels its grids have read reach a fixed total, no further
// attempt starts. Decoding and scanning any image within the limits takes
// under a second of CPU and 256 MiB (BENCHMARKS.md). A panic of an image
// decoder or of gozxing on a hostile image is recovered and reported as
// [ErrImage] or [ErrNotFound].
//
// Errors never contain the text or image data.
package scan
