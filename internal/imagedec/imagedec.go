package imagedec

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"
	"strings"
	"time"

	"golang.org/x/image/webp"

	"github.com/idqr/claim169/internal/bounded"
	"github.com/idqr/claim169/internal/magic"
)

// The bounds of every decode. A Config may lower MaxPixels (and sets its
// own), and may set MaxScans, MaxMemory and MaxDecodeTime; zero means these
// defaults. Together they keep the decoding of any image within
// DefaultMaxDecodeTime of CPU and DefaultMaxMemory, however the file was
// made.
const (
	// MaxBytes is the most bytes of any encoded image, whatever a Config
	// says: 16 MiB, above any phone photo. Entropy decoding a JPEG costs
	// up to 25 ns a byte, so a JPEG of this size is also bounded by
	// DefaultMaxDecodeTime (a PNG or a GIF costs less a byte).
	MaxBytes = 16 << 20
	// MaxPixels is the most pixels of any image, whatever a Config says: 16
	// megapixels, a 4608×3456 phone photo or an A4 page scanned at 300 dpi.
	// Decoding costs 2 to 45 ns a pixel by format (DefaultMaxDecodeTime
	// bounds the costliest), and scanning or fitting the picture costs
	// more, in proportion up to their own working sizes.
	MaxPixels = 16_000_000
	// DefaultMaxScans bounds the scans of a JPEG, counted from its markers
	// before image/jpeg sees it, and their weight: each scan costs a pass
	// over the blocks of its components, and a progressive JPEG of
	// thousands of near-empty scans (78 bytes each) would cost a pass each.
	// Encoders write 1 (baseline) to about 10 (libjpeg's progressive
	// script); 32 passes over 16 megapixels take about 0.4 s.
	DefaultMaxScans = 32
	// DefaultMaxMemory bounds the memory the decoder allocates for the
	// picture, estimated from the header: bytes per pixel by format, bit
	// depth, colour type, interlacing and, for a JPEG, components,
	// sampling and progressive coefficients (from 1 byte a pixel for an
	// 8-bit grey PNG to 24 for a progressive CMYK JPEG). 128 MiB admits a
	// 16-bit RGBA PNG of MaxPixels.
	DefaultMaxMemory = 128 << 20
)

// Config bounds a decode and names the errors it returns. A Config is
// meant to be a package-level value of its caller, set once.
type Config struct {
	// Prefix names the caller in the message of a read error: "scan".
	Prefix string
	// MaxBytes bounds the encoded image Read reads and Decode decodes;
	// MaxBytes (the package's) bounds it in turn.
	MaxBytes int
	// MaxPixels bounds the width times the height, checked from the header
	// before decoding; MaxPixels (the package's) bounds it in turn.
	MaxPixels int
	// MaxScans bounds the scans of a JPEG; zero means DefaultMaxScans.
	MaxScans int
	// MaxMemory bounds the memory estimated for decoding the picture; zero
	// means DefaultMaxMemory.
	MaxMemory int
	// MaxDecodeTime bounds the CPU time estimated for decoding the
	// picture; zero means DefaultMaxDecodeTime.
	MaxDecodeTime time.Duration
	// Formats lists the formats accepted, among PNG, JPEG, GIF and WebP.
	Formats []magic.Type
	// ErrFormat is wrapped for input not in Formats or that does not
	// decode, ErrTooLarge for input over a bound, and ErrEmpty for an image
	// without pixels.
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
	maxBytes := c.maxBytes()
	data, err := bounded.ReadAll(r, int64(maxBytes))
	switch {
	case errors.Is(err, bounded.ErrTooLarge):
		return nil, fmt.Errorf("%w: over %d bytes", c.ErrTooLarge, maxBytes)
	case err != nil:
		return nil, fmt.Errorf("%s: reading image: %w", c.Prefix, err)
	}
	return c.Decode(data)
}

// maxBytes returns the bound on the encoded image: the Config's, at most
// the package's MaxBytes.
func (c *Config) maxBytes() int { return min(c.MaxBytes, MaxBytes) }

// Decode decodes an image of one of the accepted formats once it is within
// the bounds: its size in bytes; the scans of a JPEG, counted from its
// markers; the dimensions ([Config.CheckSize]); the memory the decoder
// would allocate and the CPU time it would take, estimated from the header
// and the size. A decoder that panics on the input yields ErrFormat.
func (c *Config) Decode(data []byte) (img image.Image, err error) {
	if len(data) > c.maxBytes() {
		return nil, fmt.Errorf("%w: over %d bytes", c.ErrTooLarge, c.maxBytes())
	}
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
	maxScans := orDefault(c.MaxScans, DefaultMaxScans)
	pic, err := inspect(t, data, maxScans)
	if err != nil {
		return nil, fmt.Errorf("%w: %v header: %w", c.ErrFormat, t, err)
	}
	if pic.scans > maxScans || pic.passes > float64(maxScans) {
		return nil, fmt.Errorf("%w: a JPEG of over %d scans", c.ErrTooLarge, maxScans)
	}
	cfg, err := dec.config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", c.ErrFormat, err)
	}
	if err := c.CheckSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	maxMemory := orDefault(c.MaxMemory, DefaultMaxMemory)
	if pic.bytesPerPixel*float64(cfg.Width)*float64(cfg.Height) > float64(maxMemory) {
		return nil, fmt.Errorf("%w: decoding would take over %d MiB", c.ErrTooLarge, maxMemory>>20)
	}
	maxTime := orDefault(c.MaxDecodeTime, DefaultMaxDecodeTime)
	if pic.decodeTime(cfg.Width*cfg.Height, len(data)) > maxTime {
		return nil, fmt.Errorf("%w: decoding would take over %v of CPU", c.ErrTooLarge, maxTime)
	}
	img, err = dec.decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", c.ErrFormat, err)
	}
	return img, nil
}

// CheckSize returns ErrEmpty for an image without pixels and ErrTooLarge
// for one of more than MaxPixels, the Config's or the package's.
func (c *Config) CheckSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: empty image", c.ErrEmpty)
	}
	if maxPixels := min(c.MaxPixels, MaxPixels); w > maxPixels/h {
		return fmt.Errorf("%w: over %d pixels", c.ErrTooLarge, maxPixels)
	}
	return nil
}

// orDefault returns n, or def when n is zero.
func orDefault[T int | time.Duration](n, def T) T {
	if n == 0 {
		return def
	}
	return n
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
