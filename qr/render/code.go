package render

import (
	"github.com/skip2/go-qrcode"

	"github.com/idqr/claim169/qr"
)

// QuietZone is the width, in modules, of the light margin around every code
// this package renders (ISO/IEC 18004 §5.3.8 requires at least 4).
const QuietZone = 4

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
	// Level is the error correction level; zero means qr.DefaultLevel.
	Level qr.Level
	// ModuleSize is the side of a module in whole pixels, 1..MaxModuleSize,
	// for Image and WritePNG; zero means DefaultModuleSize. SVG output is
	// sized in the same pixels; terminal output ignores it.
	ModuleSize int
	// AllowByteMode lets New encode UTF-8 text outside the alphanumeric set
	// in byte mode, which holds far fewer characters, as qr.PlanUTF8 plans
	// it. Without it such text is refused with qr.ErrNotAlphanumeric.
	AllowByteMode bool
}

// Code is an encoded QR code, ready to render. It is immutable and safe for
// concurrent use.
type Code struct {
	layout     qr.Layout
	moduleSize int
	// dark holds the modules row by row, quiet zone included: dark[y][x] is
	// true for a dark module.
	dark [][]bool
}

// New encodes text as a QR code at exactly the version [qr.Plan] computes.
//
// github.com/skip2/go-qrcode renders it (in alphanumeric mode, with numeric
// segments for digit runs where its heuristic finds them) whenever it fits
// the text in that version, which is the case for practically every Base45
// text. When its heuristic segmentation needs more room than the optimal
// one Plan counts, this package's own encoder renders the code instead, in
// exactly Plan's segments: it takes the data bit stream and its padding
// from [qr.DataCodewords], adds the Reed-Solomon codewords of each block,
// and chooses the data mask of least penalty, with gozxing's matrix builder
// placing the modules. Either
// way the code has Plan's version and level, and the text is never put in
// byte mode unless Options.AllowByteMode allows it for non-alphanumeric
// text.
//
// New returns the errors of [qr.Plan] ([qr.PlanUTF8] with AllowByteMode),
// and [ErrModuleSize] for a module size out of range.
func New(text string, opts Options) (*Code, error) {
	size := opts.ModuleSize
	if size == 0 {
		size = DefaultModuleSize
	}
	if size < 1 || size > MaxModuleSize {
		return nil, ErrModuleSize
	}
	plan := qr.Plan
	if opts.AllowByteMode {
		plan = qr.PlanUTF8
	}
	layout, err := plan(text, opts.Level)
	if err != nil {
		return nil, err
	}
	if dark, ok := renderSkip2(text, layout); ok {
		return &Code{layout: layout, moduleSize: size, dark: dark}, nil
	}
	dark, err := encodeOwn(text, layout)
	if err != nil {
		return nil, err
	}
	return &Code{layout: layout, moduleSize: size, dark: dark}, nil
}

// encodeOwn draws text with this package's encoder, in exactly the segments
// Plan counted for layout, quiet zone included.
func encodeOwn(text string, layout qr.Layout) ([][]bool, error) {
	data, err := qr.DataCodewords(text, layout)
	if err != nil {
		return nil, err
	}
	modules, err := symbol(data, layout.Version, layout.Level)
	if err != nil {
		return nil, err
	}
	return withQuietZone(modules), nil
}

// renderSkip2 draws text with skip2/go-qrcode at the planned version and
// level, quiet zone included; ok is false when go-qrcode's segmentation does
// not fit the text in that version. Byte-mode text is left to this
// package's encoder, which writes exactly one byte segment.
func renderSkip2(text string, layout qr.Layout) (dark [][]bool, ok bool) {
	if layout.Mode == qr.ModeByte {
		return nil, false
	}
	q, err := qrcode.NewWithForcedVersion(text, layout.Version, recovery(layout.Level))
	if err != nil {
		return nil, false
	}
	dark = q.Bitmap()
	if want := layout.Modules + 2*QuietZone; len(dark) != want || len(dark[0]) != want {
		return nil, false
	}
	return dark, true
}

// withQuietZone returns the modules surrounded by QuietZone light ones.
func withQuietZone(modules [][]bool) [][]bool {
	n := len(modules) + 2*QuietZone
	dark := make([][]bool, n)
	for y := range dark {
		dark[y] = make([]bool, n)
		if y >= QuietZone && y < n-QuietZone {
			copy(dark[y][QuietZone:], modules[y-QuietZone])
		}
	}
	return dark
}

// Layout returns the layout of the code.
func (c *Code) Layout() qr.Layout { return c.layout }

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
