package biometrics

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeFitted checks that data is a JPEG within budget and decodes it.
func decodeFitted(t *testing.T, data []byte, budget int) image.Image {
	t.Helper()
	require.LessOrEqual(t, len(data), budget)
	f, s, ok := Sniff(data)
	require.True(t, ok)
	require.Equal(t, FormatImage, f)
	require.Equal(t, ImageJPEG, s)
	img, err := jpeg.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	return img
}

func TestFitPhoto(t *testing.T) {
	sizes := []image.Point{{2000, 1500}, {640, 480}, {480, 640}, {10, 10}, {1600, 200}, {200, 1600}}
	if testing.Short() {
		sizes = sizes[1:]
	}
	for _, size := range sizes {
		img := photoLike(size.X, size.Y, 7)
		variants := []PhotoOptions{{}, {Gray: true}, {Crop: true}, {Gray: true, Crop: true}}
		if size.X*size.Y > 1_000_000 {
			variants = []PhotoOptions{{}, {Gray: true, Crop: true}} // slow under -race
		}
		for _, budget := range []int{600, 400} {
			for _, opts := range variants {
				opts.MaxBytes = budget
				t.Run(fmt.Sprintf("%dx%d/%d/gray=%v/crop=%v", size.X, size.Y, budget, opts.Gray, opts.Crop), func(t *testing.T) {
					t.Parallel()
					data, err := FitPhoto(img, opts)
					require.NoError(t, err)
					out := decodeFitted(t, data, budget)
					b := out.Bounds()
					src := limitAspect(img.Bounds())
					if opts.Crop {
						src = portrait(src)
					}
					assert.LessOrEqual(t, b.Dx(), min(AutoPhotoWidth, src.Dx()), "never enlarged")
					assert.GreaterOrEqual(t, b.Dx(), min(DefaultPhotoMinWidth, src.Dx()))
					if opts.Gray {
						assert.IsType(t, &image.Gray{}, out)
					} else {
						assert.IsType(t, &image.YCbCr{}, out)
					}
					if opts.Crop && size.X >= 24 {
						assert.InDelta(t, 4.0/3, float64(b.Dy())/float64(b.Dx()), 0.1, "3:4 portrait")
					}
					assert.LessOrEqual(t, max(b.Dx(), b.Dy()), MaxPhotoAspect*min(b.Dx(), b.Dy())+1)
				})
			}
		}
	}
}

// TestFitPhotoPrefersWidth checks the search's promise: the next wider
// picture does not fit at the quality floor.
func TestFitPhotoPrefersWidth(t *testing.T) {
	img := photoLike(640, 480, 8)
	for _, budget := range []int{500, 700, 1500} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) {
			data, err := FitPhoto(img, PhotoOptions{MaxBytes: budget})
			require.NoError(t, err)
			w := decodeFitted(t, data, budget).Bounds().Dx()
			require.Less(t, w, AutoPhotoWidth)
			p := newPhotoEncoder(img, img.Bounds(), AutoPhotoWidth, false)
			wider, err := p.encode(w+1, PhotoQualityFloor)
			require.NoError(t, err)
			assert.Greater(t, len(wider), budget)
		})
	}
}

func TestFitPhotoWidth(t *testing.T) {
	img := photoLike(640, 480, 9)
	data, err := FitPhoto(img, PhotoOptions{MaxBytes: 100_000, Width: 64})
	require.NoError(t, err)
	assert.Equal(t, 64, decodeFitted(t, data, 100_000).Bounds().Dx())

	// A narrow minimum cannot be met: the budget is too small for it.
	_, err = FitPhoto(img, PhotoOptions{MaxBytes: 400, MinWidth: 200})
	require.ErrorIs(t, err, ErrBudget)
}

func TestFitPhotoDeterministic(t *testing.T) {
	img := photoLike(300, 400, 10)
	a, err := FitPhoto(img, PhotoOptions{MaxBytes: 600})
	require.NoError(t, err)
	b, err := FitPhoto(img, PhotoOptions{MaxBytes: 600})
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// TestFitPhotoTransparent checks that transparency becomes white.
func TestFitPhotoTransparent(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 80))
	data, err := FitPhoto(img, PhotoOptions{MaxBytes: 600})
	require.NoError(t, err)
	out := decodeFitted(t, data, 600)
	r, g, b, _ := out.At(0, 0).RGBA()
	assert.Greater(t, min(r, g, b), uint32(0xf000))
}

