package imagedec

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"io"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/internal/magic"
)

// The caller's sentinels the tests expect wrapped.
var (
	errFormat   = errors.New("test: format")
	errTooLarge = errors.New("test: too large")
	errEmpty    = errors.New("test: empty")
)

// testConfig accepts every format the package decodes, up to 1 MiB and
// 100 000 pixels.
func testConfig() *Config {
	return &Config{
		Prefix: "test", MaxBytes: 1 << 20, MaxPixels: 100_000,
		Formats:   []magic.Type{magic.PNG, magic.JPEG, magic.GIF, magic.WebP},
		ErrFormat: errFormat, ErrTooLarge: errTooLarge, ErrEmpty: errEmpty,
	}
}

// encoded returns a 40×30 picture in each format the standard library
// writes, and the WebP files of testdata/webp.
func encoded(t *testing.T) map[string][]byte {
	t.Helper()
	out := imagetest.Encodings(t, image.NewGray(image.Rect(0, 0, 40, 30)), 0)
	maps.Copy(out, imagetest.WebP(t))
	return out
}

func TestDecode(t *testing.T) {
	c := testConfig()
	for name, data := range encoded(t) {
		t.Run(name, func(t *testing.T) {
			img, err := c.Decode(data)
			require.NoError(t, err)
			assert.False(t, img.Bounds().Empty())
			img, err = c.Read(bytes.NewReader(data))
			require.NoError(t, err)
			assert.False(t, img.Bounds().Empty())
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	files := encoded(t)
	narrow := testConfig()
	narrow.Formats = []magic.Type{magic.PNG, magic.JPEG, magic.GIF}
	tests := []struct {
		name string
		c    *Config
		in   []byte
		want error
	}{
		{"empty input", testConfig(), nil, errFormat},
		{"not an image", testConfig(), []byte("HC1:6BFOXN*TS0BI$ZD4N9"), errFormat},
		{"a format without decoder", testConfig(), []byte("II*\x00\x08\x00\x00\x00"), errFormat},
		{"a format not accepted", narrow, files["WebP lossy"], errFormat},
		{"truncated PNG", testConfig(), files["PNG"][:40], errFormat},
		{"corrupt PNG", testConfig(), append(files["PNG"][:60:60], bytes.Repeat([]byte{0x42}, 100)...), errFormat},
		{"truncated JPEG", testConfig(), files["JPEG"][:30], errFormat},
		{"PNG declaring 100000x100000", testConfig(), imagetest.PNGHeader(100_000, 100_000), errTooLarge},
		{"PNG just over the pixel limit", testConfig(), imagetest.PNGHeader(1001, 100), errTooLarge},
		{"GIF declaring 65535x65535", testConfig(), []byte("GIF89a\xff\xff\xff\xff\x00\x00\x00;"), errTooLarge},
		{"PNG declaring no pixels", testConfig(), imagetest.PNGHeader(0, 10), errFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := tt.c.Decode(tt.in)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, img)
		})
	}
	_, err := narrow.Decode(nil)
	assert.EqualError(t, err, "test: format: not a PNG, JPEG or GIF image")
}

// TestDecodeChecksHeaderFirst checks that a header within the pixel limit
// is decoded, and one a pixel over it is not.
func TestDecodeChecksHeaderFirst(t *testing.T) {
	c := testConfig()
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1000, 100))))
	_, err := c.Decode(buf.Bytes())
	require.NoError(t, err)
	c.MaxPixels--
	_, err = c.Decode(buf.Bytes())
	require.ErrorIs(t, err, errTooLarge)
}

func TestReadErrors(t *testing.T) {
	c := testConfig()
	good := encoded(t)["PNG"]
	img, err := c.Read(io.MultiReader(bytes.NewReader(good), io.LimitReader(imagetest.Zeros{}, int64(c.MaxBytes))))
	require.ErrorIs(t, err, errTooLarge)
	assert.Nil(t, img)

	boom := errors.New("boom")
	img, err = c.Read(io.MultiReader(bytes.NewReader(good[:8]), failing{boom}))
	require.ErrorIs(t, err, boom)
	assert.Nil(t, img)
	assert.EqualError(t, err, "test: reading image: boom")
}

// failing is a reader that fails with its error.
type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

// TestDecoderPanic checks that a decoder's panic is an error of the format.
func TestDecoderPanic(t *testing.T) {
	saved := codecs[magic.GIF]
	t.Cleanup(func() { codecs[magic.GIF] = saved })
	codecs[magic.GIF] = codec{
		config: func(io.Reader) (image.Config, error) { panic("index out of range") },
		decode: saved.decode,
	}
	img, err := testConfig().Decode([]byte("GIF89a\x01\x00\x01\x00"))
	require.ErrorIs(t, err, errFormat)
	assert.Nil(t, img)
	assert.EqualError(t, err, "test: format: the GIF decoder failed")
}

func TestCheckSize(t *testing.T) {
	c := testConfig()
	assert.NoError(t, c.CheckSize(1, 1))
	assert.NoError(t, c.CheckSize(100_000, 1))
	assert.ErrorIs(t, c.CheckSize(100_001, 1), errTooLarge)
	assert.ErrorIs(t, c.CheckSize(1<<40, 1<<40), errTooLarge)
	assert.ErrorIs(t, c.CheckSize(0, 10), errEmpty)
	assert.ErrorIs(t, c.CheckSize(10, -1), errEmpty)
}

// fuzzMaxPixels bounds the images the fuzz target decodes, to keep it fast.
const fuzzMaxPixels = 1 << 16

// FuzzDecode feeds arbitrary bytes to the decoders: no panic, an error of
// one of the three kinds and no image, or an image within the limit.
func FuzzDecode(f *testing.F) {
	for _, data := range imagetest.Encodings(f, image.NewGray(image.Rect(0, 0, 8, 8)), 0) {
		f.Add(data)
	}
	f.Add(imagetest.PNGHeader(100_000, 100_000))
	f.Add([]byte("RIFF\x8a\x09\x00\x00WEBPVP8 "))
	// The costly shapes: many scans, a large blank picture, 16-bit and
	// interlaced pixels.
	f.Add(imagetest.ProgressiveJPEG(16, 16, 3))
	f.Add(imagetest.ProgressiveJPEG(16, 16, DefaultMaxScans+8))
	f.Add(imagetest.BlankPNG(20, 10, 16, imagetest.RGBA, true))
	f.Add(imagetest.BlankPNG(4000, 4000, 8, imagetest.Gray, false))
	c := testConfig()
	c.MaxPixels = fuzzMaxPixels
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := c.Decode(data)
		if err != nil {
			assert.Nil(t, img)
			assert.True(t, errors.Is(err, errFormat) || errors.Is(err, errTooLarge) || errors.Is(err, errEmpty))
			return
		}
		b := img.Bounds()
		assert.LessOrEqual(t, b.Dx()*b.Dy(), fuzzMaxPixels)
	})
}

// BenchmarkDecodeBomb measures the refusal of a header that declares a huge
// picture, against BenchmarkDecode of a small PNG.
func BenchmarkDecodeBomb(b *testing.B) {
	c, bomb := testConfig(), imagetest.PNGHeader(100_000, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(bomb); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 300, 300))); err != nil {
		b.Fatal(err)
	}
	c := testConfig()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
