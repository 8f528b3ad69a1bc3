package biometrics

import (
	"bytes"
	"image"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
)

// encodedPNG and encodedJPEG are real files from the standard library's
// encoders.
func encodedPNG(t testing.TB) []byte { return imagetest.Encode(t, tiny, "PNG", 0) }

func encodedJPEG(t testing.TB) []byte { return imagetest.Encode(t, tiny, "JPEG", 0) }

// tiny is a blank 4×4 picture.
var tiny = image.NewGray(image.Rect(0, 0, 4, 4))

// mp3Frame is an MPEG-1 Layer III frame header, 128 kbit/s at 44.1 kHz,
// no padding: a 417-byte frame.
const mp3Frame = "\xff\xfb\x90\x00"

// mp3Frames returns n such frames.
func mp3Frames(n int) []byte {
	frame := mp3Frame + strings.Repeat("\x00", 417-4)
	return []byte(strings.Repeat(frame, n))
}

type sniffCase struct {
	name   string
	data   []byte
	format Format
	sub    SubFormat
	ok     bool
}

func sniffCases(t testing.TB) []sniffCase {
	image := func(name string, data []byte, sub SubFormat) sniffCase {
		return sniffCase{name, data, FormatImage, sub, true}
	}
	sound := func(name string, data []byte, sub SubFormat) sniffCase {
		return sniffCase{name, data, FormatSound, sub, true}
	}
	none := func(name string, data []byte) sniffCase { return sniffCase{name: name, data: data} }
	return []sniffCase{
		image("PNG", encodedPNG(t), ImagePNG),
		image("JPEG", encodedJPEG(t), ImageJPEG),
		image("JPEG with JFIF", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), ImageJPEG),
		image("JPEG 2000 codestream", []byte("\xff\x4f\xff\x51\x00\x2f\x00\x00"), ImageJPEG2000),
		image("JP2", []byte("\x00\x00\x00\x0cjP  \r\n\x87\n\x00\x00\x00\x14ftypjp2 "), ImageJPEG2000),
		image("AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), ImageAVIF),
		image("AVIF sequence", []byte("\x00\x00\x00\x18ftypavis\x00\x00\x00\x00avismsf1"), ImageAVIF),
		image("AVIF as compatible brand", []byte("\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif"), ImageAVIF),
		image("WebP lossy", imagetest.WebPFile(t, imagetest.WebPLossy), ImageWEBP),
		image("WebP lossless", imagetest.WebPFile(t, imagetest.WebPLossless), ImageWEBP),
		image("TIFF little-endian", []byte("II*\x00\x08\x00\x00\x00"), ImageTIFF),
		image("TIFF big-endian", []byte("MM\x00*\x00\x00\x00\x08"), ImageTIFF),
		image("BigTIFF", []byte("II+\x00\x08\x00\x00\x00"), ImageTIFF),
		image("WSQ with comment", []byte("\xff\xa0\xff\xa8\x00\x0cNIST_COM"), ImageWSQ),
		image("WSQ with transform table", []byte("\xff\xa0\xff\xa4\x00\x3a"), ImageWSQ),
		sound("WAV", []byte("RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00"), SoundWAV),
		sound("MP3 with ID3v2.3", []byte("ID3\x03\x00\x00\x00\x00\x0f\x76TIT2"), SoundMP3),
		sound("MP3 with ID3v2.4", []byte("ID3\x04\x00\x00\x00\x00\x00\x00"), SoundMP3),
		sound("MP3 frames", mp3Frames(3), SoundMP3),
		sound("MP3 single frame", mp3Frames(1), SoundMP3),
		sound("MP3 frame then ID3v1 tail", append(mp3Frames(1), "TAG"...), SoundMP3),
		// MPEG-2, 8 kbit/s at 24 kHz: 24-byte frames.
		sound("MPEG-2 Layer III", bytes.Repeat(append([]byte("\xff\xf3\x14\xc4"), make([]byte, 20)...), 5), SoundMP3),
		none("empty", nil),
		none("JPEG SOI only", []byte("\xff\xd8")),
		none("PNG prefix only", []byte("\x89PNG")),
		none("ISO 19794-2 template", []byte("FMR\x00 20\x00\x00\x00\x00\x8c")),
		none("ANSI 378 template", []byte("FMR\x00 20\x00\x00\x8c\x00\x00")),
		none("bio hash", bytes.Repeat([]byte{0x5a}, 32)),
		none("HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")),
		none("ftyp too short", []byte("\x00\x00\x00\x08ftypavif\x00\x00\x00\x00")),
		none("ftyp with 64-bit size", []byte("\x00\x00\x00\x01ftypavif\x00\x00\x00\x00\x00\x00\x00\x00")),
		none("RIFF AVI", []byte("RIFF\x00\x00\x00\x00AVI LIST")),
		none("RIFF short", []byte("RIFF\x00\x00\x00\x00WEB")),
		none("WSQ SOI then EOI", []byte("\xff\xa0\xff\xa1")),
		none("WSQ SOI then block", []byte("\xff\xa0\xff\xa3")),
		none("ID3 bad version", []byte("ID3\x09\x00\x00\x00\x00\x00\x00")),
		none("ID3 bad size", []byte("ID3\x03\x00\x00\x80\x00\x00\x00")),
		none("MPEG Layer I", append([]byte("\xff\xff\x90\x00"), make([]byte, 500)...)),
		none("AAC ADTS", append([]byte("\xff\xf1\x50\x80"), make([]byte, 500)...)),
		none("MP3 header, short frame", []byte(mp3Frame+"\x00\x00")),
		none("MP3 header, garbage after the frame", append(mp3Frames(1), "\x00\x00\x00\x00"...)),
		none("MP3 free-format bit rate", append([]byte("\xff\xfb\x00\x00"), make([]byte, 500)...)),
		none("MP3 reserved sample rate", append([]byte("\xff\xfb\x9c\x00"), make([]byte, 500)...)),
		none("MP3 reserved emphasis", append([]byte("\xff\xfb\x90\x02"), make([]byte, 500)...)),
		none("GIF", []byte("GIF89a\x01\x00\x01\x00")),
	}
}

