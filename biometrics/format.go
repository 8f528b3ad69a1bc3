package biometrics

import (
	"strconv"

	"github.com/idqr/claim169/internal/registry"
)

// Format is the data format of a Biometrics entry (Claim 169 §"Biometrics",
// key 1).
type Format int64

// Data formats registered by the specification.
const (
	FormatImage    Format = 0
	FormatTemplate Format = 1
	FormatSound    Format = 2
	FormatBioHash  Format = 3
)

var formats = registry.Names[Format]{First: FormatImage, Kind: "format",
	Names: []string{"image", "template", "sound", "bio hash"}}

// String returns the registry name of f, or its number when f is not
// registered.
func (f Format) String() string { return formats.Name(f) }

// Registered reports whether f is one of the formats the specification
// defines.
func (f Format) Registered() bool { return formats.Has(f) }

// Ptr returns a pointer to a copy of f, for building a [Biometric].
func (f Format) Ptr() *Format { return &f }

// SubFormat is the data sub-format of a Biometrics entry (Claim 169
// §"Biometrics", key 2). Its meaning depends on the [Format].
type SubFormat int64

// Image sub-formats (Format 0).
const (
	ImagePNG      SubFormat = 0
	ImageJPEG     SubFormat = 1
	ImageJPEG2000 SubFormat = 2
	ImageAVIF     SubFormat = 3
	ImageWEBP     SubFormat = 4
	ImageTIFF     SubFormat = 5
	ImageWSQ      SubFormat = 6
)

// Template sub-formats (Format 1).
const (
	TemplateANSI378    SubFormat = 0 // fingerprint template, ANSI INCITS 378
	TemplateISO19794_2 SubFormat = 1 // fingerprint template, ISO/IEC 19794-2
	TemplateNIST       SubFormat = 2 // fingerprint template, NIST
)

// Sound sub-formats (Format 2).
const (
	SoundWAV SubFormat = 0
	SoundMP3 SubFormat = 1
)

// The range of vendor-specific sub-formats for images and templates.
const (
	VendorMin SubFormat = 100
	VendorMax SubFormat = 200
)

// Ptr returns a pointer to a copy of s, for building a [Biometric].
func (s SubFormat) Ptr() *SubFormat { return &s }

// Name returns the registry name of sub-format s under format f: "JPEG",
// "ISO 19794-2", "vendor 150", or "sub-format N" when s is not registered
// for f.
func (s SubFormat) Name(f Format) string {
	if !subFormats(f).Has(s) && s.vendor(f) {
		return "vendor " + strconv.FormatInt(int64(s), 10)
	}
	return subFormats(f).Name(s)
}

// Registered reports whether s is a sub-format the specification defines for
// format f, vendor-specific ranges included.
func (s SubFormat) Registered(f Format) bool { return subFormats(f).Has(s) || s.vendor(f) }

// vendor reports whether s is in the vendor-specific range of format f.
func (s SubFormat) vendor(f Format) bool {
	return (f == FormatImage || f == FormatTemplate) && s >= VendorMin && s <= VendorMax
}

// subFormats returns the registry of the sub-formats of format f, from 0.
func subFormats(f Format) registry.Names[SubFormat] {
	return registry.Names[SubFormat]{Kind: "sub-format", Names: subFormatNames[f]}
}

var subFormatNames = map[Format][]string{
	FormatImage:    {"PNG", "JPEG", "JPEG 2000", "AVIF", "WEBP", "TIFF", "WSQ"},
	FormatTemplate: {"ANSI 378", "ISO 19794-2", "NIST"},
	FormatSound:    {"WAV", "MP3"},
}
