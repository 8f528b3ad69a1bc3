package qr

import (
	"fmt"

	"github.com/skip2/go-qrcode"
)

// Module sizes for [Code.Image] and [Code.WritePNG], in pixels per module.
const (
	DefaultModuleSize = 8
	// MaxModuleSize bounds the rendered image: a version-40 code with its
	// quiet zone is 185 modules, 5920 pixels, on a side at this size.
	MaxModuleSize = 32
)

// Options configures [New]. The zero value renders alphanumeric text at
// level M with 8-pixel modules.
type Options struct {
	// Level is the error correction level; zero means DefaultLevel.
	Level Level
	// ModuleSize is the side of a module in whole pixels, 1..MaxModuleSize,
	// for Image and WritePNG; zero means DefaultModuleSize. SVG output is
	// sized in the same pixels; terminal output ignores it.
	ModuleSize int
	// AllowByteMode lets New encode UTF-8 text outside the alphanumeric set
	// in byte mode, which holds far fewer characters. Without it such text
	// is refused with ErrNotAlphanumeric.
	AllowByteMode bool
}

// Code is an encoded QR code, ready to render. It is immutable and safe for
// concurrent use.
type Code struct {
	layout     Layout
	moduleSize int
	// dark holds the modules row by row, quiet zone included: dark[y][x] is
	// true for a dark module.
	dark [][]bool
}

// New encodes text as a QR code with github.com/skip2/go-qrcode, at the
// version [Plan] computes, so that the layout is predictable: an encoder
// that mixes numeric and alphanumeric segments could sometimes fit a
// smaller version, but never needs a larger one. Alphanumeric text is
// written in alphanumeric (or numeric) segments, never in byte mode.
//
// New returns the errors of [Plan], and [ErrModuleSize] for a module size out
// of range.
func New(text string, opts Options) (*Code, error) {
	size := opts.ModuleSize
	if size == 0 {
		size = DefaultModuleSize
	}
	if size < 1 || size > MaxModuleSize {
		return nil, ErrModuleSize
	}
	layout, err := plan(text, opts.Level, opts.AllowByteMode)
	if err != nil {
		return nil, err
	}
	q, err := qrcode.NewWithForcedVersion(text, layout.Version, layout.Level.recovery())
	if err != nil {
		// Unreachable: the planned version holds the text in one segment,
		// and the encoder's segments are never longer.
		return nil, fmt.Errorf("qr: encoder refused the planned version %d", layout.Version)
	}
	dark := q.Bitmap()
	if want := layout.Modules + 2*QuietZone; len(dark) != want || len(dark[0]) != want {
		return nil, fmt.Errorf("qr: encoder drew %d modules, want %d", len(dark), want)
	}
	return &Code{layout: layout, moduleSize: size, dark: dark}, nil
}

// Layout returns the layout of the code.
func (c *Code) Layout() Layout { return c.layout }

// Size returns the number of modules on a side, quiet zone included:
// Layout().Modules + 2·QuietZone.
func (c *Code) Size() int { return len(c.dark) }

// Dark reports whether the module at column x and row y, counted from the
// outer edge of the quiet zone, is dark. Modules outside the code are light.
func (c *Code) Dark(x, y int) bool {
	if y < 0 || y >= len(c.dark) || x < 0 || x >= len(c.dark[y]) {
		return false
	}
	return c.dark[y][x]
}
