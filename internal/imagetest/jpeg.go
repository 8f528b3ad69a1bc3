package imagetest

import "github.com/idqr/claim169/internal/imagewrite"

// ProgressiveJPEG returns a valid progressive greyscale JPEG (ITU-T T.81
// Annex G) of the given size whose pixels are all mid-grey: one DC scan,
// then scans-1 AC scans of the whole band that each code every block as
// one end-of-band run, a few bytes per scan however large the picture.
// image/jpeg decodes it; each scan costs it a pass over every block.
func ProgressiveJPEG(w, h, scans int) []byte {
	out := []byte{0xff, 0xd8}
	out = imagewrite.AppendJPEGSegment(out, 0xdb, append([]byte{0}, repeat(1, 64)...)) // DQT: table 0, all ones
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0}
	out = imagewrite.AppendJPEGSegment(out, 0xc2, sof) // SOF2: one component, 1×1, table 0
	// DC table 0: '0' is category 0. AC table 0: '0' is EOB (one block),
	// '10' an end-of-band run of 2^14 + 14 extra bits blocks.
	out = imagewrite.AppendJPEGSegment(out, 0xc4, append([]byte{0x00, 1}, append(repeat(0, 15), 0x00)...))
	out = imagewrite.AppendJPEGSegment(out, 0xc4, append([]byte{0x10, 1, 1}, append(repeat(0, 14), 0x00, 0xe0)...))
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	var dc imagewrite.BitWriter
	for range blocks {
		dc.Write(0, 1)
	}
	out = imagewrite.AppendJPEGSegment(out, 0xda, []byte{1, 1, 0x00, 0, 0, 0x00}) // SOS: DC first
	out = append(out, dc.Bytes()...)
	var ac imagewrite.BitWriter
	for left := blocks; left > 0; {
		if left >= 1<<14 {
			run := min(left, 1<<15-1)
			ac.Write(0b10, 2)
			ac.Write(uint32(run-1<<14), 14)
			left -= run
			continue
		}
		ac.Write(0, 1)
		left--
	}
	for range scans - 1 {
		out = imagewrite.AppendJPEGSegment(out, 0xda, []byte{1, 1, 0x00, 1, 63, 0x00}) // SOS: AC first, band 1–63
		out = append(out, ac.Bytes()...)
	}
	return append(out, 0xff, 0xd9)
}

func repeat(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}
