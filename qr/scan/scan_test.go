package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/render"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScanDegraded reads back codes that went through what a printer, a
// camera and a messaging app do to them. Module sizes are those of a phone
// photo of a printed card; the blur stays under a third of a module.
func TestScanDegraded(t *testing.T) {
	r := qrtest.NewRand(11)
	degrade := []struct {
		name string
		f    func(testing.TB, image.Image) image.Image
	}{
		{"rotated 90", func(_ testing.TB, m image.Image) image.Image { return rotate(m, 90) }},
		{"rotated 180", func(_ testing.TB, m image.Image) image.Image { return rotate(m, 180) }},
		{"rotated 270", func(_ testing.TB, m image.Image) image.Image { return rotate(m, 270) }},
		{"rotated 7", func(_ testing.TB, m image.Image) image.Image { return rotate(m, 7) }},
		{"rotated -13", func(_ testing.TB, m image.Image) image.Image { return rotate(m, -13) }},
		{"scaled down", func(_ testing.TB, m image.Image) image.Image { return scale(m, 0.5) }},
		{"2.4 pixels a module", func(_ testing.TB, m image.Image) image.Image { return scale(m, 0.6) }},
		{"2.8 pixels a module", func(_ testing.TB, m image.Image) image.Image { return scale(m, 0.7) }},
		{"4.4 pixels a module", func(_ testing.TB, m image.Image) image.Image { return scale(m, 1.1) }},
		{"scaled up", func(_ testing.TB, m image.Image) image.Image { return scale(m, 2.5) }},
		{"blurred", func(_ testing.TB, m image.Image) image.Image { return blur(m, 1) }},
		{"noisy", func(_ testing.TB, m image.Image) image.Image { return noise(m, 40, r) }},
		{"JPEG 60", func(t testing.TB, m image.Image) image.Image { return reencodeJPEG(t, m, 60) }},
		{"JPEG 20", func(t testing.TB, m image.Image) image.Image { return reencodeJPEG(t, m, 20) }},
		{"on a card", func(_ testing.TB, m image.Image) image.Image { return onCard(m, 60) }},
		{"photo of a card", func(t testing.TB, m image.Image) image.Image {
			return reencodeJPEG(t, noise(scale(rotate(onCard(m, 40), 7), 0.8), 15, r), 60)
		}},
	}
	lengths := []int{40, 600, 1500}
	if testing.Short() {
		lengths = []int{40, 600}
	}
	for _, n := range lengths {
		text := " " + qrtest.RandomText(r, n-2) + " "
		img := codeImage(t, text, render.Options{ModuleSize: 4})
		for _, d := range degrade {
			t.Run(fmt.Sprintf("%d/%s", n, d.name), func(t *testing.T) {
				got, err := Image(d.f(t, img))
				require.NoError(t, err)
				assert.Equal(t, text, got)
			})
		}
	}
}

// TestScanHeavierBlur blurs a code of larger modules harder.
func TestScanHeavierBlur(t *testing.T) {
	text := qrtest.RandomText(qrtest.NewRand(12), 800)
	for _, tt := range []struct{ size, radius int }{{6, 2}, {8, 2}, {12, 3}} {
		t.Run(fmt.Sprintf("module %d radius %d", tt.size, tt.radius), func(t *testing.T) {
			got, err := Image(blur(codeImage(t, text, render.Options{ModuleSize: tt.size}), tt.radius))
			require.NoError(t, err)
			assert.Equal(t, text, got)
		})
	}
}

