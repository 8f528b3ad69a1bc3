// Package imagewrite holds the byte-level pieces of the image files the SDK
// writes, for qr/render's PNG, biometrics/photo's JPEG and the test images
// of internal/imagetest: a PNG chunk with its CRC (ISO/IEC 15948 §5.3), a
// JPEG marker segment (ITU-T T.81 §B.1.1.4) and JPEG entropy-coded bits
// with their byte stuffing (T.81 §F.1.2.3).
package imagewrite

import (
	"encoding/binary"
	"hash/crc32"
)

// AppendPNGChunk appends a PNG chunk: length, type, data, CRC-32 of type and
// data.
func AppendPNGChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// AppendJPEGSegment appends a JPEG marker segment: 0xFF, the marker, the
// length and the payload.
func AppendJPEGSegment(out []byte, marker byte, payload []byte) []byte {
	out = append(out, 0xff, marker)
	out = binary.BigEndian.AppendUint16(out, uint16(2+len(payload)))
	return append(out, payload...)
}

// BitWriter appends JPEG entropy-coded data to a byte slice: bits from the
// most significant, a zero byte stuffed after every 0xFF. The zero value
// appends to nothing.
type BitWriter struct {
	out   []byte
	acc   uint32
	nbits int
}

// NewBitWriter returns a BitWriter that appends to out.
func NewBitWriter(out []byte) *BitWriter { return &BitWriter{out: out} }

// Write writes the n low bits of v, the most significant first.
func (w *BitWriter) Write(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | (v>>i)&1
		if w.nbits++; w.nbits == 8 {
			w.out = append(w.out, byte(w.acc))
			if byte(w.acc) == 0xff {
				w.out = append(w.out, 0)
			}
			w.acc, w.nbits = 0, 0
		}
	}
}

// Bytes pads the last byte with one bits and returns the slice with the
// data appended.
func (w *BitWriter) Bytes() []byte {
	if w.nbits > 0 {
		w.Write(1<<(8-w.nbits)-1, 8-w.nbits)
	}
	return w.out
}
