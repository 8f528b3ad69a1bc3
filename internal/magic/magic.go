package magic

import (
	"bytes"
	"encoding/binary"
)

// Type is a file type this package recognises.
type Type uint8

// The file types, with their signatures:
//
//	PNG        89 50 4E 47 0D 0A 1A 0A (ISO/IEC 15948)
//	JPEG       FF D8 FF: SOI and the next marker (ITU-T T.81)
//	GIF        "GIF87a" or "GIF89a"
//	WebP       "RIFF", a size, "WEBP"
//	JPEG2000   FF 4F FF 51, SOC and SIZ of a codestream (ISO/IEC 15444-1),
//	           or the JP2 signature box 00 00 00 0C 6A 50 20 20 0D 0A 87 0A
//	AVIF       an ISO BMFF "ftyp" box whose major or compatible brand is
//	           "avif" or "avis" (ISO/IEC 23000-22, AV1 Image File Format)
//	TIFF       "II*\0" or "MM\0*", and BigTIFF's "II+\0" or "MM\0+"
//	WSQ        FF A0 (SOI) followed by a WSQ table, comment or frame
//	           marker: FF A2, FF A4 to FF A8 (FBI WSQ specification)
//	WAV        "RIFF", a size, "WAVE"
//	MP3        an ID3v2 tag, or an MPEG audio Layer III frame header that a
//	           whole frame follows (and, when more data follows, another
//	           frame header)
const (
	Unknown Type = iota
	PNG
	JPEG
	GIF
	WebP
	JPEG2000
	AVIF
	TIFF
	WSQ
	WAV
	MP3
)

// names are the types' names, by Type.
var names = [...]string{"unknown", "PNG", "JPEG", "GIF", "WebP", "JPEG 2000", "AVIF", "TIFF", "WSQ", "WAV", "MP3"}

// String returns the type's usual name: "PNG", "JPEG 2000", "unknown".
func (t Type) String() string {
	if int(t) < len(names) {
		return names[t]
	}
	return "unknown"
}

// Detect returns the type of data from its leading bytes, or Unknown.
// Templates, bio hashes and vendor formats carry no registered signature
// and are never identified.
func Detect(data []byte) Type {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case bytes.HasPrefix(data, []byte("\xff\x4f\xff\x51")),
		bytes.HasPrefix(data, []byte("\x00\x00\x00\x0cjP  \r\n\x87\n")):
		return JPEG2000
	case isAVIF(data):
		return AVIF
	case isRIFF(data, "WEBP"):
		return WebP
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("II+\x00")), bytes.HasPrefix(data, []byte("MM\x00+")):
		return TIFF
	case isWSQ(data):
		return WSQ
	case isRIFF(data, "WAVE"):
		return WAV
	case isMP3(data):
		return MP3
	}
	return Unknown
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
