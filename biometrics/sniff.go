package biometrics

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Sniff identifies biometric data by its leading bytes ("magic numbers")
// and returns its format and sub-format, or false when the data is not one
// of the media types below. Templates, bio hashes and vendor formats carry
// no registered signature and are never identified.
//
//	PNG        89 50 4E 47 0D 0A 1A 0A (ISO/IEC 15948)
//	JPEG       FF D8 FF: SOI and the next marker (ITU-T T.81)
//	JPEG 2000  FF 4F FF 51, SOC and SIZ of a codestream (ISO/IEC 15444-1),
//	           or the JP2 signature box 00 00 00 0C 6A 50 20 20 0D 0A 87 0A
//	AVIF       an ISO BMFF "ftyp" box whose major or compatible brand is
//	           "avif" or "avis" (ISO/IEC 23000-22, AV1 Image File Format)
//	WEBP       "RIFF", a size, "WEBP"
//	TIFF       "II*\0" or "MM\0*", and BigTIFF's "II+\0" or "MM\0+"
//	WSQ        FF A0 (SOI) followed by a WSQ table, comment or frame
//	           marker: FF A2, FF A4 to FF A8 (FBI WSQ specification)
//	WAV        "RIFF", a size, "WAVE"
//	MP3        an ID3v2 tag, or an MPEG audio Layer III frame header that a
//	           whole frame follows (and, when more data follows, another
//	           frame header)
func Sniff(data []byte) (Format, SubFormat, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return FormatImage, ImagePNG, true
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return FormatImage, ImageJPEG, true
	case bytes.HasPrefix(data, []byte("\xff\x4f\xff\x51")),
		bytes.HasPrefix(data, []byte("\x00\x00\x00\x0cjP  \r\n\x87\n")):
		return FormatImage, ImageJPEG2000, true
	case isAVIF(data):
		return FormatImage, ImageAVIF, true
	case isRIFF(data, "WEBP"):
		return FormatImage, ImageWEBP, true
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return FormatImage, ImageTIFF, true
	case isWSQ(data):
		return FormatImage, ImageWSQ, true
	case isRIFF(data, "WAVE"):
		return FormatSound, SoundWAV, true
	case isMP3(data):
		return FormatSound, SoundMP3, true
	}
	return 0, 0, false
}

// isRIFF reports a RIFF container of the given form type.
func isRIFF(data []byte, form string) bool {
	return len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == form
}

// maxFtypBrands bounds the compatible brands isAVIF reads.
const maxFtypBrands = 64

// isAVIF reports an ISO BMFF file whose leading "ftyp" box lists the brand
// "avif" (still image) or "avis" (image sequence).
func isAVIF(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(data))
	if size < 16 || size%4 != 0 {
		return false
	}
	box := data[:min(size, len(data), 16+4*maxFtypBrands)]
	isBrand := func(b []byte) bool { return string(b) == "avif" || string(b) == "avis" }
	if isBrand(box[8:12]) {
		return true
	}
	// Bytes 12 to 16 are the minor version; compatible brands follow.
	for i := 16; i+4 <= len(box); i += 4 {
		if isBrand(box[i : i+4]) {
			return true
		}
	}
	return false
}

// isWSQ reports the WSQ start-of-image marker followed by a marker that may
// come next: a frame header, a transform, quantization or Huffman table, a
// restart interval, or a comment.
func isWSQ(data []byte) bool {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xa0 || data[2] != 0xff {
		return false
	}
	return data[3] == 0xa2 || (data[3] >= 0xa4 && data[3] <= 0xa8)
}

// isMP3 reports an ID3v2 tag or MPEG audio Layer III frames.
func isMP3(data []byte) bool {
	if len(data) >= 10 && string(data[:3]) == "ID3" {
		// Major version 2 to 4, a revision, flags, and a syncsafe size
		// whose bytes keep their top bit clear.
		return data[3] >= 2 && data[3] <= 4 && data[4] != 0xff &&
			data[6]|data[7]|data[8]|data[9] < 0x80
	}
	n, ok := mpegFrameLength(data)
	if !ok || len(data) < n {
		return false
	}
	if len(data) >= n+4 {
		_, ok = mpegFrameLength(data[n:])
	}
	return ok
}