func TestFitPhotoErrors(t *testing.T) {
	img := photoLike(64, 64, 11)
	tests := []struct {
		name string
		img  image.Image
		opts PhotoOptions
		want error
	}{
		{"impossible budget", img, PhotoOptions{MaxBytes: 50}, ErrBudget},
		{"impossible gray budget", img, PhotoOptions{MaxBytes: 100, Gray: true}, ErrBudget},
		{"no budget", img, PhotoOptions{}, ErrPhotoOptions},
		{"negative budget", img, PhotoOptions{MaxBytes: -1}, ErrPhotoOptions},
		{"budget too large", img, PhotoOptions{MaxBytes: MaxPhotoBudget + 1}, ErrPhotoOptions},
		{"negative width", img, PhotoOptions{MaxBytes: 600, Width: -1}, ErrPhotoOptions},
		{"width too large", img, PhotoOptions{MaxBytes: 600, Width: MaxPhotoWidth + 1}, ErrPhotoOptions},
		{"min width above width", img, PhotoOptions{MaxBytes: 600, Width: 40, MinWidth: 50}, ErrPhotoOptions},
		{"negative min width", img, PhotoOptions{MaxBytes: 600, MinWidth: -3}, ErrPhotoOptions},
		{"nil image", nil, PhotoOptions{MaxBytes: 600}, ErrImageFormat},
		{"empty image", image.NewRGBA(image.Rectangle{}), PhotoOptions{MaxBytes: 600}, ErrImageFormat},
		{"too many pixels", boundsOnly{image.Rect(0, 0, 10_000, 10_000)}, PhotoOptions{MaxBytes: 600}, ErrImageTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := FitPhoto(tt.img, tt.opts)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, data)
		})
	}
}

// boundsOnly is an image that has bounds and no pixels.
type boundsOnly struct{ r image.Rectangle }

func (b boundsOnly) ColorModel() color.Model { return color.RGBAModel }
func (b boundsOnly) Bounds() image.Rectangle { return b.r }
func (b boundsOnly) At(int, int) color.Color { return color.RGBA{} }

func TestFitPhotoReader(t *testing.T) {
	img := photoLike(320, 240, 12)
	var pngBuf, jpegBuf, gifBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, img))
	require.NoError(t, jpeg.Encode(&jpegBuf, img, &jpeg.Options{Quality: 90}))
	require.NoError(t, gif.Encode(&gifBuf, img, nil))
	inputs := map[string][]byte{
		"PNG":           pngBuf.Bytes(),
		"JPEG":          jpegBuf.Bytes(),
		"GIF":           gifBuf.Bytes(),
		"WebP lossy":    readTestdata(t, "blue-purple-pink.lossy.webp"),
		"WebP lossless": readTestdata(t, "gopher-doc.with-alpha.lossless.webp"),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			data, err := FitPhotoReader(bytes.NewReader(in), PhotoOptions{MaxBytes: 600, Crop: true})
			require.NoError(t, err)
			decodeFitted(t, data, 600)
		})
	}
}

// pngHeader returns the signature and IHDR chunk of a PNG of the given
// size, with a valid CRC and no image data.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	out := binary.BigEndian.AppendUint32([]byte("\x89PNG\r\n\x1a\n"), 13)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

func TestFitPhotoReaderErrors(t *testing.T) {
	var pngBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, photoLike(40, 40, 13)))
	good := pngBuf.Bytes()
	tests := []struct {
		name string
		in   io.Reader
		want error
	}{
		{"empty", bytes.NewReader(nil), ErrImageFormat},
		{"not an image", bytes.NewReader([]byte("FMR\x00 20\x00 a template")), ErrImageFormat},
		{"corrupt PNG", bytes.NewReader(append(good[:60:60], bytes.Repeat([]byte{0x42}, 100)...)), ErrImageFormat},
		{"truncated JPEG", bytes.NewReader(encodedJPEG(t)[:30]), ErrImageFormat},
		{"TIFF", bytes.NewReader([]byte("II*\x00\x08\x00\x00\x00")), ErrImageFormat},
		{"PNG declaring 100000x100000", bytes.NewReader(pngHeader(100_000, 100_000)), ErrImageTooLarge},
		{"GIF declaring 65535x65535", bytes.NewReader([]byte("GIF89a\xff\xff\xff\xff\x00\x00\x00;")), ErrImageTooLarge},
		{"over the byte limit", io.MultiReader(bytes.NewReader(good), io.LimitReader(zeros{}, MaxPhotoInputBytes)), ErrImageTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := FitPhotoReader(tt.in, PhotoOptions{MaxBytes: 600})
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, data)
		})
	}
	_, err := FitPhotoReader(bytes.NewReader(good), PhotoOptions{})
	require.ErrorIs(t, err, ErrPhotoOptions, "options are checked before reading")
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func BenchmarkFitPhoto(b *testing.B) {
	img := photoLike(640, 480, 14)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitPhoto(img, PhotoOptions{MaxBytes: 600}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFitPhotoLarge(b *testing.B) {
	img := photoLike(2000, 1500, 15)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitPhoto(img, PhotoOptions{MaxBytes: 600, Crop: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFitPhotoBudget measures the reject path of a budget no width
// meets.
func BenchmarkFitPhotoBudget(b *testing.B) {
	img := photoLike(640, 480, 16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitPhoto(img, PhotoOptions{MaxBytes: 50}); err == nil {
			b.Fatal("fitted")
		}
	}
}

// BenchmarkFitPhotoReaderBomb measures the refusal of a header that
// declares a huge picture.
func BenchmarkFitPhotoReaderBomb(b *testing.B) {
	bomb := pngHeader(100_000, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitPhotoReader(bytes.NewReader(bomb), PhotoOptions{MaxBytes: 600}); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkOptimizeHuffman(b *testing.B) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, photoLike(76, 101, 17), &jpeg.Options{Quality: 50}); err != nil {
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
