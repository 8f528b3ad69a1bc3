package biometrics

import (
	"fmt"

	"github.com/idqr/claim169/internal/magic"
)

// Sniff identifies biometric data by its leading bytes ("magic numbers")
// and returns its format and sub-format, or false when the data is not one
// of the media types below. Templates, bio hashes and vendor formats carry
// no registered signature and are never identified; neither is GIF, which
// has no sub-format in the registry.
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
	k, ok := sniffed[magic.Detect(data)]
	return k.format, k.sub, ok
}

// sniffed is the format and sub-format of each content type magic.Detect
// tells.
var sniffed = map[magic.Type]struct {
	format Format
	sub    SubFormat
}{
	magic.PNG:      {FormatImage, ImagePNG},
	magic.JPEG:     {FormatImage, ImageJPEG},
	magic.JPEG2000: {FormatImage, ImageJPEG2000},
	magic.AVIF:     {FormatImage, ImageAVIF},
	magic.WebP:     {FormatImage, ImageWEBP},
	magic.TIFF:     {FormatImage, ImageTIFF},
	magic.WSQ:      {FormatImage, ImageWSQ},
	magic.WAV:      {FormatSound, SoundWAV},
	magic.MP3:      {FormatSound, SoundMP3},
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
