// Package photo fits a face picture into the few hundred bytes a Claim 169
// QR code can spare: the photograph of an identity (MOSIP Claim 169
// specification v1.2.0, key 16, format 1: JPEG) or the data of a face
// Biometrics entry (format 0, sub-format 1). It is apart from the
// Biometrics model (package [github.com/idqr/claim169/biometrics]), so that
// code that only reads or verifies identities links no image decoder.
//
// [Fit] and [FitReader] make a baseline JPEG within a byte budget: the
// widest picture that fits at a floor quality, then the highest quality
// at that width, encoded by image/jpeg with its Huffman tables rebuilt for
// the picture's own symbols (ITU-T T.81 Annex K.2).
//
// # Limits
//
// [MaxInputBytes] (16 MiB) of input; [MaxPixels] (16 megapixels), checked
// from the image header before decoding, so a small file that declares a
// huge picture is refused without allocating it; and the bounds of the
// module's image decoder, also read from the header: the memory decoding
// would take (128 MiB, so a 16-bit or interlaced PNG is refused at fewer
// pixels), the CPU time it would take (an estimated 400 ms, so a JPEG of
// over 6 MiB at 16 megapixels or a progressive one of many scans is
// refused at fewer pixels too) and the scans of a progressive JPEG (32).
// A large picture is shrunk by averaging blocks of pixels before it is
// filtered. Any input is thus decoded and fitted in under a second of CPU
// and 256 MiB. Output is at most [MaxWidth] wide and [MaxAspect]:1,
// within [MaxBudget]. A panic of an image decoder on hostile input is
// reported as [ErrImage]. Errors never contain image data.
package photo