func TestSniff(t *testing.T) {
	for _, tt := range sniffCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			f, s, ok := Sniff(tt.data)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.format, f)
			assert.Equal(t, tt.sub, s)
		})
	}
}

func TestCheckDeclared(t *testing.T) {
	pngData := encodedPNG(t)
	wav := []byte("RIFF\x24\x08\x00\x00WAVEfmt ")
	tests := []struct {
		name string
		data []byte
		f    *Format
		s    *SubFormat
		warn bool
	}{
		{"PNG declared PNG", pngData, FormatImage.Ptr(), ImagePNG.Ptr(), false},
		{"PNG declared JPEG", pngData, FormatImage.Ptr(), ImageJPEG.Ptr(), true},
		{"PNG declared as a template", pngData, FormatTemplate.Ptr(), TemplateISO19794_2.Ptr(), true},
		{"PNG declared as a sound", pngData, FormatSound.Ptr(), nil, true},
		{"PNG declared image, no sub-format", pngData, FormatImage.Ptr(), nil, false},
		{"PNG, nothing declared", pngData, nil, nil, false},
		{"PNG, sub-format JPEG only", pngData, nil, ImageJPEG.Ptr(), true},
		{"PNG, sub-format PNG only", pngData, nil, ImagePNG.Ptr(), false},
		{"PNG declared vendor image", pngData, FormatImage.Ptr(), SubFormat(150).Ptr(), false},
		{"PNG declared vendor template", pngData, FormatTemplate.Ptr(), SubFormat(100).Ptr(), false},
		{"PNG declared unregistered format", pngData, Format(9).Ptr(), nil, false},
		{"PNG declared unregistered sub-format", pngData, FormatImage.Ptr(), SubFormat(42).Ptr(), false},
		{"WAV declared WAV", wav, FormatSound.Ptr(), SoundWAV.Ptr(), false},
		{"WAV declared MP3", wav, FormatSound.Ptr(), SoundMP3.Ptr(), true},
		{"MP3 declared MP3", mp3Frames(2), FormatSound.Ptr(), SoundMP3.Ptr(), false},
		{"template bytes", []byte("FMR\x00 20\x00"), FormatTemplate.Ptr(), TemplateISO19794_2.Ptr(), false},
		{"bio hash declared as image", bytes.Repeat([]byte{0x5a}, 32), FormatImage.Ptr(), ImageJPEG.Ptr(), false},
		{"empty data", nil, FormatImage.Ptr(), ImageJPEG.Ptr(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckDeclared(tt.data, tt.f, tt.s)
			if !tt.warn {
				assert.Empty(t, got)
				return
			}
			assert.NotEmpty(t, got)
			assert.True(t, strings.HasPrefix(got, "biometrics: "))
			assert.NotContains(t, got, "PNG\r\n", "no data in warnings")
		})
	}
	assert.Equal(t, "biometrics: data looks like PNG image but is declared as JPEG image",
		CheckDeclared(pngData, FormatImage.Ptr(), ImageJPEG.Ptr()))
	assert.Equal(t, "biometrics: data looks like PNG image but is declared as template",
		CheckDeclared(pngData, FormatTemplate.Ptr(), nil))
}

