package biometrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormatNames(t *testing.T) {
	tests := []struct {
		f          Format
		name       string
		registered bool
	}{
		{FormatImage, "image", true},
		{FormatTemplate, "template", true},
		{FormatSound, "sound", true},
		{FormatBioHash, "bio hash", true},
		{Format(4), "format 4", false},
		{Format(-1), "format -1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, tt.f.String())
			assert.Equal(t, tt.registered, tt.f.Registered())
			assert.Equal(t, tt.f, *tt.f.Ptr())
		})
	}
}

func TestSubFormatNames(t *testing.T) {
	tests := []struct {
		f          Format
		s          SubFormat
		name       string
		registered bool
	}{
		{FormatImage, ImagePNG, "PNG", true},
		{FormatImage, ImageWSQ, "WSQ", true},
		{FormatImage, SubFormat(7), "sub-format 7", false},
		{FormatImage, VendorMin, "vendor 100", true},
		{FormatImage, VendorMax, "vendor 200", true},
		{FormatImage, VendorMax + 1, "sub-format 201", false},
		{FormatTemplate, TemplateISO19794_2, "ISO 19794-2", true},
		{FormatTemplate, SubFormat(150), "vendor 150", true},
		{FormatSound, SoundMP3, "MP3", true},
		{FormatSound, SubFormat(150), "sub-format 150", false},
		{FormatBioHash, SubFormat(0), "sub-format 0", false},
		{FormatImage, SubFormat(-1), "sub-format -1", false},
	}
	for _, tt := range tests {
		t.Run(tt.f.String()+"/"+tt.name, func(t *testing.T) {
			assert.Equal(t, tt.name, tt.s.Name(tt.f))
			assert.Equal(t, tt.registered, tt.s.Registered(tt.f))
			assert.Equal(t, tt.s, *tt.s.Ptr())
		})
	}
}
