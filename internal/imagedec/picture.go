package imagedec

import (
	"bytes"
	"encoding/binary"
	"errors"

	"github.com/idqr/claim169/internal/magic"
)

// picture is what the header of an encoded image says its decoding will
// cost, beyond its dimensions (which the format's DecodeConfig reads).
type picture struct {
	// bytesPerPixel is the memory the decoder allocates per pixel of the
	// picture, at its peak.
	bytesPerPixel float64
	// nsPerPixel, nsPerByte and nsPerPass estimate the CPU time of
	// decoding (see decodeTime): per pixel, per byte of the file, and per
	// pixel of each pass of a progressive JPEG.
	nsPerPixel, nsPerByte, nsPerPass float64
	// scans is the number of scans (SOS segments) of a JPEG, and passes
	// their weight: each scan costs image/jpeg a pass over the blocks of
	// its components, a component at full resolution weighing 1.
	scans  int
	passes float64
}

// inspect reads the header of data, an image of type t, without decoding
// it. An error means the header is malformed; the decoder would refuse it.
// The scans of a JPEG are counted up to one past maxScans.
func inspect(t magic.Type, data []byte, maxScans int) (picture, error) {
	switch t {
	case magic.PNG:
		return inspectPNG(data)
	case magic.JPEG:
		return inspectJPEG(data, maxScans)
	case magic.GIF:
		// The first frame, paletted, within the logical screen: the
		// decoder reads no further frame.
		return picture{bytesPerPixel: 1, nsPerPixel: gifNsPerPixel}, nil
	case magic.WebP:
		return inspectWebP(data), nil
	}
	return picture{}, errors.New("no decoder")
}

// inspectPNG reads the IHDR chunk (ISO/IEC 15948 §11.2.2): the picture
// image/png allocates for its bit depth and colour type, twice that for an
// interlaced image (each Adam7 pass is decoded into an image of its own,
// then copied), and the time it takes, in proportion.
func inspectPNG(data []byte) (picture, error) {
	const ihdr = 8 + 8 // signature, then the chunk's length and type
	if len(data) < ihdr+13 || string(data[12:16]) != "IHDR" {
		return picture{}, errors.New("no IHDR chunk")
	}
	depth, colorType, interlace := data[ihdr+8], data[ihdr+9], data[ihdr+12]
	var bpp float64
	switch colorType {
	case 0, 3: // grey, paletted: image.Gray, Gray16, Paletted
		bpp = 1
	case 2, 4, 6: // RGB, grey and alpha, RGBA: image.RGBA, NRGBA and their 64-bit forms
		bpp = 4
	default:
		return picture{}, errors.New("unknown colour type")
	}
	if depth == 16 {
		bpp *= 2
	}
	p := picture{bytesPerPixel: bpp, nsPerPixel: pngNsPerByte*bpp + pngNsPerPixel}
	if interlace != 0 {
		p.bytesPerPixel *= 2
		p.nsPerPixel = pngNsPerByte*bpp*pngInterlaceCost + pngNsPerPixel
	}
	return p, nil
}

// inspectWebP sizes a WebP by its first chunk: a lossy picture is YCbCr
// 4:2:0 (1.5 bytes a pixel, 3 with the decoder's buffers); a lossless one,
// or one with alpha, passes through 32-bit ARGB before NRGBA (12 bytes a
// pixel, all buffers counted).
func inspectWebP(data []byte) picture {
	p := picture{bytesPerPixel: 12, nsPerPixel: webpNsPerPixel, nsPerByte: webpNsPerByte}
	if len(data) >= 16 && string(data[12:16]) == "VP8 " {
		p.bytesPerPixel = 3
	}
	return p
}

// jpegFrame is what a JPEG's SOF segment says of its components.
type jpegFrame struct {
	progressive bool
	// samples is each component's share of the picture's pixels: (H×V)
	// over (Hmax×Vmax), by component identifier.
	samples map[byte]float64
	total   float64 // the sum of samples
}

