package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/imagetest"
)

// decodeFitted checks that data is a JPEG within budget and decodes it.
func decodeFitted(t *testing.T, data []byte, budget int) image.Image {
	t.Helper()
	require.LessOrEqual(t, len(data), budget)
	f, s, ok := biometrics.Sniff(data)
	require.True(t, ok)
	require.Equal(t, biometrics.FormatImage, f)
	require.Equal(t, biometrics.ImageJPEG, s)
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return img
}

func TestFit(t *testing.T) {
	sizes := []image.Point{{2000, 1500}, {640, 480}, {480, 640}, {10, 10}, {1600, 200}, {200, 1600}}
	if testing.Short() {
		sizes = sizes[1:]
	}
	for _, size := range sizes {
		img := imagetest.Portrait(size.X, size.Y, 7)
		variants := []Options{{}, {Gray: true}, {Crop: true}, {Gray: true, Crop: true}}
		if size.X*size.Y > 1_000_000 {
			variants = []Options{{}, {Gray: true, Crop: true}} // slow under -race
		}
		for _, budget := range []int{600, 400} {
			for _, opts := range variants {
				opts.MaxBytes = budget
				t.Run(fmt.Sprintf("%dx%d/%d/gray=%v/crop=%v", size.X, size.Y, budget, opts.Gray, opts.Crop), func(t *testing.T) {
					t.Parallel()
					data, err := Fit(img, opts)
					require.NoError(t, err)
					out := decodeFitted(t, data, budget)
					b := out.Bounds()
					src := limitAspect(img.Bounds())
					if opts.Crop {
						src = portrait(src)
					}
					assert.LessOrEqual(t, b.Dx(), min(AutoWidth, src.Dx()), "never enlarged")
					assert.GreaterOrEqual(t, b.Dx(), min(DefaultMinWidth, src.Dx()))
					if opts.Gray {
						assert.IsType(t, &image.Gray{}, out)
					} else {
						assert.IsType(t, &image.YCbCr{}, out)
					}
					if opts.Crop && size.X >= 24 {
						assert.InDelta(t, 4.0/3, float64(b.Dy())/float64(b.Dx()), 0.1, "3:4 portrait")
					}
					assert.LessOrEqual(t, max(b.Dx(), b.Dy()), MaxAspect*min(b.Dx(), b.Dy())+1)
				})
			}
		}
	}
}

// TestFitPrefersWidth checks the search's promise: the next wider
// picture does not fit at the quality floor.
func TestFitPrefersWidth(t *testing.T) {
	img := imagetest.Portrait(640, 480, 8)
	for _, budget := range []int{500, 700, 1500} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			data, err := Fit(img, Options{MaxBytes: budget})
			require.NoError(t, err)
			w := decodeFitted(t, data, budget).Bounds().Dx()
			require.Less(t, w, AutoWidth)
			p := newEncoder(img, img.Bounds(), AutoWidth, false)
			wider, err := p.encode(w+1, QualityFloor)
			require.NoError(t, err)
			assert.Greater(t, len(wider), budget)
		})
	}
}

func TestFitWidth(t *testing.T) {
	img := imagetest.Portrait(640, 480, 9)
	data, err := Fit(img, Options{MaxBytes: 100_000, Width: 64})
	require.NoError(t, err)
	assert.Equal(t, 64, decodeFitted(t, data, 100_000).Bounds().Dx())

	// A narrow minimum cannot be met: the budget is too small for it.
	_, err = Fit(img, Options{MaxBytes: 400, MinWidth: 200})
	require.ErrorIs(t, err, ErrBudget)
}

func TestFitDeterministic(t *testing.T) {
	img := imagetest.Portrait(300, 400, 10)
	a, err := Fit(img, Options{MaxBytes: 600})
	require.NoError(t, err)
	b, err := Fit(img, Options{MaxBytes: 600})
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// TestFitTransparent checks that transparency becomes white.
func TestFitTransparent(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 80))
	data, err := Fit(img, Options{MaxBytes: 600})
	require.NoError(t, err)
	out := decodeFitted(t, data, 600)
	r, g, b, _ := out.At(0, 0).RGBA()
	assert.Greater(t, min(r, g, b), uint32(0xf000))
}

func TestFitErrors(t *testing.T) {
	img := imagetest.Portrait(64, 64, 11)
	tests := []struct {
		name string
		img  image.Image
		opts Options
		want error
	}{
		{"impossible budget", img, Options{MaxBytes: 50}, ErrBudget},
		{"impossible gray budget", img, Options{MaxBytes: 100, Gray: true}, ErrBudget},
		{"no budget", img, Options{}, ErrOptions},
		{"negative budget", img, Options{MaxBytes: -1}, ErrOptions},
		{"budget too large", img, Options{MaxBytes: MaxBudget + 1}, ErrOptions},
		{"negative width", img, Options{MaxBytes: 600, Width: -1}, ErrOptions},
		{"width too large", img, Options{MaxBytes: 600, Width: MaxWidth + 1}, ErrOptions},
		{"min width above width", img, Options{MaxBytes: 600, Width: 40, MinWidth: 50}, ErrOptions},
		{"negative min width", img, Options{MaxBytes: 600, MinWidth: -3}, ErrOptions},
		{"nil image", nil, Options{MaxBytes: 600}, ErrImage},
		{"empty image", image.NewRGBA(image.Rectangle{}), Options{MaxBytes: 600}, ErrImage},
		{"too many pixels", imagetest.BoundsOnly{R: image.Rect(0, 0, 10_000, 10_000)}, Options{MaxBytes: 600}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := Fit(tt.img, tt.opts)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, data)
		})
	}
}

