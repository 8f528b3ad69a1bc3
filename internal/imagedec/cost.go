package imagedec

import "time"

// The speeds of the decoders at their slowest inputs, measured on the
// machine of BENCHMARKS.md (a shared 2-vCPU Xeon VM, go1.26): the estimate
// of a picture's decoding time adds them up from its header. Each is an
// upper bound of what the slowest picture of its kind we could build costs
// (imagetest.WorstCases), within a few per cent.
const (
	// A JPEG costs per sample of its component planes (the entropy decoding
	// of a block whose 64 coefficients are all coded, and its inverse DCT),
	// per byte of the file (Huffman codes of 2 bits a coefficient, or
	// refinement bits of 1), and per pixel of each pass of a progressive
	// JPEG over its blocks, weighed as for MaxScans.
	jpegNsPerSample = 10
	jpegNsPerByte   = 25
	jpegNsPerPass   = 0.75
	// A PNG costs per byte of its pixels as the decoder stores them (bit
	// depth and channels; a Paeth filter on every row is the slowest), half
	// as much again when interlaced, and per pixel.
	pngNsPerByte     = 4.5
	pngInterlaceCost = 1.5
	pngNsPerPixel    = 2
	// A GIF costs per pixel of its first frame (LZW of noise in 64
	// colours, as many bytes as pixels).
	gifNsPerPixel = 14
	// A WebP costs per pixel and per byte; measured on small files only
	// (30 and 19 ns a pixel, lossy and lossless), so kept high.
	webpNsPerPixel = 30
	webpNsPerByte  = 25
)

// DefaultMaxDecodeTime bounds the CPU time that decoding a picture is
// estimated to take, from its header and size, before a pixel is decoded:
// 400 ms at the measured speeds. With the scan or fit that follows, any
// image within the bounds costs under a second of CPU, on a loaded machine
// too. It admits a 12-megapixel phone photo (a baseline JPEG with 4:2:0
// chroma) of up to 8 MiB, a 16-megapixel one of up to 6 MiB, a 16-bit
// colour PNG of up to 10.5 megapixels, and any GIF or 8-bit PNG (but an
// interlaced one over 13.5 megapixels) within MaxPixels.
const DefaultMaxDecodeTime = 400 * time.Millisecond

// decodeTime estimates the CPU time of decoding p, a picture of the given
// pixels whose file has size bytes.
func (p picture) decodeTime(pixels, size int) time.Duration {
	ns := p.nsPerPixel*float64(pixels) + p.nsPerByte*float64(size) + p.nsPerPass*p.passes*float64(pixels)
	return time.Duration(ns)
}
