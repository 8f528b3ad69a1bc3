package imagetest

import (
	"math/rand/v2"

	"github.com/idqr/claim169/internal/imagewrite"
)

// ProgressiveJPEG returns a valid progressive greyscale JPEG (ITU-T T.81
// Annex G) of the given size whose pixels are all mid-grey: one DC scan,
// then scans-1 AC scans of the whole band that each code every block as
// one end-of-band run, a few bytes per scan however large the picture.
// image/jpeg decodes it; each scan costs it a pass over every block.
func ProgressiveJPEG(w, h, scans int) []byte {
	// AC table 0: '0' is EOB (one block), '10' an end-of-band run of
	// 2^14 + 14 extra bits blocks.
	acTable := append([]byte{0x10, 1, 1}, append(repeat(0, 14), 0x00, 0xe0)...)
	out, blocks := progressiveDC(w, h, acTable)
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

// progressiveDC starts a progressive greyscale JPEG of w×h pixels with the
// AC Huffman table given (a DHT segment's body) and its first scan, in
// which every DC coefficient is zero; it returns the JPEG so far and its
// number of 8×8 blocks.
func progressiveDC(w, h int, acTable []byte) ([]byte, int) {
	out := []byte{0xff, 0xd8}
	out = imagewrite.AppendJPEGSegment(out, 0xdb, append([]byte{0}, repeat(1, 64)...)) // DQT: table 0, all ones
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0}
	out = imagewrite.AppendJPEGSegment(out, 0xc2, sof) // SOF2: one component, 1×1, table 0
	// DC table 0: '0' is category 0.
	out = imagewrite.AppendJPEGSegment(out, 0xc4, append([]byte{0x00, 1}, append(repeat(0, 15), 0x00)...))
	out = imagewrite.AppendJPEGSegment(out, 0xc4, acTable)
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	var dc imagewrite.BitWriter
	for range blocks {
		dc.Write(0, 1)
	}
	out = imagewrite.AppendJPEGSegment(out, 0xda, []byte{1, 1, 0x00, 0, 0, 0x00}) // SOS: DC first
	return append(out, dc.Bytes()...), blocks
}

func repeat(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// ProgressiveNoiseJPEG returns a valid progressive greyscale JPEG of the
// given size whose every AC coefficient is coded, with a random value of
// 1 to maxBits bits: one DC scan, then scans-1 AC scans that split the band
// 1–63 between them. Each scan costs image/jpeg a pass over every block, as
// in ProgressiveJPEG, and the coefficients cost it the entropy decoding of
// a noisy photo: about 4+maxBits/2 bits each, 63 a block of 8×8 pixels.
func ProgressiveNoiseJPEG(w, h, scans, maxBits int, r *rand.Rand) []byte {
	// AC table 0: the symbols 0x01 to 0x0f (run 0, 1 to 15 extra bits),
	// four bits each.
	ac := []byte{0x10, 0, 0, 0, 15}
	ac = append(ac, repeat(0, 12)...)
	for s := range 15 {
		ac = append(ac, byte(s+1))
	}
	out, blocks := progressiveDC(w, h, ac)
	bands := scans - 1
	for i := range bands {
		ss, se := 1+63*i/bands, 63*(i+1)/bands
		var bw imagewrite.BitWriter
		for range blocks {
			for range se - ss + 1 {
				size := 1 + r.IntN(maxBits)
				bw.Write(uint32(size-1), 4) // the code of symbol size: its rank
				bw.Write(uint32(r.IntN(1<<size)), size)
			}
		}
		out = imagewrite.AppendJPEGSegment(out, 0xda, []byte{1, 1, 0x00, byte(ss), byte(se), 0x00}) // SOS: AC first, band ss–se
		out = append(out, bw.Bytes()...)
	}
	return append(out, 0xff, 0xd9)
}

// DenseJPEG returns a valid baseline JPEG of the given size in three
// components at full resolution (4:4:4) whose every coefficient is coded,
// as ±1 in two bits: the most coefficients a baseline JPEG of its pixels
// holds, each at its cheapest in bytes, so the slowest to decode for its
// size.
func DenseJPEG(w, h int) []byte {
	out := []byte{0xff, 0xd8}
	out = imagewrite.AppendJPEGSegment(out, 0xdb, append([]byte{0}, repeat(1, 64)...)) // DQT: table 0, all ones
	sof := []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3}
	for id := byte(1); id <= 3; id++ {
		sof = append(sof, id, 0x11, 0)
	}
	out = imagewrite.AppendJPEGSegment(out, 0xc0, sof) // SOF0: three components, 1×1, table 0
	// DC table 0: '0' is category 0. AC table 0: '0' is 0x01 (run 0, one
	// extra bit), '10' is EOB (unused).
	out = imagewrite.AppendJPEGSegment(out, 0xc4, append([]byte{0x00, 1}, append(repeat(0, 15), 0x00)...))
	out = imagewrite.AppendJPEGSegment(out, 0xc4, append([]byte{0x10, 1, 1}, append(repeat(0, 14), 0x01, 0x00)...))
	blocks := 3 * ((w + 7) / 8) * ((h + 7) / 8)
	var bw imagewrite.BitWriter
	for range blocks {
		bw.Write(0, 1) // DC: no difference
		for range 63 {
			bw.Write(0b01, 2) // 0x01, then the extra bit: +1
		}
	}
	out = imagewrite.AppendJPEGSegment(out, 0xda, []byte{3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0}) // SOS: all three components
	out = append(out, bw.Bytes()...)
	return append(out, 0xff, 0xd9)
}
