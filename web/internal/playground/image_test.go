package playground_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/web/internal/playground"
)

// TestRenderScan draws a credential as SVG and PNG and reads the PNG back,
// as a file and as the pixels of a canvas.
func TestRenderScan(t *testing.T) {
	text := newIssuer(t, 1).credential(t, now.Add(time.Hour))
	var r playground.Rendered
	out := playground.RenderQR(text, []byte(`{"ecc": "Q", "module": 4, "png": true}`))
	require.NoError(t, json.Unmarshal(out, &r), "%s", out)
	assert.Contains(t, r.SVG, "<svg")
	assert.Equal(t, "Q", r.QR.ECC)
	require.NotEmpty(t, r.PNG)

	var s playground.Scanned
	require.NoError(t, json.Unmarshal(playground.ScanFile(r.PNG), &s))
	assert.Equal(t, text, s.Text)

	img, err := png.Decode(bytes.NewReader(r.PNG))
	require.NoError(t, err)
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Rect, img, image.Point{}, draw.Src)
	s = playground.Scanned{}
	require.NoError(t, json.Unmarshal(playground.ScanPixels(rgba.Pix, rgba.Rect.Dx(), rgba.Rect.Dy()), &s))
	assert.Equal(t, text, s.Text)

	out = playground.RenderQR(text, nil)
	r = playground.Rendered{}
	require.NoError(t, json.Unmarshal(out, &r))
	assert.Empty(t, r.PNG)
	assert.Equal(t, "M", r.QR.ECC)
}

// TestImageFailures names the stage and the exit code of every refusal.
func TestImageFailures(t *testing.T) {
	blankPNG := imagetest.WhitePNG(40, 30)
	white := bytes.Repeat([]byte{0xff}, 4*40*30) // the RGBA pixels of the same picture
	cases := []struct {
		name  string
		out   []byte
		stage string
		exit  int
	}{
		{"render: not base45", playground.RenderQR("lower case", nil), "qr", record.ExitMalformed},
		{"render: empty", playground.RenderQR("", nil), "qr", record.ExitMalformed},
		{"render: bad module", playground.RenderQR("ABC", []byte(`{"module": 99}`)), "qr", record.ExitMalformed},
		{"render: bad ecc", playground.RenderQR("ABC", []byte(`{"ecc": "Z"}`)), "usage", record.ExitUsage},
		{"scan: not an image", playground.ScanFile([]byte("text")), "image", record.ExitMalformed},
		{"scan: no code", playground.ScanFile(blankPNG), "image", record.ExitMalformed},
		{"scan: no code in pixels", playground.ScanPixels(white, 40, 30), "image", record.ExitMalformed},
		{"scan: short pixels", playground.ScanPixels(white[:100], 40, 30), "image", record.ExitMalformed},
		{"scan: no pixels", playground.ScanPixels(nil, 0, 0), "image", record.ExitMalformed},
		{"scan: too many pixels", playground.ScanPixels(nil, 100_000, 100_000), "image", record.ExitMalformed},
		{"photo: no budget", playground.FitPhoto(blankPNG, nil), "usage", record.ExitUsage},
		{"photo: not an image", playground.FitPhoto([]byte("text"), []byte(`{"maxBytes": 600}`)), "photo", record.ExitMalformed},
		{"photo: unknown option", playground.FitPhoto(blankPNG, []byte(`{"bytes": 600}`)), "usage", record.ExitUsage},
		{"too large", playground.TooLarge(10, 5), "input", record.ExitMalformed},
		{"usage", playground.Usage("want bytes"), "usage", record.ExitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := readFailure(t, c.out)
			assert.Equal(t, c.stage, string(f.Error.Stage), f.Error.Message)
			assert.Equal(t, c.exit, f.Error.Exit)
		})
	}
	f := readFailure(t, playground.Internal())
	assert.Equal(t, record.ExitUsage, f.Error.Exit)
	assert.Empty(t, f.Error.Stage)
}

// TestFitPhoto fits a picture within the budget, as a JPEG whose size and
// dimensions the JSON gives.
func TestFitPhoto(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 300, 400))
	for y := range 400 {
		for x := range 300 {
			src.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var in bytes.Buffer
	require.NoError(t, png.Encode(&in, src))
	var f playground.Fitted
	out := playground.FitPhoto(in.Bytes(), []byte(`{"maxBytes": 700, "crop": true}`))
	require.NoError(t, json.Unmarshal(out, &f), "%s", out)
	assert.LessOrEqual(t, f.Bytes, 700)
	assert.Len(t, f.JPEG, f.Bytes)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(f.JPEG))
	require.NoError(t, err)
	assert.Equal(t, cfg.Width, f.Width)
	assert.Equal(t, cfg.Height, f.Height)
}