// inspectJPEG walks the markers of a JPEG (ITU-T T.81 Annex B) from SOI to
// EOI, without decoding: the frame header gives the components and their
// sampling, and each SOS segment is a scan, weighed by the samples of the
// components it codes. The entropy-coded data after a scan is skipped to
// the next marker. image/jpeg allocates the picture's component planes
// (four bytes more a pixel for CMYK, which it converts), and a progressive
// JPEG adds the coefficients of every block (four bytes a sample). The walk
// stops once the scans pass maxScans, in number or in weight.
func inspectJPEG(data []byte, maxScans int) (picture, error) {
	var p picture
	var frame *jpegFrame
	for off := 2; off < len(data); {
		marker, next, ok := nextMarker(data, off)
		if !ok {
			break
		}
		off = next
		switch {
		case marker == 0xd9: // EOI
			off = len(data)
			continue
		case marker >= 0xd0 && marker <= 0xd7, marker == 0x01: // RSTn, TEM: no length
			continue
		}
		if off+2 > len(data) {
			break
		}
		n := int(binary.BigEndian.Uint16(data[off:]))
		if n < 2 || off+n > len(data) {
			return picture{}, errors.New("truncated segment")
		}
		segment := data[off+2 : off+n]
		off += n
		switch {
		case isSOF(marker) && frame == nil:
			f, err := readFrame(marker, segment)
			if err != nil {
				return picture{}, err
			}
			frame = f
		case marker == 0xda: // SOS
			if frame == nil {
				return picture{}, errors.New("scan before the frame")
			}
			p.scans++
			p.passes += frame.scanWeight(segment)
			if p.scans > maxScans || p.passes > float64(maxScans) {
				off = len(data)
				continue
			}
			off = skipEntropyData(data, off)
		}
	}
	if frame == nil {
		return picture{}, errors.New("no frame header")
	}
	p.bytesPerPixel = frame.total
	p.nsPerPixel, p.nsPerByte = jpegNsPerSample*frame.total, jpegNsPerByte
	if len(frame.samples) == 4 {
		p.bytesPerPixel += 4 // the CMYK picture the planes are converted into
	}
	if frame.progressive {
		p.bytesPerPixel += 4 * frame.total
		p.nsPerPass = jpegNsPerPass
	}
	return p, nil
}

// nextMarker returns the marker at or after off and the offset after it.
// Like image/jpeg, it skips fill bytes (0xFF) and any extraneous byte
// before a marker, and a 0xFF00 that is not one.
func nextMarker(data []byte, off int) (marker byte, next int, ok bool) {
	for {
		i := bytes.IndexByte(data[off:], 0xff)
		if i < 0 {
			return 0, 0, false
		}
		off += i
		for off < len(data) && data[off] == 0xff {
			off++
		}
		if off >= len(data) {
			return 0, 0, false
		}
		if data[off] != 0x00 {
			return data[off], off + 1, true
		}
	}
}

// skipEntropyData returns the offset of the first marker at or after off
// that is not a stuffed 0xFF00 or a restart marker RSTn.
func skipEntropyData(data []byte, off int) int {
	for {
		i := bytes.IndexByte(data[off:], 0xff)
		if i < 0 {
			return len(data)
		}
		off += i
		if off+1 < len(data) {
			if b := data[off+1]; b == 0x00 || (b >= 0xd0 && b <= 0xd7) {
				off += 2
				continue
			}
		}
		return off
	}
}

// isSOF reports whether marker starts a frame: SOF0–SOF15 but DHT (C4),
// JPG (C8) and DAC (CC).
func isSOF(marker byte) bool {
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc
}

// readFrame reads a frame header (T.81 §B.2.2): the components and their
// sampling factors.
func readFrame(marker byte, seg []byte) (*jpegFrame, error) {
	if len(seg) < 6 {
		return nil, errors.New("short frame header")
	}
	nf := int(seg[5])
	if nf == 0 || len(seg) < 6+3*nf {
		return nil, errors.New("short frame header")
	}
	f := &jpegFrame{progressive: marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce, samples: map[byte]float64{}}
	hmax, vmax := 1, 1
	for i := range nf {
		hv := seg[6+3*i+1]
		hmax, vmax = max(hmax, int(hv>>4)), max(vmax, int(hv&0x0f))
	}
	for i := range nf {
		id, hv := seg[6+3*i], seg[6+3*i+1]
		share := float64(int(hv>>4)*int(hv&0x0f)) / float64(hmax*vmax)
		f.samples[id] = share
		f.total += share
	}
	return f, nil
}

// scanWeight returns the weight of a scan whose SOS segment is seg: the
// samples of the components it codes, each at least a full pass for a
// component the frame does not have (image/jpeg refuses those).
func (f *jpegFrame) scanWeight(seg []byte) float64 {
	if len(seg) == 0 {
		return 1
	}
	w := 0.0
	for i := range int(seg[0]) {
		if 1+2*i >= len(seg) {
			break
		}
		s, ok := f.samples[seg[1+2*i]]
		if !ok {
			s = 1
		}
		w += s
	}
	return max(w, 1.0/16)
}
