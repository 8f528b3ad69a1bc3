package imagedec

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"
	"strings"

	"golang.org/x/image/webp"

	"github.com/idqr/claim169/internal/magic"
)

// Config bounds a decode and names the errors it returns. A Config is
// meant to be a package-level value of its caller, set once.
type Config struct {
	// Prefix names the caller in the message of a read error: "scan".
	Prefix string
	// MaxBytes bounds the encoded image Read reads.
	MaxBytes int
	// MaxPixels bounds the width times the height, checked from the header
	// before decoding.
	MaxPixels int
	// Formats lists the formats accepted, among PNG, JPEG, GIF and WebP.
	Formats []magic.Type
	// ErrFormat is wrapped for input not in Formats or that does not
	// decode, ErrTooLarge for input over MaxBytes or MaxPixels, and
	// ErrEmpty for an image without pixels.
	ErrFormat, ErrTooLarge, ErrEmpty error
}

// codec is the pair of functions that decode one format.
type codec struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// codecs are the decoders of the formats a Config may accept.
var codecs = map[magic.Type]codec{
	magic.PNG:  {png.DecodeConfig, png.Decode},
	magic.JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	magic.GIF:  {gif.DecodeConfig, gif.Decode},
	magic.WebP: {webp.DecodeConfig, webp.Decode},
}

// Read reads at most MaxBytes of an encoded image from r and decodes it as
// [Config.Decode] does. More than MaxBytes is refused with ErrTooLarge
// before anything is decoded.
func (c *Config) Read(r io.Reader) (image.Image, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(c.MaxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: reading image: %w", c.Prefix, err)
	}
	if len(data) > c.MaxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", c.ErrTooLarge, c.MaxBytes)
	}
	return c.Decode(data)
}

// Decode decodes an image of one of the accepted formats after checking,
// with [Config.CheckSize], the dimensions its header declares. A decoder
// that panics on the input yields ErrFormat.
func (c *Config) Decode(data []byte) (img image.Image, err error) {
	t := magic.Detect(data)
	dec, ok := codecs[t]
	if !ok || !slices.Contains(c.Formats, t) {
		return nil, fmt.Errorf("%w: not a %s image", c.ErrFormat, c.formatNames())
	}
	defer func() {
		if recover() != nil {
			img, err = nil, fmt.Errorf("%w: the %v decoder failed", c.ErrFormat, t)
		}
	}()
	cfg, err := dec.config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", c.ErrFormat, err)
	}
	if err := c.CheckSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	img, err = dec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", c.ErrFormat, err)
	}
	return img, nil
}

// CheckSize returns ErrEmpty for an image without pixels and ErrTooLarge
// for one of more than MaxPixels.
func (c *Config) CheckSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: empty image", c.ErrEmpty)
	}
	if w > c.MaxPixels/h {
		return fmt.Errorf("%w: over %d pixels", c.ErrTooLarge, c.MaxPixels)
	}
	return nil
}

// formatNames lists the accepted formats: "PNG, JPEG or GIF".
func (c *Config) formatNames() string {
	names := make([]string, len(c.Formats))
	for i, t := range c.Formats {
		names[i] = t.String()
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