// TestScanFormats reads the code from PNG, JPEG and GIF files, and from a
// PNG whose light modules are transparent.
func TestScanFormats(t *testing.T) {
	text := "6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE  "
	c, err := render.New(text, render.Options{ModuleSize: 4})
	require.NoError(t, err)
	img := c.Image()
	transparent := image.NewNRGBA(img.Bounds())
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			if r, _, _, _ := img.At(x, y).RGBA(); r == 0 {
				transparent.Set(x, y, color.NRGBA{A: 0xff})
			}
		}
	}
	encoders := map[string]func(io.Writer) error{
		"png":             func(w io.Writer) error { return png.Encode(w, img) },
		"jpeg":            func(w io.Writer) error { return jpeg.Encode(w, img, &jpeg.Options{Quality: 75}) },
		"gif":             func(w io.Writer) error { return gif.Encode(w, img, nil) },
		"transparent png": func(w io.Writer) error { return png.Encode(w, transparent) },
		"gray jpeg": func(w io.Writer) error {
			return jpeg.Encode(w, toGray(img), &jpeg.Options{Quality: 75})
		},
	}
	dir := t.TempDir()
	for name, encode := range encoders {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, encode(&buf))
			path := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
			got, err := File(path)
			require.NoError(t, err)
			assert.Equal(t, text, got)
		})
	}
}

// TestScanSubImage reads a code from a sub-image whose bounds do not start
// at the origin.
func TestScanSubImage(t *testing.T) {
	text := "SUB IMAGE"
	card := onCard(codeImage(t, text, render.Options{ModuleSize: 4}), 30)
	for _, m := range []image.Image{card, toGray(card)} {
		sub := m.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(image.Rect(10, 10, card.Rect.Dx()-10, card.Rect.Dy()-10))
		got, err := Image(sub)
		require.NoError(t, err)
		assert.Equal(t, text, got)
	}
}

func TestScanErrors(t *testing.T) {
	blankPNG := imagetest.WhitePNG(300, 300)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"blank image", blankPNG, ErrNotFound},
		{"empty input", nil, ErrImage},
		{"not an image", []byte("HC1:6BFOXN*TS0BI$ZD4N9"), ErrImage},
		{"truncated PNG", blankPNG[:40], ErrImage},
		{"truncated JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ErrImage},
		{"BMP", []byte("BM\x00\x00"), ErrImage},
		{"huge dimensions", imagetest.PNGHeader(100_000, 100_000), ErrTooLarge},
		{"just over the pixel limit", imagetest.PNGHeader(MaxPixels/1000+1, 1000), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := Reader(bytes.NewReader(tt.in))
			require.ErrorIs(t, err, tt.want)
			assert.Empty(t, text)
		})
	}
}

func TestScanImageErrors(t *testing.T) {
	tests := []struct {
		name string
		img  image.Image
		want error
	}{
		{"nil", nil, ErrImage},
		{"empty", image.NewGray(image.Rectangle{}), ErrNotFound},
		{"one pixel", image.NewGray(image.Rect(0, 0, 1, 1)), ErrNotFound},
		{"thin line", image.NewGray(image.Rect(0, 0, 5000, 1)), ErrNotFound},
		{"too many pixels", image.NewGray(image.Rect(0, 0, MaxPixels+1, 0)).SubImage(image.Rect(0, 0, 0, 0)), ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := Image(tt.img)
			require.ErrorIs(t, err, tt.want)
			assert.Empty(t, text)
		})
	}
}

// TestScanTooManyPixels checks the pixel bound without allocating the
// pixels: the image only reports its bounds.
func TestScanTooManyPixels(t *testing.T) {
	text, err := Image(imagetest.BoundsOnly{R: image.Rect(0, 0, 10_000, 10_000)})
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Empty(t, text)
}

func TestScanReaderTooLarge(t *testing.T) {
	r := io.MultiReader(bytes.NewReader(imagetest.PNGHeader(10, 10)), io.LimitReader(imagetest.Zeros{}, MaxBytes))
	text, err := Reader(r)
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Empty(t, text)
}

func TestScanReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Reader(io.MultiReader(bytes.NewReader([]byte("\x89PNG")), errReader{boom}))
	require.ErrorIs(t, err, boom)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestScanFileMissing(t *testing.T) {
	_, err := File(filepath.Join(t.TempDir(), "missing.png"))
	require.ErrorIs(t, err, fs.ErrNotExist)
}
