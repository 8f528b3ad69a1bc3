// Package imagedec is the one bounded image decoder of the module, used by
// qr/scan to read a code from a photo and by biometrics/photo to fit a
// picture. It reads at most [Config].MaxBytes bytes, and at most [MaxBytes]
// (16 MiB) whatever the Config says, identifies the format by its signature
// (internal/magic), and reads the header before decoding a pixel:
//
//   - the dimensions, against [Config].MaxPixels and at most [MaxPixels]
//     (16 megapixels) whatever the Config says;
//   - the memory the decoder would allocate, from the bytes per pixel of
//     the format and the header (PNG bit depth, colour type and
//     interlacing; JPEG components, sampling and progressive coefficients;
//     lossy or lossless WebP), against [Config].MaxMemory (default
//     [DefaultMaxMemory], 128 MiB);
//   - for a JPEG, its scans, counted by walking the markers and weighed by
//     the components each codes, against [Config].MaxScans (default
//     [DefaultMaxScans], 32): image/jpeg makes a pass over the blocks for
//     each scan, however empty;
//   - the CPU time the decoder would take, estimated from the same header
//     and the size of the file at the speeds measured for the slowest
//     input of each shape (per pixel, per byte of a PNG's pixels, per
//     sample and per byte of a JPEG, per pass of a progressive one),
//     against [Config].MaxDecodeTime (default [DefaultMaxDecodeTime], 400
//     ms): a JPEG of every coefficient coded or a 16-bit PNG filtered with
//     Paeth costs up to about 45 ns a pixel, so neither bytes nor pixels
//     alone bound the time.
//
// It then decodes PNG, JPEG, GIF (the first frame only) or WebP with the
// decoder of that format alone (nothing is registered with package
// image), and turns a decoder's panic on hostile input into an error.
// Under these bounds, decoding any image costs at most about 400 ms of CPU
// and 128 MiB: TestMemoryEstimate holds the memory estimates to what the
// decoders allocate, and BenchmarkDecodeWorst the time estimates to what
// the worst case of each shape (internal/imagetest.WorstCases) takes.
//
// Its errors wrap the sentinels of the caller's [Config], so that each
// public package keeps its own; messages never contain image data.
package imagedec
