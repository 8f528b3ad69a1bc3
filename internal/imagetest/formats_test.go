package imagetest

import (
	"bytes"
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "golang.org/x/image/webp"
)

// TestFormats checks that every encoding and WebP file is a picture of the
// format its name says, the encodings of the size of the image given.
func TestFormats(t *testing.T) {
	encodings := Encodings(t, image.NewGray(image.Rect(0, 0, 40, 30)), 90)
	for name, data := range encodings {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		require.NoError(t, err, name)
		assert.Equal(t, map[string]string{"PNG": "png", "JPEG": "jpeg", "GIF": "gif"}[name], format)
		assert.Equal(t, [2]int{40, 30}, [2]int{cfg.Width, cfg.Height}, name)
	}
	assert.Len(t, encodings, 3)
	webp := WebP(t)
	assert.Len(t, webp, 2)
	for name, data := range webp {
		_, format, err := image.DecodeConfig(bytes.NewReader(data))
		require.NoError(t, err, name)
		assert.Equal(t, "webp", format, name)
	}
}
