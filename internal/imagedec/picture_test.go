package imagedec

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/internal/magic"
	"github.com/idqr/claim169/internal/testsupport"
)

// bytesPerRun is testsupport.BytesPerRun.
var bytesPerRun = testsupport.BytesPerRun

// TestProgressiveScans checks that a JPEG of more than MaxScans scans is
// refused from its markers, before image/jpeg allocates a pixel, and that
// one of MaxScans decodes.
func TestProgressiveScans(t *testing.T) {
	c := testConfig()
	c.MaxScans = 10
	img, err := c.Decode(imagetest.ProgressiveJPEG(100, 60, 10))
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, 100, 60), img.Bounds())

	for _, scans := range []int{11, 2000} {
		data := imagetest.ProgressiveJPEG(300, 300, scans)
		img, err := c.Decode(data)
		require.ErrorIs(t, err, errTooLarge)
		assert.Nil(t, img)
		assert.Less(t, bytesPerRun(5, func() { _, _ = c.Decode(data) }), uint64(1024), "nothing decoded")
	}
	c.MaxScans = 0
	_, err = c.Decode(imagetest.ProgressiveJPEG(16, 16, DefaultMaxScans))
	require.NoError(t, err)
	_, err = c.Decode(imagetest.ProgressiveJPEG(16, 16, DefaultMaxScans+1))
	require.ErrorIs(t, err, errTooLarge)
}

// TestScanWeights checks the weight of scans: a component's share of the
// picture, so that an interleaved scan of three full-resolution components
// counts three passes.
func TestScanWeights(t *testing.T) {
	sof := func(hv ...byte) []byte { // precision, height, width, components
		seg := []byte{8, 0, 16, 0, 16, byte(len(hv))}
		for i, s := range hv {
			seg = append(seg, byte(i+1), s, 0)
		}
		return seg
	}
	f, err := readFrame(0xc2, sof(0x22, 0x11, 0x11)) // 4:2:0
	require.NoError(t, err)
	assert.True(t, f.progressive)
	assert.InDelta(t, 1.5, f.total, 1e-9)
	assert.InDelta(t, 1.5, f.scanWeight([]byte{3, 1, 0, 2, 0, 3, 0}), 1e-9)
	assert.InDelta(t, 0.25, f.scanWeight([]byte{1, 2, 0}), 1e-9)
	assert.InDelta(t, 1, f.scanWeight([]byte{1, 9, 0}), 1e-9, "a component the frame lacks")

	f, err = readFrame(0xc0, sof(0x11, 0x11, 0x11))
	require.NoError(t, err)
	assert.False(t, f.progressive)
	assert.InDelta(t, 3, f.scanWeight([]byte{3, 1, 0, 2, 0, 3, 0}), 1e-9)
	_, err = readFrame(0xc0, []byte{8, 0, 1})
	assert.Error(t, err)
}

// TestBlankPNGRefused checks the reviewers' input: a 64 KB blank PNG that
// declares 64 megapixels is refused from its header, allocating nothing of
// the picture, whatever the Config's own pixel limit.
func TestBlankPNGRefused(t *testing.T) {
	data := imagetest.BlankPNG(8000, 8000, 8, imagetest.Gray, false)
	require.Less(t, len(data), 100<<10)
	c := testConfig()
	c.MaxPixels = 50_000_000 // above the package's MaxPixels
	img, err := c.Decode(data)
	require.ErrorIs(t, err, errTooLarge)
	assert.Nil(t, img)
	assert.Less(t, bytesPerRun(5, func() { _, _ = c.Decode(data) }), uint64(4<<10))
	assert.ErrorIs(t, c.CheckSize(4000, 4001), errTooLarge)
	assert.NoError(t, c.CheckSize(4000, 4000))
}

