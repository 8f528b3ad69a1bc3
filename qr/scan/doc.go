// Package scan reads Claim 169 QR text from an image: a photo of a card, a
// scan, a screenshot. It reads QR codes (ISO/IEC 18004:2015) of any
// version, as printed by package [github.com/idqr/claim169/qr/render] or
// by other encoders, and returns the text for the decoder of the MOSIP
// Claim 169 pipeline (specification v1.2.0, §"Compression and transport").
//
// [Image], [Reader] and [File] read the code with
// github.com/makiuchi-d/gozxing and return its text exactly: nothing is
// trimmed, since Base45 text may begin or end with a space. They try
// several binarizations, rotations and scales, and a search over the
// dimensions near gozxing's estimate, which lets large versions be read at
// two or three pixels per module. A text is only returned once the code's
// Reed-Solomon check passes. No code yields [ErrNotFound].
//
// # Limits
//
// Reader and File read at most [MaxBytes] bytes of PNG, JPEG or GIF
// ([ErrImage] otherwise), and every image is refused with [ErrTooLarge]
// above [MaxPixels], checked from the header before decoding. The
// finder-pattern search keeps at most 64 candidates, so an image built to
// make it expensive is given up on rather than searched: the work of a scan
// grows with the pixels, not with what they show. A panic of an image
// decoder or of gozxing on a hostile image is recovered and reported as
// [ErrImage] or [ErrNotFound].
//
// Errors never contain the text or image data.
package scan