// Layer III bit rates in kbit/s by bitrate index, and sample rates in Hz by
// sampling index, for MPEG-1 and for MPEG-2 and 2.5 (ISO/IEC 11172-3
// §2.4.2.3, ISO/IEC 13818-3 §2.4.2.3).
var (
	mpeg1Layer3Rates = [15]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
	mpeg2Layer3Rates = [15]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}
	mpegSampleRates  = [4][3]int{
		{11025, 12000, 8000},  // MPEG-2.5
		{},                    // reserved
		{22050, 24000, 16000}, // MPEG-2
		{44100, 48000, 32000}, // MPEG-1
	}
)

// mpegFrameLength parses an MPEG audio Layer III frame header and returns
// the frame's length in bytes. Free-format bit rates, reserved values and
// other layers are refused.
func mpegFrameLength(h []byte) (int, bool) {
	if len(h) < 4 || h[0] != 0xff || h[1]&0xe0 != 0xe0 {
		return 0, false
	}
	version := h[1] >> 3 & 3
	layer := h[1] >> 1 & 3
	rate := h[2] >> 4
	sampling := h[2] >> 2 & 3
	padding := int(h[2] >> 1 & 1)
	if version == 1 || layer != 1 || rate == 0 || rate == 15 || sampling == 3 || h[3]&3 == 2 {
		return 0, false
	}
	sampleRate := mpegSampleRates[version][sampling]
	if version == 3 {
		return 144*1000*mpeg1Layer3Rates[rate]/sampleRate + padding, true
	}
	return 72*1000*mpeg2Layer3Rates[rate]/sampleRate + padding, true
}

// CheckDeclared compares the declared format and sub-format of biometric
// data with what [Sniff] finds in its bytes, and returns a warning when they
// contradict each other, such as PNG bytes declared as JPEG, or an image
// declared as a template. It returns "" when they agree, when the bytes
// cannot be identified (templates, bio hashes, vendor formats), when the
// declared values are not registered, and for any declared vendor
// sub-format, whose content is opaque. With no declared format, the
// sub-format is read under the format of the bytes.
//
// The warning names only registry entries, never data.
func CheckDeclared(data []byte, f *Format, s *SubFormat) string {
	sf, ss, ok := Sniff(data)
	if !ok || (s != nil && *s >= VendorMin && *s <= VendorMax) {
		return ""
	}
	format := sf
	if f != nil {
		if !f.Registered() {
			return ""
		}
		if *f != sf {
			return fmt.Sprintf("biometrics: data looks like %s but is declared as %v", describe(sf, ss), *f)
		}
		format = *f
	}
	if s == nil || *s == ss || !s.Registered(format) {
		return ""
	}
	return fmt.Sprintf("biometrics: data looks like %s but is declared as %s", describe(sf, ss), describe(format, *s))
}

// describe names a format and sub-format: "PNG image", "MP3 sound".
func describe(f Format, s SubFormat) string { return s.Name(f) + " " + f.String() }

// photoSubFormat maps a photo format of Claim 169 key 17 to the image
// sub-format of the same encoding.
func photoSubFormat(photoFormat int64) (SubFormat, bool) {
	switch photoFormat {
	case 1:
		return ImageJPEG, true
	case 2:
		return ImageJPEG2000, true
	case 3:
		return ImageAVIF, true
	case 4:
		return ImageWEBP, true
	}
	return 0, false
}

// CheckPhoto compares the photograph of a Claim 169 identity (key 16) with
// its declared format (key 17: 1 JPEG, 2 JPEG 2000, 3 AVIF, 4 WEBP — a
// numbering of its own, unlike the Biometrics sub-formats) and returns a
// warning when the bytes are identifiably something else. It returns ""
// when they agree, when the bytes cannot be identified, and when the format
// is absent (pass 0) or not registered.
func CheckPhoto(data []byte, photoFormat int64) string {
	declared, ok := photoSubFormat(photoFormat)
	if !ok {
		return ""
	}
	sf, ss, ok := Sniff(data)
	if !ok || (sf == FormatImage && ss == declared) {
		return ""
	}
	return fmt.Sprintf("biometrics: photo looks like %s but is declared as %s", describe(sf, ss), declared.Name(FormatImage))
}
