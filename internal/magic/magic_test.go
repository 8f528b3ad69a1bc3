package magic

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// mp3Frames returns n MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz, no
// padding: 417 bytes each.
func mp3Frames(n int) []byte {
	return []byte(strings.Repeat("\xff\xfb\x90\x00"+strings.Repeat("\x00", 417-4), n))
}

// TestDetect checks each type's signature and near misses. The full table
// of media types, with files from real encoders, is biometrics.TestSniff.
func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Type
	}{
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), PNG},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), JPEG},
		{"GIF87a", []byte("GIF87a\x01\x00\x01\x00"), GIF},
		{"GIF89a", []byte("GIF89a\x01\x00\x01\x00"), GIF},
		{"WebP", []byte("RIFF\x8a\x09\x00\x00WEBPVP8 "), WebP},
		{"JPEG 2000 codestream", []byte("\xff\x4f\xff\x51\x00\x2f"), JPEG2000},
		{"JP2", []byte("\x00\x00\x00\x0cjP  \r\n\x87\n"), JPEG2000},
		{"AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"), AVIF},
		{"AVIF as compatible brand", []byte("\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif"), AVIF},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00"), TIFF},
		{"BigTIFF", []byte("MM\x00+\x00\x08"), TIFF},
		{"WSQ", []byte("\xff\xa0\xff\xa8\x00\x0cNIST_COM"), WSQ},
		{"WAV", []byte("RIFF\x24\x08\x00\x00WAVEfmt "), WAV},
		{"MP3 with ID3v2", []byte("ID3\x03\x00\x00\x00\x00\x0f\x76"), MP3},
		{"MP3 frames", mp3Frames(2), MP3},
		{"empty", nil, Unknown},
		{"PNG prefix only", []byte("\x89PNG"), Unknown},
		{"JPEG SOI only", []byte("\xff\xd8"), Unknown},
		{"GIF without version", []byte("GIF8"), Unknown},
		{"GIF of another version", []byte("GIF90a\x01\x00"), Unknown},
		{"RIFF AVI", []byte("RIFF\x00\x00\x00\x00AVI LIST"), Unknown},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), Unknown},
		{"WSQ SOI then EOI", []byte("\xff\xa0\xff\xa1"), Unknown},
		{"MP3 header, short frame", mp3Frames(1)[:6], Unknown},
		{"BMP", []byte("BM\x00\x00"), Unknown},
		{"template", []byte("FMR\x00 20\x00\x00\x00\x00\x8c"), Unknown},
		{"bio hash", bytes.Repeat([]byte{0x5a}, 32), Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Detect(tt.data))
		})
	}
}

func TestTypeString(t *testing.T) {
	want := map[Type]string{
		Unknown: "unknown", PNG: "PNG", JPEG: "JPEG", GIF: "GIF", WebP: "WebP", JPEG2000: "JPEG 2000",
		AVIF: "AVIF", TIFF: "TIFF", WSQ: "WSQ", WAV: "WAV", MP3: "MP3", MP3 + 1: "unknown",
	}
	for typ, name := range want {
		assert.Equal(t, name, typ.String())
	}
}

// FuzzDetect checks that any input is identified without panic, as a type
// with a name, and that what is identified stays so with bytes appended
// unless the type checks what follows (MP3 frames).
func FuzzDetect(f *testing.F) {
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("GIF89a"))
	f.Add([]byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"))
	f.Add(mp3Frames(2))
	f.Add([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		typ := Detect(data)
		assert.NotEmpty(t, typ.String())
		if typ != Unknown && typ != MP3 {
			assert.Equal(t, typ, Detect(append(bytes.Clone(data), 0, 1, 2, 3)))
		}
	})
}

func BenchmarkDetect(b *testing.B) {
	inputs := [][]byte{[]byte("\xff\xd8\xff\xe0"), mp3Frames(2), []byte("FMR\x00 20\x00\x00\x00\x00\x8c")}
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			Detect(in)
		}
	}
}