func TestFitReader(t *testing.T) {
	inputs := imagetest.Encodings(t, imagetest.Portrait(320, 240, 12), 90)
	maps.Copy(inputs, imagetest.WebP(t))
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			data, err := FitReader(bytes.NewReader(in), Options{MaxBytes: 600, Crop: true})
			require.NoError(t, err)
			decodeFitted(t, data, 600)
		})
	}
}

func TestFitReaderErrors(t *testing.T) {
	good := imagetest.Encode(t, imagetest.Portrait(40, 40, 13), "PNG", 0)
	tests := []struct {
		name string
		in   io.Reader
		want error
	}{
		{"empty", bytes.NewReader(nil), ErrImage},
		{"not an image", bytes.NewReader([]byte("FMR\x00 20\x00 a template")), ErrImage},
		{"corrupt PNG", bytes.NewReader(append(good[:60:60], bytes.Repeat([]byte{0x42}, 100)...)), ErrImage},
		{"truncated JPEG", bytes.NewReader(imagetest.Encode(t, image.NewGray(image.Rect(0, 0, 4, 4)), "JPEG", 0)[:30]), ErrImage},
		{"TIFF", bytes.NewReader([]byte("II*\x00\x08\x00\x00\x00")), ErrImage},
		{"PNG declaring 100000x100000", bytes.NewReader(imagetest.PNGHeader(100_000, 100_000)), ErrTooLarge},
		{"GIF declaring 65535x65535", bytes.NewReader([]byte("GIF89a\xff\xff\xff\xff\x00\x00\x00;")), ErrTooLarge},
		{"over the byte limit", io.MultiReader(bytes.NewReader(good), io.LimitReader(imagetest.Zeros{}, MaxInputBytes)), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := FitReader(tt.in, Options{MaxBytes: 600})
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, data)
		})
	}
	_, err := FitReader(bytes.NewReader(good), Options{})
	require.ErrorIs(t, err, ErrOptions, "options are checked before reading")
}

func BenchmarkFit(b *testing.B) {
	img := imagetest.Portrait(640, 480, 14)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fit(img, Options{MaxBytes: 600}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitLarge(b *testing.B) {
	img := imagetest.Portrait(2000, 1500, 15)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fit(img, Options{MaxBytes: 600, Crop: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitBudget measures the reject path of a budget no width
// meets.
func BenchmarkFitBudget(b *testing.B) {
	img := imagetest.Portrait(640, 480, 16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Fit(img, Options{MaxBytes: 50}); err == nil {
			b.Fatal("fitted")
		}
	}
}

// BenchmarkFitReaderBomb measures the refusal of a header that
// declares a huge picture.
func BenchmarkFitReaderBomb(b *testing.B) {
	bomb := imagetest.PNGHeader(100_000, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitReader(bytes.NewReader(bomb), Options{MaxBytes: 600}); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkOptimizeHuffman(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, imagetest.Portrait(76, 101, 17), &jpeg.Options{Quality: 50}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := optimizeHuffman(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCropRectangles(t *testing.T) {
	tests := []struct {
		name      string
		in        image.Rectangle
		aspect    image.Rectangle
		portraitR image.Rectangle
	}{
		{"landscape 4:3", image.Rect(0, 0, 400, 300), image.Rect(0, 0, 400, 300), image.Rect(87, 0, 312, 300)},
		{"portrait 3:4", image.Rect(0, 0, 300, 400), image.Rect(0, 0, 300, 400), image.Rect(0, 0, 300, 400)},
		{"very wide", image.Rect(0, 0, 1000, 100), image.Rect(300, 0, 700, 100), image.Rect(462, 0, 537, 100)},
		{"very tall", image.Rect(0, 0, 100, 1000), image.Rect(0, 300, 100, 700), image.Rect(0, 433, 100, 566)},
		{"offset", image.Rect(10, 20, 410, 320), image.Rect(10, 20, 410, 320), image.Rect(97, 20, 322, 320)},
		{"one pixel", image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 1), image.Rect(0, 0, 1, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := limitAspect(tt.in)
			assert.Equal(t, tt.aspect, a)
			assert.True(t, a.In(tt.in))
			p := portrait(a)
			assert.Equal(t, tt.portraitR, p)
			assert.True(t, p.In(a))
		})
	}
}