// TestMemoryEstimate decodes a picture of each PNG bit depth, colour type
// and interlacing, JPEGs and a GIF, and checks that the decoder allocates
// no more than the header's estimate (and 128 KiB of buffers: zlib's window,
// rows, palettes, whatever the size); a Config
// whose MaxMemory is under the estimate refuses the picture before
// decoding.
func TestMemoryEstimate(t *testing.T) {
	const w, h = 600, 400
	var jpegBuf, gifBuf, grayJPEG bytes.Buffer
	require.NoError(t, jpeg.Encode(&jpegBuf, image.NewRGBA(image.Rect(0, 0, w, h)), nil))
	require.NoError(t, jpeg.Encode(&grayJPEG, image.NewGray(image.Rect(0, 0, w, h)), nil))
	require.NoError(t, gif.Encode(&gifBuf, image.NewGray(image.Rect(0, 0, w, h)), nil))
	inputs := map[string][]byte{
		"JPEG 4:2:0": jpegBuf.Bytes(), "JPEG grey": grayJPEG.Bytes(), "GIF": gifBuf.Bytes(),
		"progressive JPEG": imagetest.ProgressiveJPEG(w, h, 10),
	}
	for _, ct := range []byte{imagetest.Gray, imagetest.RGB, imagetest.Paletted, imagetest.GrayAlpha, imagetest.RGBA} {
		for _, depth := range []byte{8, 16} {
			for _, interlaced := range []bool{false, true} {
				if ct != imagetest.Paletted || depth == 8 {
					name := map[bool]string{false: "PNG", true: "interlaced PNG"}[interlaced]
					inputs[name+string(rune('0'+ct))+"/"+string(rune('0'+depth/8))] = imagetest.BlankPNG(w, h, depth, ct, interlaced)
				}
			}
		}
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			pic, err := inspect(magic.Detect(data), data, DefaultMaxScans)
			require.NoError(t, err)
			estimate := pic.bytesPerPixel * w * h
			c := testConfig()
			c.MaxPixels = w * h
			used := bytesPerRun(3, func() {
				_, err := c.Decode(data)
				require.NoError(t, err)
			})
			assert.LessOrEqual(t, float64(used), estimate+128<<10, "allocated %d, estimated %.0f", used, estimate)
			c.MaxMemory = int(estimate) - 1
			_, err = c.Decode(data)
			require.ErrorIs(t, err, errTooLarge)
		})
	}
}

// BenchmarkDecodeManyScans measures the refusal of the reviewers' JPEG:
// 2000 near-empty scans of a 16-megapixel picture, which image/jpeg would
// take seconds over.
func BenchmarkDecodeManyScans(b *testing.B) {
	c, data := testConfig(), imagetest.ProgressiveJPEG(4000, 4000, 2000)
	c.MaxPixels = MaxPixels
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(data); err == nil {
			b.Fatal("accepted")
		}
	}
}

// TestMaxBytes checks that a Config's MaxBytes above the package's is
// lowered to it.
func TestMaxBytes(t *testing.T) {
	c := testConfig()
	c.MaxBytes = 2 * MaxBytes
	_, err := c.Read(io.LimitReader(imagetest.Zeros{}, MaxBytes+1))
	require.ErrorIs(t, err, errTooLarge)
	_, err = c.Decode(make([]byte, MaxBytes+1))
	require.ErrorIs(t, err, errTooLarge)
	_, err = c.Decode(make([]byte, MaxBytes))
	require.ErrorIs(t, err, errFormat, "within the bound: not an image")
}

// TestGIFFirstFrame checks that a GIF of many frames costs one: only the
// first frame is decoded.
func TestGIFFirstFrame(t *testing.T) {
	const frames, side = 100, 300
	anim := &gif.GIF{}
	for range frames {
		anim.Image = append(anim.Image, image.NewPaletted(image.Rect(0, 0, side, side), color.Palette{color.Black, color.White}))
		anim.Delay = append(anim.Delay, 1)
	}
	var buf bytes.Buffer
	require.NoError(t, gif.EncodeAll(&buf, anim))
	c := testConfig()
	img, err := c.Decode(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, image.Rect(0, 0, side, side), img.Bounds())
	assert.Less(t, bytesPerRun(3, func() { _, _ = c.Decode(buf.Bytes()) }), uint64(4*side*side), "one frame of the hundred")
}

// vp8lHeader returns the start of a lossless WebP of the given size: the
// RIFF header and the VP8L chunk's header (RFC 9649 §3.2), no pixels.
func vp8lHeader(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	chunk := []byte{0x2f, byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)}
	out := append([]byte("RIFF\x00\x00\x00\x00WEBPVP8L"), byte(len(chunk)), 0, 0, 0)
	out = append(out, chunk...)
	size := len(out) - 8
	out[4], out[5], out[6], out[7] = byte(size), byte(size>>8), byte(size>>16), byte(size>>24)
	return out
}

// TestWebPHeaderBounds checks that a WebP's header is held to the pixel
// limit and to the memory of a lossless decode (12 bytes a pixel).
func TestWebPHeaderBounds(t *testing.T) {
	c := testConfig()
	c.MaxPixels = MaxPixels
	_, err := c.Decode(vp8lHeader(16384, 16384))
	require.ErrorIs(t, err, errTooLarge, "268 megapixels")
	c.MaxMemory = 12*1000*1000 - 1
	_, err = c.Decode(vp8lHeader(1000, 1000))
	require.ErrorIs(t, err, errTooLarge, "12 MB to decode")
	c.MaxMemory = 12 * 1000 * 1000
	_, err = c.Decode(vp8lHeader(1000, 1000))
	require.ErrorIs(t, err, errFormat, "within the bounds, the decoder finds no pixels")
}