func TestCheckPhoto(t *testing.T) {
	webpData := imagetest.WebPFile(t, imagetest.WebPLossy)
	tests := []struct {
		name   string
		data   []byte
		format int64
		want   string
	}{
		{"JPEG declared JPEG", encodedJPEG(t), 1, ""},
		{"WebP declared WEBP", webpData, 4, ""},
		{"JPEG 2000 declared JPEG 2000", []byte("\xff\x4f\xff\x51\x00"), 2, ""},
		{"AVIF declared AVIF", []byte("\x00\x00\x00\x14ftypavif\x00\x00\x00\x00avif"), 3, ""},
		{"PNG declared JPEG", encodedPNG(t), 1, "biometrics: photo looks like PNG image but is declared as JPEG"},
		{"WebP declared JPEG", webpData, 1, "biometrics: photo looks like WEBP image but is declared as JPEG"},
		{"JPEG declared AVIF", encodedJPEG(t), 3, "biometrics: photo looks like JPEG image but is declared as AVIF"},
		{"WAV declared JPEG", []byte("RIFF\x00\x00\x00\x00WAVE"), 1, "biometrics: photo looks like WAV sound but is declared as JPEG"},
		{"format absent", encodedPNG(t), 0, ""},
		{"format unregistered", encodedPNG(t), 5, ""},
		{"unknown bytes", []byte("not an image"), 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, CheckPhoto(tt.data, tt.format))
		})
	}
}

// FuzzSniff checks that any input is sniffed without panic, that what is
// identified is registered, and that the identified type agrees with
// itself when declared.
func FuzzSniff(f *testing.F) {
	for _, tt := range sniffCases(f) {
		f.Add(tt.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		format, sub, ok := Sniff(data)
		if !ok {
			assert.Zero(t, format)
			assert.Zero(t, sub)
			assert.Empty(t, CheckDeclared(data, FormatImage.Ptr(), ImageJPEG.Ptr()))
			assert.Empty(t, CheckPhoto(data, 1))
			return
		}
		require.True(t, format.Registered())
		require.True(t, sub.Registered(format))
		assert.Empty(t, CheckDeclared(data, &format, &sub))
		assert.Empty(t, CheckDeclared(data, nil, &sub))
		assert.Empty(t, CheckDeclared(data, &format, nil))
		other := (sub + 1) % 2
		assert.NotEmpty(t, CheckDeclared(data, &format, &other))
	})
}

func BenchmarkSniff(b *testing.B) {
	inputs := [][]byte{encodedJPEG(b), mp3Frames(2), []byte("FMR\x00 20\x00\x00\x00\x00\x8c")}
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Sniff(in)
		}
	}
}

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
